package io.twinkit.emulator.server;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.DeviceNotFoundException;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.SymmetricKey;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.http.HttpsServiceServer;
import io.twinkit.emulator.internal.MqttWebSocketUpgrade;
import io.twinkit.emulator.internal.RequestLog;
import io.twinkit.emulator.internal.mqtt.MqttDeviceServer;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A running emulator: an {@link IotHub} with its HTTPS service API and its MQTT device API over TLS and over secure
 * WebSocket (WebSocket on the HTTPS port at {@code /$iothub/websocket}, as IoT Hub serves it on 443, and unless
 * turned off on a port of its own), started with one call.
 *
 * <pre>{@code
 * try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder()
 *         .httpsPort(0).mqttWsPort(0).device(DeviceId.of("dev1")).build())) {
 *     // device SDK over MQTT (port 8883): new DeviceClient(emulator.deviceConnectionString(DeviceId.of("dev1")),
 *     //         IotHubClientProtocol.MQTT, ClientOptions.builder().sslContext(emulator.clientSslContext())
 *     //         .build())
 *     // service SDK: new TwinClient("localhost:" + emulator.httpsPort(), new AzureSasCredential(token)), trusting
 *     //         emulator.trustStoreFile()
 * }
 * }</pre>
 *
 * <p>The listeners are bound to {@link EmulatorConfig#bindAddress()}, or to a loopback address the emulator claims
 * for itself ({@link EmulatorConfig#ownLoopbackAddress()}), so that several emulators each serve MQTT on port 8883:
 * see {@link #bindAddress()} and {@link #deviceHost()}. The hub, its identities and the emulator's CA live in
 * {@link EmulatorConfig#dataDirectory()} when there is one, so a restart keeps twins, keys and trust.
 * The HTTPS port answers {@code GET /twinkit/health} without credentials (200 {@code {"status":"ok","hubName":…,
 * "uptimeSeconds":…}}, 503 {@code {"status":"closing"}} while closing), for health checks; with
 * {@link EmulatorConfig.Builder#logRequests} every request is logged. Thread-safe.
 */
public final class TwinkitEmulator implements AutoCloseable {

    /** The host name clients use for the HTTPS service API; the server certificate names it. */
    public static final String SERVICE_HOST = "localhost";
    /** The host name in device connection strings: the device SDK rejects {@code localhost} there. */
    public static final String DEVICE_HOST = "127.0.0.1";
    /**
     * The port the official SDKs connect to for HTTPS and for MQTT over WebSocket, whatever the connection string
     * says; on it, the ready line's connection strings carry the bare host name.
     */
    public static final int SDK_HTTPS_PORT = 443;
    /** The shared access policy of {@link #serviceConnectionString()}. */
    public static final String OWNER_POLICY = "iothubowner";

    private final EmulatorConfig config;
    private final InetAddress bindAddress;
    /** The host connection strings name instead of the defaults, or {@code null} for the defaults. */
    private final @Nullable String host;
    private final IotHub hub;
    private final EmulatorCertificates certificates;
    private final HttpsServiceServer https;
    private final MqttDeviceServer mqtt;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TwinkitEmulator(EmulatorConfig config, InetAddress bindAddress, @Nullable String host, IotHub hub,
                            EmulatorCertificates certificates, HttpsServiceServer https, MqttDeviceServer mqtt) {
        this.config = config;
        this.bindAddress = bindAddress;
        this.host = host;
        this.hub = hub;
        this.certificates = certificates;
        this.https = https;
        this.mqtt = mqtt;
    }

    /**
     * Starts an emulator: opens (or creates) the hub, creates the configured devices that do not exist, loads (or
     * creates) the certificates and starts the HTTPS and MQTT listeners. If any step fails, whatever was started is
     * closed again before the failure is thrown.
     *
     * <p>With {@link EmulatorConfig#ownLoopbackAddress()} it first claims a loopback address from
     * {@value EmulatorConfig#OWN_LOOPBACK_FIRST} on, as {@link EmulatorConfig.Builder#ownLoopbackAddress(boolean)}
     * describes.
     *
     * @param config what to serve and where
     * @return the running emulator
     * @throws OwnLoopbackUnavailableException if {@link EmulatorConfig#ownLoopbackAddress()} is set and no loopback
     *     address could be claimed
     * @throws java.io.UncheckedIOException if a port cannot be bound, for example because it is taken
     * @throws io.twinkit.emulator.HubStorageException if the data directory cannot be opened or written
     * @throws IllegalStateException if a configured device exists but has no SAS keys, so it has no connection string
     * @throws IllegalArgumentException if a {@linkplain EmulatorConfig.Builder#serverCertificate(Path, Path) server
     *     certificate the user brought} does not fit (not PEM, out of order, expired, not the key's), naming the file;
     *     an unreadable one is an {@link java.io.UncheckedIOException} naming the file
     */
    public static TwinkitEmulator start(EmulatorConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.ownLoopbackAddress()) {
            return LoopbackClaim.start(config, LoopbackClaim.candidates(), address -> start(config, address));
        }
        return start(config, config.bindAddress());
    }

    /**
     * Returns whether this machine has loopback addresses besides 127.0.0.1, that is whether
     * {@value EmulatorConfig#OWN_LOOPBACK_FIRST} can be bound, which {@link EmulatorConfig#ownLoopbackAddress()}
     * needs: true on Linux, false on macOS unless addresses were aliased ({@code sudo ifconfig lo0 alias 127.0.0.2
     * up}). A start may still fail if the configured ports are taken on every such address.
     */
    public static boolean ownLoopbackAddressesSupported() {
        return LoopbackClaim.supported();
    }

    /** Starts the emulator with every listener bound to {@code listenAddress}. */
    static TwinkitEmulator start(EmulatorConfig config, InetAddress listenAddress) {
        List<String> certificateNames = new ArrayList<>(config.hostNames());
        String host;
        if (config.ownLoopbackAddress()) {
            host = listenAddress.getHostAddress();
            certificateNames.add(host);
        } else {
            host = config.hostNames().isEmpty() ? null : config.hostNames().get(0);
        }
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            IotHub hub = IotHub.create(config.hubOptions(listenAddress));
            started.push(hub);
            for (DeviceId device : config.devices()) {
                if (hub.registry().find(TwinKey.device(device)).isEmpty()) {
                    hub.registry().createDevice(device);
                }
                deviceKey(hub, device);
            }
            EmulatorCertificates certificates = config.serverCertificateChainFile().isPresent()
                    ? EmulatorCertificates.fromPemFiles(config.serverCertificateChainFile().get(),
                            config.serverPrivateKeyFile().orElseThrow())
                    : EmulatorCertificates.loadOrCreate(config.dataDirectory().orElse(null), certificateNames);
            RequestLog requestLog = RequestLog.to(config.requestLog().orElse(null));
            MqttDeviceServer mqtt = MqttDeviceServer.start(hub, certificates,
                    new InetSocketAddress(listenAddress, config.mqttPort()),
                    config.separateMqttWsPort() ? new InetSocketAddress(listenAddress, config.mqttWsPort())
                            : null, config.mqttLimits(), requestLog);
            started.push(mqtt);
            HttpsServiceServer https = HttpsServiceServer.start(hub, certificates,
                    new InetSocketAddress(listenAddress, config.httpsPort()), config.httpsLimits(), mqtt,
                    requestLog);
            started.push(https);
            return new TwinkitEmulator(config, listenAddress, host, hub, certificates, https, mqtt);
        } catch (RuntimeException | Error e) {
            RuntimeException closing = closeAll(started);
            if (closing != null) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Returns the configuration the emulator was started with. */
    public EmulatorConfig config() {
        return config;
    }

    /**
     * Returns the address every listener is bound to: {@link EmulatorConfig#bindAddress()}, or the loopback address
     * the emulator claimed ({@link EmulatorConfig#ownLoopbackAddress()}).
     */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /**
     * Returns the host device connection strings name, {@code HostName=<deviceHost>}: the claimed loopback address
     * with {@link EmulatorConfig#ownLoopbackAddress()}, else the first of {@link EmulatorConfig#hostNames()}, else
     * {@value #DEVICE_HOST}. The server certificate names it.
     */
    public String deviceHost() {
        return host == null ? DEVICE_HOST : host;
    }

    /**
     * Returns the host clients use for the HTTPS service API, without a port: the claimed loopback address with
     * {@link EmulatorConfig#ownLoopbackAddress()}, else the first of {@link EmulatorConfig#hostNames()}, else
     * {@value #SERVICE_HOST}. The server certificate names it.
     */
    public String serviceHost() {
        return host == null ? SERVICE_HOST : host;
    }

    /**
     * Returns the hub, for seeding and inspecting twins and reading the telemetry devices sent
     * ({@link IotHub#telemetry()}) in-process; the emulator owns and closes it.
     */
    public IotHub hub() {
        return hub;
    }

    /**
     * Returns the emulator's CA certificate, the one certificate clients must trust: it signs the server certificate
     * the HTTPS and MQTT listeners present (for {@code localhost}, {@code 127.0.0.1}, {@code ::1}, the
     * {@linkplain EmulatorConfig#hostNames() host names} and an {@linkplain EmulatorConfig#ownLoopbackAddress() own
     * loopback address}). With a data directory it is kept there and stays the same across restarts. With a
     * {@linkplain EmulatorConfig.Builder#serverCertificate(Path, Path) server certificate the user brought} it is the
     * last certificate of that chain: its root when the chain file holds one, else the server certificate itself.
     */
    public X509Certificate caCertificate() {
        return certificates.caCertificate();
    }

    /** Returns {@link #caCertificate()} as PEM text ({@code -----BEGIN CERTIFICATE-----}, 64-character lines). */
    public String caCertificatePem() {
        return certificates.caCertificatePem();
    }

    /**
     * Returns the file that holds {@link #caCertificatePem()}, as the device SDK's PEM helpers read it: in the data
     * directory's {@code tls} subdirectory, or in a temporary directory deleted when the JVM exits.
     */
    public Path caCertificateFile() {
        return certificates.caCertificateFile();
    }

    /**
     * Returns the PKCS12 trust store that holds only {@link #caCertificate()}, for {@code javax.net.ssl.trustStore};
     * beside {@link #caCertificateFile()}.
     */
    public Path trustStoreFile() {
        return certificates.trustStoreFile();
    }

    /** Returns the password of {@link #trustStoreFile()}; random per CA, and not a secret: the store holds no key. */
    public String trustStorePassword() {
        return certificates.trustStorePassword();
    }

    /**
     * Returns a new client-side TLS context that trusts {@link #caCertificate()} and nothing else. Hostname
     * verification is the client's business: enable endpoint identification {@code HTTPS} as the SDKs do.
     */
    public SSLContext clientSslContext() {
        return certificates.clientSslContext();
    }

    /** Returns the port of the HTTPS service API (the bound one when configured as 0). */
    public int httpsPort() {
        return https.port();
    }

    /** Returns the port of MQTT over TLS (the bound one when configured as 0). */
    public int mqttPort() {
        return mqtt.tlsPort();
    }

    /**
     * Returns the port of MQTT over secure WebSocket: its own port when {@link EmulatorConfig#separateMqttWsPort()}
     * (the bound one when configured as 0), otherwise the {@linkplain #httpsPort() HTTPS port}, which serves it at
     * {@code /$iothub/websocket} in any case.
     */
    public int mqttWsPort() {
        return config.separateMqttWsPort() ? mqtt.webSocketPort() : https.port();
    }

    /**
     * Drops the MQTT connection of a device or module the way a network failure would, keeping its persistent
     * session, so tests can exercise a client's reconnect and resync.
     *
     * @return whether the device had a connection
     */
    public boolean dropConnection(TwinKey key) {
        return mqtt.dropConnection(key);
    }

    /**
     * Returns the {@code iothubowner} connection string of the HTTPS service API:
     * {@code HostName=localhost:<httpsPort>;SharedAccessKeyName=iothubowner;SharedAccessKey=<primary key>}, or
     * {@code HostName=127.0.0.1;…} when the HTTPS port is {@value #SDK_HTTPS_PORT}; with an
     * {@linkplain EmulatorConfig#ownLoopbackAddress() own loopback address} or {@linkplain EmulatorConfig#hostNames()
     * host names}, that address or the first host name instead of either host ({@code HostName=<host>:<httpsPort>;…},
     * or {@code HostName=<host>;…} on {@value #SDK_HTTPS_PORT}).
     *
     * <p>The official SDKs take the connection string's host name as is and connect to port 443: the Java service
     * SDK's parser rejects a host name with a port, the Node SDK cannot resolve {@code localhost:443}. So on 443 the
     * port is left out, and the host is the loopback address the certificate names, because the SDKs' e2e helpers
     * derive device connection strings from this host and the Java device SDK refuses a host name without a dot
     * ({@code localhost}); the string then works with every SDK unchanged. On another port, build the Java clients from
     * the host name and a SAS credential ({@code new TwinClient("localhost:" + httpsPort(),
     * new AzureSasCredential(token))}, which skips the host name checks) with a token signed by this policy's key.
     *
     * @throws IllegalStateException if the hub has no {@code iothubowner} policy (a data directory whose policies
     *     were changed)
     */
    public String serviceConnectionString() {
        SharedAccessPolicy owner = hub.registry().policy(OWNER_POLICY).orElseThrow(() ->
                new IllegalStateException("hub " + hub.options().hubName() + " has no " + OWNER_POLICY + " policy"));
        return "HostName=" + connectionStringHost(host, httpsPort()) + ";SharedAccessKeyName=" + OWNER_POLICY
                + ";SharedAccessKey=" + owner.primaryKey();
    }

    /**
     * Returns the service connection string's host: without a {@code host} of its own, {@value #DEVICE_HOST} on 443
     * and {@value #SERVICE_HOST}{@code :port} otherwise; with one, that host on 443 and {@code host:port} otherwise
     * (an IPv6 literal in brackets).
     */
    static String connectionStringHost(@Nullable String host, int httpsPort) {
        if (host == null) {
            return httpsPort == SDK_HTTPS_PORT ? DEVICE_HOST : SERVICE_HOST + ":" + httpsPort;
        }
        String bracketed = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return httpsPort == SDK_HTTPS_PORT ? bracketed : bracketed + ":" + httpsPort;
    }

    /**
     * Returns the connection string of a device with its primary key:
     * {@code HostName=<deviceHost>;DeviceId=<id>;SharedAccessKey=<primary key>}, the host being {@link #deviceHost()}
     * (127.0.0.1 by default). The official device SDK connects with
     * it over MQTT to port 8883 only, so it fits an emulator whose {@link #mqttPort()} is 8883; over MQTT_WS it
     * connects to port 443, so it fits an emulator whose {@link #httpsPort()} (which serves MQTT over WebSocket too)
     * is 443; on another port give the SDK {@code GatewayHostName=localhost:<mqttWsPort>}.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws IllegalStateException if the device does not use SAS keys
     */
    public String deviceConnectionString(DeviceId deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        return "HostName=" + deviceHost() + ";DeviceId=" + deviceId.value() + ";SharedAccessKey="
                + deviceKey(hub, deviceId).primaryKey();
    }

    /**
     * Returns what the command line announces when the emulator is ready: {@code hubName}, {@code hostName}
     * ({@link #serviceHost()}), {@code deviceHost} ({@link #deviceHost()}, the host of the device connection strings),
     * {@code bindAddress} ({@link #bindAddress()}), {@code httpsPort}, {@code mqttPort}, {@code mqttWsPort} (see
     * {@link #mqttWsPort()}),
     * {@code mqttWsPath} ({@code /$iothub/websocket}, served on {@code httpsPort} and {@code mqttWsPort}),
     * {@code serviceConnectionString}, {@code caCertificatePem} (the PEM text of {@link #caCertificate()}, so that a
     * client in another container, on another machine or in another language can trust the emulator without reading
     * its files), {@code caCertificateFile}, {@code trustStoreFile} and {@code trustStorePassword} (absolute paths on
     * the emulator's machine), and {@code devices}, each configured device's id mapped to its
     * {@linkplain #deviceConnectionString(DeviceId) connection string}.
     *
     * @throws IllegalStateException as {@link #serviceConnectionString()} and {@link #deviceConnectionString(DeviceId)}
     */
    public JsonObject readyInfo() {
        JsonObject.Builder devices = JsonObject.builder();
        for (DeviceId device : config.devices()) {
            devices.put(device.value(), deviceConnectionString(device));
        }
        return JsonObject.builder()
                .put("hubName", hub.options().hubName())
                .put("hostName", serviceHost())
                .put("deviceHost", deviceHost())
                .put("bindAddress", bindAddress.getHostAddress())
                .put("httpsPort", httpsPort())
                .put("mqttPort", mqttPort())
                .put("mqttWsPort", mqttWsPort())
                .put("mqttWsPath", MqttWebSocketUpgrade.PATH)
                .put("serviceConnectionString", serviceConnectionString())
                .put("caCertificatePem", certificates.caCertificatePem())
                .put("caCertificateFile", certificates.caCertificateFile().toAbsolutePath().toString())
                .put("trustStoreFile", certificates.trustStoreFile().toAbsolutePath().toString())
                .put("trustStorePassword", certificates.trustStorePassword())
                .put("devices", devices.build())
                .build();
    }

    /**
     * Closes the MQTT listeners, the HTTPS listener and then the hub, each waiting a few seconds at most, so that no
     * request is served by a closed hub; from the start, the health route {@code GET /twinkit/health} answers 503
     * {@code {"status":"closing"}} for as long as the HTTPS port still answers. Closing twice does nothing.
     *
     * @throws RuntimeException the first failure of a step, after every step was tried
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        https.markClosing();
        Deque<AutoCloseable> started = new ArrayDeque<>();
        started.push(hub);
        started.push(https);
        started.push(mqtt);
        RuntimeException failure = closeAll(started);
        if (failure != null) {
            throw failure;
        }
    }

    /** Returns the hub name and ports, for logs. */
    @Override
    public String toString() {
        return "TwinkitEmulator[" + hub.options().hubName() + (host == null ? "" : " on " + host) + ", https "
                + https.port() + ", mqtt " + mqtt.tlsPort()
                + ", mqtt-ws " + mqttWsPort() + (closed.get() ? ", closed]" : "]");
    }

    private static SymmetricKey deviceKey(IotHub hub, DeviceId deviceId) {
        SymmetricKey key = hub.registry().getDevice(deviceId).authentication().symmetricKey();
        if (key == null) {
            throw new IllegalStateException("device '" + deviceId.value()
                    + "' does not authenticate with SAS keys, so it has no connection string");
        }
        return key;
    }

    /** Closes the most recently started first and goes on after a failure; returns the first failure. */
    private static @Nullable RuntimeException closeAll(Deque<AutoCloseable> started) {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r
                        : new IllegalStateException("closing failed: " + e.getMessage(), e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        return failure;
    }
}
