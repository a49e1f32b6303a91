package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReportTest {

    /** A cut-down JMH result file: parse figures, a scan, a throughput and a single-shot job, as JMH writes them. */
    static final String JMH = """
            [
              {"jmhVersion":"1.37","benchmark":"io.twinkit.benchmarks.ParseBenchmark.twinkit","mode":"avgt",
               "threads":1,"forks":1,"params":{"size":"MEDIUM"},
               "primaryMetric":{"score":10.0,"scoreError":0.5,"scoreConfidence":[9.5,10.5],"scoreUnit":"us/op"}},
              {"jmhVersion":"1.37","benchmark":"io.twinkit.benchmarks.ParseBenchmark.sdkFromJson","mode":"avgt",
               "params":{"size":"MEDIUM"},"primaryMetric":{"score":120.0,"scoreError":"NaN","scoreUnit":"us/op"}},
              {"jmhVersion":"1.37","benchmark":"io.twinkit.benchmarks.ParseBenchmark.jacksonReadTree","mode":"avgt",
               "params":{"size":"MEDIUM"},"primaryMetric":{"score":12.5,"scoreError":0.1,"scoreUnit":"us/op"}},
              {"jmhVersion":"1.37","benchmark":"io.twinkit.benchmarks.QueryScanBenchmark.twinkit","mode":"avgt",
               "params":{"twins":"1000000"},"primaryMetric":{"score":250.0,"scoreError":3.0,"scoreUnit":"ms/op"}},
              {"jmhVersion":"1.37","benchmark":"io.twinkit.benchmarks.EmulatorReportBenchmark.reportedUpdate",
               "mode":"thrpt","primaryMetric":{"score":123456.7,"scoreError":1000,"scoreUnit":"ops/s"}},
              {"jmhVersion":"1.37","benchmark":"io.twinkit.benchmarks.EmulatorJobBenchmark.twinUpdateJob","mode":"ss",
               "params":{"twins":"100000"},"primaryMetric":{"score":2000.0,"scoreError":100.0,"scoreUnit":"ms/op"}},
              {"jmhVersion":"1.37","benchmark":"io.twinkit.benchmarks.MethodRoundTripBenchmark.invoke","mode":"sample",
               "params":{"device":"netty"},"primaryMetric":{"score":812.5,"scoreError":20.0,"scorePercentiles":
               {"0.0":300.0,"50.0":750.0,"90.0":1100.0,"95.0":1300.0,"99.0":2500.0,"99.9":9000.0,"100.0":15000.0},
               "scoreUnit":"us/op"}},
              {"jmhVersion":"1.37","benchmark":"io.twinkit.benchmarks.TelemetryThroughputBenchmark.sendAndAwaitAcks",
               "mode":"thrpt","params":{"window":"16"},"primaryMetric":{"score":42000.0,"scoreError":2100.0,
               "scorePercentiles":{"0.0":40000.0,"50.0":42000.0,"100.0":44000.0},"scoreUnit":"ops/s"}}
            ]
            """;

    @Test
    void reportsRatiosAgainstEveryAnchorWithTheTargetsMetOrMissed() {
        String report = ResultsReport.render(BenchmarkResult.readAll(JMH), "- CPUs: 2", "benchmarks/run.sh --quick",
                "754");

        assertThat(report).contains("Command: `benchmarks/run.sh --quick` (run time 12 min 34 s)");
        assertThat(report).contains("## Machine\n\n- CPUs: 2");
        // SDK 120 µs / twinkit 10 µs = 12×, short of 15×; Jackson 12.5 / 10 = 1.25×, no slower
        assertThat(report).contains("| size=MEDIUM | 10.00 µs ± 5.0% | SDK `Twin.fromJson` | 120.00 µs | 12× | ≥ 15× |"
                + " **missed** |");
        assertThat(report).contains("| size=MEDIUM | 10.00 µs ± 5.0% | Jackson `readTree` | 12.50 µs ± 0.8% | 1.25× |"
                + " ≥ 1× | **met** |");
        assertThat(report).contains("| size=MEDIUM | 10.00 µs ± 5.0% | Gson `parseString` | not run | – |  |  |");
        // 1,000,000 twins in 250 ms = 4 M twins/s
        assertThat(report).contains("| 1,000,000 | 250.00 ms ± 1.2% | 4,000,000 | ≥ 3,500,000 | **met** |");
        assertThat(report).contains("| `EmulatorReportBenchmark.reportedUpdate` | – | 123,457 ops/s ± 0.8% |");
        // 100,000 twins in 2 s = 50,000 twins/s
        assertThat(report).contains("| 100,000 | 2.00 s ± 5.0% | 50,000 | ≥ 20,000 | **met** |");
        assertThat(report).contains("| A twin update job updates at least 20,000 twins per second | 100,000 twins:"
                + " 50,000 twins/s | **met** |");
        assertThat(report).contains("twinkit ≥ 15× SDK `Twin.fromJson` (size=MEDIUM) | size=MEDIUM: 12× → missed |"
                + " **missed** |");
        assertThat(report).contains("Serialize a whole twin: twinkit ≥ 5× SDK `TwinState` to JSON (size=MEDIUM) |"
                + " not measured | not measured |");
        assertThat(report).contains("| 1,000,000 twins fit in under 4 GiB of emulator heap | not measured |");
        // the sampled round trip: mean, then p50, p90, p99 and p99.9 in readable units
        assertThat(report).contains("| `MethodRoundTripBenchmark.invoke` | device=netty | 812.50 µs ± 2.5% | 750.00 µs"
                + " | 1.10 ms | 2.50 ms | 9.00 ms |");
        assertThat(report).contains("| `TelemetryThroughputBenchmark.sendAndAwaitAcks` | devices=100, window=16 |"
                + " 42,000 messages/s ± 5.0% |");
    }

    /** One durable-write entry as JMH writes it in single-shot mode, its figures as secondary metrics. */
    private static String durable(String target, int connections, int inFlight, double rate, double p50, double p99,
                                  double disk, double store) {
        return String.format(java.util.Locale.ROOT, """
                {"jmhVersion":"1.37","benchmark":"io.twinkit.benchmarks.DurableTwinWriteBenchmark.run","mode":"ss",
                 "params":{"connections":"%d","inFlight":"%d","seconds":"20","target":"%s","warmupSeconds":"5"},
                 "primaryMetric":{"score":20.01,"scoreError":"NaN","scoreUnit":"s/op"},
                 "secondaryMetrics":{
                   "acksPerSecond":{"score":%s,"scoreError":"NaN","scoreUnit":"#"},
                   "acknowledged":{"score":%s,"scoreError":"NaN","scoreUnit":"#"},
                   "p50Millis":{"score":%s,"scoreError":"NaN","scoreUnit":"#"},
                   "p99Millis":{"score":%s,"scoreError":"NaN","scoreUnit":"#"},
                   "diskBytesPerWrite":{"score":%s,"scoreError":"NaN","scoreUnit":"#"},
                   "storeBytesPerWrite":{"score":%s,"scoreError":"NaN","scoreUnit":"#"}}}""", connections, inFlight,
                target, rate, rate * 20, p50, p99, disk, store);
    }

    @Test
    void durableWritesAreTabledByRowWithTheRatiosAndTheTargetsOfIssue19() {
        String json = "[" + String.join(",",
                durable("memory", 100, 1, 20_000, 4.5, 9.0, 0, 0),
                durable("sync", 100, 1, 12_000, 7.5, 80.0, 900, 500),
                durable("moquette", 100, 1, 40_000, 2.0, 6.0, 0, 0),
                durable("memory", 1000, 8, 40_000, 150, 400, 0, 0),
                durable("sync", 1000, 8, 3_000, 2_500, 4_000, 18_000, 17_000),
                durable("moquette", 1000, 8, 42_000, 120, 300, 0, 0)) + "]";
        List<BenchmarkResult> results = BenchmarkResult.readAll(json);

        assertThat(results).filteredOn(r -> r.benchmark().equals("DurableTwinWriteBenchmark.run:p99Millis"))
                .hasSize(6);
        String report = ResultsReport.render(results, "", "benchmarks/run.sh --full", "");
        assertThat(report).contains("| Connections × in flight | Moquette QoS 1 acks/s (p50 / p99) | emulator in memory"
                + " acks/s (p50 / p99) | emulator `sync` acks/s (p50 / p99) | sync / memory | memory / Moquette |"
                + " disk bytes per write (sync) | store growth per write (sync) |");
        // 12,000 / 20,000 = 60%; 20,000 / 40,000 = 0.5×
        assertThat(report).contains("| 100 × 1 | 40,000/s (2.00 ms / 6.00 ms) | 20,000/s (4.50 ms / 9.00 ms) |"
                + " 12,000/s (7.50 ms / 80.00 ms) | 60% | 0.50× | 900 B | 500 B |");
        assertThat(report).contains("| 1,000 × 8 | 42,000/s (120.00 ms / 300.00 ms) | 40,000/s (150.00 ms / 400.00 ms)"
                + " | 3,000/s (2.50 s / 4.00 s) | 8% | 0.95× | 18,000 B | 17,000 B |");
        assertThat(report).contains("| Durable twin writes (`sync`): ≥ 20,000 acknowledged twin writes/s at 1,000 × 8"
                + " | 1,000 × 8: 3,000/s | **missed** |");
        assertThat(report).contains("| Durable twin writes (`sync`): ≥ 50% of the in-memory rate at every row |"
                + " 100 × 1: 60% → met; 1,000 × 8: 8% → missed | **missed** |");
        assertThat(report).contains("| Durable twin writes (`sync`): p99 under 100 ms at 100 × 1 | 100 × 1: p99"
                + " 80.00 ms | **met** |");
        assertThat(report).contains("| Durable twin writes (`sync`): under 2,000 bytes written per acknowledged write"
                + " at 1,000 × 8 | 1,000 × 8: 18,000 B written to disk (17,000 B store growth) | **missed** |");
    }

    @Test
    void relaxedDurabilityGetsItsColumnsWhenMeasured() {
        String json = "[" + String.join(",",
                durable("memory", 100, 1, 20_000, 4.5, 9.0, 0, 0),
                durable("sync", 100, 1, 12_000, 7.5, 80.0, 900, 500),
                durable("relaxed", 100, 1, 18_000, 5.0, 20.0, 300, 200),
                durable("moquette", 100, 1, 40_000, 2.0, 6.0, 0, 0)) + "]";

        String report = ResultsReport.render(BenchmarkResult.readAll(json), "", "benchmarks/run.sh --full", "");

        assertThat(report).contains(" | emulator `relaxed` acks/s (p50 / p99) | sync / memory | relaxed / memory |"
                + " memory / Moquette | disk bytes per write (sync) | store growth per write (sync) |"
                + " disk bytes per write (relaxed) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        assertThat(report).contains(" | 18,000/s (5.00 ms / 20.00 ms) | 60% | 90% | 0.50× | 900 B | 500 B | 300 B |");
    }

    @Test
    void methodsAndTelemetryNotRunAreSaidSo() {
        String report = ResultsReport.render(BenchmarkResult.readAll("[]"), "", "benchmarks/run.sh --quick", "");

        assertThat(report).contains("| `MethodRoundTripBenchmark.invoke` | | not run | | | | |",
                "| `TelemetryThroughputBenchmark.sendAndAwaitAcks` | | not run |",
                "| Durable twin writes (`sync`): p99 under 100 ms at 100 × 1 | not measured | not measured |");
    }

    @Test
    void readsEveryJsonFileOfTheResultsDirectoryIncludingTheMeasurementPrograms(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("jmh.json"), JMH);
        ResultEntries.write(dir.resolve("memory.json"), new EmulatorMemory.Figures("full", 1_000_000, 1194,
                3L * 1024 * 1024 * 1024, 4L * 1024 * 1024 * 1024, 30).entries());
        Path out = dir.resolve("RESULTS.md");

        ResultsReport.main(new String[] {"--results", dir.toString(), "--out", out.toString(),
            "--command", "benchmarks/run.sh --full"});

        String report = Files.readString(out);
        assertThat(report).contains("| 1,000,000 twins fit in under 4 GiB of emulator heap | 3.00 GiB used after GC"
                + " (3,221 bytes per twin), run with a 4.0 GiB max heap | **met** |");
        assertThat(report).contains("Command: `benchmarks/run.sh --full`");
    }
}
