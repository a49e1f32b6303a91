package io.twinkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Acknowledged twin writes per second over MQTT and TLS (issue 19): one {@link MqttLoad} client of
 * {@code connections} connections, each keeping {@code inFlight} requests in flight, against a
 * {@link TwinWriteTarget}: the wire emulator in memory ({@code memory}), the emulator with a data directory
 * ({@code sync}, every acknowledged write synced to the disk; {@code relaxed}, in the store file and synced on a short
 * timer) or the Moquette broker with persistence ({@code moquette}, QoS 1
 * PUBLISH answered by PUBACK), all in this JVM on loopback, client and server sharing the machine's cores. A request
 * to the emulator is a reported-properties PATCH of a 21-byte body answered by {@code $iothub/twin/res/204}.
 *
 * <p>Each combination runs in its own fork: the setup starts the target, connects every client, starts the load and
 * lets it run {@code warmupSeconds}; the one measured invocation then lets it run {@code seconds} more and reports,
 * beside its own time (JMH's score, about {@code seconds}), the secondary results
 *
 * <ul>
 *   <li>{@code acksPerSecond}: requests acknowledged per second in that window (JMH's single-shot mode drops
 *       per-second counters, so the window's own figure is reported; {@code acknowledged} is the count);</li>
 *   <li>{@code p50Millis}, {@code p99Millis}: latency percentiles of those acknowledgements (request written to answer
 *       read, on the client's event loop; {@link LatencyHistogram}, at most 0.8% high);</li>
 *   <li>{@code diskBytesPerWrite}: {@code write_bytes} of {@code /proc/self/io} over the window divided by the
 *       acknowledgements: bytes this JVM caused to be written to storage, counted by the kernel when a page cache page
 *       turns dirty (so a 20-byte append to a page synced a moment before counts 4 KiB, as the disk sees it), never
 *       socket or pipe traffic; nothing else in the fork writes files during the window. -1 where the kernel does
 *       not account it;</li>
 *   <li>{@code storeBytesPerWrite}: the growth of the data directory's files over the window per acknowledgement
 *       (0 in memory; an append-only store that reuses free space grows less than it writes).</li>
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DurableTwinWriteBenchmark
 * java -jar benchmarks/target/benchmarks.jar DurableTwinWriteBenchmark -p seconds=10 -p connections=100
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DurableTwinWriteBenchmark {

    /**
     * The server loaded: {@code memory}, {@code sync}, {@code relaxed} or {@code moquette} (see
     * {@link TwinWriteTarget}).
     */
    @Param({"memory", "sync", "relaxed", "moquette"})
    public String target;

    /** The client's connections (and, for the emulator, devices). */
    @Param({"100", "1000"})
    public int connections;

    /** The requests each connection keeps in flight. */
    @Param({"1", "8"})
    public int inFlight;

    /** The length of the measured window in seconds. */
    @Param({"20"})
    public int seconds;

    /** How long the load runs before the measured window, in seconds. */
    @Param({"5"})
    public int warmupSeconds;

    /** The client's event loop threads. */
    static final int CLIENT_THREADS = 2;

    // created by setUp
    private TwinWriteTarget server;
    private MqttLoad load;

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public DurableTwinWriteBenchmark() {
    }

    /** Figures of the window, which JMH reports as they are. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {
        /** The requests acknowledged per second of the window (its own clock: from drained to drained). */
        public double acksPerSecond;
        /** The requests acknowledged in the window. */
        public long acknowledged;
        /** The median latency in milliseconds. */
        public double p50Millis;
        /** The 99th percentile latency in milliseconds. */
        public double p99Millis;
        /** Bytes the JVM caused to be written to storage per acknowledged request; -1 where not accounted. */
        public double diskBytesPerWrite;
        /** Growth of the data directory per acknowledged request. */
        public double storeBytesPerWrite;

        /** Creates the figures. */
        public Figures() {
        }

        /** Clears the figures before an iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            acksPerSecond = 0;
            acknowledged = 0;
            p50Millis = 0;
            p99Millis = 0;
            diskBytesPerWrite = 0;
            storeBytesPerWrite = 0;
        }
    }

    /**
     * Starts the target, connects the client, starts the load and warms it up.
     *
     * @throws InterruptedException if interrupted while connecting or warming up
     */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        setUp(false);
    }

    /** Sets up as {@link #setUp()} does, Moquette counting the PUBLISHes it routes; for tests. */
    void setUpCountingDeliveries() throws InterruptedException {
        setUp(true);
    }

    private void setUp(boolean countDeliveries) throws InterruptedException {
        server = TwinWriteTarget.start(target, connections, countDeliveries);
        try {
            load = MqttLoad.connect(server.kind(), server.port(), connections, inFlight, CLIENT_THREADS,
                    server::connection);
            load.start();
            if (warmupSeconds > 0) {
                load.measure(Duration.ofSeconds(warmupSeconds));
            }
        } catch (RuntimeException | InterruptedException e) {
            tearDown();
            throw e;
        }
    }

    /** Closes the client and stops the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (load != null) {
                load.close();
            }
        } finally {
            load = null;
            if (server != null) {
                server.close();
            }
            server = null;
        }
    }

    /** Returns the target, for tests. */
    TwinWriteTarget server() {
        return server;
    }

    /** Returns the load, for tests. */
    MqttLoad load() {
        return load;
    }

    /**
     * Lets the load run {@code seconds} and records what was acknowledged in that window.
     *
     * @return the window's figures
     * @throws InterruptedException if interrupted while the load runs
     */
    @Benchmark
    public MqttLoad.Window run(Figures figures) throws InterruptedException {
        long diskBefore = writeBytes();
        long storeBefore = server.storeBytes();
        MqttLoad.Window window = load.measure(Duration.ofSeconds(seconds));
        long diskAfter = writeBytes();
        long storeAfter = server.storeBytes();
        long acknowledged = Math.max(1, window.acknowledged());
        figures.acksPerSecond = window.perSecond();
        figures.acknowledged = window.acknowledged();
        figures.p50Millis = window.latencyMillis(50);
        figures.p99Millis = window.latencyMillis(99);
        figures.diskBytesPerWrite = diskBefore < 0 ? -1 : (double) (diskAfter - diskBefore) / acknowledged;
        figures.storeBytesPerWrite = (double) (storeAfter - storeBefore) / acknowledged;
        return window;
    }

    /** Returns {@code write_bytes} of {@code /proc/self/io}, or -1 where the kernel does not provide it. */
    static long writeBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
