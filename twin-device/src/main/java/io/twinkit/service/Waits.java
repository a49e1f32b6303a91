package io.twinkit.service;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling and back-off waits of the service client. */
final class Waits {

    /** The longest pause between two reads of a twin that is awaited. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private Waits() {
    }

    /**
     * Reads the twin (or job, or configuration) until it satisfies {@code accept}, pausing {@link #POLL_INTERVAL} at
     * most between reads.
     *
     * @throws TwinTimeoutException with the message {@code describe} gives for the last state read, once the timeout
     *     has passed
     * @throws IllegalStateException if the thread is interrupted
     */
    static <T> T until(Supplier<T> read, Duration timeout, Predicate<? super T> accept,
            Function<? super T, String> describe) {
        return until(read, timeout, accept, describe, attempt -> POLL_INTERVAL);
    }

    /**
     * Reads a state until it satisfies {@code accept}, pausing {@code pause.apply(n)} after the n-th read (1-based),
     * never past the deadline.
     *
     * @throws TwinTimeoutException with the message {@code describe} gives for the last state read, once the timeout
     *     has passed
     * @throws IllegalStateException if the thread is interrupted
     */
    static <T> T until(Supplier<T> read, Duration timeout, Predicate<? super T> accept,
            Function<? super T, String> describe, IntFunction<Duration> pause) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int reads = 1;; reads++) {
            T state = read.get();
            if (accept.test(state)) {
                return state;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TwinTimeoutException(describe.apply(state));
            }
            sleep(Duration.ofNanos(Math.min(left, pause.apply(reads).toNanos())));
        }
    }

    /**
     * Returns the pauses of a wait that starts at {@code first} and doubles after each read, never beyond {@code max}:
     * for waits on state the hub changes slowly and throttles reads of.
     */
    static IntFunction<Duration> doubling(Duration first, Duration max) {
        return reads -> {
            long millis = first.toMillis() << Math.min(reads - 1, 20);
            return millis >= max.toMillis() ? max : Duration.ofMillis(millis);
        };
    }

    /**
     * Sleeps for {@code delay}.
     *
     * @throws IllegalStateException if the thread is interrupted (its interrupt flag is set again)
     */
    static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to ask the hub again", e);
        }
    }
}
