package io.twinkit.emulator.server;

import io.twinkit.core.DeviceId;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.Durability;
import io.twinkit.emulator.HubOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 * {@code /$iothub/websocket}, as IoT Hub serves it on 443), all bound to 127.0.0.1 (or, with
 * {@link Builder#ownLoopbackAddress(boolean)}, to a loopback address the emulator claims), no devices, SAS tokens for
 * the loopback names, the bind address and {@code <hub>.azure-devices.net} only, the emulator's own certificates, the
 * connection limits {@link ConnectionLimits#httpsDefaults()} and {@link ConnectionLimits#mqttDefaults()}, and no
 * request log. Port 0 means any free port. Immutable and thread-safe.
 */
public final class EmulatorConfig {

    /** The default port of the HTTPS service API. */
    public static final int DEFAULT_HTTPS_PORT = 8443;
    /** The default port of MQTT over TLS, the one the official device SDK connects to. */
    public static final int DEFAULT_MQTT_PORT = 8883;
    /** The default port of MQTT over secure WebSocket. */
    public static final int DEFAULT_MQTT_WS_PORT = 9443;
    /** The first address {@link Builder#ownLoopbackAddress(boolean)} tries. */
    public static final String OWN_LOOPBACK_FIRST = "127.0.0.2";
    /** The last address {@link Builder#ownLoopbackAddress(boolean)} tries. */
    public static final String OWN_LOOPBACK_LAST = "127.0.0.254";

    private final HubOptions hub;
    private final int httpsPort;
    private final int mqttPort;
    private final int mqttWsPort;
    private final boolean separateMqttWsPort;
    private final InetAddress bindAddress;
    private final boolean ownLoopbackAddress;
    private final List<String> hostNames;
    private final @Nullable Path serverCertificateChainFile;
    private final @Nullable Path serverPrivateKeyFile;
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
        this.ownLoopbackAddress = b.ownLoopbackAddress;
        this.hostNames = List.copyOf(b.hostNames);
        this.serverCertificateChainFile = b.serverCertificateChainFile;
        this.serverPrivateKeyFile = b.serverPrivateKeyFile;
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

    /**
     * Returns when a write to the data directory is acknowledged ({@link Durability#SYNC} by default); see
     * {@link HubOptions#durability()}. No effect without a data directory.
     */
    public Durability durability() {
        return hub.durability();
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

    /**
     * Returns the address every listener is bound to, 127.0.0.1 by default; unused when {@link #ownLoopbackAddress()}
     * is set (see {@link TwinkitEmulator#bindAddress()} for the address a running emulator is bound to).
     */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /**
     * Returns whether the emulator claims a loopback address of its own at start (false): see
     * {@link Builder#ownLoopbackAddress(boolean)}.
     */
    public boolean ownLoopbackAddress() {
        return ownLoopbackAddress;
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
     * Returns the host names SAS tokens may name besides the loopback names, the {@linkplain #hostNames() host
     * names}, the bind address and {@code <hub>.azure-devices.net}, in lower case, in the order added, without
     * repeats, IPv6 literals in brackets; none by default.
     *
     * @see HubOptions.Builder#acceptHostName(String)
     */
    public List<String> acceptedHostNames() {
        return hub.acceptedHostNames().stream().map(name -> name.indexOf(':') >= 0 ? "[" + name + "]" : name)
                .toList();
    }

    /**
     * Returns the names the emulator is reached under besides the loopback names: DNS names and IP addresses, in
     * lower case, in the order added, without repeats, IPv6 literals in brackets; none by default. The server
     * certificate names each of them, SAS tokens may name each of them, and the first is the host of the connection
     * strings and of the ready line.
     *
     * @see Builder#hostName(String)
     */
    public List<String> hostNames() {
        return hostNames;
    }

    /**
     * Returns the PEM file of the server certificate chain the user brought, if any; see
     * {@link Builder#serverCertificate(Path, Path)}. Empty by default: the emulator issues its own from its own CA.
     */
    public Optional<Path> serverCertificateChainFile() {
        return Optional.ofNullable(serverCertificateChainFile);
    }

    /**
     * Returns the PEM file of the private key of {@link #serverCertificateChainFile()}, present exactly when that is.
     */
    public Optional<Path> serverPrivateKeyFile() {
        return Optional.ofNullable(serverPrivateKeyFile);
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
     * the other hub setters, and as SAS host names the accepted ones, the {@linkplain #hostNames() host names} and
     * the bind address when it is a specific one (not a wildcard).
     */
    public HubOptions hubOptions() {
        return hubOptions(bindAddress);
    }

    /** Returns the hub options of an emulator whose listeners are bound to {@code listenAddress}. */
    HubOptions hubOptions(InetAddress listenAddress) {
        if (listenAddress.isAnyLocalAddress() && hostNames.isEmpty()) {
            return hub;
        }
        HubOptions.Builder options = hub.toBuilder();
        hostNames.forEach(options::acceptHostName);
        if (!listenAddress.isAnyLocalAddress()) {
            String address = listenAddress.getHostAddress();
            // an IPv6 scope (fe80::1%eth0) is no part of a host name in a token
            options.acceptHostName(address.contains("%") ? address.substring(0, address.indexOf('%')) : address);
        }
        return options.build();
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
        b.ownLoopbackAddress = ownLoopbackAddress;
        b.hostNames.addAll(hostNames);
        b.serverCertificateChainFile = serverCertificateChainFile;
        b.serverPrivateKeyFile = serverPrivateKeyFile;
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
                + (hub.recoverStore() ? " (recovering)" : "") + ", durability "
                + hub.durability().name().toLowerCase(Locale.ROOT)).orElse("in memory")
                + ", https " + httpsPort + ", mqtt " + mqttPort + ", mqtt-ws "
                + (separateMqttWsPort ? mqttWsPort + " and" : "") + " https on "
                + (ownLoopbackAddress ? "an own loopback address" : bindAddress.getHostAddress()) + ", "
                + httpsLimits + " (https), " + mqttLimits + " (mqtt), devices " + devices
                + (hostNames.isEmpty() ? "" : ", host names " + hostNames)
                + (serverCertificateChainFile == null ? "" : ", server certificate " + serverCertificateChainFile
                        + " with key " + serverPrivateKeyFile)
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
        private boolean ownLoopbackAddress;
        private final Set<String> hostNames = new LinkedHashSet<>();
        private @Nullable Path serverCertificateChainFile;
        private @Nullable Path serverPrivateKeyFile;
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

        /** Sets when a write to the data directory is acknowledged; see {@link HubOptions#durability()}. */
        public Builder durability(Durability value) {
            hub.durability(value);
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
         * Sets the address the listeners are bound to: 127.0.0.1 by default, {@code 0.0.0.0} for every interface (in
         * a container). The server certificate names {@code localhost}, 127.0.0.1 and ::1 and the
         * {@linkplain #hostName(String) host names}, so clients that verify host names must use one of those. SAS
         * tokens may name a specific bind address (not a wildcard such as 0.0.0.0) as their host. Excludes
         * {@link #ownLoopbackAddress(boolean)}.
         */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        /**
         * Sets whether the emulator claims a loopback address of its own at start (false by default), so that several
         * emulators, or an emulator beside a local MQTT broker, each serve MQTT over TLS on port 8883, the only port
         * the official device SDK connects to for MQTT.
         *
         * <p>At start the emulator tries {@value #OWN_LOOPBACK_FIRST}, 127.0.0.3, … up to {@value #OWN_LOOPBACK_LAST}
         * in turn and takes the first address on which every one of its ports ({@link #mqttPort(int)}, the HTTPS port
         * and the WebSocket port) can be bound; the bind itself is the claim, so two emulators starting at the same
         * time, even in two JVMs, never share an address. Every listener is bound there; the server certificate names
         * that address; the device and service connection strings and the ready line name it
         * ({@link TwinkitEmulator#deviceHost()}, {@link TwinkitEmulator#bindAddress()}); SAS tokens may name it.
         *
         * <p>Linux routes all of 127.0.0.0/8 to the loopback interface, so this works there as is. macOS has only
         * 127.0.0.1 unless more are aliased ({@code sudo ifconfig lo0 alias 127.0.0.2 up}, once per address and boot).
         * When no address can be claimed the start fails with {@link OwnLoopbackUnavailableException}, which says what
         * was tried and how to fix it. There is deliberately no silent fallback to 127.0.0.1, which would bring back
         * the collision on port 8883 this option exists to avoid: a caller that can do without MQTT over TLS on 8883
         * catches the exception (or asks {@link TwinkitEmulator#ownLoopbackAddressesSupported()} first) and starts
         * without it, using MQTT over WebSocket.
         *
         * <p>{@link #build()} refuses it together with a {@link #bindAddress(InetAddress) bind address} other than the
         * default 127.0.0.1, and together with {@linkplain #hostName(String) host names}, which could not name an
         * address chosen at start.
         */
        public Builder ownLoopbackAddress(boolean value) {
            this.ownLoopbackAddress = value;
            return this;
        }

        /**
         * Adds a name the emulator is reached under: a DNS name (a container's name, a DNS alias) or an IP address
         * (IPv4, or IPv6 with or without brackets), without a port. The server certificate then names it too (a DNS
         * entry for a name, an IP entry for an address; with a data directory the server certificate is re-issued by
         * the same CA when the names change, so trust in the CA survives), SAS tokens may name it, and the first name
         * added becomes the host of the connection strings ({@code HostName=<name>:<httpsPort>} for the service,
         * bare on 443; {@code HostName=<name>} for devices) and of the ready line ({@code hostName},
         * {@code deviceHost}). Adding a name twice has no further effect.
         *
         * <p>The Java device SDK refuses a host name without a dot in a device connection string (its
         * {@code IotHubConnectionString} takes the part before the first dot as the hub name and throws
         * {@code IllegalArgumentException} "Provided hostname did not include a valid IoT Hub name as its prefix"), so
         * for it give a name with a dot ({@code emulator.local}, {@code twinkit.example.test}) or an IPv4 address; a
         * single label such as a bare container name serves the service API and the other SDKs.
         *
         * @throws IllegalArgumentException unless it is a DNS name, an IPv4 address or an IPv6 literal without a port
         */
        public Builder hostName(String value) {
            Objects.requireNonNull(value, "hostName");
            String name = value.toLowerCase(Locale.ROOT);
            String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
            try {
                HubOptions.builder().acceptHostName(bare);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("host name '" + value + "' must be a DNS name, an IPv4 address or"
                        + " an IPv6 literal, without a port", e);
            }
            hostNames.add(bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare);
            return this;
        }

        /**
         * Has the emulator present a server certificate the user brought instead of issuing its own: for a
         * certificate from the organisation's CA, or one that names the hosts clients use. {@code certChainPem} holds
         * the server certificate first, then each issuer in turn (the root may be left out); {@code privateKeyPem}
         * holds its unencrypted private key, RSA or EC, as PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), PKCS#1
         * ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). {@code null} for both goes back to the
         * emulator's own certificates.
         *
         * <p>Both files are read and checked at start ({@link TwinkitEmulator#start(EmulatorConfig)}): readable, the
         * chain in order, the server certificate valid now, the key belonging to it; a problem fails the start with a
         * message naming the file. There is then no emulator CA to hand out: the chain's last certificate (the root
         * when the file holds it, else the server certificate itself) is what {@link TwinkitEmulator#caCertificate()},
         * its PEM, file and trust store and the ready line give clients to trust. The certificate must name the hosts
         * clients connect to; the emulator cannot add the {@linkplain #hostName(String) host names} or an
         * {@linkplain #ownLoopbackAddress(boolean) own loopback address} to it. The data directory's own CA is then
         * neither used nor created.
         *
         * @throws IllegalArgumentException if exactly one of the two is {@code null}
         */
        public Builder serverCertificate(@Nullable Path certChainPem, @Nullable Path privateKeyPem) {
            if ((certChainPem == null) != (privateKeyPem == null)) {
                throw new IllegalArgumentException("a server certificate chain and its private key go together: got "
                        + (certChainPem == null ? "a key without a certificate chain" : "a certificate chain without"
                        + " its key"));
            }
            this.serverCertificateChainFile = certChainPem;
            this.serverPrivateKeyFile = privateKeyPem;
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

        /**
         * Returns the configuration.
         *
         * @throws IllegalStateException if {@link #ownLoopbackAddress(boolean)} is set together with a bind address
         *     other than 127.0.0.1 or with host names
         */
        public EmulatorConfig build() {
            if (ownLoopbackAddress && !bindAddress.equals(InetAddress.getLoopbackAddress())) {
                throw new IllegalStateException("an own loopback address and the bind address "
                        + bindAddress.getHostAddress() + " exclude each other: the emulator binds every listener to"
                        + " the loopback address it claims; drop one of them");
            }
            if (ownLoopbackAddress && !hostNames.isEmpty()) {
                throw new IllegalStateException("an own loopback address and the host names " + hostNames
                        + " exclude each other: the connection strings name the loopback address the emulator claims"
                        + " at start, which no host name given beforehand can name; drop one of them");
            }
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
