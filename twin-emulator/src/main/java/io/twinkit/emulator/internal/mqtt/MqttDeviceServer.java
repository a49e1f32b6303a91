package io.twinkit.emulator.internal.mqtt;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.ConnectionGuard;
import io.twinkit.emulator.internal.MqttWebSocketUpgrade;
import io.twinkit.emulator.internal.RequestLog;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import io.twinkit.emulator.internal.security.HubAuthenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The emulator's MQTT device API: IoT Hub's MQTT 3.1.1 over TLS (the device SDK's {@code MQTT}, always port
 * {@value #DEFAULT_TLS_PORT} for it) and over a secure WebSocket at {@code /$iothub/websocket} (its {@code MQTT_WS},
 * any port), serving the twins of one {@link IotHub}.
 *
 * <pre>{@code
 * try (MqttDeviceServer mqtt = MqttDeviceServer.start(hub, certificates,
 *         new InetSocketAddress("127.0.0.1", MqttDeviceServer.DEFAULT_TLS_PORT),
 *         new InetSocketAddress("127.0.0.1", 0))) {
 *     // device SDK: "HostName=127.0.0.1;DeviceId=d1;SharedAccessKey=…" over MQTT, or
 *     // new DeviceClient("localhost:" + mqtt.webSocketPort(), "d1", sasTokenProvider, MQTT_WS, options)
 * }
 * }</pre>
 *
 * <p>What a device gets: CONNECT with the device's or module's SAS token as the password (checked
 * like the service does, refused with a CONNACK code otherwise), the twin GET and reported-properties PATCH topics
 * with their responses (204 with the new {@code $version}; 400 with the service's error body, 412 for a stale
 * {@code $version}, and no change, on failure), telemetry into the hub's journal
 * ({@link io.twinkit.emulator.IotHub#telemetry()}, acknowledged once it is there; over 256 KiB of body and properties
 * closes the connection), desired-property notifications at the subscribed QoS (at most 1), direct
 * method calls while subscribed to {@code $iothub/methods/POST/#} (at QoS 0, answered on
 * {@code $iothub/methods/res/{status}/?$rid=…}), and
 * persistent sessions: with {@code cleanSession = false} the subscriptions of a client id outlive its connection, as
 * the device SDK, which never subscribes to desired properties again after a reconnect, expects. One connection per
 * client id: a new CONNECT closes the old connection. Broken protocol rules close only the offending connection; a
 * twin request whose {@code $rid} is longer than 128 characters is one. A device that does not read its answers is
 * not read from either (at most 64 twin requests in flight per connection, 64 KiB of unsent answers), so it cannot
 * make the emulator buffer answers without bound.
 *
 * <p>Connections are bounded by {@link ConnectionLimits} ({@link ConnectionLimits#mqttDefaults()} unless given),
 * counted over both ports together: beyond the maximum a new connection is closed before TLS (the client's handshake
 * ends with the end of the stream or a reset); the TLS handshake must finish within the handshake timeout; CONNECT
 * (after the TLS handshake and, on the WebSocket port, the upgrade) must arrive within the idle timeout of the
 * connection's start. Running out
 * of file descriptors only pauses accepting.
 *
 * <p>With a {@link RequestLog} that is on, every CONNECT (accepted or refused) and every PUBLISH a device sends is
 * logged with its outcome.
 *
 * <p>Thread-safe. Closing the server closes every connection and forgets every session; the hub stays open.
 */
public final class MqttDeviceServer implements AutoCloseable {

    /** The port of MQTT over TLS, which the device SDK cannot change. */
    public static final int DEFAULT_TLS_PORT = 8883;

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final MqttFrontEnd frontEnd;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final EventExecutorGroup handlers;
    private final ConnectionGuard guard;
    private final @Nullable Channel tlsChannel;
    private final @Nullable Channel webSocketChannel;
    private final long handshakeTimeoutMillis;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MqttDeviceServer(MqttFrontEnd frontEnd, EventLoopGroup acceptors, EventLoopGroup workers,
                             EventExecutorGroup handlers, ConnectionGuard guard, @Nullable Channel tlsChannel,
                             @Nullable Channel webSocketChannel, long handshakeTimeoutMillis) {
        this.frontEnd = frontEnd;
        this.acceptors = acceptors;
        this.workers = workers;
        this.handlers = handlers;
        this.guard = guard;
        this.tlsChannel = tlsChannel;
        this.webSocketChannel = webSocketChannel;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /**
     * Starts serving {@code hub} over MQTT: over TLS on {@code tlsAddress} and over a secure WebSocket on
     * {@code webSocketAddress}, each with the server certificate of {@code certificates}; a {@code null} address
     * leaves that transport out, port 0 picks a free port. Device tokens are checked by {@link HubAuthenticator}.
     *
     * @param hub the hub whose twins the devices use; the server does not close it
     * @param certificates the emulator's certificates, whose CA clients must trust
     * @param tlsAddress where to serve MQTT over TLS (the device SDK needs port {@value #DEFAULT_TLS_PORT}), or
     *     {@code null}
     * @param webSocketAddress where to serve MQTT over WebSocket at {@code /$iothub/websocket}, or {@code null}
     * @return the running server
     * @throws IllegalArgumentException if both addresses are {@code null}
     * @throws UncheckedIOException if an address cannot be bound (for example the port is in use); nothing is left
     *     running
     */
    public static MqttDeviceServer start(IotHub hub, EmulatorCertificates certificates,
                                         @Nullable InetSocketAddress tlsAddress,
                                         @Nullable InetSocketAddress webSocketAddress) {
        return start(hub, certificates, tlsAddress, webSocketAddress, ConnectionLimits.mqttDefaults());
    }

    /**
     * Starts serving {@code hub} over MQTT as {@link #start(IotHub, EmulatorCertificates, InetSocketAddress,
     * InetSocketAddress)} does, with {@code connectionLimits} on the connections of both ports together.
     *
     * @param hub the hub whose twins the devices use; the server does not close it
     * @param certificates the emulator's certificates, whose CA clients must trust
     * @param tlsAddress where to serve MQTT over TLS, or {@code null}
     * @param webSocketAddress where to serve MQTT over WebSocket at {@code /$iothub/websocket}, or {@code null}
     * @param connectionLimits the most open connections, the handshake timeout and the time to send CONNECT
     * @return the running server
     * @throws IllegalArgumentException if both addresses are {@code null}
     * @throws UncheckedIOException if an address cannot be bound; nothing is left running
     */
    public static MqttDeviceServer start(IotHub hub, EmulatorCertificates certificates,
                                         @Nullable InetSocketAddress tlsAddress,
                                         @Nullable InetSocketAddress webSocketAddress,
                                         ConnectionLimits connectionLimits) {
        return start(hub, certificates, tlsAddress, webSocketAddress, connectionLimits, RequestLog.OFF);
    }

    /**
     * Starts serving {@code hub} over MQTT as {@link #start(IotHub, EmulatorCertificates, InetSocketAddress,
     * InetSocketAddress, ConnectionLimits)} does, logging every CONNECT and every PUBLISH of a device to
     * {@code requestLog} (unless it is {@link RequestLog#OFF}).
     *
     * @param hub the hub whose twins the devices use; the server does not close it
     * @param certificates the emulator's certificates, whose CA clients must trust
     * @param tlsAddress where to serve MQTT over TLS, or {@code null}
     * @param webSocketAddress where to serve MQTT over WebSocket at {@code /$iothub/websocket}, or {@code null}
     * @param connectionLimits the most open connections, the handshake timeout and the time to send CONNECT
     * @param requestLog where CONNECTs and PUBLISHes are logged with their outcomes
     * @return the running server
     * @throws IllegalArgumentException if both addresses are {@code null}
     * @throws UncheckedIOException if an address cannot be bound; nothing is left running
     */
    public static MqttDeviceServer start(IotHub hub, EmulatorCertificates certificates,
                                         @Nullable InetSocketAddress tlsAddress,
                                         @Nullable InetSocketAddress webSocketAddress,
                                         ConnectionLimits connectionLimits, RequestLog requestLog) {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(connectionLimits, "connectionLimits");
        HubAuthenticator authenticator = new HubAuthenticator(hub);
        return start(hub, certificates.serverSslContext(),
                (device, password) -> authenticator.authenticateDevice(password, device),
                MqttLimits.SERVICE.withConnectTimeout(connectionLimits.idleTimeout()), connectionLimits,
                tlsAddress, webSocketAddress, requestLog);
    }

    /**
     * Starts serving {@code hub} over MQTT, with {@code sslContext} for TLS and {@code authenticator} for CONNECT.
     *
     * @throws UncheckedIOException if an address cannot be bound; nothing is left running
     */
    static MqttDeviceServer start(IotHub hub, SSLContext sslContext, DeviceAuthenticator authenticator,
                                  MqttLimits limits, @Nullable InetSocketAddress tlsAddress,
                                  @Nullable InetSocketAddress webSocketAddress) {
        return start(hub, sslContext, authenticator, limits,
                ConnectionLimits.mqttDefaults().withIdleTimeout(limits.connectTimeout()), tlsAddress,
                webSocketAddress);
    }

    /**
     * Starts serving {@code hub} over MQTT with {@code limits} on the protocol and {@code connectionLimits} on the
     * connections (whose idle timeout {@code limits} already carries as its connect timeout).
     *
     * @throws UncheckedIOException if an address cannot be bound; nothing is left running
     */
    static MqttDeviceServer start(IotHub hub, SSLContext sslContext, DeviceAuthenticator authenticator,
                                  MqttLimits limits, ConnectionLimits connectionLimits,
                                  @Nullable InetSocketAddress tlsAddress,
                                  @Nullable InetSocketAddress webSocketAddress) {
        return start(hub, sslContext, authenticator, limits, connectionLimits, tlsAddress, webSocketAddress,
                RequestLog.OFF);
    }

    /** As above, logging CONNECTs and PUBLISHes to {@code requestLog}. */
    static MqttDeviceServer start(IotHub hub, SSLContext sslContext, DeviceAuthenticator authenticator,
                                  MqttLimits limits, ConnectionLimits connectionLimits,
                                  @Nullable InetSocketAddress tlsAddress,
                                  @Nullable InetSocketAddress webSocketAddress, RequestLog requestLog) {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(requestLog, "requestLog");
        if (tlsAddress == null && webSocketAddress == null) {
            throw new IllegalArgumentException("an MQTT server needs a TLS address, a WebSocket address or both");
        }
        ConnectionGuard guard = new ConnectionGuard("MQTT of hub " + hub.options().hubName(),
                connectionLimits.maxConnections());
        Duration handshakeTimeout = connectionLimits.handshakeTimeout();
        MqttFrontEnd frontEnd = new MqttFrontEnd(hub, authenticator, limits, requestLog);
        EventLoopGroup acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory("twinkit-mqtt-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("twinkit-mqtt-io", true));
        EventExecutorGroup handlers = new DefaultEventExecutorGroup(4,
                new DefaultThreadFactory("twinkit-mqtt-session", true));
        List<Channel> bound = new ArrayList<>();
        try {
            Channel tls = tlsAddress == null ? null : bind(acceptors, workers, guard,
                    new MqttChannelInitializer(sslContext, frontEnd, handlers, false, handshakeTimeout), tlsAddress,
                    "MQTT over TLS");
            if (tls != null) {
                bound.add(tls);
            }
            Channel ws = webSocketAddress == null ? null : bind(acceptors, workers, guard,
                    new MqttChannelInitializer(sslContext, frontEnd, handlers, true, handshakeTimeout),
                    webSocketAddress, "MQTT over WebSocket");
            return new MqttDeviceServer(frontEnd, acceptors, workers, handlers, guard, tls, ws,
                    handshakeTimeout.toMillis());
        } catch (RuntimeException | Error e) {
            bound.forEach(Channel::close);
            shutDown(acceptors, workers, handlers);
            throw e;
        }
    }

    private static Channel bind(EventLoopGroup acceptors, EventLoopGroup workers, ConnectionGuard guard,
                                MqttChannelInitializer initializer, InetSocketAddress address, String what) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channelFactory(ConnectionGuard::newServerChannel)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(guard)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
        var future = bootstrap.bind(address).awaitUninterruptibly();
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            throw new UncheckedIOException("cannot listen for " + what + " on " + address + ": " + cause.getMessage()
                    + (address.getPort() == DEFAULT_TLS_PORT ? " (is another MQTT broker or emulator using port "
                    + DEFAULT_TLS_PORT + "?)" : ""),
                    cause instanceof IOException io ? io : new IOException(cause));
        }
        return future.channel();
    }

    /**
     * Returns the port of MQTT over TLS (the bound one when started with port 0).
     *
     * @throws IllegalStateException if the server was started without a TLS address
     */
    public int tlsPort() {
        return port(tlsChannel, "TLS");
    }

    /**
     * Returns the port of MQTT over WebSocket (the bound one when started with port 0).
     *
     * @throws IllegalStateException if the server was started without a WebSocket address
     */
    public int webSocketPort() {
        return port(webSocketChannel, "WebSocket");
    }

    /**
     * Returns what an HTTPS listener needs to serve this server's MQTT over WebSocket on its own port, as IoT Hub
     * does on 443 ({@link io.twinkit.emulator.internal.http.HttpsServiceServer#start(IotHub, EmulatorCertificates,
     * InetSocketAddress, ConnectionLimits, MqttDeviceServer)}): an upgraded connection counts under this server's
     * connection cap and uses its sessions, limits and authentication. Not part of the API (its type is internal).
     */
    public MqttWebSocketUpgrade webSocketUpgrade() {
        return new MqttWebSocketUpgrade() {
            @Override
            public boolean admit(Channel channel) {
                return !closed.get() && guard.admit(channel);
            }

            @Override
            public void addHandlers(ChannelPipeline pipeline) {
                MqttChannelInitializer.addWebSocketHandlers(pipeline, frontEnd, handshakeTimeoutMillis);
                frontEnd.addMqttHandlers(pipeline, handlers);
            }
        };
    }

    /** Returns the guard that counts the open and refused connections of both ports. */
    ConnectionGuard guard() {
        return guard;
    }

    /**
     * Closes the connection of a device or module as a network failure would, keeping its persistent session, so
     * that a reconnecting client resumes its subscriptions.
     *
     * @return whether the identity had a connection
     */
    public boolean dropConnection(TwinKey key) {
        Objects.requireNonNull(key, "key");
        return frontEnd.dropConnection(key);
    }

    /** Stops listening, closes every connection and forgets every session, waiting a few seconds at most. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Channel channel : new Channel[] {tlsChannel, webSocketChannel}) {
            if (channel != null) {
                channel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
        frontEnd.close();
        // the connections' handlers run on their own group: it must outlive the event loops that close the
        // connections, or their last tasks are rejected
        shutDown(acceptors, workers);
        shutDown(handlers);
    }

    private static void shutDown(EventExecutorGroup... groups) {
        List<Future<?>> terminations = new ArrayList<>();
        for (EventExecutorGroup group : groups) {
            terminations.add(group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        for (Future<?> termination : terminations) {
            termination.awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
        }
    }

    private static int port(@Nullable Channel channel, String what) {
        if (channel == null) {
            throw new IllegalStateException("this MQTT server does not serve MQTT over " + what);
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Returns the ports, for logs. */
    @Override
    public String toString() {
        return "MqttDeviceServer[tls=" + (tlsChannel == null ? "-" : tlsPort()) + ", ws="
                + (webSocketChannel == null ? "-" : webSocketPort()) + (closed.get() ? ", closed" : "") + "]";
    }
}
