package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The durable twin write benchmark counts what the servers did, at a tiny size (2 connections × 2 in flight for a
 * second, free ports, never 8883); nothing here asserts a speed.
 */
@Timeout(180)
class DurableTwinWriteBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sync", "relaxed", "moquette"})
    void everyAcknowledgedRequestIsOneWriteTheServerConfirms(String target) throws Exception {
        DurableTwinWriteBenchmark benchmark = new DurableTwinWriteBenchmark();
        benchmark.target = target;
        benchmark.connections = 2;
        benchmark.inFlight = 2;
        benchmark.seconds = 1;
        benchmark.warmupSeconds = 0;
        if (target.equals("moquette")) {
            // the counting interceptor, which the benchmark itself leaves out
            benchmark.setUpCountingDeliveries();
        } else {
            benchmark.setUp();
        }
        try {
            DurableTwinWriteBenchmark.Figures figures = new DurableTwinWriteBenchmark.Figures();
            MqttLoad.Window window = benchmark.run(figures);

            assertThat(window.acknowledged()).isPositive();
            assertThat(window.latencies().count()).isEqualTo(window.acknowledged());
            assertThat(window.seconds()).isBetween(1.0, 5.0);
            assertThat(figures.acknowledged).isEqualTo(window.acknowledged());
            assertThat(figures.acksPerSecond).isCloseTo(window.acknowledged() / window.seconds(), within(1e-6));
            assertThat(figures.p50Millis).isPositive().isLessThanOrEqualTo(figures.p99Millis);
            if (target.equals("memory")) {
                assertThat(figures.storeBytesPerWrite).isZero();
            }

            MqttLoad load = benchmark.load();
            load.stopAndAwaitAnswers();
            long sent = load.sent();
            assertThat(load.acknowledged()).isEqualTo(sent).isGreaterThanOrEqualTo(window.acknowledged());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // Moquette hands a PUBLISH to its interceptors on a thread of their own, maybe after the PUBACK
            while (benchmark.server().confirmedWrites() < sent && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(benchmark.server().confirmedWrites()).isEqualTo(sent);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void theHistogramReadsPercentilesWithinItsBucketWidth() {
        LatencyHistogram histogram = new LatencyHistogram();
        Random random = new Random(19);
        long[] values = new long[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(random.nextDouble() * Math.log(5e9));
            histogram.record(values[i]);
        }
        java.util.Arrays.sort(values);

        assertThat(histogram.count()).isEqualTo(values.length);
        for (double p : new double[] {1, 50, 90, 99, 99.9}) {
            long exact = values[(int) Math.ceil(p * values.length / 100) - 1];
            assertThat(histogram.percentile(p)).as("p%s", p).isGreaterThanOrEqualTo(exact)
                    .isLessThanOrEqualTo(exact + exact / 128 + 1);
        }
        assertThat(histogram.percentile(100)).isEqualTo(values[values.length - 1]);

        LatencyHistogram other = new LatencyHistogram();
        other.record(-5);
        other.record(1L << 50);
        histogram.add(other);
        assertThat(histogram.count()).isEqualTo(values.length + 2);
        assertThat(histogram.percentile(0)).isZero();
        assertThat(histogram.percentile(100)).isEqualTo(1L << 50);
        for (long v : new long[] {0, 127, 128, 255, 256, 1_000_000, (1L << 40) - 1, 1L << 40}) {
            int index = LatencyHistogram.index(v);
            assertThat(LatencyHistogram.upperBound(index)).as("%s", v).isGreaterThanOrEqualTo(v);
            assertThat(index == 0 || LatencyHistogram.upperBound(index - 1) < v).as("%s", v).isTrue();
        }
    }
}
