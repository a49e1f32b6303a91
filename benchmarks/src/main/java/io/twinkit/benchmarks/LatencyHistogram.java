package io.twinkit.benchmarks;

/**
 * A fixed-bucket histogram of latencies in nanoseconds for the load benchmarks: exact below 128 ns, then 128 buckets
 * per power of two (a bucket spans under 0.8% of its values), up to 2<sup>40</sup> ns (about 18 minutes; longer
 * values count in the last bucket). Recording is a few arithmetic instructions and no allocation, so a load client
 * can record every acknowledgement. Not thread-safe: each event loop records into its own, and they are
 * {@linkplain #add(LatencyHistogram) added up} afterwards.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 7;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 40;
    private static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    /** Records one latency in nanoseconds; a negative value counts as 0. */
    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(value)]++;
        total++;
        max = Math.max(max, value);
    }

    /** Adds every value {@code other} recorded to this histogram. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    /** Returns the values recorded. */
    long count() {
        return total;
    }

    /**
     * Returns the value at {@code percentile} (0 to 100, nearest rank) in nanoseconds: the upper end of the bucket
     * that holds it, so never below the true value and at most 0.8% above it; the largest value recorded for 100
     * and for values beyond the last bucket; 0 if nothing was recorded.
     */
    long percentile(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("a percentile is between 0 and 100: " + percentile);
        }
        if (total == 0) {
            return 0;
        }
        // nearest rank; the epsilon keeps 99% of 1000 at rank 990 despite binary fractions
        long rank = Math.max(1, (long) Math.ceil(percentile * total / 100 - 1e-9));
        if (rank >= total) {
            return max;
        }
        long seen = 0;
        for (int i = 0; i < BUCKETS - 1; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    static int index(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = Math.min(63 - Long.numberOfLeadingZeros(value), MAX_EXPONENT);
        if (exponent == MAX_EXPONENT && value >= 1L << (MAX_EXPONENT + 1)) {
            return BUCKETS - 1;
        }
        int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
        return (exponent - SUB_BITS + 1) * SUB_BUCKETS + sub;
    }

    /** Returns the largest value that falls into bucket {@code index}. */
    static long upperBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = index / SUB_BUCKETS + SUB_BITS - 1;
        long sub = index % SUB_BUCKETS;
        long width = 1L << (exponent - SUB_BITS);
        return (1L << exponent) + (sub + 1) * width - 1;
    }
}
