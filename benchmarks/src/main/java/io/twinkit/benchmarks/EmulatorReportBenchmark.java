package io.twinkit.benchmarks;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process reported-property updates through the emulator's twin service ({@code hub.twins().report}, what a
 * device's MQTT {@code PATCH} of reported properties runs after decoding): an in-memory {@link IotHub} with 100
 * {@link FleetTwins#twin fleet twins}, each update a two-property patch to the next device in turn, validated,
 * merged, version-bumped and stamped with {@code $metadata} like the service does. Updates per second, from one
 * thread and from two:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EmulatorReportBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EmulatorReportBenchmark {

    /** How many devices the updates go to, in turn. */
    static final int DEVICES = 100;

    // created by setUp, before any benchmark runs
    private IotHub hub;
    private final TwinKey[] keys = new TwinKey[DEVICES];

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public EmulatorReportBenchmark() {
    }

    /** Imports the devices into a new hub. */
    @Setup
    public void setUp() {
        hub = IotHub.create();
        for (int i = 0; i < DEVICES; i++) {
            JsonObject twin = FleetTwins.twin(i);
            hub.twins().importTwin(io.twinkit.core.TwinDocument.fromJson(twin));
            keys[i] = TwinKey.device(DeviceId.of(twin.valueOrNull("deviceId").asString()));
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

    /** The state of one updating thread: which device is next and the value it reports. */
    @State(Scope.Thread)
    public static class Updater {
        private int next;

        /** Creates the state. */
        public Updater() {
        }

        /** Returns the next patch: a new temperature and a sequence number. */
        JsonObject patch() {
            int n = next;
            return JsonObject.of("temperature", JsonNumber.of(15 + (n % 3000) / 100.0),
                    "sequence", JsonNumber.of(n), "status", JsonString.of(n % 2 == 0 ? "ok" : "busy"));
        }

        int advance() {
            return next++ % DEVICES;
        }
    }

    /**
     * Reports one patch for the next device, from one thread.
     *
     * @param updater the thread's state
     * @return the new reported {@code $version}
     */
    @Benchmark
    public long reportedUpdate(Updater updater) {
        JsonObject patch = updater.patch();
        return hub.twins().report(keys[updater.advance()], patch, null);
    }

    /**
     * Reports one patch for the next device, from each of two threads.
     *
     * @param updater the thread's state
     * @return the new reported {@code $version}
     */
    @Benchmark
    @Threads(2)
    public long reportedUpdateTwoThreads(Updater updater) {
        JsonObject patch = updater.patch();
        return hub.twins().report(keys[updater.advance()], patch, null);
    }
}
