package io.twinkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonpatch.JsonPatchException;
import io.twinkit.benchmarks.TwinGenerator.Size;
import io.twinkit.core.MergePatch;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import jakarta.json.JsonMergePatch;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Applying a merge patch (RFC 7386) to a twin's desired properties ({@link DiffFixture}: the patch from version 1 to
 * version 2, about 10% of the leaves): twinkit's {@link MergePatch#applyTo(JsonObject)}, against Jakarta JSON
 * Processing's {@code JsonMergePatch.apply} (Parsson) and java-json-tools' {@code JsonMergePatch.apply}. Every library
 * parses the document and the patch from the same bytes and prepares its patch object in advance; the benchmark
 * measures the application alone, whose result the tests check equals version 2. Average time per application, in
 * microseconds:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ApplyBenchmark -p size=MEDIUM
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ApplyBenchmark {

    /** The size of the twin whose desired properties are patched. */
    @Param({"SMALL", "MEDIUM", "LARGE"})
    public Size size = Size.MEDIUM;

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonProvider provider = JsonProvider.provider();
    private JsonObject target = JsonObject.empty();
    private MergePatch patch = MergePatch.empty();
    private jakarta.json.JsonObject jsonTarget = jakarta.json.JsonValue.EMPTY_JSON_OBJECT;
    private JsonMergePatch jsonPatch = provider.createMergePatch(jakarta.json.JsonValue.EMPTY_JSON_OBJECT);
    private JsonNode treeTarget = mapper.nullNode();
    // assigned by setUp, before any benchmark runs
    private com.github.fge.jsonpatch.mergepatch.JsonMergePatch treePatch;

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public ApplyBenchmark() {
    }

    /**
     * Parses the document and the patch with each library.
     *
     * @throws IOException never for the fixture
     * @throws JsonPatchException never for the fixture
     */
    @Setup
    public void setUp() throws IOException, JsonPatchException {
        DiffFixture fixture = DiffFixture.of(size);
        TwinJson json = TwinJson.standard();
        target = JsonValue.parseObject(fixture.before());
        patch = MergePatch.of(JsonValue.parseObject(fixture.patch()));
        jsonTarget = provider.createReader(new ByteArrayInputStream(fixture.before())).readObject();
        jsonPatch = provider.createMergePatch(provider.createReader(new ByteArrayInputStream(fixture.patch()))
                .readObject());
        treeTarget = mapper.readTree(fixture.before());
        treePatch = com.github.fge.jsonpatch.mergepatch.JsonMergePatch.fromJson(mapper.readTree(fixture.patch()));
    }

    /** twinkit: the patched object, sharing untouched subtrees with the target. */
    @Benchmark
    public JsonObject twinkit() {
        return patch.applyTo(target);
    }

    /** Parsson (Jakarta JSON Processing): the patched value. */
    @Benchmark
    public jakarta.json.JsonValue parsson() {
        return jsonPatch.apply(jsonTarget);
    }

    /**
     * java-json-tools: the patched tree, a copy of the target.
     *
     * @throws JsonPatchException never for the fixture
     */
    @Benchmark
    public JsonNode javaJsonTools() throws JsonPatchException {
        return treePatch.apply(treeTarget);
    }
}
