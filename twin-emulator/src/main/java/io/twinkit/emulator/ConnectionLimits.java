package io.twinkit.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How many connections a front end of the wire emulator (the HTTPS service API, or MQTT over TLS and over WebSocket
 * together) keeps open and how long it waits for them.
 *
 * <ul>
 *   <li>{@code maxConnections}: beyond it, a new connection is closed as soon as it is accepted, before TLS; the
 *       client sees the connection end (end of stream or a reset) during its TLS handshake. Refusals are counted and
 *       logged at most every few seconds.</li>
 *   <li>{@code handshakeTimeout}: a TLS handshake not finished by then closes the connection, so a client that
 *       connects and sends nothing, or half a ClientHello, holds no connection for long.</li>
 *   <li>{@code idleTimeout}: how long a connection may be open without a complete request to work on. HTTPS: from the
 *       connection's start, and from each response, until the next request has fully arrived; a connection that is
 *       idle, or trickles its request in slowly (slowloris), is closed then. MQTT: from the connection's start until
 *       CONNECT (after TLS and, over WebSocket, the upgrade); afterwards the client's keep-alive governs.</li>
 * </ul>
 *
 * <pre>{@code
 * ConnectionLimits limits = ConnectionLimits.httpsDefaults().withMaxConnections(200);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxConnections the most connections open at once, at least 1
 * @param handshakeTimeout the longest TLS handshake, positive
 * @param idleTimeout the longest wait for a complete request (HTTPS) or for CONNECT (MQTT), positive
 */
public record ConnectionLimits(int maxConnections, Duration handshakeTimeout, Duration idleTimeout) {

    /** The default maximum of HTTPS connections: service clients and benchmarks need a few dozen. */
    public static final int DEFAULT_MAX_HTTPS_CONNECTIONS = 1_000;
    /** The default maximum of MQTT connections, TLS and WebSocket together: 1,000 devices and their reconnects. */
    public static final int DEFAULT_MAX_MQTT_CONNECTIONS = 2_000;
    /** The default TLS handshake timeout. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** The default time an HTTPS connection may go without a complete request. */
    public static final Duration DEFAULT_HTTPS_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The default time an MQTT connection may take to send CONNECT. */
    public static final Duration DEFAULT_MQTT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Creates limits.
     *
     * @throws IllegalArgumentException if {@code maxConnections} is below 1 or a timeout is not positive
     */
    public ConnectionLimits {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections " + maxConnections + " must be at least 1");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout " + handshakeTimeout + " must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout " + idleTimeout + " must be positive");
        }
    }

    /** Returns the HTTPS defaults: 1,000 connections, a 10 s handshake, 30 s without a complete request. */
    public static ConnectionLimits httpsDefaults() {
        return new ConnectionLimits(DEFAULT_MAX_HTTPS_CONNECTIONS, DEFAULT_HANDSHAKE_TIMEOUT,
                DEFAULT_HTTPS_IDLE_TIMEOUT);
    }

    /** Returns the MQTT defaults: 2,000 connections over both ports, a 10 s handshake, 30 s to send CONNECT. */
    public static ConnectionLimits mqttDefaults() {
        return new ConnectionLimits(DEFAULT_MAX_MQTT_CONNECTIONS, DEFAULT_HANDSHAKE_TIMEOUT,
                DEFAULT_MQTT_CONNECT_TIMEOUT);
    }

    /** Returns these limits with another maximum of open connections. */
    public ConnectionLimits withMaxConnections(int value) {
        return new ConnectionLimits(value, handshakeTimeout, idleTimeout);
    }

    /** Returns these limits with another TLS handshake timeout. */
    public ConnectionLimits withHandshakeTimeout(Duration value) {
        return new ConnectionLimits(maxConnections, value, idleTimeout);
    }

    /** Returns these limits with another idle timeout (HTTPS) or CONNECT timeout (MQTT). */
    public ConnectionLimits withIdleTimeout(Duration value) {
        return new ConnectionLimits(maxConnections, handshakeTimeout, value);
    }
}
