package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.internal.TwinChangeListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers desired-property notifications to subscriptions and committed changes to {@link TwinChangeListener}s.
 * Delivery is synchronous on the writing thread; nothing is queued, so a twin without subscribers costs one map
 * lookup per write. A listener that throws is logged and skipped.
 */
final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(IotHub.class);

    private final ConcurrentHashMap<TwinKey, List<Subscription>> subscriptions = new ConcurrentHashMap<>();
    private final List<TwinChangeListener> changeListeners = new CopyOnWriteArrayList<>();

    Subscription subscribe(TwinKey key, DesiredPropertiesListener listener) {
        Subscription subscription = new Subscription(key, listener, this::unsubscribe);
        subscriptions.compute(key, (k, list) -> {
            List<Subscription> result = list == null ? new CopyOnWriteArrayList<>() : list;
            result.add(subscription);
            return result;
        });
        return subscription;
    }

    private void unsubscribe(Subscription subscription) {
        subscriptions.computeIfPresent(subscription.key(), (k, list) -> {
            list.remove(subscription);
            return list.isEmpty() ? null : list;
        });
    }

    void addChangeListener(TwinChangeListener listener) {
        changeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void desiredChanged(TwinKey key, JsonObject payload) {
        List<Subscription> list = subscriptions.get(key);
        if (list == null) {
            return;
        }
        for (Subscription subscription : list) {
            if (!subscription.isActive()) {
                continue;
            }
            try {
                subscription.listener().onDesiredChange(key, payload);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                LOG.warn("a desired-properties listener of twin {} threw; the write of $version {} stands and other "
                        + "listeners were still called", key, payload.valueOrNull("$version"), e);
            }
        }
    }

    void twinChanged(TwinKey key, @Nullable TwinDocument state) {
        for (TwinChangeListener listener : changeListeners) {
            try {
                listener.twinChanged(key, state);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                LOG.warn("a twin change listener threw for twin {}; the write stands", key, e);
            }
        }
    }
}
