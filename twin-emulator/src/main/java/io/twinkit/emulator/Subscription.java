package io.twinkit.emulator;

import io.twinkit.core.TwinKey;

/**
 * A registration of a {@link DesiredPropertiesListener} for one twin, from
 * {@link TwinService#subscribe(TwinKey, DesiredPropertiesListener)}. Closing it unsubscribes: no notification starts
 * after {@link #close()} returns. Closing twice does nothing. Thread-safe.
 */
public interface Subscription extends AutoCloseable {

    /** Returns the twin this subscription listens to. */
    TwinKey key();

    /** Returns whether the subscription still receives notifications. */
    boolean isActive();

    /** Unsubscribes. */
    @Override
    void close();
}
