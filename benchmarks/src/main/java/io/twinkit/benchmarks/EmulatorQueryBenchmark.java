package io.twinkit.benchmarks;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.query.QueryOptions;
import io.twinkit.query.QueryPage;
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

/**
 * Queries through the emulator's query service ({@code hub.queries()}, what {@code POST /devices/query} runs) over an
 * in-memory {@link IotHub} holding 100,000 {@link FleetTwins#twin fleet twins} (about 1.2 KB each, with
 * {@code $metadata}): the two-predicate count {@value #TWO_PREDICATES}, and the equality query {@value #EQUALITY}
 * with its first page of 100 twins. The emulator keeps no index, so both scan every twin; the figures include
 * parsing and compiling the query text, the snapshot, and building the page. Average time per query, in
 * milliseconds:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EmulatorQueryBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class EmulatorQueryBenchmark {

    /** The two-predicate query. */
    public static final String TWO_PREDICATES = "SELECT COUNT() AS n FROM devices"
            + " WHERE tags.location.region = 'westeurope' AND properties.reported.temperature > 30";
    /** The equality query. */
    public static final String EQUALITY = "SELECT * FROM devices WHERE tags.location.plant = 'plant-7'";

    /** How many twins the hub holds. */
    @Param({"100000"})
    public int twins = 100_000;

    // created by setUp, before any benchmark runs
    private IotHub hub;

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public EmulatorQueryBenchmark() {
    }

    /** Imports the fleet into a new hub. */
    @Setup
    public void setUp() {
        hub = IotHub.create();
        for (int i = 0; i < twins; i++) {
            hub.twins().importTwin(TwinDocument.fromJson(JsonValue.parseObject(FleetTwins.twin(i).toJsonBytes())));
        }
    }

    /** Closes the hub. */
    @TearDown
    public void tearDown() {
        hub.close();
    }

    /** Returns the hub, for tests. */
    IotHub hub() {
        return hub;
    }

    /** The two-predicate count. */
    @Benchmark
    public QueryPage<JsonObject> twoPredicateCount() {
        return hub.queries().query(TWO_PREDICATES);
    }

    /** The equality query's first page. */
    @Benchmark
    public QueryPage<JsonObject> equalityFirstPage() {
        return hub.queries().query(EQUALITY, QueryOptions.defaults().withPageSize(100));
    }
}
