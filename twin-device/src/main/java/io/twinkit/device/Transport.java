package io.twinkit.device;

/** The protocol a {@link DeviceConnection} speaks to IoT Hub. */
public enum Transport {
    /** MQTT 3.1.1 over TLS on port 8883. */
    MQTT,
    /** MQTT 3.1.1 over secure WebSocket, port 443 unless the endpoint names another. */
    MQTT_WEBSOCKET
}
