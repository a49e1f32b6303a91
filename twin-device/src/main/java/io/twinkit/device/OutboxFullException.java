package io.twinkit.device;

import io.twinkit.core.error.IotHubErrorCode;

/**
 * A telemetry message was refused because the {@link DeviceConnection}'s outbox already held as many messages
 * awaiting their acknowledgement as it may ({@link DeviceConnectionBuilder#telemetryOutbox(int)}), typically while
 * the connection is down. Nothing was sent; send again once earlier messages were acknowledged. Its code is IoT
 * Hub's {@link IotHubErrorCode#THROTTLE_BACKLOG_LIMIT_EXCEEDED} (429002), though the refusal is the device's own.
 */
public final class OutboxFullException extends TelemetryException {

    private static final long serialVersionUID = 1L;

    private final int capacity;

    /**
     * Creates an exception.
     *
     * @param capacity the outbox's capacity
     * @param state the connection's state when the message was refused
     */
    public OutboxFullException(int capacity, ConnectionState state) {
        super(IotHubErrorCode.THROTTLE_BACKLOG_LIMIT_EXCEEDED, 429, "the telemetry outbox is full: " + capacity
                + " messages await their acknowledgement (connection " + state + "); the message was not sent",
                null);
        this.capacity = capacity;
    }

    /** Returns the outbox's capacity: the most messages that may await their acknowledgement at once. */
    public int capacity() {
        return capacity;
    }
}
