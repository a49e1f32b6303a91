package io.twinkit.device;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Merges the reported patches submitted within a window into one reported PATCH. The patches are applied in order to
 * the last reported properties and the sent patch is the difference from those to the result, which is exact where
 * composing merge patches is not (a delete followed by an object set cannot be written as one patch without knowing
 * the document).
 */
final class ReportCoalescer implements AutoCloseable {

    private final Duration window;
    private final Supplier<PropertySection> reported;
    private final ToLongFunction<MergePatch> sender;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "twinkit-report-coalescing");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private List<MergePatch> patches = new ArrayList<>();
    private List<CompletableFuture<Long>> futures = new ArrayList<>();
    private boolean scheduled;
    private boolean closed;

    ReportCoalescer(Duration window, Supplier<PropertySection> reported, ToLongFunction<MergePatch> sender) {
        this.window = window;
        this.reported = reported;
        this.sender = sender;
    }

    CompletableFuture<Long> submit(MergePatch patch) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the connection is closed");
            }
            patches.add(patch);
            futures.add(future);
            if (!scheduled) {
                scheduled = true;
                scheduler.schedule(this::flush, window.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        return future;
    }

    private void flush() {
        List<MergePatch> batch;
        List<CompletableFuture<Long>> waiting;
        synchronized (lock) {
            batch = patches;
            waiting = futures;
            patches = new ArrayList<>();
            futures = new ArrayList<>();
            scheduled = false;
        }
        try {
            PropertySection base = reported.get();
            PropertySet result = base.properties();
            for (MergePatch patch : batch) {
                result = patch.applyTo(result);
            }
            MergePatch combined = MergePatch.compute(base.properties(), result);
            long version = combined.isEmpty() ? base.version().orElse(0) : sender.applyAsLong(combined);
            waiting.forEach(future -> future.complete(version));
        } catch (RuntimeException e) {
            waiting.forEach(future -> future.completeExceptionally(e));
        }
    }

    /** Stops the timer; patches not yet sent fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        List<CompletableFuture<Long>> waiting;
        synchronized (lock) {
            closed = true;
            waiting = futures;
            futures = new ArrayList<>();
            patches = new ArrayList<>();
        }
        scheduler.shutdownNow();
        IllegalStateException notSent = new IllegalStateException("the connection closed before the coalesced report"
                + " was sent");
        waiting.forEach(future -> future.completeExceptionally(notSent));
    }
}
