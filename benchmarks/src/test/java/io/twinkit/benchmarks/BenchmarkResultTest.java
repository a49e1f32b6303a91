package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkResultTest {

    @Test
    void readsBenchmarkNamesParametersScoresAndUnits() {
        List<BenchmarkResult> results = BenchmarkResult.readAll(ResultsReportTest.JMH);

        assertThat(results).hasSize(8);
        assertThat(results.get(0).benchmark()).isEqualTo("ParseBenchmark.twinkit");
        assertThat(results.get(0).params()).isEqualTo(Map.of("size", "MEDIUM"));
        assertThat(results.get(0).secondsPerOp()).isCloseTo(10e-6, within(1e-15));
        assertThat(results.get(1).error()).isNaN();
        assertThat(results.get(4).secondsPerOp()).isCloseTo(1 / 123456.7, within(1e-15));
        assertThat(results.get(5).benchmark()).isEqualTo("EmulatorJobBenchmark.twinUpdateJob");
        assertThat(results.get(5).secondsPerOp()).isCloseTo(2.0, within(1e-12));
        assertThat(results.get(5).percentiles()).isEmpty();
    }

    @Test
    void readsThePercentilesOfTheSampleModeOnly() {
        List<BenchmarkResult> results = BenchmarkResult.readAll(ResultsReportTest.JMH);

        BenchmarkResult sampled = results.get(6);
        assertThat(sampled.benchmark()).isEqualTo("MethodRoundTripBenchmark.invoke");
        assertThat(sampled.percentiles()).containsEntry(50.0, 750.0).containsEntry(99.9, 9000.0).hasSize(7);
        assertThat(sampled.percentileSecondsPerOp(99)).isCloseTo(2.5e-3, within(1e-12));
        assertThat(sampled.percentileSecondsPerOp(75)).isNaN();
        // a throughput's percentiles are over iterations, not a distribution of times: not read
        assertThat(results.get(7).percentiles()).isEmpty();
        assertThat(results.get(7).secondsPerOp()).isCloseTo(1 / 42000.0, within(1e-15));
    }

    @Test
    void convertsTimeAndThroughputUnitsToSecondsPerOperation() {
        assertThat(new BenchmarkResult("A.b", Map.of(), 250, 0, "ms/op").secondsPerOp())
                .isCloseTo(0.25, within(1e-12));
        assertThat(new BenchmarkResult("A.b", Map.of(), 4, 0, "ops/ms").secondsPerOp())
                .isCloseTo(2.5e-4, within(1e-12));
        assertThat(new BenchmarkResult("A.b", Map.of(), 3, 0, "B/twin").secondsPerOp()).isNaN();
    }
}
