package io.twinkit.reliability.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz try under a hard time limit, on a thread of its own, so that input that makes the code under test
 * loop for ever fails the try as a hang instead of stalling the build.
 */
public final class Bounded {

    /** The limit of a try that needs no network: generous, since the build machine may be busy. */
    public static final Duration TRY_LIMIT = Duration.ofSeconds(10);

    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bounded-try");
        thread.setDaemon(true);
        return thread;
    });

    private Bounded() {
    }

    /**
     * Returns what {@code work} returns, or throws what it throws.
     *
     * @throws AssertionError if it takes longer than {@code limit} (it is interrupted and left behind)
     */
    public static <T> T call(Duration limit, Callable<T> work) throws Exception {
        Future<T> future = EXECUTOR.submit(work);
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("no outcome within " + limit + ": the input makes the code hang", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
