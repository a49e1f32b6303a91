package io.twinkit.device;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desired state a device connection has delivered, and the rules of desired-property notifications: a notification
 * is delivered only when its {@code $version} is the next one, older ones are dropped, a gap asks for a resync, and a
 * fetched twin is delivered as the difference from the last delivered state when it is newer. Deliveries go to one
 * dispatch thread in the order they were decided.
 */
final class DesiredTracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredTracker.class);

    private final List<DesiredListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "twinkit-desired-dispatch");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private final TreeMap<Long, JsonObject> early = new TreeMap<>();
    private boolean synced;
    private long version;
    private PropertySet desired = PropertySet.empty();

    void addListener(DesiredListener listener) {
        listeners.add(listener);
    }

    PropertySection snapshot() {
        synchronized (lock) {
            return synced ? PropertySection.of(desired, version) : PropertySection.empty();
        }
    }

    /**
     * Takes a notification.
     *
     * @return whether a notification was missed, so the twin must be fetched again
     */
    boolean onPatch(JsonObject patch, long patchVersion) {
        synchronized (lock) {
            if (!synced) {
                // the first fetch decides which of these are already in the twin
                early.put(patchVersion, patch);
                return false;
            }
            return apply(patch, patchVersion);
        }
    }

    /**
     * Takes the desired section of a fetched twin.
     *
     * @return whether a notification that arrived before the first fetch shows a gap, so the twin must be fetched again
     */
    boolean onFetched(PropertySection fetched) {
        synchronized (lock) {
            long fetchedVersion = fetched.version().orElse(0);
            if (!synced || fetchedVersion > version) {
                MergePatch patch = MergePatch.compute(desired, fetched.properties());
                desired = fetched.properties();
                version = fetchedVersion;
                synced = true;
                deliver(new DesiredUpdate(version, patch, PropertySection.of(desired, version), true));
            }
            boolean gap = false;
            for (Map.Entry<Long, JsonObject> entry : early.entrySet()) {
                gap |= apply(entry.getValue(), entry.getKey());
            }
            early.clear();
            return gap;
        }
    }

    private boolean apply(JsonObject patchJson, long patchVersion) {
        if (patchVersion <= version) {
            return false;
        }
        if (patchVersion != version + 1) {
            return true;
        }
        MergePatch patch = MergePatch.of(patchJson);
        desired = patch.applyTo(desired);
        version = patchVersion;
        deliver(new DesiredUpdate(version, patch, PropertySection.of(desired, version), false));
        return false;
    }

    private void deliver(DesiredUpdate update) {
        try {
            dispatch.execute(() -> {
                for (DesiredListener listener : listeners) {
                    try {
                        listener.onDesired(update);
                    } catch (RuntimeException e) {
                        // one failing listener must not stop the others or the dispatch thread
                        LOG.warn("desired listener failed on $version {}", update.version(), e);
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("connection closed, desired $version {} not delivered", update.version());
        }
    }

    @Override
    public void close() {
        dispatch.shutdown();
        try {
            dispatch.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
