package io.twinkit.emulator.internal.query;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.TwinChangeListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The twins as queries see them: fed with every committed change, read as immutable {@link Snapshot}s.
 *
 * <p>With a lag of zero a change is visible as soon as {@link #twinChanged} returns. With a positive lag, as on the
 * service whose query index is eventually consistent, it becomes visible that long (in real time, whatever the hub's
 * clock says) after {@code twinChanged}; one daemon thread applies the changes in the order they were made, so the
 * view always shows a state the store went through. The twins the view is created with are visible at once.
 *
 * <p>Writes cost a map update; the first snapshot after a write copies the twins, later ones reuse that copy until the
 * next write. Thread-safe.
 */
public final class QueryView implements TwinChangeListener, AutoCloseable {

    private final Duration lag;
    private final @Nullable ScheduledThreadPoolExecutor delayer;
    private final TreeMap<TwinKey, TwinDocument> twins = new TreeMap<>();
    private @Nullable Snapshot snapshot;
    private boolean closed;

    private QueryView(Duration lag, String name) {
        this.lag = lag;
        if (lag.isZero()) {
            this.delayer = null;
        } else {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            });
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            this.delayer = executor;
        }
    }

    /**
     * Returns a view of {@code initial}, visible at once, that shows later changes after {@code lag}.
     *
     * @param lag how long a change takes to become visible
     * @param initial the twins that exist already
     * @param threadName the name of the thread that applies late changes, when {@code lag} is positive
     * @throws IllegalArgumentException if {@code lag} is negative or two initial twins have the same key
     */
    public static QueryView create(Duration lag, Collection<TwinDocument> initial, String threadName) {
        Objects.requireNonNull(lag, "lag");
        Objects.requireNonNull(threadName, "threadName");
        if (lag.isNegative()) {
            throw new IllegalArgumentException("query lag must not be negative: " + lag);
        }
        QueryView view = new QueryView(lag, threadName);
        for (TwinDocument twin : initial) {
            TwinKey key = keyOf(twin);
            if (view.twins.put(key, twin) != null) {
                view.close();
                throw new IllegalArgumentException("two initial twins have the key " + key);
            }
        }
        return view;
    }

    /** Returns the key of {@code twin}: its device id, and module id for a module twin. */
    public static TwinKey keyOf(TwinDocument twin) {
        return new TwinKey(twin.deviceId(), twin.moduleId().orElse(null));
    }

    /**
     * Records that {@code key} now has {@code state}, or was deleted for {@code null}; visible after the lag. Changes
     * after {@link #close()} are ignored.
     *
     * @throws IllegalArgumentException if {@code state} is the twin of another key
     */
    @Override
    public void twinChanged(TwinKey key, @Nullable TwinDocument state) {
        Objects.requireNonNull(key, "key");
        if (state != null && !keyOf(state).equals(key)) {
            throw new IllegalArgumentException("the twin of " + keyOf(state) + " was reported as the twin of " + key);
        }
        if (delayer == null) {
            apply(key, state);
            return;
        }
        try {
            delayer.schedule(() -> apply(key, state), lag.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the view is closed or closing: nothing queries it any more
        }
    }

    private synchronized void apply(TwinKey key, @Nullable TwinDocument state) {
        if (closed) {
            return;
        }
        if (state == null) {
            if (twins.remove(key) == null) {
                return;
            }
        } else {
            twins.put(key, state);
        }
        snapshot = null;
    }

    /** Returns the twins visible now; later changes do not affect it. */
    public synchronized Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current == null) {
            List<TwinDocument> devices = new ArrayList<>();
            List<TwinDocument> modules = new ArrayList<>();
            for (Map.Entry<TwinKey, TwinDocument> entry : twins.entrySet()) {
                (entry.getKey().isModule() ? modules : devices).add(entry.getValue());
            }
            current = new Snapshot(List.copyOf(devices), List.copyOf(modules));
            snapshot = current;
        }
        return current;
    }

    /** Returns whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Stops the thread of late changes, dropping those not yet visible. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (delayer != null) {
            delayer.shutdownNow();
        }
    }

    /**
     * The twins visible at one moment, each list ordered by key.
     *
     * @param devices the device twins
     * @param modules the module twins
     */
    public record Snapshot(List<TwinDocument> devices, List<TwinDocument> modules) {
        /** Creates a snapshot. */
        public Snapshot {
            devices = List.copyOf(devices);
            modules = List.copyOf(modules);
        }
    }
}
