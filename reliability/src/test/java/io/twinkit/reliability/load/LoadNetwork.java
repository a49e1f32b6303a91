package io.twinkit.reliability.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.twinkit.reliability.support.EmulatorEndpoint;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The client side of many device connections: a small pool of Netty event loops and the two pipelines IoT Hub
 * devices use, MQTT 3.1.1 over TLS and over a secure WebSocket at {@code /$iothub/websocket} (binary frames,
 * subprotocol {@code mqtt}), both verifying the emulator's certificate and host name. Real codecs on real sockets to
 * 127.0.0.1; no SDK, so a thousand devices fit in one JVM.
 */
public final class LoadNetwork implements AutoCloseable {

    private static final String HOST = "localhost";
    private static final int MAX_PACKET = 256 * 1024;

    private final EmulatorEndpoint endpoint;
    private final EventLoopGroup group;

    /** Creates the client side of {@code endpoint} with {@code threads} event loops. */
    public LoadNetwork(EmulatorEndpoint endpoint, int threads) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory("load-device", true));
    }

    /** Returns the endpoint the devices connect to. */
    public EmulatorEndpoint endpoint() {
        return endpoint;
    }

    /** Returns the next event loop, round robin; a device keeps one for all its connections. */
    EventLoop nextLoop() {
        return group.next();
    }

    /**
     * Opens a connection on {@code loop}, MQTT over TLS or over a secure WebSocket, ending in {@code handler}. The
     * handler sees {@link io.netty.handler.ssl.SslHandshakeCompletionEvent} (TLS) or
     * {@link WebSocketClientProtocolHandler.ClientHandshakeStateEvent#HANDSHAKE_COMPLETE} (WebSocket) before it may
     * write MQTT packets.
     */
    ChannelFuture connect(EventLoop loop, boolean webSocket, ChannelHandler handler) {
        int port = webSocket ? endpoint.mqttWsPort() : endpoint.mqttPort();
        return new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        pipeline.addLast("tls", tls(port));
                        if (webSocket) {
                            pipeline.addLast("http", new HttpClientCodec());
                            pipeline.addLast("httpAggregator", new HttpObjectAggregator(64 * 1024));
                            pipeline.addLast("webSocket", new WebSocketClientProtocolHandler(
                                    WebSocketClientProtocolConfig.newBuilder()
                                            .webSocketUri(URI.create("wss://" + HOST + ":" + port
                                                    + "/$iothub/websocket?iothub-no-client-cert=true"))
                                            .subprotocol("mqtt")
                                            .version(WebSocketVersion.V13)
                                            .maxFramePayloadLength(MAX_PACKET + 16)
                                            .handshakeTimeoutMillis(10_000)
                                            .build()));
                            pipeline.addLast("framesToBytes", new FramesToBytes());
                            pipeline.addLast("bytesToFrames", new BytesToFrames());
                        }
                        pipeline.addLast("mqttDecoder", new MqttDecoder(MAX_PACKET));
                        pipeline.addLast("mqttEncoder", MqttEncoder.INSTANCE);
                        pipeline.addLast("device", handler);
                    }
                })
                .connect(InetAddress.getLoopbackAddress(), port);
    }

    private SslHandler tls(int port) {
        SSLEngine engine = endpoint.clientTls().createSSLEngine(HOST, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(10_000);
        return handler;
    }

    /** Stops the event loops, closing every connection still open. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Unwraps the MQTT bytes of binary WebSocket frames. */
    private static final class FramesToBytes extends MessageToMessageDecoder<BinaryWebSocketFrame> {
        @Override
        protected void decode(ChannelHandlerContext ctx, BinaryWebSocketFrame frame, List<Object> out) {
            out.add(frame.content().retain());
        }
    }

    /** Wraps outgoing MQTT bytes in binary WebSocket frames. */
    private static final class BytesToFrames extends MessageToMessageEncoder<ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
            out.add(new BinaryWebSocketFrame(bytes.retain()));
        }
    }
}
