package io.twinkit.emulator.internal.hub;

import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.DesiredPropertiesListener;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.Subscription;
import io.twinkit.emulator.internal.TwinChangeListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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

    private final ConcurrentHashMap<TwinKey, List<Listening>> subscriptions = new ConcurrentHashMap<>();
    private final List<TwinChangeListener> changeListeners = new CopyOnWriteArrayList<>();

    Subscription subscribe(TwinKey key, DesiredPropertiesListener listener) {
        Listening subscription = new Listening(key, listener, this::unsubscribe);
        subscriptions.compute(key, (k, list) -> {
            List<Listening> result = list == null ? new CopyOnWriteArrayList<>() : list;
            result.add(subscription);
            return result;
        });
        return subscription;
    }

    private void unsubscribe(Listening subscription) {
        subscriptions.computeIfPresent(subscription.key(), (k, list) -> {
            list.remove(subscription);
            return list.isEmpty() ? null : list;
        });
    }

    void addChangeListener(TwinChangeListener listener) {
        changeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void desiredChanged(TwinKey key, JsonObject payload) {
        List<Listening> list = subscriptions.get(key);
        if (list == null) {
            return;
        }
        for (Listening subscription : list) {
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

    /** A {@link Subscription} of this notifier: the listener, and what closing it does. */
    private static final class Listening implements Subscription {

        private final TwinKey key;
        private final DesiredPropertiesListener listener;
        private final Consumer<Listening> onClose;
        private final AtomicBoolean active = new AtomicBoolean(true);

        Listening(TwinKey key, DesiredPropertiesListener listener, Consumer<Listening> onClose) {
            this.key = Objects.requireNonNull(key, "key");
            this.listener = Objects.requireNonNull(listener, "listener");
            this.onClose = onClose;
        }

        @Override
        public TwinKey key() {
            return key;
        }

        @Override
        public boolean isActive() {
            return active.get();
        }

        DesiredPropertiesListener listener() {
            return listener;
        }

        @Override
        public void close() {
            if (active.compareAndSet(true, false)) {
                onClose.accept(this);
            }
        }

        /** Returns the key and whether the subscription is active. */
        @Override
        public String toString() {
            return "Subscription[" + key + (isActive() ? "" : ", closed") + "]";
        }
    }
}
