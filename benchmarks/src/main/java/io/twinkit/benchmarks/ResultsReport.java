package io.twinkit.benchmarks;

import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the JSON results of a benchmark run (JMH's {@code -rf json} file and those of {@link EmulatorMemory} and
 * {@link MqttThroughput}, all in one directory) into {@code benchmarks/RESULTS.md}: for every comparison a table of
 * twinkit's figure, each anchor's figure and their ratio, with the target and whether it was met; a summary
 * of the targets; and the machine, JDK and command of the run, which {@code run.sh} passes in.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.twinkit.benchmarks.ResultsReport --results DIR --out RESULTS.md \
 *     --machine machine.md --command "benchmarks/run.sh --quick" --elapsed 812
 * </pre>
 *
 * <p>A ratio is how many times faster twinkit is: the anchor's time per operation over twinkit's (or twinkit's
 * throughput over the anchor's). A figure that is missing from the results is reported as not run, and its target as
 * not measured.
 */
public final class ResultsReport {

    private ResultsReport() {
    }

    /**
     * Writes the report; see the class documentation for the options.
     *
     * @throws IOException if a result file cannot be read or the report cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        Path results = Path.of(require(options, "--results"));
        Path out = Path.of(require(options, "--out"));
        String machine = options.containsKey("--machine") ? Files.readString(Path.of(options.get("--machine"))) : "";
        List<BenchmarkResult> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.addAll(BenchmarkResult.readAll(Files.readString(file)));
            }
        }
        String report = render(all, machine, options.getOrDefault("--command", "benchmarks/run.sh"),
                options.getOrDefault("--elapsed", ""));
        Files.writeString(out, report);
        System.out.println("wrote " + out + " from " + all.size() + " results");
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing option " + name);
        }
        return value;
    }

    // ---------------------------------------------------------------- what is compared with what

    /** An anchor of a comparison and, when the issue sets one, the ratio twinkit must reach where the filter holds. */
    record Anchor(String method, String label, double minRatio, Map<String, String> targetWhere) {
        static Anchor of(String method, String label) {
            return new Anchor(method, label, Double.NaN, Map.of());
        }

        static Anchor target(String method, String label, double minRatio, Map<String, String> where) {
            return new Anchor(method, label, minRatio, where);
        }

        boolean hasTarget() {
            return !Double.isNaN(minRatio);
        }
    }

    /** A comparison: twinkit's benchmark method of a class against anchors of the same class. */
    record Comparison(String title, String benchmarkClass, String twinkitMethod, String twinkitLabel,
                      List<Anchor> anchors) {
    }

    private static final Map<String, String> MEDIUM = Map.of("size", "MEDIUM");
    private static final Map<String, String> LARGE = Map.of("size", "LARGE");
    private static final Map<String, String> ANY = Map.of();

    static final List<Comparison> COMPARISONS = List.of(
            new Comparison("Parse a whole twin (bytes to a tree or typed twin)", "ParseBenchmark", "twinkit",
                    "twinkit `TwinDocument.fromJson(JsonValue.parseObject(bytes))` (typed)", List.of(
                    Anchor.target("jacksonReadTree", "Jackson `readTree`", 1, MEDIUM),
                    Anchor.target("sdkFromJson", "SDK `Twin.fromJson`", 15, MEDIUM),
                    Anchor.of("jacksonReadTreeStrict", "Jackson `readTree` rejecting duplicate names"),
                    Anchor.of("gson", "Gson `parseString`"),
                    Anchor.of("jacksonTokenScan", "Jackson token scan (floor)"),
                    Anchor.of("twinkitObject", "twinkit `JsonValue.parseObject(bytes)` (untyped)"))),
            new Comparison("Serialize a whole twin", "SerializeBenchmark", "twinkit",
                    "twinkit `twin.toJson().toJsonBytes()`",
                    List.of(
                    Anchor.target("jackson", "Jackson `writeValueAsBytes`", 1, MEDIUM),
                    Anchor.target("sdk", "SDK `TwinState` to JSON", 5, MEDIUM),
                    Anchor.of("gson", "Gson `toJson`"))),
            new Comparison("Diff desired v1 to v2 (10% of leaves changed)", "DiffBenchmark", "twinkit",
                    "twinkit `MergePatch.compute`", List.of(
                    Anchor.target("zjsonpatch", "zjsonpatch `JsonDiff`", 4, ANY),
                    Anchor.target("parsson", "Parsson `createMergeDiff`", 4, ANY),
                    Anchor.of("javaJsonTools", "java-json-tools `JsonDiff`"))),
            new Comparison("Diff a twin against its patched successor (one leaf changed)", "SuccessorDiffBenchmark",
                    "twinkit", "twinkit `MergePatch.compute`", List.of(
                    Anchor.target("fullWalk", "full-walk diff", 20, LARGE))),
            new Comparison("Apply a merge patch to desired v1", "ApplyBenchmark", "twinkit",
                    "twinkit `MergePatch.applyTo`", List.of(
                    Anchor.target("javaJsonTools", "java-json-tools `JsonMergePatch`", 5, ANY),
                    Anchor.target("parsson", "Parsson `JsonMergePatch`", 1, ANY))),
            new Comparison("Two-predicate query by scan", "QueryScanBenchmark", "twinkit",
                    "twinkit `CompiledQuery.select`", List.of(
                    Anchor.target("jacksonPointerScan", "precompiled `JsonPointer` scan of Jackson trees", 2, ANY))),
            new Comparison("Create 100 devices over HTTPS (hub in memory or on disk)", "EmulatorBulkRegistryBenchmark",
                    "bulk", "one bulk registry request (`POST /devices`)", List.of(
                    Anchor.target("perDevicePut", "one `PUT /devices/{id}` per device", 10, ANY))));

    /** The scan rate twinkit must reach, in twins per second. */
    static final double SCAN_RATE_TARGET = 3_500_000;
    /** The twins a twin update job must update per second. */
    static final double JOB_RATE_TARGET = 20_000;
    /** The heap 1,000,000 emulator twins must fit in, in GiB. */
    static final double MILLION_TWINS_HEAP_TARGET_GIB = 4;

    // ---------------------------------------------------------------- rendering

    /** Renders the report of {@code results}. */
    static String render(List<BenchmarkResult> results, String machine, String command, String elapsedSeconds) {
        Objects.requireNonNull(results, "results");
        StringBuilder md = new StringBuilder();
        List<String[]> summary = new ArrayList<>();
        md.append("# twinkit benchmark results\n\n");
        md.append("Generated by `benchmarks/run.sh` from one run: every figure below comes from the same run on the "
                + "same machine. A ratio is how many times faster twinkit is than the anchor (anchor time / twinkit "
                + "time); below 1 the anchor is faster. Targets are those of the benchmarks issue; a missed target "
                + "is reported as a figure, not hidden.\n\n");
        md.append("Command: `").append(command).append("`");
        if (!elapsedSeconds.isBlank()) {
            md.append(String.format(Locale.ROOT, " (run time %s)", duration(elapsedSeconds)));
        }
        md.append("\n\n");
        if (!machine.isBlank()) {
            md.append("## Machine\n\n").append(machine.strip()).append("\n\n");
        }
        StringBuilder tables = new StringBuilder();
        for (Comparison comparison : COMPARISONS) {
            renderComparison(tables, comparison, results, summary);
        }
        renderScanRate(tables, results, summary);
        renderJobRate(tables, results, summary);
        renderMethodsAndTelemetry(tables, results);
        renderEmulator(tables, results, summary);
        renderDurableWrites(tables, results, summary);
        md.append("## Targets\n\n| Target | Figure | Result |\n|---|---|---|\n");
        for (String[] row : summary) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
        renderFixtures(md);
        md.append(NOTES).append('\n').append(tables);
        return md.toString();
    }

    /** How the comparisons are kept fair, and what the figures do not say. */
    private static final String NOTES = """
            ## How to read the figures

            - Every library parses its own input from the same bytes in the benchmark's setup; no library starts \
            from instances another one built. Tests in the module check that every competitor computes the same \
            result as twinkit on these fixtures (the diffs applied to v1 give v2, the patches applied give v2, the \
            parsers read and the serializers write the same twin, the scans select the same twins).
            - Parse: twinkit and Jackson read UTF-8 bytes; the SDK (`Twin.fromJson(String)`) and Gson take text and \
            get a `String` decoded in advance, for free. twinkit's parse builds the typed twin and always \
            rejects duplicate member names, checks `$metadata` and that no property is `null`; Jackson's default \
            `readTree` does none of that, so the Jackson `readTree` with duplicate detection row is shown too.
            - Serialize: the SDK has no serializer for a whole twin; it is measured the way its `TwinClient` writes \
            one (a `TwinState` of tags, desired and reported through Gson), which leaves out `$metadata` and \
            `$version`, so it writes less than the others. Gson is configured to write JSON nulls, as the others do.
            - Diff: zjsonpatch and java-json-tools produce RFC 6902 operations, Parsson and twinkit an RFC 7386 merge \
            patch. Parsson is called through a `JsonProvider` looked up once (`Json.createMergeDiff` looks the \
            provider up on every call).
            - Successor diff: the full-walk anchor (`FullWalkDiff`, in this module) computes the same merge patch \
            as twinkit but visits every node of both documents, as any diff without structural sharing must.
            - Query scan: compact fleet twins (about 360 bytes of JSON, no `$metadata`) so that a million of each \
            model fit in the fork's heap; twinkit runs `CompiledQuery.select` over `TwinDocument`s, the anchor a \
            loop over Jackson trees with the two paths compiled once as `JsonPointer`s.
            - Emulator: the emulator keeps no index, so the equality query (`tags.location.plant = 'plant-7'`) is \
            a scan as well; its figure and the two-predicate count include parsing the SQL, the snapshot and the \
            page. Memory is the heap growth after garbage collection when an in-memory `IotHub` holds the twins \
            (full fleet twins, about 1.2 KB of JSON each with `$metadata`), measured by `EmulatorMemory` in a JVM \
            with the stated maximum heap. MQTT figures come from `MqttThroughput`: 100 `DeviceConnection`s over \
            MQTT over WebSocket with TLS, each sending reported patches back to back; devices and emulator share \
            one JVM and the machine's cores.
            - Direct methods and telemetry: `MethodRoundTripBenchmark` calls `firmwareUpdate` over HTTPS (the JDK's \
            `HttpClient`, keep-alive, no SDK) on a device connected over MQTT, and JMH's sample mode gives the \
            percentiles of the round trip; the device is either a bare MQTT client on Netty's codec over TLS \
            (`device=netty`: the emulator's cost plus loopback TLS) or a `DeviceConnection` over the official device \
            SDK with MQTT over WebSocket (`device=sdk`: what a device app adds). `TelemetryThroughputBenchmark`: \
            100 bare MQTT clients over TLS, each keeping `window` QoS 1 messages awaiting their PUBACK; the figure \
            is messages acknowledged per second, each in the hub's telemetry journal before its PUBACK.
            - Durable twin writes: `DurableTwinWriteBenchmark` runs each target and row in a fork of its own: N \
            bare MQTT connections over TLS (Netty's codec, two event loop threads, in the server's JVM), each \
            keeping K requests in flight. To the emulator a request is a reported-properties PATCH of a 21-byte body \
            answered by `$iothub/twin/res/204` (in memory, or with a data directory: `sync`, each acknowledged \
            write durable); to Moquette 0.17 (persistence on, the emulator's certificates and the same JDK TLS) a \
            QoS 1 PUBLISH of the same body answered by its PUBACK, with no subscriber. After a warm-up, one \
            measured window gives the acknowledgements per second and the p50 and p99 latency of every one of them; \
            for `sync`, the bytes written per acknowledged write: `write_bytes` of `/proc/self/io` (page by page, \
            as the disk gets them) and the growth of the data directory. Moquette saves its store on a timer, so it \
            is the speed anchor, not a durability one.
            - Quick runs use one fork and four one-second iterations: their error bars (99.9% confidence) are wide, \
            and other processes on the machine (see the load average above) add noise; a ratio within a few \
            percent of its target can fall either side from run to run. Use `--full` for tighter figures.
            """;

    private static void renderFixtures(StringBuilder md) {
        md.append("## Fixtures\n\n| Size | Twin JSON | Deepest object level | Desired properties (diff and apply)"
                + " | Desired leaves | Merge patch v1 → v2 |\n|---|---|---|---|---|---|\n");
        TwinJson json = TwinJson.standard();
        for (TwinGenerator.Size size : TwinGenerator.Size.values()) {
            DiffFixture fixture = DiffFixture.of(size);
            md.append(String.format(Locale.ROOT, "| %s | %,d B | %d | %,d B | %d | %,d B |%n", size,
                    TwinGenerator.twin(size).toJsonBytes().length, size.maxDepth(),
                    fixture.before().length, TwinGenerator.leafCount(JsonValue.parseObject(fixture.before())),
                    fixture.patch().length));
        }
        md.append(String.format(Locale.ROOT, "%nFleet twin (emulator benchmarks): %,d B; compact fleet twin (scan): %,d B."
                + " Seed %d.%n%n", FleetTwins.twin(0).toJsonBytes().length,
                FleetTwins.compact(0).toJsonBytes().length, TwinGenerator.DEFAULT_SEED));
    }

    private static void renderComparison(StringBuilder md, Comparison comparison, List<BenchmarkResult> results,
                                         List<String[]> summary) {
        md.append("## ").append(comparison.title()).append(" (`").append(comparison.benchmarkClass())
                .append("`)\n\n| Params | twinkit | Anchor | Anchor figure | Ratio | Target | Result |\n")
                .append("|---|---|---|---|---|---|---|\n");
        List<BenchmarkResult> twinkitResults = find(results, comparison.benchmarkClass() + "." + comparison.twinkitMethod());
        if (twinkitResults.isEmpty()) {
            md.append("| – | not run | | | | | |\n\n");
        }
        Map<Anchor, List<String>> verdicts = new LinkedHashMap<>();
        for (BenchmarkResult twinkit : twinkitResults) {
            for (Anchor anchor : comparison.anchors()) {
                BenchmarkResult other = find(results, comparison.benchmarkClass() + "." + anchor.method()).stream()
                        .filter(r -> r.params().equals(twinkit.params())).findFirst().orElse(null);
                double ratio = other == null ? Double.NaN : other.secondsPerOp() / twinkit.secondsPerOp();
                boolean targeted = anchor.hasTarget() && twinkit.matches(anchor.targetWhere());
                String verdict = !targeted ? "" : Double.isNaN(ratio) ? "not measured"
                        : ratio >= anchor.minRatio() ? "**met**" : "**missed**";
                if (targeted) {
                    verdicts.computeIfAbsent(anchor, a -> new ArrayList<>()).add(params(twinkit) + ": "
                            + ratio(ratio) + " → " + verdict.replace("*", ""));
                }
                md.append("| ").append(params(twinkit)).append(" | ").append(figure(twinkit)).append(" | ")
                        .append(anchor.label()).append(" | ").append(other == null ? "not run" : figure(other))
                        .append(" | ").append(ratio(ratio)).append(" | ")
                        .append(targeted ? "≥ " + trim(anchor.minRatio()) + "×" : "").append(" | ")
                        .append(verdict).append(" |\n");
            }
        }
        md.append('\n');
        for (Anchor anchor : comparison.anchors()) {
            if (!anchor.hasTarget()) {
                continue;
            }
            List<String> found = verdicts.getOrDefault(anchor, List.of());
            boolean met = !found.isEmpty() && found.stream().allMatch(v -> v.endsWith("met"));
            String where = anchor.targetWhere().isEmpty() ? "every fixture"
                    : anchor.targetWhere().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", "));
            summary.add(new String[] {comparison.title() + ": twinkit ≥ " + trim(anchor.minRatio()) + "× "
                    + anchor.label() + " (" + where + ")",
                    found.isEmpty() ? "not measured" : String.join("; ", found),
                    found.isEmpty() ? "not measured" : met ? "**met**" : "**missed**"});
        }
    }

    private static void renderScanRate(StringBuilder md, List<BenchmarkResult> results, List<String[]> summary) {
        md.append("## Scan rate (`QueryScanBenchmark.twinkit`)\n\n| Twins | Time per query | Twins per second |"
                + " Target | Result |\n|---|---|---|---|---|\n");
        List<String> figures = new ArrayList<>();
        boolean met = true;
        for (BenchmarkResult r : find(results, "QueryScanBenchmark.twinkit")) {
            double twins = Double.parseDouble(r.params().getOrDefault("twins", "NaN"));
            double rate = twins / r.secondsPerOp();
            boolean ok = rate >= SCAN_RATE_TARGET;
            met &= ok;
            figures.add(String.format(Locale.ROOT, "%,.0f twins: %.2f M/s", twins, rate / 1e6));
            md.append(String.format(Locale.ROOT, "| %,.0f | %s | %,.0f | ≥ 3,500,000 | %s |%n", twins, figure(r),
                    rate, ok ? "**met**" : "**missed**"));
        }
        for (BenchmarkResult r : find(results, "QueryScanBenchmark.jacksonPointerScan")) {
            double twins = Double.parseDouble(r.params().getOrDefault("twins", "NaN"));
            md.append(String.format(Locale.ROOT, "| %,.0f (Jackson anchor) | %s | %,.0f | | |%n", twins,
                    figure(r), twins / r.secondsPerOp()));
        }
        md.append('\n');
        summary.add(new String[] {"Scan at least 3.5 million twins per second per query",
                figures.isEmpty() ? "not measured" : String.join("; ", figures),
                figures.isEmpty() ? "not measured" : met ? "**met**" : "**missed**"});
    }

    private static void renderJobRate(StringBuilder md, List<BenchmarkResult> results, List<String[]> summary) {
        md.append("## Twin update job over a fleet (`EmulatorJobBenchmark.twinUpdateJob`)\n\n| Twins | Time per job |"
                + " Twins per second | Target | Result |\n|---|---|---|---|---|\n");
        List<String> figures = new ArrayList<>();
        boolean met = true;
        for (BenchmarkResult r : find(results, "EmulatorJobBenchmark.twinUpdateJob")) {
            double twins = Double.parseDouble(r.params().getOrDefault("twins", "NaN"));
            double rate = twins / r.secondsPerOp();
            boolean ok = rate >= JOB_RATE_TARGET;
            met &= ok;
            figures.add(String.format(Locale.ROOT, "%,.0f twins: %,.0f twins/s", twins, rate));
            md.append(String.format(Locale.ROOT, "| %,.0f | %s | %,.0f | ≥ 20,000 | %s |%n", twins, figure(r), rate,
                    ok ? "**met**" : "**missed**"));
        }
        md.append('\n');
        summary.add(new String[] {"A twin update job updates at least 20,000 twins per second",
                figures.isEmpty() ? "not measured" : String.join("; ", figures),
                figures.isEmpty() ? "not measured" : met ? "**met**" : "**missed**"});
    }

    private static void renderMethodsAndTelemetry(StringBuilder md, List<BenchmarkResult> results) {
        md.append("## Direct methods and telemetry through the emulator (`MethodRoundTripBenchmark`,"
                + " `TelemetryThroughputBenchmark`)\n\n| Direct method round trip (HTTPS → MQTT → HTTPS) | Params |"
                + " Mean | p50 | p90 | p99 | p99.9 |\n|---|---|---|---|---|---|---|\n");
        List<BenchmarkResult> calls = find(results, "MethodRoundTripBenchmark.invoke");
        if (calls.isEmpty()) {
            md.append("| `MethodRoundTripBenchmark.invoke` | | not run | | | | |\n");
        }
        for (BenchmarkResult r : calls) {
            md.append("| `MethodRoundTripBenchmark.invoke` | ").append(params(r)).append(" | ").append(figure(r));
            for (double p : new double[] {50, 90, 99, 99.9}) {
                double seconds = r.percentileSecondsPerOp(p);
                md.append(" | ").append(Double.isNaN(seconds) ? "–" : time(seconds));
            }
            md.append(" |\n");
        }
        md.append("\n| Telemetry with QoS 1 | Params | Messages acknowledged per second |\n|---|---|---|\n");
        List<BenchmarkResult> telemetry = find(results, "TelemetryThroughputBenchmark.sendAndAwaitAcks");
        if (telemetry.isEmpty()) {
            md.append("| `TelemetryThroughputBenchmark.sendAndAwaitAcks` | | not run |\n");
        }
        for (BenchmarkResult r : telemetry) {
            md.append("| `TelemetryThroughputBenchmark.sendAndAwaitAcks` | devices=")
                    .append(TelemetryThroughputBenchmark.DEVICES).append(", ").append(params(r)).append(" | ")
                    .append(figure(r).replace(" ops/s", " messages/s")).append(" |\n");
        }
        md.append('\n');
    }

    private static void renderEmulator(StringBuilder md, List<BenchmarkResult> results, List<String[]> summary) {
        md.append("## Emulator\n\n| Figure | Params | Value |\n|---|---|---|\n");
        for (String name : List.of("EmulatorQueryBenchmark.twoPredicateCount",
                "EmulatorQueryBenchmark.equalityFirstPage", "EmulatorReportBenchmark.reportedUpdate",
                "EmulatorReportBenchmark.reportedUpdateTwoThreads", "MqttThroughput.updatesPerSecond",
                "MqttThroughput.latencyP50", "MqttThroughput.latencyP90", "MqttThroughput.latencyP99",
                "MqttThroughput.latencyP999", "MqttThroughput.latencyMax", "EmulatorMemory.jsonBytesPerTwin",
                "EmulatorMemory.bytesPerTwin", "EmulatorMemory.heapUsed", "EmulatorMemory.maxHeap",
                "EmulatorMemory.importRate")) {
            List<BenchmarkResult> found = find(results, name);
            if (found.isEmpty()) {
                md.append("| `").append(name).append("` | | not run |\n");
            }
            for (BenchmarkResult r : found) {
                md.append("| `").append(name).append("` | ").append(params(r)).append(" | ").append(figure(r))
                        .append(" |\n");
            }
        }
        md.append('\n');
        BenchmarkResult heap = find(results, "EmulatorMemory.heapUsed").stream()
                .filter(r -> r.matches(Map.of("twins", "1000000", "shape", "full"))).findFirst().orElse(null);
        BenchmarkResult perTwin = find(results, "EmulatorMemory.bytesPerTwin").stream()
                .filter(r -> r.matches(Map.of("twins", "1000000", "shape", "full"))).findFirst().orElse(null);
        BenchmarkResult max = find(results, "EmulatorMemory.maxHeap").stream()
                .filter(r -> r.matches(Map.of("twins", "1000000", "shape", "full"))).findFirst().orElse(null);
        summary.add(new String[] {"1,000,000 twins fit in under 4 GiB of emulator heap",
                heap == null ? "not measured" : String.format(Locale.ROOT, "%.2f GiB used after GC (%,.0f bytes per"
                        + " twin), run with a %.1f GiB max heap", heap.score(),
                        perTwin == null ? Double.NaN : perTwin.score(), max == null ? Double.NaN : max.score()),
                heap == null ? "not measured" : heap.score() < MILLION_TWINS_HEAP_TARGET_GIB ? "**met**"
                        : "**missed**"});
    }

    /** The targets of issue 19 for the emulator with a data directory in {@code sync} mode. */
    static final double SYNC_RATE_TARGET = 20_000;
    static final double SYNC_SHARE_OF_MEMORY_TARGET = 0.5;
    static final double SYNC_P99_TARGET_MILLIS = 100;
    static final double SYNC_BYTES_PER_WRITE_TARGET = 2_000;

    private static void renderDurableWrites(StringBuilder md, List<BenchmarkResult> results,
                                            List<String[]> summary) {
        md.append("## Durable twin writes over MQTT and TLS (`DurableTwinWriteBenchmark`)\n\n");
        List<String> targets = new ArrayList<>();
        for (String target : List.of("moquette", "memory", "sync", "relaxed")) {
            if (results.stream().anyMatch(r -> r.benchmark().equals("DurableTwinWriteBenchmark.run:acksPerSecond")
                    && target.equals(r.params().get("target")))) {
                targets.add(target);
            }
        }
        Map<String, String> labels = Map.of("moquette", "Moquette QoS 1", "memory", "emulator in memory", "sync",
                "emulator `sync`", "relaxed", "emulator `relaxed`");
        md.append("| Connections × in flight |");
        targets.forEach(t -> md.append(' ').append(labels.get(t)).append(" acks/s (p50 / p99) |"));
        boolean relaxed = targets.contains("relaxed");
        int extra = relaxed ? 6 : 4;
        md.append(" sync / memory |").append(relaxed ? " relaxed / memory |" : "")
                .append(" memory / Moquette | disk bytes per write (sync) | store growth per write (sync) |")
                .append(relaxed ? " disk bytes per write (relaxed) |" : "").append("\n|---|");
        md.append("---|".repeat(targets.size() + extra)).append('\n');
        List<List<Integer>> rows = results.stream()
                .filter(r -> r.benchmark().equals("DurableTwinWriteBenchmark.run:acksPerSecond"))
                .map(r -> List.of(Integer.parseInt(r.params().get("connections")),
                        Integer.parseInt(r.params().get("inFlight"))))
                .distinct()
                .sorted(Comparator.<List<Integer>>comparingInt(row -> row.get(0)).thenComparingInt(row -> row.get(1)))
                .toList();
        if (rows.isEmpty()) {
            md.append("| not run |").append(" |".repeat(targets.size() + extra)).append('\n');
        }
        List<String> rateFigures = new ArrayList<>();
        List<String> shareFigures = new ArrayList<>();
        List<String> p99Figures = new ArrayList<>();
        List<String> bytesFigures = new ArrayList<>();
        boolean rateMet = false;
        boolean shareMet = true;
        boolean p99Met = false;
        boolean bytesMet = false;
        for (List<Integer> row : rows) {
            Map<String, String> where = Map.of("connections", row.get(0).toString(), "inFlight",
                    row.get(1).toString());
            String rowName = String.format(Locale.ROOT, "%,d × %d", row.get(0), row.get(1));
            md.append("| ").append(rowName).append(" |");
            for (String target : targets) {
                double rate = durable(results, "acksPerSecond", where, target);
                md.append(Double.isNaN(rate) ? " not run |" : String.format(Locale.ROOT, " %,.0f/s (%s / %s) |", rate,
                        millis(durable(results, "p50Millis", where, target)),
                        millis(durable(results, "p99Millis", where, target))));
            }
            double sync = durable(results, "acksPerSecond", where, "sync");
            double memory = durable(results, "acksPerSecond", where, "memory");
            double moquette = durable(results, "acksPerSecond", where, "moquette");
            double disk = durable(results, "diskBytesPerWrite", where, "sync");
            double store = durable(results, "storeBytesPerWrite", where, "sync");
            md.append(' ').append(percent(sync / memory)).append(" |");
            if (relaxed) {
                md.append(' ').append(percent(durable(results, "acksPerSecond", where, "relaxed") / memory))
                        .append(" |");
            }
            md.append(' ').append(ratio(memory / moquette)).append(" | ").append(bytes(disk)).append(" | ")
                    .append(bytes(store)).append(" |");
            if (relaxed) {
                md.append(' ').append(bytes(durable(results, "diskBytesPerWrite", where, "relaxed"))).append(" |");
            }
            md.append('\n');
            if (!Double.isNaN(sync / memory)) {
                boolean ok = sync / memory >= SYNC_SHARE_OF_MEMORY_TARGET;
                shareMet &= ok;
                shareFigures.add(rowName + ": " + percent(sync / memory) + (ok ? " → met" : " → missed"));
            }
            if (row.equals(List.of(1000, 8)) && !Double.isNaN(sync)) {
                rateMet = sync >= SYNC_RATE_TARGET;
                rateFigures.add(String.format(Locale.ROOT, "%s: %,.0f/s", rowName, sync));
                if (!Double.isNaN(disk)) {
                    bytesMet = disk >= 0 && disk < SYNC_BYTES_PER_WRITE_TARGET;
                    bytesFigures.add(rowName + ": " + bytes(disk) + " written to disk (" + bytes(store)
                            + " store growth)");
                }
            }
            double p99 = durable(results, "p99Millis", where, "sync");
            if (row.equals(List.of(100, 1)) && !Double.isNaN(p99)) {
                p99Met = p99 < SYNC_P99_TARGET_MILLIS;
                p99Figures.add(rowName + ": p99 " + millis(p99));
            }
        }
        md.append('\n');
        summary.add(durableTarget("Durable twin writes (`sync`): ≥ 20,000 acknowledged twin writes/s at 1,000 × 8",
                rateFigures, rateMet));
        summary.add(durableTarget("Durable twin writes (`sync`): ≥ 50% of the in-memory rate at every row",
                shareFigures, shareMet));
        summary.add(durableTarget("Durable twin writes (`sync`): p99 under 100 ms at 100 × 1", p99Figures, p99Met));
        summary.add(durableTarget("Durable twin writes (`sync`): under 2,000 bytes written per acknowledged write at"
                + " 1,000 × 8", bytesFigures, bytesMet));
    }

    private static String[] durableTarget(String target, List<String> figures, boolean met) {
        return new String[] {target, figures.isEmpty() ? "not measured" : String.join("; ", figures),
            figures.isEmpty() ? "not measured" : met ? "**met**" : "**missed**"};
    }

    private static double durable(List<BenchmarkResult> results, String counter, Map<String, String> where,
                                  String target) {
        Map<String, String> filter = new LinkedHashMap<>(where);
        filter.put("target", target);
        return find(results, "DurableTwinWriteBenchmark.run:" + counter).stream().filter(r -> r.matches(filter))
                .mapToDouble(BenchmarkResult::score).findFirst().orElse(Double.NaN);
    }

    private static String millis(double millis) {
        return Double.isNaN(millis) ? "–" : time(millis / 1e3);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String bytes(double bytes) {
        return Double.isNaN(bytes) ? "–" : bytes < 0 ? "not accounted" : String.format(Locale.ROOT, "%,.0f B", bytes);
    }

    private static List<BenchmarkResult> find(List<BenchmarkResult> results, String benchmark) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
    }

    private static String params(BenchmarkResult r) {
        return r.params().isEmpty() ? "–" : r.params().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Formats a figure in its natural unit: times scaled to ns, µs, ms or s; throughput as operations per second. */
    static String figure(BenchmarkResult r) {
        String error = Double.isNaN(r.error()) || r.error() == 0 ? "" : r.error() / r.score() < 0.0005 ? ""
                : String.format(Locale.ROOT, " ± %.1f%%", 100 * r.error() / r.score());
        double seconds = r.secondsPerOp();
        if (r.unit().startsWith("ops/")) {
            return String.format(Locale.ROOT, "%,.0f ops/s", 1 / seconds) + error;
        }
        if (Double.isNaN(seconds)) {
            return String.format(Locale.ROOT, r.score() >= 100 ? "%,.0f %s" : "%.2f %s", r.score(), r.unit());
        }
        return time(seconds) + error;
    }

    /** Formats a time in ns, µs, ms or s, whichever reads best. */
    static String time(double seconds) {
        if (seconds < 1e-6) {
            return String.format(Locale.ROOT, "%.1f ns", seconds * 1e9);
        } else if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.2f µs", seconds * 1e6);
        } else if (seconds < 1) {
            return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : "%.2f×", ratio);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String duration(String seconds) {
        try {
            long s = Long.parseLong(seconds.strip());
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        } catch (NumberFormatException e) {
            return seconds;
        }
    }
}
