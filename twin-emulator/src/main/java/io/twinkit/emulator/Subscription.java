package io.twinkit.emulator;

import io.twinkit.core.TwinKey;

/**
 * A registration for one twin: of a {@link DesiredPropertiesListener}, from
 * {@link TwinService#subscribe(TwinKey, DesiredPropertiesListener)}, or of a {@link MethodHandler}, from
 * {@link MethodService#register(TwinKey, MethodHandler)}. Closing it unsubscribes: no desired notification starts
 * after {@link #close()} returns; a method handler's device is offline from then on and its calls in flight fail.
 * Closing twice does nothing. Thread-safe.
 */
public interface Subscription extends AutoCloseable {

    /** Returns the twin this subscription listens to. */
    TwinKey key();

    /** Returns whether the subscription still receives notifications (or method calls). */
    boolean isActive();

    /** Unsubscribes. */
    @Override
    void close();
}
