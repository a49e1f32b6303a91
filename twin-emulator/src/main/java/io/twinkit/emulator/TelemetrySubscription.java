package io.twinkit.emulator;

/**
 * A registration of a {@link TelemetryListener}, from {@link TelemetryService#subscribe(TelemetryListener)}. Closing
 * it unsubscribes: no message is delivered after {@link #close()} returns. Closing twice does nothing. Thread-safe.
 */
public interface TelemetrySubscription extends AutoCloseable {

    /** Returns whether the subscription still receives messages: until it is closed, or its hub is. */
    boolean isActive();

    /** Unsubscribes. */
    @Override
    void close();
}
