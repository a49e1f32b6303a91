package io.twinkit.benchmarks;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Measures the heap an in-memory emulator ({@link IotHub}) needs per twin: imports {@code N} fleet twins
 * ({@link FleetTwins#twin}, about 1.2 KB of JSON each with {@code $metadata}; or the compact twins of the
 * scan benchmark), collects garbage until the used heap settles, and reports the growth over an empty hub, per twin
 * and in total. A JMH run cannot report a heap size, so this is a program of its own; run it with the heap the figure
 * is about, for instance
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.twinkit.benchmarks.EmulatorMemory 1000000 full results.json
 * </pre>
 *
 * <p>Arguments: the number of twins (default 1,000,000), {@code full} or {@code compact}, and optionally a file to
 * which the figures are written as a JMH-style JSON result array that {@link ResultsReport} reads. Completing at all
 * shows that the twins fit in the heap given with {@code -Xmx}.
 */
public final class EmulatorMemory {

    private EmulatorMemory() {
    }

    /** The figures of one measurement. */
    record Figures(String shape, int twins, int jsonBytesPerTwin, long heapBytes, long maxHeapBytes, double seconds) {

        double bytesPerTwin() {
            return (double) heapBytes / twins;
        }

        /** Returns the figures as JMH-style result entries. */
        List<String> entries() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("twins", Integer.toString(twins));
            params.put("shape", shape);
            double gib = 1024.0 * 1024 * 1024;
            return List.of(
                    ResultEntries.entry(EmulatorMemory.class, "bytesPerTwin", params, bytesPerTwin(), "B/twin"),
                    ResultEntries.entry(EmulatorMemory.class, "heapUsed", params, heapBytes / gib, "GiB"),
                    ResultEntries.entry(EmulatorMemory.class, "maxHeap", params, maxHeapBytes / gib, "GiB"),
                    ResultEntries.entry(EmulatorMemory.class, "jsonBytesPerTwin", params, jsonBytesPerTwin, "B/twin"),
                    ResultEntries.entry(EmulatorMemory.class, "importRate", params, twins / seconds, "twins/s"));
        }
    }

    /**
     * Runs the measurement; see the class documentation for the arguments.
     *
     * @throws IOException if the result file cannot be written
     */
    public static void main(String[] args) throws IOException {
        int twins = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        String shape = args.length > 1 ? args[1] : "full";
        Figures figures = measure(twins, shape);
        System.out.printf(Locale.ROOT, "%d %s twins (%d bytes of JSON each): %.1f MiB of heap, %.0f bytes per twin;"
                + " max heap %.1f GiB; imported at %.0f twins/s%n", figures.twins(), shape, figures.jsonBytesPerTwin(),
                figures.heapBytes() / (1024.0 * 1024), figures.bytesPerTwin(),
                figures.maxHeapBytes() / (1024.0 * 1024 * 1024), figures.twins() / figures.seconds());
        if (args.length > 2) {
            ResultEntries.write(Path.of(args[2]), figures.entries());
        }
    }

    /** Imports {@code twins} twins of {@code shape} ({@code full} or {@code compact}) and measures the heap. */
    static Figures measure(int twins, String shape) {
        Objects.requireNonNull(shape, "shape");
        IntFunction<JsonObject> generator = switch (shape) {
            case "full" -> FleetTwins::twin;
            case "compact" -> FleetTwins::compact;
            default -> throw new IllegalArgumentException("shape must be full or compact, not " + shape);
        };
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (IotHub hub = IotHub.create()) {
            // the first import loads the classes and caches every later twin uses
            long before = settledHeapUsed(memory);
            long start = System.nanoTime();
            for (int i = 0; i < twins; i++) {
                // parsed from its bytes, as the emulator would receive it: keys are shared as the parser shares them
                hub.twins().importTwin(TwinDocument.fromJson(JsonValue.parseObject(generator.apply(i).toJsonBytes())));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = settledHeapUsed(memory);
            int jsonBytes = generator.apply(twins / 2).toJsonBytes().length;
            TwinDocument probe = hub.twins().get(io.twinkit.core.TwinKey.device(
                    generator.apply(0).valueOrNull("deviceId").asString()));
            Objects.requireNonNull(probe, "probe");
            return new Figures(shape, twins, jsonBytes, after - before, memory.getHeapMemoryUsage().getMax(), seconds);
        }
    }

    private static long settledHeapUsed(MemoryMXBean memory) {
        long previous = Long.MAX_VALUE;
        long used = memory.getHeapMemoryUsage().getUsed();
        for (int i = 0; i < 10 && used < previous; i++) {
            previous = used;
            System.gc();
            used = memory.getHeapMemoryUsage().getUsed();
        }
        return Math.min(used, previous);
    }
}
