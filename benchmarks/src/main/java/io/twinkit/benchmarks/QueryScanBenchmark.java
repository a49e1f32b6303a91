package io.twinkit.benchmarks;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.eval.CompiledQuery;
import io.twinkit.query.Query;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A two-predicate query by full scan over 100,000 and 1,000,000 twins in memory:
 * {@value #SQL}, which selects about 10% of them. twinkit evaluates the query with {@link CompiledQuery#select} over
 * {@link TwinDocument}s, as its emulator does; the anchor is a hand-written scan over Jackson {@code JsonNode} trees
 * of the same twins with the two paths compiled in advance as {@link JsonPointer}s. Both return the matching twins.
 *
 * <p>The twins are {@link FleetTwins#compact compact fleet twins} (about 360 bytes of JSON, no
 * {@code $metadata}) so that a million fit in the fork's heap; each side holds only its own model. Average time per
 * query over all the twins, in milliseconds (twins per second = twins / time):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar QueryScanBenchmark -p twins=1000000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms5g", "-Xmx5g"})
public class QueryScanBenchmark {

    /** The query. */
    public static final String SQL = "SELECT * FROM devices WHERE tags.location.region = 'westeurope'"
            + " AND properties.reported.temperature > 30";

    private static final JsonPointer REGION = JsonPointer.compile("/tags/location/region");
    private static final JsonPointer TEMPERATURE = JsonPointer.compile("/properties/reported/temperature");

    /** How many twins are scanned. */
    @Param({"100000", "1000000"})
    public int twins = 100_000;

    private final CompiledQuery query = CompiledQuery.compile(Query.parse(SQL));
    private List<TwinDocument> documents = List.of();
    private List<JsonNode> trees = List.of();

    /** Creates the benchmark; JMH calls {@link #setUp(BenchmarkParams)} before measuring. */
    public QueryScanBenchmark() {
    }

    /**
     * Builds the twins in the model of the benchmark about to run (the other one is left empty).
     *
     * @param params which benchmark runs
     * @throws IOException never for the fixture
     */
    @Setup
    public void setUp(BenchmarkParams params) throws IOException {
        boolean jackson = params.getBenchmark().endsWith(".jacksonPointerScan");
        if (jackson) {
            trees = jacksonTrees(twins);
        } else {
            documents = documents(twins);
        }
    }

    /** Releases the twins before the next benchmark of the fork. */
    @TearDown
    public void tearDown() {
        documents = List.of();
        trees = List.of();
    }

    /** Returns {@code count} compact fleet twins as twinkit parses them. */
    static List<TwinDocument> documents(int count) {
        TwinJson json = TwinJson.standard();
        List<TwinDocument> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(TwinDocument.fromJson(JsonValue.parseObject(FleetTwins.compact(i).toJsonBytes())));
        }
        return result;
    }

    /** Returns {@code count} compact fleet twins as Jackson parses them. */
    static List<JsonNode> jacksonTrees(int count) throws IOException {
        TwinJson json = TwinJson.standard();
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(mapper.readTree(FleetTwins.compact(i).toJsonBytes()));
        }
        return result;
    }

    /** Sets the twinkit twins directly, for tests. */
    void documents(List<TwinDocument> value) {
        documents = value;
    }

    /** Sets the Jackson twins directly, for tests. */
    void trees(List<JsonNode> value) {
        trees = value;
    }

    /** twinkit: the compiled query over the twins. */
    @Benchmark
    public List<TwinDocument> twinkit() {
        return query.select(documents);
    }

    /** The anchor: both predicates through precompiled JSON pointers over Jackson trees. */
    @Benchmark
    public List<JsonNode> jacksonPointerScan() {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode twin : trees) {
            JsonNode region = twin.at(REGION);
            if (region.isTextual() && region.textValue().equals("westeurope")) {
                JsonNode temperature = twin.at(TEMPERATURE);
                if (temperature.isNumber() && temperature.doubleValue() > 30) {
                    matches.add(twin);
                }
            }
        }
        return matches;
    }
}
