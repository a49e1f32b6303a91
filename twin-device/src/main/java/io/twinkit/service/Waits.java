package io.twinkit.service;

import io.twinkit.core.TwinDocument;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling and back-off waits of the service client. */
final class Waits {

    /** The longest pause between two reads of a twin that is awaited. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private Waits() {
    }

    /**
     * Reads the twin until it satisfies {@code accept}, pausing {@link #POLL_INTERVAL} at most between reads.
     *
     * @throws TwinTimeoutException with the message {@code describe} gives for the last twin read, once the timeout
     *     has passed
     * @throws IllegalStateException if the thread is interrupted
     */
    static TwinDocument until(Supplier<TwinDocument> read, Duration timeout, Predicate<TwinDocument> accept,
            Function<TwinDocument, String> describe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TwinDocument twin = read.get();
            if (accept.test(twin)) {
                return twin;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TwinTimeoutException(describe.apply(twin));
            }
            sleep(Duration.ofNanos(Math.min(left, POLL_INTERVAL.toNanos())));
        }
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
            throw new IllegalStateException("interrupted while waiting to read the twin again", e);
        }
    }
}
