package io.twinkit.benchmarks;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.device.Transport;
import io.twinkit.device.DeviceConnection;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Measures reported-property updates over MQTT: an emulator ({@link TwinkitEmulator}, every port chosen free, never
 * 8883) and {@code N} devices (default 100), each a {@link DeviceConnection} over MQTT over WebSocket with TLS on its
 * own connection, each sending reported patches back to back from its own thread (every {@code report} waits for the
 * hub's answer). After a warm-up, it counts the updates completed in the measurement window and records the latency
 * of each. Device and emulator share this JVM and the machine's cores. A JMH harness does not fit a hundred
 * connections, so this is a program of its own:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.twinkit.benchmarks.MqttThroughput --devices 100 --warmup 5 --seconds 20
 * </pre>
 *
 * <p>Options: {@code --devices N}, {@code --warmup SECONDS}, {@code --seconds SECONDS} and {@code --out FILE}, which
 * receives the figures as a JMH-style JSON result array that {@link ResultsReport} reads: updates per second and the
 * latency percentiles in milliseconds.
 */
public final class MqttThroughput {

    private MqttThroughput() {
    }

    /** The figures of one run. */
    record Figures(int devices, double seconds, long updates, long[] sortedLatencyNanos) {

        double updatesPerSecond() {
            return updates / seconds;
        }

        double percentileMillis(double percentile) {
            if (sortedLatencyNanos.length == 0) {
                return Double.NaN;
            }
            // nearest rank; the epsilon keeps 99% of 1000 at rank 990 despite binary fractions
            int index = (int) Math.ceil(percentile * sortedLatencyNanos.length / 100 - 1e-9) - 1;
            return sortedLatencyNanos[Math.max(0, Math.min(index, sortedLatencyNanos.length - 1))] / 1e6;
        }

        List<String> entries() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("devices", Integer.toString(devices));
            params.put("transport", "MQTT_WS");
            List<String> entries = new ArrayList<>();
            entries.add(ResultEntries.entry(MqttThroughput.class, "updatesPerSecond", params, updatesPerSecond(),
                    "ops/s"));
            for (double p : new double[] {50, 90, 99, 99.9, 100}) {
                String name = p == 100 ? "latencyMax" : "latencyP" + (p == 99.9 ? "999" : Integer.toString((int) p));
                entries.add(ResultEntries.entry(MqttThroughput.class, name, params, percentileMillis(p), "ms"));
            }
            return entries;
        }
    }

    /**
     * Runs the measurement; see the class documentation for the options.
     *
     * @throws IOException if the result file cannot be written
     * @throws InterruptedException if interrupted while the devices run
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int devices = 100;
        int warmup = 5;
        int seconds = 20;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--devices" -> devices = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Figures figures = run(devices, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds));
        System.out.printf(Locale.ROOT, "%d devices over MQTT_WS: %d reported updates in %.1f s = %.0f updates/s;"
                + " latency ms p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f%n", figures.devices(),
                figures.updates(), figures.seconds(), figures.updatesPerSecond(), figures.percentileMillis(50),
                figures.percentileMillis(90), figures.percentileMillis(99), figures.percentileMillis(99.9),
                figures.percentileMillis(100));
        if (out != null) {
            ResultEntries.write(out, figures.entries());
        }
        // the device SDK leaves non-daemon threads behind
        System.exit(0);
    }

    /** Starts an emulator, connects {@code devices} devices and measures their reported updates. */
    static Figures run(int devices, Duration warmup, Duration measure) throws InterruptedException {
        List<DeviceId> ids = new ArrayList<>(devices);
        for (int i = 0; i < devices; i++) {
            ids.add(DeviceId.of(String.format(Locale.ROOT, "mqtt-device-%03d", i)));
        }
        EmulatorConfig config = EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0).devices(ids).build();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            List<DeviceConnection> clients = connect(emulator, ids);
            try {
                return measure(clients, warmup, measure);
            } finally {
                closeAll(clients);
            }
        }
    }

    private static List<DeviceConnection> connect(TwinkitEmulator emulator, List<DeviceId> ids)
            throws InterruptedException {
        SSLContext ssl = emulator.clientSslContext();
        String endpoint = TwinkitEmulator.SERVICE_HOST + ":" + emulator.mqttWsPort();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<DeviceConnection>> opening = new ArrayList<>();
            for (DeviceId id : ids) {
                opening.add(pool.submit(() -> {
                    DeviceConnection client = DeviceConnection.builder()
                            .connectionString(emulator.deviceConnectionString(id))
                            .sslContext(ssl)
                            .transport(Transport.MQTT_WEBSOCKET)
                            .endpoint(endpoint)
                            .operationTimeout(Duration.ofSeconds(60))
                            .build();
                    client.open();
                    return client;
                }));
            }
            List<DeviceConnection> clients = new ArrayList<>();
            for (Future<DeviceConnection> future : opening) {
                try {
                    clients.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    closeAll(clients);
                    throw new IllegalStateException("a device could not connect: " + e.getCause(), e.getCause());
                }
            }
            return clients;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Figures measure(List<DeviceConnection> clients, Duration warmup, Duration measure)
            throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + measure.toNanos();
        List<long[]> latencies = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients.size());
        List<Thread> threads = new ArrayList<>();
        for (int d = 0; d < clients.size(); d++) {
            DeviceConnection client = clients.get(d);
            LatencyLog log = new LatencyLog();
            int device = d;
            Thread thread = new Thread(() -> {
                try {
                    long sequence = 0;
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    long now;
                    while ((now = System.nanoTime()) < windowEnd) {
                        MergePatch patch = MergePatch.builder()
                                .set("temperature", 15 + (sequence % 3000) / 100.0)
                                .set("sequence", sequence++)
                                .set("device", device)
                                .build();
                        client.report(patch);
                        long end = System.nanoTime();
                        if (now >= windowStart && end <= windowEnd) {
                            log.add(end - now);
                        }
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    System.err.println("device " + device + " failed: " + e);
                } finally {
                    synchronized (latencies) {
                        latencies.add(log.toArray());
                    }
                    done.countDown();
                }
            }, "mqtt-throughput-" + d);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        done.await();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " devices failed; see the messages above");
        }
        long total = latencies.stream().mapToLong(l -> l.length).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] log : latencies) {
            System.arraycopy(log, 0, all, at, log.length);
            at += log.length;
        }
        Arrays.sort(all);
        return new Figures(clients.size(), measure.toNanos() / 1e9, total, all);
    }

    private static void closeAll(List<DeviceConnection> clients) {
        clients.parallelStream().forEach(client -> {
            try {
                client.close();
            } catch (RuntimeException e) {
                System.err.println("closing a device failed: " + e);
            }
        });
    }

    /** A growable array of latencies in nanoseconds; one per thread. */
    private static final class LatencyLog {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
