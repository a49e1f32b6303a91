package io.twinkit.device;

import io.twinkit.client.internal.EmulatorReadyLine;
import io.twinkit.core.MergePatch;
import io.twinkit.device.internal.SdkDeviceConnection;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link DeviceConnection}; not thread-safe, each {@link #build()} gives an independent connection.
 *
 * <p>Against a hub: {@link #connectionString(String)} (and {@link #transport(Transport)}). Against a twinkit emulator
 * without handling certificates by hand: {@link #emulatorReadyLine(String, String)} with the line the emulator prints
 * when ready (or {@code emulator.readyInfo().toString()} in a test) and a device it was started with:
 *
 * <pre>{@code
 * DeviceConnection device = DeviceConnection.builder()
 *         .emulatorReadyLine(readyLine, "myDeviceId")
 *         .transport(Transport.MQTT_WEBSOCKET)
 *         .build();
 * }</pre>
 */
public final class DeviceConnectionBuilder {

    /**
     * The direct method calls that may wait for a free method thread ({@link #methodConcurrency(int)}); beyond them a
     * call is answered 503 at once.
     */
    public static final int METHOD_QUEUE_CAPACITY = 100;

    /** The only port the official device SDK speaks MQTT over TLS to. */
    static final int SDK_MQTT_PORT = 8883;

    private @Nullable DeviceConnectionString connectionString;
    private Transport transport = Transport.MQTT;
    private @Nullable SSLContext sslContext;
    private @Nullable String endpoint;
    private @Nullable EmulatorReadyLine emulator;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration coalescingWindow = Duration.ZERO;
    private Duration methodTimeout = Duration.ofSeconds(25);
    private int methodConcurrency = 4;
    private int telemetryOutbox = 1000;
    private @Nullable Duration reconnectTimeout;

    DeviceConnectionBuilder() {
    }

    /**
     * Sets the device or module connection string.
     *
     * @param connectionString {@code HostName=…;DeviceId=…[;ModuleId=…];SharedAccessKey=…}
     * @return this builder
     * @throws IllegalArgumentException as {@link DeviceConnectionString#parse(String)}
     */
    public DeviceConnectionBuilder connectionString(String connectionString) {
        this.connectionString = DeviceConnectionString.parse(connectionString);
        return this;
    }

    /**
     * Sets the parsed device or module connection string.
     *
     * @param connectionString the connection string
     * @return this builder
     */
    public DeviceConnectionBuilder connectionString(DeviceConnectionString connectionString) {
        this.connectionString = Objects.requireNonNull(connectionString, "connectionString");
        return this;
    }

    /**
     * Configures the connection for a running twinkit emulator from the line it prints when ready: trusts the emulator's
     * CA (the PEM text of its {@code caCertificatePem}, or for older lines the file its {@code caCertificateFile}
     * names; nothing JVM-wide changes) and, over {@link Transport#MQTT_WEBSOCKET}, connects to its WebSocket port on
     * its announced host ({@code hostName}). Give the device with
     * {@link #connectionString(String)}, or use {@link #emulatorReadyLine(String, String)} for a device the emulator
     * announces. Over {@link Transport#MQTT} the emulator must listen on 8883, the only port the device SDK uses.
     *
     * @param readyLineOrJson the ready line ({@code TWINKIT-EMULATOR-READY {json}}) or its JSON object
     * @return this builder
     * @throws IllegalArgumentException if the text is no ready line or its CA PEM text or file holds no certificate
     * @throws java.io.UncheckedIOException if the CA file of an older line (without {@code caCertificatePem}) cannot
     *     be read
     */
    public DeviceConnectionBuilder emulatorReadyLine(String readyLineOrJson) {
        EmulatorReadyLine ready = EmulatorReadyLine.parse(readyLineOrJson);
        this.emulator = ready;
        this.sslContext = ready.sslContext();
        return this;
    }

    /**
     * Configures the connection as {@link #emulatorReadyLine(String)} does, for one of the devices the ready line
     * announces, with that device's connection string.
     *
     * @param readyLineOrJson the ready line or its JSON object
     * @param deviceId a device the emulator was started with
     * @return this builder
     * @throws IllegalArgumentException if the text is no ready line or does not announce the device
     * @throws java.io.UncheckedIOException if the CA file of an older line cannot be read
     */
    public DeviceConnectionBuilder emulatorReadyLine(String readyLineOrJson, String deviceId) {
        emulatorReadyLine(readyLineOrJson);
        return connectionString(Objects.requireNonNull(emulator).deviceConnectionString(deviceId));
    }

    /**
     * Sets the transport, {@link Transport#MQTT} by default.
     *
     * @param transport MQTT over TLS, or MQTT over secure WebSocket
     * @return this builder
     */
    public DeviceConnectionBuilder transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /**
     * Sets the TLS context (the trust) to connect with instead of the JVM default.
     *
     * @param sslContext the context
     * @return this builder
     */
    public DeviceConnectionBuilder sslContext(SSLContext sslContext) {
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        return this;
    }

    /**
     * Connects to {@code host[:port]} instead of the connection string's host, signing SAS tokens for that host;
     * a port works only with {@link Transport#MQTT_WEBSOCKET} (the SDK pins MQTT to 8883).
     *
     * @param endpoint the host, with an optional port
     * @return this builder
     * @throws IllegalArgumentException if the endpoint is blank
     */
    public DeviceConnectionBuilder endpoint(String endpoint) {
        if (Objects.requireNonNull(endpoint, "endpoint").isBlank()) {
            throw new IllegalArgumentException("endpoint must not be blank");
        }
        this.endpoint = endpoint;
        return this;
    }

    /**
     * Sets how long each twin request and the open wait for an answer, 30 seconds by default.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public DeviceConnectionBuilder operationTimeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("operationTimeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * Sets how long {@link DeviceConnection#reportCoalesced(MergePatch)} waits after the first queued patch for
     * more before it sends them as one patch; zero by default, which still merges what was queued meanwhile.
     *
     * @param window zero or a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the window is negative
     */
    public DeviceConnectionBuilder reportCoalescing(Duration window) {
        if (Objects.requireNonNull(window, "window").isNegative()) {
            throw new IllegalArgumentException("reportCoalescing window must not be negative, was " + window);
        }
        this.coalescingWindow = window;
        return this;
    }

    /**
     * Sets how long a direct method handler may take before the connection answers the call 504 by itself (and
     * interrupts the handler); 25 seconds by default, below the 30 seconds a back end waits by default for a method's
     * answer, so the caller gets the device's 504 rather than the hub's timeout (504101).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public DeviceConnectionBuilder methodTimeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("methodTimeout must be positive, was " + timeout);
        }
        this.methodTimeout = timeout;
        return this;
    }

    /**
     * Sets how many direct method handlers may run at once, each on a method thread of the connection; 4 by
     * default. Up to {@value #METHOD_QUEUE_CAPACITY} more calls wait for a thread (their timeout running);
     * beyond, a call is answered 503 at once.
     *
     * @param threads 1 or more
     * @return this builder
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public DeviceConnectionBuilder methodConcurrency(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("methodConcurrency must be at least 1, was " + threads);
        }
        this.methodConcurrency = threads;
        return this;
    }

    /**
     * Sets how many telemetry messages may await their acknowledgement at once (queued while the connection is down,
     * or in flight); 1,000 by default. A send beyond fails at once with {@link OutboxFullException}. The messages are
     * held in memory, up to 256 KiB each.
     *
     * @param capacity 1 or more
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public DeviceConnectionBuilder telemetryOutbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("telemetryOutbox must be at least 1, was " + capacity);
        }
        this.telemetryOutbox = capacity;
        return this;
    }

    /**
     * Sets how long the device SDK keeps reconnecting after the connection was lost before it gives up (the SDK's
     * operation timeout, 4 minutes by default), with back-offs of up to 10 seconds between attempts. When it gives
     * up, the status becomes {@link ConnectionState#DISCONNECTED} with {@link ConnectionStatusReason#RETRY_EXPIRED},
     * telemetry awaiting its acknowledgement fails, and the connection stays down: close it and build a new one.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public DeviceConnectionBuilder reconnectTimeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("reconnectTimeout must be positive, was " + timeout);
        }
        this.reconnectTimeout = timeout;
        return this;
    }

    /**
     * Builds the connection, not yet open. Nothing is sent.
     *
     * @return the connection
     * @throws IllegalStateException if no connection string was set, or an emulator's MQTT over TLS is not on 8883
     * @throws IllegalArgumentException if the SDK rejects the connection settings
     */
    public DeviceConnection build() {
        DeviceConnectionString cs = connectionString;
        if (cs == null) {
            throw new IllegalStateException("no connection string: call connectionString(...) or "
                    + "emulatorReadyLine(line, deviceId) first");
        }
        String target = endpoint;
        if (emulator != null && target == null) {
            if (transport == Transport.MQTT_WEBSOCKET) {
                target = emulator.mqttWebSocketTarget();
            } else if (emulator.mqttPort() != SDK_MQTT_PORT) {
                throw new IllegalStateException("the emulator serves MQTT over TLS on port " + emulator.mqttPort()
                        + ", but the device SDK connects to " + SDK_MQTT_PORT + " only: start the emulator with "
                        + "--mqtt-port " + SDK_MQTT_PORT + " or use Transport.MQTT_WEBSOCKET");
            }
        }
        SdkDeviceConnection connection = SdkDeviceConnection.create(cs.twinKey(), cs.sharedAccessKey(),
                cs.toConnectionString(), target, transport == Transport.MQTT_WEBSOCKET, sslContext,
                reconnectTimeout == null ? 0 : reconnectTimeout.toMillis());
        return new DeviceConnection(connection, timeout, coalescingWindow, methodConcurrency, methodTimeout,
                telemetryOutbox);
    }
}
