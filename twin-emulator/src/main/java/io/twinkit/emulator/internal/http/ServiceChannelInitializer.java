package io.twinkit.emulator.internal.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.internal.ConnectionGuard;
import io.twinkit.emulator.internal.MqttWebSocketUpgrade;
import io.twinkit.emulator.internal.RequestLog;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline of one service API connection: TLS (when a context is given), Netty's HTTP codec, the body-size
 * aggregator and the {@link ServiceRequestHandler}, which hands each request to one executor of {@code hubExecutor}
 * when one is given, so that hub calls (storage commits) never block the I/O thread. The handler itself stays on the
 * I/O thread: a pipeline whose handlers live on two executors would need both to tear a connection down. Each new connection is handed to {@code connections} first,
 * so that the server can close them all. The TLS handshake and each request must come within the timeouts of the
 * {@link ConnectionLimits} ({@link IdleRequestTimeout}). With an MQTT front end, a {@link WebSocketRoute} after the
 * idle timeout hands WebSocket upgrades at {@code /$iothub/websocket} over to it. The server's connections share one
 * {@link TelemetryEndpoint}, which bounds the telemetry streams open at once, and one {@link HealthRoute}. With the
 * request log on, an {@link HttpsRequestLogger} right after the codec logs every request with its answer.
 */
final class ServiceChannelInitializer extends ChannelInitializer<Channel> {

    /** The largest request body, 256 KiB: far above the service's twin limits, far below memory trouble. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_INITIAL_LINE = 8 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_CHUNK_BYTES = 16 * 1024;

    private final IotHub hub;
    private final ServiceAuthorizer authorizer;
    private final @Nullable SSLContext sslContext;
    private final @Nullable EventExecutorGroup hubExecutor;
    private final int maxBodyBytes;
    private final Consumer<Channel> connections;
    private final ConnectionLimits limits;
    private final @Nullable MqttWebSocketUpgrade webSocket;
    private final @Nullable ConnectionGuard guard;
    private final TelemetryEndpoint telemetry;
    private final HealthRoute health;
    private final RequestLog requestLog;

    ServiceChannelInitializer(IotHub hub, ServiceAuthorizer authorizer, @Nullable SSLContext sslContext,
                              @Nullable EventExecutorGroup hubExecutor, int maxBodyBytes,
                              Consumer<Channel> connections) {
        this(hub, authorizer, sslContext, hubExecutor, maxBodyBytes, connections, ConnectionLimits.httpsDefaults());
    }

    ServiceChannelInitializer(IotHub hub, ServiceAuthorizer authorizer, @Nullable SSLContext sslContext,
                              @Nullable EventExecutorGroup hubExecutor, int maxBodyBytes,
                              Consumer<Channel> connections, ConnectionLimits limits) {
        this(hub, authorizer, sslContext, hubExecutor, maxBodyBytes, connections, limits, null, null);
    }

    /**
     * As above; with {@code webSocket} (and the HTTPS {@code guard} the upgraded connections leave), a
     * {@link WebSocketRoute} hands {@code /$iothub/websocket} upgrades to the MQTT front end.
     */
    ServiceChannelInitializer(IotHub hub, ServiceAuthorizer authorizer, @Nullable SSLContext sslContext,
                              @Nullable EventExecutorGroup hubExecutor, int maxBodyBytes,
                              Consumer<Channel> connections, ConnectionLimits limits,
                              @Nullable MqttWebSocketUpgrade webSocket, @Nullable ConnectionGuard guard) {
        this(hub, authorizer, sslContext, hubExecutor, maxBodyBytes, connections, limits, webSocket, guard,
                new HealthRoute(hub.options().hubName(), () -> false, hub.options().clock()), RequestLog.OFF);
    }

    /**
     * As above, answering {@value HealthRoute#PATH} with {@code health} and logging requests to {@code requestLog}
     * (nothing is added to the pipeline when it is off).
     */
    ServiceChannelInitializer(IotHub hub, ServiceAuthorizer authorizer, @Nullable SSLContext sslContext,
                              @Nullable EventExecutorGroup hubExecutor, int maxBodyBytes,
                              Consumer<Channel> connections, ConnectionLimits limits,
                              @Nullable MqttWebSocketUpgrade webSocket, @Nullable ConnectionGuard guard,
                              HealthRoute health, RequestLog requestLog) {
        this.health = health;
        this.requestLog = requestLog;
        this.webSocket = webSocket;
        this.guard = guard;
        this.limits = limits;
        this.hub = hub;
        this.authorizer = authorizer;
        this.sslContext = sslContext;
        this.hubExecutor = hubExecutor;
        this.maxBodyBytes = maxBodyBytes;
        this.connections = connections;
        this.telemetry = new TelemetryEndpoint(hub.telemetry(), authorizer);
    }

    @Override
    protected void initChannel(Channel channel) {
        connections.accept(channel);
        ChannelPipeline pipeline = channel.pipeline();
        if (sslContext != null) {
            SSLEngine engine = sslContext.createSSLEngine();
            engine.setUseClientMode(false);
            SslHandler tls = new SslHandler(engine);
            tls.setHandshakeTimeoutMillis(limits.handshakeTimeout().toMillis());
            pipeline.addLast("tls", tls);
        }
        pipeline.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
        if (requestLog.enabled()) {
            pipeline.addLast("requestLog", new HttpsRequestLogger(requestLog));
        }
        pipeline.addLast("idle", new IdleRequestTimeout(limits.idleTimeout()));
        if (webSocket != null && guard != null) {
            pipeline.addLast("webSocketRoute", new WebSocketRoute(webSocket, guard, hub.options().clock()));
        }
        pipeline.addLast("body", new BodyLimitAggregator(maxBodyBytes, hub.options().clock()));
        pipeline.addLast("service", new ServiceRequestHandler(hub, authorizer,
                hubExecutor == null ? null : hubExecutor.next(), telemetry, health, requestLog));
    }
}
