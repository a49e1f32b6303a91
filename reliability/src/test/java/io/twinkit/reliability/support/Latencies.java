package io.twinkit.reliability.support;

import io.twinkit.core.json.JsonObject;
import java.util.Arrays;

/**
 * Latency samples in nanoseconds and their percentiles, by sorting: a run of a minute holds well under ten million
 * samples. Thread-safe.
 */
public final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    /** Adds one sample. */
    public synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    /** Returns the number of samples. */
    public synchronized int count() {
        return size;
    }

    /**
     * Returns {@code count}, and {@code p50}, {@code p90}, {@code p99}, {@code p999} and {@code max} in milliseconds
     * with three decimals (all 0 without samples).
     */
    public synchronized JsonObject toJson() {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return JsonObject.builder()
                .put("count", size)
                .put("p50Millis", millis(percentile(sorted, 0.50)))
                .put("p90Millis", millis(percentile(sorted, 0.90)))
                .put("p99Millis", millis(percentile(sorted, 0.99)))
                .put("p999Millis", millis(percentile(sorted, 0.999)))
                .put("maxMillis", millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]))
                .build();
    }

    /** Returns the nearest-rank percentile {@code p} (0 to 1) of sorted samples, 0 when there are none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
