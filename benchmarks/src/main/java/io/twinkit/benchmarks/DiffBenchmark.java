package io.twinkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Diffing two versions of a twin's desired properties ({@link DiffFixture}: about 10% of the leaves changed, some
 * removed and some added; each library's trees parsed separately from the same bytes): twinkit's
 * {@link MergePatch#compute} against zjsonpatch's {@code JsonDiff.asJson} (RFC 6902 operations), Jakarta JSON
 * Processing's {@code createMergeDiff} (Parsson, RFC 7386) and java-json-tools' {@code JsonDiff.asJson} (RFC 6902).
 * The JSON Patch libraries produce operations rather than a merge patch; the tests apply every output to version 1
 * and check that it gives version 2. Average time per diff, in microseconds:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DiffBenchmark -p size=MEDIUM
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DiffBenchmark {

    /** The size of the twin whose desired properties are diffed. */
    @Param({"SMALL", "MEDIUM", "LARGE"})
    public Size size = Size.MEDIUM;

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonProvider provider = JsonProvider.provider();
    private JsonObject v1 = JsonObject.empty();
    private JsonObject v2 = JsonObject.empty();
    private JsonNode tree1 = mapper.nullNode();
    private JsonNode tree2 = mapper.nullNode();
    private jakarta.json.JsonObject json1 = jakarta.json.JsonValue.EMPTY_JSON_OBJECT;
    private jakarta.json.JsonObject json2 = jakarta.json.JsonValue.EMPTY_JSON_OBJECT;

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public DiffBenchmark() {
    }

    /**
     * Parses both versions with each library.
     *
     * @throws IOException never for the fixture
     */
    @Setup
    public void setUp() throws IOException {
        DiffFixture fixture = DiffFixture.of(size);
        TwinJson json = TwinJson.standard();
        v1 = JsonValue.parseObject(fixture.before());
        v2 = JsonValue.parseObject(fixture.after());
        tree1 = mapper.readTree(fixture.before());
        tree2 = mapper.readTree(fixture.after());
        json1 = provider.createReader(new ByteArrayInputStream(fixture.before())).readObject();
        json2 = provider.createReader(new ByteArrayInputStream(fixture.after())).readObject();
    }

    /** twinkit: the minimal merge patch. */
    @Benchmark
    public MergePatch twinkit() {
        return MergePatch.compute(v1, v2);
    }

    /** zjsonpatch: RFC 6902 operations, with its default flags. */
    @Benchmark
    public JsonNode zjsonpatch() {
        return com.flipkart.zjsonpatch.JsonDiff.asJson(tree1, tree2);
    }

    /** Parsson (Jakarta JSON Processing): the RFC 7386 merge diff, through a provider looked up once. */
    @Benchmark
    public JsonMergePatch parsson() {
        return provider.createMergeDiff(json1, json2);
    }

    /** java-json-tools: RFC 6902 operations. */
    @Benchmark
    public JsonNode javaJsonTools() {
        return com.github.fge.jsonpatch.diff.JsonDiff.asJson(tree1, tree2);
    }
}
