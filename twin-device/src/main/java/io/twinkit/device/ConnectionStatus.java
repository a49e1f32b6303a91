package io.twinkit.device;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The status of a {@link DeviceConnection}: its state, why it is in it, the failure behind it if any, and since
 * when. Immutable.
 */
public final class ConnectionStatus {

    private final ConnectionState state;
    private final ConnectionStatusReason reason;
    private final @Nullable Throwable cause;
    private final Instant since;

    private ConnectionStatus(ConnectionState state, ConnectionStatusReason reason, @Nullable Throwable cause,
                             Instant since) {
        this.state = Objects.requireNonNull(state, "state");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.cause = cause;
        this.since = Objects.requireNonNull(since, "since");
    }

    /**
     * Returns a status.
     *
     * @param state the state
     * @param reason why the connection is in it
     * @param cause the failure behind it, or {@code null}
     * @param since when the connection entered it
     * @return the status
     */
    public static ConnectionStatus of(ConnectionState state, ConnectionStatusReason reason, @Nullable Throwable cause,
                                      Instant since) {
        return new ConnectionStatus(state, reason, cause, since);
    }

    /** Returns the state. */
    public ConnectionState state() {
        return state;
    }

    /** Returns why the connection is in its state, e.g. {@link ConnectionStatusReason#COMMUNICATION_ERROR}. */
    public ConnectionStatusReason reason() {
        return reason;
    }

    /** Returns the failure the SDK reported with the change, if any. */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /** Returns when the connection entered this state. */
    public Instant since() {
        return since;
    }

    /** Returns whether the state is {@link ConnectionState#CONNECTED}. */
    public boolean isConnected() {
        return state == ConnectionState.CONNECTED;
    }

    /** Returns whether {@code other} is a status with the same state, reason, cause and time. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ConnectionStatus that && state == that.state && reason == that.reason
                && Objects.equals(cause, that.cause) && since.equals(that.since);
    }

    /** Returns a hash of the state, reason, cause and time. */
    @Override
    public int hashCode() {
        return Objects.hash(state, reason, cause, since);
    }

    /** Returns e.g. {@code RETRYING (COMMUNICATION_ERROR) since 2024-05-01T10:00:00Z: Connection lost}. */
    @Override
    public String toString() {
        return state + " (" + reason + ") since " + since + (cause == null ? "" : ": " + cause.getMessage());
    }
}
