package io.twinkit.emulator.server;

import io.twinkit.core.DeviceId;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.HubOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TwinkitEmulator} serves and where: the {@link HubOptions} of its hub (name, data directory, limits,
 * throttling, query behaviour, SAS host names, …), the three ports, the address they are bound to, the limits on
 * connections and the devices that must exist.
 *
 * <pre>{@code
 * EmulatorConfig config = EmulatorConfig.builder()
 *         .dataDirectory(Path.of("build/hub"))   // keeps twins, identities and the CA across restarts
 *         .httpsPort(0)                          // any free port; see TwinkitEmulator.httpsPort()
 *         .device(DeviceId.of("dev1"))           // created with fresh keys unless it exists
 *         .hubOptions(HubOptions.builder().throttling(ThrottlingTier.S1, 1).build())   // every other hub setting
 *         .build();
 * }</pre>
 *
 * <p>Defaults: {@link HubOptions#defaults()} (hub {@code twinkit}, in memory), HTTPS on 8443, MQTT over TLS on 8883
 * (the only port the official device SDK uses for MQTT), MQTT over WebSocket on 9443 and on the HTTPS port (at
 * {@code /$iothub/websocket}, as IoT Hub serves it on 443), all bound to 127.0.0.1, no devices, SAS tokens for the
 * loopback names, the bind address and {@code <hub>.azure-devices.net} only, and the connection limits
 * {@link ConnectionLimits#httpsDefaults()} and {@link ConnectionLimits#mqttDefaults()}, and no request log. Port 0
 * means any free port. Immutable and thread-safe.
 */
public final class EmulatorConfig {

    /** The default port of the HTTPS service API. */
    public static final int DEFAULT_HTTPS_PORT = 8443;
    /** The default port of MQTT over TLS, the one the official device SDK connects to. */
    public static final int DEFAULT_MQTT_PORT = 8883;
    /** The default port of MQTT over secure WebSocket. */
    public static final int DEFAULT_MQTT_WS_PORT = 9443;

    private final HubOptions hub;
    private final int httpsPort;
    private final int mqttPort;
    private final int mqttWsPort;
    private final boolean separateMqttWsPort;
    private final InetAddress bindAddress;
    private final ConnectionLimits httpsLimits;
    private final ConnectionLimits mqttLimits;
    private final List<DeviceId> devices;
    private final @Nullable Consumer<String> requestLog;

    private EmulatorConfig(Builder b) {
        this.requestLog = b.requestLog;
        this.hub = b.hub.build();
        this.httpsPort = b.httpsPort;
        this.mqttPort = b.mqttPort;
        this.mqttWsPort = b.mqttWsPort;
        this.separateMqttWsPort = b.separateMqttWsPort;
        this.bindAddress = b.bindAddress;
        this.httpsLimits = b.httpsLimits;
        this.mqttLimits = b.mqttLimits;
        this.devices = List.copyOf(b.devices);
    }

    /** Returns a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the defaults (see the class comment). */
    public static EmulatorConfig defaults() {
        return new Builder().build();
    }

    /** Returns the hub name, {@code twinkit} by default; see {@link HubOptions#hubName()}. */
    public String hubName() {
        return hub.hubName();
    }

    /** Returns the data directory that keeps the hub's state and its certificates, if there is one. */
    public Optional<Path> dataDirectory() {
        return hub.dataDirectory();
    }

    /**
     * Returns whether a damaged store in the data directory is recovered to what is intact instead of stopping the
     * start (false); see {@link HubOptions#recoverStore()}.
     */
    public boolean recoverStore() {
        return hub.recoverStore();
    }

    /** Returns the port of the HTTPS service API; 0 is any free port. */
    public int httpsPort() {
        return httpsPort;
    }

    /** Returns the port of MQTT over TLS; 0 is any free port. */
    public int mqttPort() {
        return mqttPort;
    }

    /**
     * Returns the port of MQTT over secure WebSocket besides the HTTPS port; 0 is any free port. Unused when
     * {@link #separateMqttWsPort()} is false.
     */
    public int mqttWsPort() {
        return mqttWsPort;
    }

    /**
     * Returns whether MQTT over secure WebSocket also has a port of its own ({@link #mqttWsPort()}), true by default;
     * the HTTPS port serves it in any case.
     */
    public boolean separateMqttWsPort() {
        return separateMqttWsPort;
    }

    /** Returns the address every listener is bound to, 127.0.0.1 by default. */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** Returns the limits on the connections of the HTTPS service API, {@link ConnectionLimits#httpsDefaults()}. */
    public ConnectionLimits httpsLimits() {
        return httpsLimits;
    }

    /**
     * Returns the limits on the MQTT connections, over TLS and WebSocket together,
     * {@link ConnectionLimits#mqttDefaults()}; their idle timeout is the time a device has to send CONNECT.
     */
    public ConnectionLimits mqttLimits() {
        return mqttLimits;
    }

    /** Returns the devices that are created at start unless they exist, in the order given, without repeats. */
    public List<DeviceId> devices() {
        return devices;
    }

    /**
     * Returns where the emulator logs its requests, if it does: one line per HTTPS request, per MQTT CONNECT and per
     * MQTT PUBLISH a device sends; see {@link Builder#logRequests(Consumer)}. None by default.
     */
    public Optional<Consumer<String>> requestLog() {
        return Optional.ofNullable(requestLog);
    }

    /**
     * Returns the host names SAS tokens may name besides the loopback names, the bind address and
     * {@code <hub>.azure-devices.net}, in lower case, in the order added, without repeats, IPv6 literals in brackets;
     * none by default.
     *
     * @see HubOptions.Builder#acceptHostName(String)
     */
    public List<String> acceptedHostNames() {
        return hub.acceptedHostNames().stream().map(name -> name.indexOf(':') >= 0 ? "[" + name + "]" : name)
                .toList();
    }

    /**
     * Returns whether SAS tokens may name any host (false).
     *
     * @see HubOptions.Builder#acceptAnyHostName(boolean)
     */
    public boolean acceptAnyHostName() {
        return hub.acceptAnyHostName();
    }

    /**
     * Returns the hub options this configuration asks for: those set with {@link Builder#hubOptions(HubOptions)} and
     * the other hub setters, and as SAS host names the accepted ones plus the bind address when it is a specific one
     * (not a wildcard).
     */
    public HubOptions hubOptions() {
        if (bindAddress.isAnyLocalAddress()) {
            return hub;
        }
        String address = bindAddress.getHostAddress();
        // an IPv6 scope (fe80::1%eth0) is no part of a host name in a token
        return hub.toBuilder()
                .acceptHostName(address.contains("%") ? address.substring(0, address.indexOf('%')) : address)
                .build();
    }

    /** Returns a builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hub = hub.toBuilder();
        b.httpsPort = httpsPort;
        b.mqttPort = mqttPort;
        b.mqttWsPort = mqttWsPort;
        b.separateMqttWsPort = separateMqttWsPort;
        b.bindAddress = bindAddress;
        b.httpsLimits = httpsLimits;
        b.mqttLimits = mqttLimits;
        b.devices.addAll(devices);
        b.requestLog = requestLog;
        return b;
    }

    /** Returns the settings, for logs. */
    @Override
    public String toString() {
        List<String> accepted = acceptedHostNames();
        return "EmulatorConfig[hub " + hub.hubName() + ", " + hub.dataDirectory().map(d -> d
                + (hub.recoverStore() ? " (recovering)" : "")).orElse("in memory")
                + ", https " + httpsPort + ", mqtt " + mqttPort + ", mqtt-ws "
                + (separateMqttWsPort ? mqttWsPort + " and" : "") + " https on " + bindAddress.getHostAddress() + ", "
                + httpsLimits + " (https), " + mqttLimits + " (mqtt), devices " + devices
                + (accepted.isEmpty() ? "" : ", accepted hosts " + accepted)
                + (hub.acceptAnyHostName() ? ", any host" : "") + (requestLog == null ? "" : ", logging requests")
                + "]";
    }

    /** A mutable builder of {@link EmulatorConfig}; not thread-safe. */
    public static final class Builder {

        private HubOptions.Builder hub = HubOptions.builder();
        private int httpsPort = DEFAULT_HTTPS_PORT;
        private int mqttPort = DEFAULT_MQTT_PORT;
        private int mqttWsPort = DEFAULT_MQTT_WS_PORT;
        private boolean separateMqttWsPort = true;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private ConnectionLimits httpsLimits = ConnectionLimits.httpsDefaults();
        private ConnectionLimits mqttLimits = ConnectionLimits.mqttDefaults();
        private final Set<DeviceId> devices = new LinkedHashSet<>();
        private @Nullable Consumer<String> requestLog;

        private Builder() {
        }

        /**
         * Sets every setting of the hub at once: name, data directory, clock, twin limits, throttling, query lag, page
         * sizes, query cursor budget, the service behaviours and the SAS host names. The hub setters of this builder
         * ({@link #hubName}, {@link #dataDirectory}, …) change the same options; the last call wins.
         */
        public Builder hubOptions(HubOptions value) {
            this.hub = Objects.requireNonNull(value, "hubOptions").toBuilder();
            return this;
        }

        /**
         * Sets the hub name.
         *
         * @throws IllegalArgumentException unless it is 3 to 50 letters, digits and hyphens (as {@link HubOptions})
         */
        public Builder hubName(String value) {
            hub.hubName(value);
            return this;
        }

        /**
         * Sets the data directory; {@code null} keeps everything in memory.
         *
         * @throws IllegalArgumentException if it is empty or blank, which would silently be the current directory
         */
        public Builder dataDirectory(@Nullable Path value) {
            hub.dataDirectory(value);
            return this;
        }

        /** Sets whether a damaged store is recovered to what is intact instead of refused. */
        public Builder recoverStore(boolean value) {
            hub.recoverStore(value);
            return this;
        }

        /**
         * Sets the port of the HTTPS service API.
         *
         * @throws IllegalArgumentException unless it is 0 to 65535
         */
        public Builder httpsPort(int value) {
            this.httpsPort = checkPort("httpsPort", value);
            return this;
        }

        /**
         * Sets the port of MQTT over TLS; the official device SDK only connects to 8883.
         *
         * @throws IllegalArgumentException unless it is 0 to 65535
         */
        public Builder mqttPort(int value) {
            this.mqttPort = checkPort("mqttPort", value);
            return this;
        }

        /**
         * Sets the port of MQTT over secure WebSocket besides the HTTPS port.
         *
         * @throws IllegalArgumentException unless it is 0 to 65535
         */
        public Builder mqttWsPort(int value) {
            this.mqttWsPort = checkPort("mqttWsPort", value);
            return this;
        }

        /**
         * Sets whether MQTT over secure WebSocket also gets its own port, {@link #mqttWsPort(int)} (true by default);
         * with {@code false} only the HTTPS port serves it, as IoT Hub does.
         */
        public Builder separateMqttWsPort(boolean value) {
            this.separateMqttWsPort = value;
            return this;
        }

        /**
         * Sets the address the listeners are bound to. The server certificate names only {@code localhost},
         * 127.0.0.1 and ::1, so clients that verify host names must still use one of those. SAS tokens may name a
         * specific bind address (not a wildcard such as 0.0.0.0) as their host.
         */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        /** Sets the limits on the connections of the HTTPS service API. */
        public Builder httpsLimits(ConnectionLimits value) {
            this.httpsLimits = Objects.requireNonNull(value, "httpsLimits");
            return this;
        }

        /** Sets the limits on the MQTT connections (TLS and WebSocket together); the idle timeout is for CONNECT. */
        public Builder mqttLimits(ConnectionLimits value) {
            this.mqttLimits = Objects.requireNonNull(value, "mqttLimits");
            return this;
        }

        /** Adds a device that is created at start unless it exists; adding one twice has no further effect. */
        public Builder device(DeviceId value) {
            devices.add(Objects.requireNonNull(value, "device"));
            return this;
        }

        /** Adds devices, as {@link #device(DeviceId)} does for each. */
        public Builder devices(List<DeviceId> values) {
            Objects.requireNonNull(values, "devices").forEach(this::device);
            return this;
        }

        /**
         * Adds a host name SAS tokens may name: the name clients use for an emulator fronted by a proxy, a tunnel, DNS
         * or a device SDK gateway host name. Adding a name twice has no further effect.
         *
         * @throws IllegalArgumentException unless it is a DNS name, an IPv4 address or an IPv6 literal without a port
         *     (as {@link HubOptions.Builder#acceptHostName(String)})
         */
        public Builder acceptHostName(String value) {
            hub.acceptHostName(value);
            return this;
        }

        /** Sets whether SAS tokens may name any host (false); see {@link HubOptions.Builder#acceptAnyHostName}. */
        public Builder acceptAnyHostName(boolean value) {
            hub.acceptAnyHostName(value);
            return this;
        }

        /**
         * Logs every request to {@code sink}, one line each, or nothing with {@code null} (the default). The lines:
         * <ul>
         *   <li>{@code HTTPS <method> <path?query> <status> <n>ms[ policy=<name>]} per request of the HTTPS port,
         *       the policy being the shared access policy whose token the request was authorized with (a request
         *       whose connection ends before its answer has the status {@code -} and ends
         *       {@code closed before an answer});</li>
         *   <li>{@code MQTT CONNECT <client id> accepted} or {@code MQTT CONNECT <client id> refused <CONNACK code>
         *       <its name>: <reason>} per CONNECT;</li>
         *   <li>{@code MQTT PUBLISH <device>[/<module>] <topic> <outcome>} per PUBLISH a device sends: a twin
         *       request's status ({@code 200}, {@code 204}, {@code 400}, {@code 412}, …), {@code acked #<sequence
         *       number>} (QoS 1) or {@code enqueued #<sequence number>} (QoS 0) for telemetry, what became of a
         *       direct method answer, or {@code refused: <reason>} when the connection was closed for it;</li>
         * </ul>
         * {@code MQTT-WS} instead of {@code MQTT} over a WebSocket. No line carries a credential: the values of
         * {@code sig}, {@code *key}, {@code *token}, {@code *secret}, {@code *password} and {@code *signature}
         * parameters and anything that looks like a SAS token are written {@code <redacted>}. Lines are printable
         * ASCII (control and other characters escaped as <code>&#92;n</code>, <code>&#92;x7f</code>,
         * <code>&#92;u00e9</code>), each field is cut to a bound, and a line never exceeds 2,000 characters, whatever
         * a client sends.
         *
         * <p>The sink is called from the emulator's I/O threads, several at once: it must be thread-safe and quick
         * ({@code System.err::println}, an SLF4J logger's {@code info}, a concurrent queue). A sink that throws loses
         * that line only. With no sink the emulator builds no log text at all.
         */
        public Builder logRequests(@Nullable Consumer<String> sink) {
            this.requestLog = sink;
            return this;
        }

        /** Returns the configuration. */
        public EmulatorConfig build() {
            return new EmulatorConfig(this);
        }

        private static int checkPort(String name, int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException(name + " " + value + " must be 0 (any free port) to 65535");
            }
            return value;
        }
    }
}
