package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The figures of an MQTT run (the run itself needs an emulator and a hundred connections: run.sh does it). */
class MqttThroughputTest {

    @Test
    void percentilesAreNearestRankOverTheSortedLatencies() {
        long[] millisAsNanos = LongStream.rangeClosed(1, 1000).map(ms -> ms * 1_000_000).toArray();
        MqttThroughput.Figures figures = new MqttThroughput.Figures(100, 10, 1000, millisAsNanos);

        assertThat(figures.updatesPerSecond()).isEqualTo(100);
        assertThat(figures.percentileMillis(50)).isEqualTo(500);
        assertThat(figures.percentileMillis(99)).isEqualTo(990);
        assertThat(figures.percentileMillis(99.9)).isEqualTo(999);
        assertThat(figures.percentileMillis(100)).isEqualTo(1000);
    }

    @Test
    void entriesAreResultsTheReportReads() {
        MqttThroughput.Figures figures = new MqttThroughput.Figures(100, 2, 10, new long[] {1_000_000, 3_000_000});

        List<BenchmarkResult> results = BenchmarkResult.readAll("[" + String.join(",", figures.entries()) + "]");

        assertThat(results).extracting(BenchmarkResult::benchmark).containsExactly(
                "MqttThroughput.updatesPerSecond", "MqttThroughput.latencyP50", "MqttThroughput.latencyP90",
                "MqttThroughput.latencyP99", "MqttThroughput.latencyP999", "MqttThroughput.latencyMax");
        assertThat(results.get(0).score()).isEqualTo(5);
        assertThat(results.get(0).unit()).isEqualTo("ops/s");
        assertThat(results.get(5).score()).isEqualTo(3);
        assertThat(results.get(0).params()).containsEntry("devices", "100").containsEntry("transport", "MQTT_WS");
    }
}
