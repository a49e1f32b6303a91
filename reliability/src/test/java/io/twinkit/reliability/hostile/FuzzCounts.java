package io.twinkit.reliability.hostile;

import io.twinkit.core.json.JsonObject;
import io.twinkit.reliability.support.Figures;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many inputs each fuzz target tried and how they came out ({@code accepted}, {@code rejected}, ...), written as
 * the figures of a test class when it ends, whether it passed or not: the build result says whether any try failed.
 * Thread-safe.
 */
final class FuzzCounts {

    private final String name;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    FuzzCounts(String name) {
        this.name = name;
    }

    /** Counts one input of {@code target} with {@code outcome}. */
    void count(String target, String outcome) {
        counts.computeIfAbsent(target + "." + outcome, k -> new LongAdder()).increment();
        counts.computeIfAbsent(target + ".tries", k -> new LongAdder()).increment();
    }

    /** Writes the counts as the figures {@code fuzz-<name>}. */
    void write() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, value) -> sorted.put(key, value.sum()));
        JsonObject.Builder figures = JsonObject.builder();
        sorted.forEach(figures::put);
        Figures.write("fuzz-" + name, figures.build());
    }
}
