package io.twinkit.emulator;

/**
 * Receives the telemetry messages a hub enqueues, as a back end reading the hub's built-in events endpoint would.
 *
 * <p>The hub calls the listener synchronously on the thread that enqueued the message (the sending device's
 * connection), in sequence-number order, while it holds the journal's lock: the device's acknowledgement and every
 * other device's messages wait for the listener. Hand the message off quickly (for example to a queue), and do not
 * wait for telemetry inside the listener. An exception the listener throws is logged and does not fail the send.
 */
@FunctionalInterface
public interface TelemetryListener {

    /**
     * Receives one message.
     *
     * @param message the message, with its sequence number and the properties the hub stamped
     */
    void onTelemetry(TelemetryMessage message);
}
