package io.twinkit.device;

/** The state of a {@link DeviceConnection}'s link to IoT Hub. */
public enum ConnectionState {
    /** Connected: requests, telemetry and method calls flow. */
    CONNECTED,
    /**
     * The connection was lost and the device SDK is reconnecting; telemetry waits in the outbox, twin requests wait
     * for their timeout, and after the reconnect the twin is fetched again.
     */
    RETRYING,
    /** Not connected, and no reconnect is under way: not opened yet, closed, or the SDK gave up reconnecting. */
    DISCONNECTED
}
