package io.twinkit.emulator.internal.http;

import io.twinkit.core.error.TwinException;
import io.twinkit.core.error.IotHubErrorCode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.internal.ConnectionGuard;
import io.twinkit.emulator.internal.MqttWebSocketUpgrade;
import io.twinkit.emulator.internal.RequestLog;
import io.twinkit.emulator.internal.mqtt.MqttDeviceServer;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import io.twinkit.emulator.internal.security.HubAuthenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The HTTPS service API of an {@link IotHub}, as the official service SDKs ({@code TwinClient}, {@code QueryClient},
 * {@code RegistryClient}) and the REST API call it.
 *
 * <pre>{@code
 * EmulatorCertificates certificates = EmulatorCertificates.loadOrCreate(null);
 * try (IotHub hub = IotHub.create();
 *      HttpsServiceServer server = HttpsServiceServer.start(hub, certificates,
 *              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
 *     // trust: HttpsURLConnection.setDefaultSSLSocketFactory(certificates.clientSslContext().getSocketFactory())
 *     TwinClient twins = new TwinClient("localhost:" + server.port(), new AzureSasCredential(token));
 * }
 * }</pre>
 *
 * <p>Resources, each with any {@code api-version} (or none):
 * <ul>
 *   <li>{@code GET}, {@code PATCH} (also {@code POST} with {@code X-HTTP-Method-Override: PATCH}) and {@code PUT} on
 *       {@code /twins/{id}} and {@code /twins/{id}/modules/{mid}}, with {@code If-Match}; answered with the full twin
 *       JSON ({@link io.twinkit.emulator.TwinService}). Top-level {@code null} members of a body are not supplied;
 *       {@code null} inside {@code tags} or {@code properties.desired} deletes.</li>
 *   <li>{@code POST /devices/query} with {@code {"query":"…"}} and the {@code x-ms-max-item-count} and
 *       {@code x-ms-continuation} headers; answered with a bare JSON array and the {@code x-ms-item-type} and (while
 *       more pages remain) {@code x-ms-continuation} headers ({@link io.twinkit.emulator.QueryService}).</li>
 *   <li>{@code PUT}, {@code GET} and {@code DELETE} on {@code /devices/{id}} and {@code /devices/{id}/modules/{mid}}
 *       in the REST device format ({@link io.twinkit.emulator.DeviceIdentity#toJson()}); {@code PUT} creates, or with
 *       {@code If-Match} updates; {@code DELETE} answers 204.</li>
 *   <li>{@code POST /twins/{id}/methods} and {@code /twins/{id}/modules/{mid}/methods}: a direct method call
 *       ({@link io.twinkit.emulator.MethodService}), answered with the device's {@code {"status":..,"payload":..}} when
 *       it answers, without holding a thread meanwhile; its errors have the service's direct method shape.</li>
 *   <li>The emulator's own (not IoT Hub's) telemetry endpoints, {@code GET /twinkit/telemetry} and
 *       {@code GET /twinkit/telemetry/stream} ({@link TelemetryEndpoint}), for ServiceConnect.</li>
 *   <li>The emulator's own health route, {@code GET} and {@code HEAD /twinkit/health} ({@link HealthRoute}), the one
 *       route without credentials: 200 {@code {"status":"ok","hubName":…,"uptimeSeconds":…}}, 503
 *       {@code {"status":"closing"}} once the server is closing ({@link #markClosing()}), 405 for other methods.</li>
 * </ul>
 * Ids in paths are percent-decoded. Every other request needs {@code Authorization: SharedAccessSignature …} of one
 * of the hub's shared access policies ({@link HubAuthenticator}): ServiceConnect for twins, direct methods and
 * queries, RegistryRead for reading identities, RegistryWrite for writing them; 401 (401002) for a missing, bad or
 * expired token and 403 for a policy without the right.
 *
 * <p>Errors are the service's body {@code {"Message":"ErrorCode:<name>;<text>","ExceptionMessage":"Tracking ID:…
 * -TimeStamp:…"}} with the header {@code iothub-errorcode: <name>}, which the SDKs parse, and the status of the
 * hub's {@link io.twinkit.core.error.TwinException}; the names are {@link io.twinkit.core.error.IotHubErrorCode#errorName()}:
 * malformed JSON 400 (IotHubFormatError), a body over 256 KiB 413 (MessageTooLarge), an unknown path 404 (NotFound),
 * a method a resource does not take 405 (MethodNotAllowed), a malformed HTTP request 400 (BadRequest) and a closed
 * connection. Any other failure is logged with a tracking id and answered 500 (ServerError) without
 * details. A bad request affects only its own connection. Pipelined requests are answered one at a time: the server
 * reads the next only once the answer to the previous one is written, so a client that does not read its answers
 * cannot make the server buffer them.
 *
 * <p>Connections are bounded by {@link ConnectionLimits} ({@link ConnectionLimits#httpsDefaults()} unless given):
 * beyond the maximum a new connection is closed before TLS; a TLS handshake must finish within the handshake
 * timeout; a connection is closed when it has had no complete request for the idle timeout since it opened or since
 * its last response (an idle or slowly trickling client). Running out of file descriptors only pauses accepting.
 *
 * <p>Started with an {@link MqttDeviceServer}, the port also serves its MQTT over WebSocket at
 * {@code /$iothub/websocket}, as IoT Hub does on 443 (see {@link #start(IotHub, EmulatorCertificates,
 * InetSocketAddress, ConnectionLimits, MqttDeviceServer)}).
 *
 * <p>TLS comes from {@link EmulatorCertificates#serverSslContext()} (TLSv1.2 and TLSv1.3). Each server has its own
 * threads (an acceptor, two I/O threads and four threads for hub calls, all daemons named
 * {@code twinkit-https-<hub>-…}) and shares nothing with other servers. With a {@link RequestLog} that is on, every
 * request is logged with its answer's status and time ({@link HttpsRequestLogger}). Thread-safe.
 */
public final class HttpsServiceServer implements AutoCloseable {

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    /** The threads that answer hub calls of an in-memory hub. */
    static final int HUB_THREADS = 4;

    /** The threads that answer hub calls of a hub with a data directory, where writes wait for the disk. */
    static final int DURABLE_HUB_THREADS = 64;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final EventExecutorGroup hubCalls;
    private final ChannelGroup connections;
    private final ConnectionGuard guard;
    private final Channel channel;
    private final int port;
    private final AtomicBoolean closing;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpsServiceServer(EventLoopGroup acceptor, EventLoopGroup io, EventExecutorGroup hubCalls,
                               ChannelGroup connections, ConnectionGuard guard, Channel channel,
                               AtomicBoolean closing) {
        this.closing = closing;
        this.acceptor = acceptor;
        this.io = io;
        this.hubCalls = hubCalls;
        this.connections = connections;
        this.guard = guard;
        this.channel = channel;
        this.port = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Starts a server for {@code hub} on {@code address}; port 0 takes a free port (see {@link #port()}).
     *
     * @param hub the hub to serve; the server does not close it
     * @param certificates the certificates whose server certificate the server presents
     * @param address the address to listen on, for example {@code 127.0.0.1:0}
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound, for example because the port is taken
     */
    public static HttpsServiceServer start(IotHub hub, EmulatorCertificates certificates, InetSocketAddress address) {
        return start(hub, certificates, address, ConnectionLimits.httpsDefaults());
    }

    /**
     * Starts a server for {@code hub} on {@code address} with {@code limits} on its connections.
     *
     * @param hub the hub to serve; the server does not close it
     * @param certificates the certificates whose server certificate the server presents
     * @param address the address to listen on, for example {@code 127.0.0.1:0}
     * @param limits the most open connections and the handshake and idle timeouts
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound, for example because the port is taken
     */
    public static HttpsServiceServer start(IotHub hub, EmulatorCertificates certificates, InetSocketAddress address,
                                           ConnectionLimits limits) {
        return start(hub, certificates, address, limits, null);
    }

    /**
     * Starts a server for {@code hub} on {@code address} with {@code limits} on its connections that also serves
     * {@code mqtt}'s MQTT over WebSocket at {@code /$iothub/websocket}, as IoT Hub does on port 443 beside its REST
     * API (the SDKs' {@code MQTT_WS} connects there; the Node SDK only to 443). A connection whose first request is
     * {@code GET /$iothub/websocket[?…]} with {@code Upgrade: websocket} becomes one of {@code mqtt}'s connections:
     * its sessions, protocol limits, CONNECT timeout and device authentication apply, and it counts under
     * {@code mqtt}'s connection cap instead of this server's (at that cap the upgrade is answered 503). A request for
     * that path without the upgrade is answered 400. Everything else is served as without {@code mqtt}.
     *
     * @param hub the hub to serve; the server does not close it
     * @param certificates the certificates whose server certificate the server presents
     * @param address the address to listen on, for example {@code 127.0.0.1:0}
     * @param limits the most open connections and the handshake and idle timeouts
     * @param mqtt the MQTT server of the same hub whose WebSocket front end to serve, or {@code null} for none
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound, for example because the port is taken
     */
    public static HttpsServiceServer start(IotHub hub, EmulatorCertificates certificates, InetSocketAddress address,
                                           ConnectionLimits limits, @Nullable MqttDeviceServer mqtt) {
        return start(hub, certificates, address, limits, mqtt, RequestLog.OFF);
    }

    /**
     * Starts a server as {@link #start(IotHub, EmulatorCertificates, InetSocketAddress, ConnectionLimits,
     * MqttDeviceServer)} does that logs every request to {@code requestLog} (unless it is {@link RequestLog#OFF}).
     *
     * @param hub the hub to serve; the server does not close it
     * @param certificates the certificates whose server certificate the server presents
     * @param address the address to listen on, for example {@code 127.0.0.1:0}
     * @param limits the most open connections and the handshake and idle timeouts
     * @param mqtt the MQTT server of the same hub whose WebSocket front end to serve, or {@code null} for none
     * @param requestLog where each request and its answer are logged
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound, for example because the port is taken
     */
    public static HttpsServiceServer start(IotHub hub, EmulatorCertificates certificates, InetSocketAddress address,
                                           ConnectionLimits limits, @Nullable MqttDeviceServer mqtt,
                                           RequestLog requestLog) {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(certificates, "certificates");
        return start(hub, ServiceAuthorizer.of(new HubAuthenticator(hub)), certificates.serverSslContext(), address,
                limits, mqtt == null ? null : mqtt.webSocketUpgrade(), requestLog);
    }

    /** Binds a server with its own event loops; everything started is shut down again if binding fails. */
    static HttpsServiceServer start(IotHub hub, ServiceAuthorizer authorizer, SSLContext sslContext,
                                    InetSocketAddress address, ConnectionLimits limits) {
        return start(hub, authorizer, sslContext, address, limits, null);
    }

    /** As above, handing WebSocket upgrades to {@code webSocket} when given. */
    static HttpsServiceServer start(IotHub hub, ServiceAuthorizer authorizer, SSLContext sslContext,
                                    InetSocketAddress address, ConnectionLimits limits,
                                    @Nullable MqttWebSocketUpgrade webSocket) {
        return start(hub, authorizer, sslContext, address, limits, webSocket, RequestLog.OFF);
    }

    /** As above, logging every request to {@code requestLog}. */
    static HttpsServiceServer start(IotHub hub, ServiceAuthorizer authorizer, SSLContext sslContext,
                                    InetSocketAddress address, ConnectionLimits limits,
                                    @Nullable MqttWebSocketUpgrade webSocket, RequestLog requestLog) {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(requestLog, "requestLog");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(limits, "limits");
        String name = "twinkit-https-" + hub.options().hubName();
        ConnectionGuard guard = new ConnectionGuard(name, limits.maxConnections());
        EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true));
        EventLoopGroup io = new NioEventLoopGroup(2, new DefaultThreadFactory(name + "-io", true));
        EventExecutorGroup hubCalls = new DefaultEventExecutorGroup(hubThreads(hub),
                new DefaultThreadFactory(name + "-hub", true));
        ChannelGroup connections = new DefaultChannelGroup(name, acceptor.next());
        AtomicBoolean closing = new AtomicBoolean();
        HealthRoute health = new HealthRoute(hub.options().hubName(), closing::get, hub.options().clock());
        try {
            Channel channel = new ServerBootstrap()
                    .group(acceptor, io)
                    .channelFactory(ConnectionGuard::newServerChannel)
                    .option(ChannelOption.SO_BACKLOG, 128)
                    .handler(guard)
                    .childHandler(new ServiceChannelInitializer(hub, authorizer, sslContext, hubCalls,
                            ServiceChannelInitializer.MAX_BODY_BYTES, connections::add, limits, webSocket, guard,
                            health, requestLog))
                    .bind(address)
                    .syncUninterruptibly()
                    .channel();
            return new HttpsServiceServer(acceptor, io, hubCalls, connections, guard, channel, closing);
        } catch (Exception e) {
            // Netty rethrows the bind's checked IOException undeclared
            shutDown(List.of(hubCalls, acceptor, io));
            if (e instanceof IOException failure) {
                throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), failure);
            }
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IllegalStateException("cannot listen on " + address, e);
        }
    }

    /** Returns the port the server listens on; with port 0 requested, the free port it was given. */
    public int port() {
        return port;
    }

    /** Returns the guard that counts this server's open and refused connections. */
    ConnectionGuard guard() {
        return guard;
    }

    /**
     * Announces that the server is about to close: from now on {@code /twinkit/health} answers 503
     * {@code {"status":"closing"}}, while every other route is served as before until {@link #close()}. An emulator
     * calls it before it closes its other parts, so that health checks see it going while it still answers.
     */
    public void markClosing() {
        closing.set(true);
    }

    /**
     * Stops listening, closes every connection and shuts down the server's threads, waiting a few seconds at most;
     * requests answered meanwhile find the health route closing. Closing twice does nothing.
     */
    @Override
    public void close() {
        closing.set(true);
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // no new connections, then no open ones; hub calls in flight finish while their I/O threads still run
        channel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        shutDown(List.of(hubCalls));
        shutDown(List.of(acceptor, io));
    }

    private static void shutDown(List<EventExecutorGroup> groups) {
        List<Future<?>> terminations = groups.stream()
                .<Future<?>>map(group -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS))
                .toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_TIMEOUT_SECONDS);
        for (Future<?> termination : terminations) {
            termination.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** Returns the port, for logs. */
    @Override
    public String toString() {
        return "HttpsServiceServer[port " + port + (closed.get() ? ", closed]" : "]");
    }

    /**
     * Returns how many threads answer hub calls: {@link #HUB_THREADS}, or {@link #DURABLE_HUB_THREADS} with a data
     * directory, where a write waits for the store's commit and writes that wait together share one (group commit).
     * Each connection keeps to one of them and answers one request at a time, so their queues never hold more than one
     * request per connection.
     */
    static int hubThreads(IotHub hub) {
        return hub.options().dataDirectory().isPresent() ? DURABLE_HUB_THREADS : HUB_THREADS;
    }
}
