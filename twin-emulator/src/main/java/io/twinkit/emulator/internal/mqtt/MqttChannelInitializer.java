package io.twinkit.emulator.internal.mqtt;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import io.twinkit.emulator.internal.MqttWebSocketUpgrade;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Builds the pipeline of an accepted device connection: TLS, then either MQTT directly (port 8883 style) or an HTTP
 * upgrade to a WebSocket at {@code /$iothub/websocket} (any query string, subprotocol {@code mqtt}) whose binary
 * frames carry MQTT, then the {@link MqttFrontEnd}'s codec and connection handler. The TLS handshake must finish
 * within the handshake timeout, and so must the WebSocket upgrade once its request arrived; the connection handler's
 * CONNECT timeout, counted from the start, bounds the whole way to CONNECT.
 */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String WEBSOCKET_PATH = MqttWebSocketUpgrade.PATH;
    private static final int MAX_UPGRADE_REQUEST_BYTES = 64 * 1024;

    private final SSLContext sslContext;
    private final MqttFrontEnd frontEnd;
    private final EventExecutorGroup handlerGroup;
    private final boolean webSocket;
    private final long handshakeTimeoutMillis;

    MqttChannelInitializer(SSLContext sslContext, MqttFrontEnd frontEnd, EventExecutorGroup handlerGroup,
                           boolean webSocket, Duration handshakeTimeout) {
        this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        this.frontEnd = Objects.requireNonNull(frontEnd, "frontEnd");
        this.handlerGroup = Objects.requireNonNull(handlerGroup, "handlerGroup");
        this.webSocket = webSocket;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        SSLEngine engine = sslContext.createSSLEngine();
        engine.setUseClientMode(false);
        SslHandler tls = new SslHandler(engine);
        tls.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        pipeline.addLast("tls", tls);
        if (webSocket) {
            pipeline.addLast("http", new HttpServerCodec());
            addWebSocketHandlers(pipeline, frontEnd, handshakeTimeoutMillis);
        }
        frontEnd.addMqttHandlers(pipeline, handlerGroup);
    }

    /**
     * Appends the HTTP aggregator, the WebSocket handshake at {@value #WEBSOCKET_PATH} and the frame adapters to a
     * pipeline that ends with an HTTP server codec; the MQTT handlers go after them.
     */
    static void addWebSocketHandlers(ChannelPipeline pipeline, MqttFrontEnd frontEnd, long handshakeTimeoutMillis) {
        pipeline.addLast("httpAggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES));
        pipeline.addLast("webSocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WEBSOCKET_PATH)
                .checkStartsWith(true)
                .subprotocols("mqtt")
                .maxFramePayloadLength(frontEnd.limits().maxPacketBytes() + 16)
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .build()));
        pipeline.addLast("notWebSocket", NotWebSocketHandler.INSTANCE);
        pipeline.addLast("webSocketFrames", new WebSocketFramesToBytes());
        pipeline.addLast("webSocketWriter", BytesToWebSocketFrames.INSTANCE);
    }
}
