package io.twinkit.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a call is retried: at most {@code maxAttempts} attempts, waiting {@code initialDelay}
 * after the first failure and twice as long after each further one, never more than {@code maxDelay}. A
 * read-modify-write ({@link UpdateOptions#retry(RetryOptions)}) retries after the hub answers 412; the fleet calls
 * that are safe to repeat ({@link TwinServiceClientBuilder#transientRetry(RetryOptions)}) after throttling and
 * transient errors. Immutable.
 *
 * @param maxAttempts the attempts in all, at least 1
 * @param initialDelay the wait after the first failure, not negative
 * @param maxDelay the longest wait, at least {@code initialDelay}
 */
public record RetryOptions(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /**
     * Creates options.
     *
     * @throws IllegalArgumentException if maxAttempts is under 1, a delay is negative or maxDelay is below
     *     initialDelay
     */
    public RetryOptions {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " is under 1");
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay " + initialDelay + " is negative");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is below initialDelay " + initialDelay);
        }
    }

    /** Returns the defaults: 5 attempts, 50 ms first wait, at most 2 s. */
    public static RetryOptions defaults() {
        return new RetryOptions(5, Duration.ofMillis(50), Duration.ofSeconds(2));
    }

    /**
     * Returns these options with another attempt limit.
     *
     * @param attempts the attempts in all, at least 1
     * @return the options
     * @throws IllegalArgumentException if attempts is under 1
     */
    public RetryOptions withMaxAttempts(int attempts) {
        return new RetryOptions(attempts, initialDelay, maxDelay);
    }

    /**
     * Returns the wait before attempt {@code attempt + 1} after attempt {@code attempt} (1-based) failed.
     *
     * @param attempt the attempt that failed, at least 1
     * @return {@code initialDelay × 2^(attempt-1)}, capped at maxDelay
     */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " is under 1");
        }
        Duration delay = initialDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
