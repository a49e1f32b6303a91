package io.twinkit.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.twinkit.core.DeviceId;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Telemetry messages the wire emulator ({@link TwinkitEmulator}, every port free, never 8883) accepts per second with
 * QoS 1 from {@value #DEVICES} devices: {@value #DEVICES} MQTT connections over TLS on loopback
 * ({@link LoopbackMqttDevice}, Netty's MQTT codec, two event loop threads; no SDK), each publishing to
 * {@code devices/{id}/messages/events/} (the application property {@code seq}, content type JSON, a 30-byte JSON
 * body) and keeping at most {@code window} messages awaiting their PUBACK, sending the next as each PUBACK arrives.
 * The emulator acknowledges a message once it is in the hub's telemetry journal (10,000 messages kept, the oldest
 * dropped). One operation is one acknowledged message: each invocation sends {@value #MESSAGES_PER_DEVICE} messages
 * from every device and returns when all are acknowledged, so the score is messages acknowledged per second. Devices
 * and emulator share this JVM and the machine's cores:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar TelemetryThroughputBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(TelemetryThroughputBenchmark.MESSAGES_PER_INVOCATION)
public class TelemetryThroughputBenchmark {

    /** The devices, each on its own connection. */
    static final int DEVICES = 100;
    /** The messages each device sends per invocation. */
    static final int MESSAGES_PER_DEVICE = 50;
    /** The messages per invocation, all devices together: JMH's operations per invocation. */
    static final int MESSAGES_PER_INVOCATION = DEVICES * MESSAGES_PER_DEVICE;

    /** The most messages a device has awaiting their PUBACK. */
    @Param({"16"})
    public int window;

    // created by setUp, before any benchmark runs
    private TwinkitEmulator emulator;
    private EventLoopGroup loops;
    private final List<LoopbackMqttDevice> devices = new ArrayList<>();

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public TelemetryThroughputBenchmark() {
    }

    /**
     * Starts the emulator and connects the devices.
     *
     * @throws Exception if a device cannot connect
     */
    @Setup
    public void setUp() throws Exception {
        List<DeviceId> ids = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            ids.add(DeviceId.of(String.format(Locale.ROOT, "telemetry-%03d", i)));
        }
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .devices(ids).build());
        loops = LoopbackMqttDevice.eventLoops(2);
        List<CompletableFuture<LoopbackMqttDevice>> connecting = new ArrayList<>();
        for (DeviceId id : ids) {
            connecting.add(LoopbackMqttDevice.connect(loops, emulator, id, null));
        }
        for (CompletableFuture<LoopbackMqttDevice> device : connecting) {
            devices.add(device.get(60, TimeUnit.SECONDS));
        }
    }

    /** Disconnects the devices and stops the emulator. */
    @TearDown
    public void tearDown() {
        devices.forEach(LoopbackMqttDevice::close);
        devices.clear();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        emulator.close();
    }

    /** Returns the emulator, for tests. */
    TwinkitEmulator emulator() {
        return emulator;
    }

    /** Returns the messages the hub acknowledged so far, over every device, for tests. */
    long acknowledged() {
        return devices.stream().mapToLong(LoopbackMqttDevice::telemetryAcknowledged).sum();
    }

    /**
     * Sends {@value #MESSAGES_PER_DEVICE} messages from every device and waits until each is acknowledged.
     *
     * @return the messages acknowledged, {@value #MESSAGES_PER_INVOCATION}
     * @throws Exception if a device failed or the messages were not acknowledged within a minute
     */
    @Benchmark
    public int sendAndAwaitAcks() throws Exception {
        List<CompletableFuture<Integer>> bursts = new ArrayList<>(DEVICES);
        for (LoopbackMqttDevice device : devices) {
            bursts.add(device.sendTelemetry(MESSAGES_PER_DEVICE, window));
        }
        int acknowledged = 0;
        try {
            for (CompletableFuture<Integer> burst : bursts) {
                acknowledged += burst.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a device's telemetry was not acknowledged: " + e, e);
        }
        return acknowledged;
    }
}
