package io.twinkit.emulator.internal.mqtt;

import java.time.Duration;
import java.util.Objects;

/**
 * The protocol limits the MQTT front end enforces.
 *
 * @param maxMessageBytes the largest message: a twin request's packet (remaining length), a telemetry message's body
 *     and properties as the service counts them ({@link TelemetryTopic#checkSize}); a larger one closes the
 *     connection
 * @param maxSubscriptions the most topic filters one session may hold; further ones are refused in the SUBACK
 * @param connectTimeout how long a new connection may take to send CONNECT
 * @param maxKeepAlive the cap on the server's keep-alive timeout (1.5 × the client's keep-alive)
 */
record MqttLimits(int maxMessageBytes, int maxSubscriptions, Duration connectTimeout, Duration maxKeepAlive) {

    /** IoT Hub's: 256 KiB messages, 5 subscriptions, keep-alive timeouts capped at 1767 s; 30 s to send CONNECT. */
    static final MqttLimits SERVICE = new MqttLimits(256 * 1024, 5, Duration.ofSeconds(30), Duration.ofSeconds(1767));

    MqttLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(maxKeepAlive, "maxKeepAlive");
        if (maxMessageBytes < 1 || maxSubscriptions < 1 || connectTimeout.isNegative() || connectTimeout.isZero()
                || maxKeepAlive.isNegative() || maxKeepAlive.isZero()) {
            throw new IllegalArgumentException("MQTT limits must be positive: " + maxMessageBytes + ", "
                    + maxSubscriptions + ", " + connectTimeout + ", " + maxKeepAlive);
        }
    }

    /**
     * Returns the largest packet (remaining length) the decoder reads: {@link #maxMessageBytes()} plus the largest
     * topic and its length and packet id fields, since the service does not count a telemetry topic's path against
     * the message size. Every packet of another kind is held to {@link #maxMessageBytes()} by the connection.
     */
    int maxPacketBytes() {
        return maxMessageBytes + MqttConnectionHandler.MAX_TOPIC_BYTES + 4;
    }

    /** Returns these limits with another time to send CONNECT. */
    MqttLimits withConnectTimeout(Duration value) {
        return new MqttLimits(maxMessageBytes, maxSubscriptions, value, maxKeepAlive);
    }

    /** Returns the server's keep-alive timeout for a client keep-alive of {@code seconds}: 1.5 × it, capped. */
    Duration keepAliveTimeout(int seconds) {
        Duration timeout = Duration.ofMillis(seconds * 1500L);
        return timeout.compareTo(maxKeepAlive) > 0 ? maxKeepAlive : timeout;
    }
}
