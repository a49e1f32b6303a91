package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A registration of a {@link DesiredPropertiesListener} for one twin, from
 * {@link TwinService#subscribe(TwinKey, DesiredPropertiesListener)}. Closing it unsubscribes: no notification starts
 * after {@link #close()} returns. Closing twice does nothing. Thread-safe.
 */
public final class Subscription implements AutoCloseable {

    private final TwinKey key;
    private final DesiredPropertiesListener listener;
    private final Consumer<Subscription> onClose;
    private final AtomicBoolean active = new AtomicBoolean(true);

    Subscription(TwinKey key, DesiredPropertiesListener listener, Consumer<Subscription> onClose) {
        this.key = Objects.requireNonNull(key, "key");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.onClose = onClose;
    }

    /** Returns the twin this subscription listens to. */
    public TwinKey key() {
        return key;
    }

    /** Returns whether the subscription still receives notifications. */
    public boolean isActive() {
        return active.get();
    }

    DesiredPropertiesListener listener() {
        return listener;
    }

    /** Unsubscribes. */
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
