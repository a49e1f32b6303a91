package io.twinkit.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * A minimal IoT Hub device for the emulator benchmarks: MQTT 3.1.1 on Netty's codec over TLS to the emulator's MQTT
 * port on loopback (verifying its certificate and host name), signed in with a SAS token of the device's key. It
 * answers direct methods ({@code $iothub/methods/POST/{name}/?$rid=} answered on
 * {@code $iothub/methods/res/200/?$rid=}, QoS 0, from its event loop) and sends telemetry bursts with QoS 1 and a
 * bounded window of messages awaiting their PUBACK. No SDK sits between the benchmark and the emulator, so a hundred
 * of them fit on two event loop threads and what is measured is the emulator, the TLS and the codec.
 *
 * <p>All state lives on the connection's event loop; the methods that start work hop onto it.
 */
final class LoopbackMqttDevice implements AutoCloseable {

    /** The filter a device subscribes to for direct methods. */
    static final String METHODS_FILTER = "$iothub/methods/POST/#";
    private static final String METHOD_PREFIX = "$iothub/methods/POST/";
    private static final String HOST = TwinkitEmulator.SERVICE_HOST;
    private static final int MAX_PACKET = 256 * 1024;

    private final Channel channel;
    private final String deviceId;
    private final Handler handler;

    private LoopbackMqttDevice(Channel channel, String deviceId, Handler handler) {
        this.channel = channel;
        this.deviceId = deviceId;
        this.handler = handler;
    }

    /** Returns a group of daemon event loops for devices. */
    static EventLoopGroup eventLoops(int threads) {
        return new NioEventLoopGroup(threads, new DefaultThreadFactory("loopback-device", true));
    }

    /**
     * Connects a device of {@code emulator} over MQTT and TLS; with {@code methods}, it also subscribes to direct
     * methods and answers each call with status 200 and what {@code methods} returns for its name and payload.
     *
     * @return completes when the hub accepted the connection (and granted the subscription)
     */
    static CompletableFuture<LoopbackMqttDevice> connect(EventLoopGroup group, TwinkitEmulator emulator,
            DeviceId id, @Nullable BiFunction<String, byte[], byte[]> methods) {
        SSLContext tls = emulator.clientSslContext();
        int port = emulator.mqttPort();
        String deviceId = id.value();
        Handler handler = new Handler(deviceId, primaryKey(emulator.deviceConnectionString(id)), methods);
        Channel channel = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(tls(tls, port), new MqttDecoder(MAX_PACKET), MqttEncoder.INSTANCE,
                                handler);
                    }
                })
                .connect(InetAddress.getLoopbackAddress(), port)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        handler.ready.completeExceptionally(f.cause());
                    }
                })
                .channel();
        return handler.ready.thenApply(ignored -> new LoopbackMqttDevice(channel, deviceId, handler));
    }

    /** Returns the {@code SharedAccessKey} of a device connection string. */
    static String primaryKey(String connectionString) {
        for (String part : connectionString.split(";")) {
            if (part.startsWith("SharedAccessKey=")) {
                return part.substring("SharedAccessKey=".length());
            }
        }
        throw new IllegalStateException("no SharedAccessKey in " + connectionString);
    }

    /**
     * Returns a client TLS handler of {@code context} that verifies the server's certificate names
     * {@link TwinkitEmulator#SERVICE_HOST}.
     */
    static SslHandler tls(SSLContext context, int port) {
        SSLEngine engine = context.createSSLEngine(HOST, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return new SslHandler(engine);
    }

    /**
     * Returns the MQTT 3.1.1 CONNECT of an IoT Hub device: client id the device id, a persistent session, the user
     * name {@code {hub host}/{device id}/?api-version=...} and a SAS token of {@code key} valid for a day as password.
     */
    static MqttConnectMessage connectMessage(String deviceId, String key) {
        String token = SharedAccessSignature.create(key, TwinkitEmulator.DEVICE_HOST + "/devices/" + deviceId,
                Instant.now().getEpochSecond() + 86_400, null);
        return MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(deviceId)
                .cleanSession(false)
                .keepAlive(600)
                .hasUser(true)
                .username(TwinkitEmulator.DEVICE_HOST + "/" + deviceId
                        + "/?api-version=2021-04-12&DeviceClientType=twinkit-benchmarks")
                .hasPassword(true)
                .password(token.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** Returns the device id. */
    String deviceId() {
        return deviceId;
    }

    /**
     * Sends {@code count} telemetry messages with QoS 1 to {@code devices/{id}/messages/events/}, each with the
     * application property {@code seq} (numbered on from the previous burst), content type JSON and a small JSON
     * body, keeping at most {@code window} messages awaiting their PUBACK.
     *
     * @return completes with {@code count} once every message of the burst was acknowledged; fails if a PUBACK
     *     names no message in flight or the connection ends first
     */
    CompletableFuture<Integer> sendTelemetry(int count, int window) {
        if (count < 1 || window < 1) {
            throw new IllegalArgumentException("count and window must be positive: " + count + ", " + window);
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        channel.eventLoop().execute(() -> handler.startBurst(channel, count, window, done));
        return done;
    }

    /** Returns the telemetry messages the hub acknowledged so far, over every burst. */
    long telemetryAcknowledged() {
        return handler.acknowledged;
    }

    /** Returns the direct method calls the device answered so far. */
    long methodsAnswered() {
        return handler.methodsAnswered;
    }

    /** Sends DISCONNECT and closes the connection, waiting a few seconds at most. */
    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(MqttMessage.DISCONNECT);
        }
        channel.close().awaitUninterruptibly(5_000);
    }

    @Override
    public String toString() {
        return "LoopbackMqttDevice[" + deviceId + "]";
    }

    /** The connection's handler and all of its state. */
    private static final class Handler extends ChannelInboundHandlerAdapter {

        private final String deviceId;
        private final String key;
        private final @Nullable BiFunction<String, byte[], byte[]> methods;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final String telemetryTopic;
        private int lastPacketId;
        private long seq;
        // the burst in progress
        private final BitSet inFlight = new BitSet(65_536);
        private int toSend;
        private int awaiting;
        private int burst;
        private @Nullable CompletableFuture<Integer> burstDone;
        private long acknowledged;
        private long methodsAnswered;
        private boolean pendingFlush;

        Handler(String deviceId, String key, @Nullable BiFunction<String, byte[], byte[]> methods) {
            this.deviceId = deviceId;
            this.key = key;
            this.methods = methods;
            this.telemetryTopic = "devices/" + deviceId + "/messages/events/";
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    ctx.writeAndFlush(connectMessage(deviceId, key));
                } else {
                    ready.completeExceptionally(handshake.cause());
                    ctx.close();
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!(msg instanceof MqttMessage message) || message.decoderResult().isFailure()) {
                    fail(ctx, new IllegalStateException(deviceId + ": undecodable packet"));
                    return;
                }
                switch (message.fixedHeader().messageType()) {
                    case CONNACK -> onConnAck(ctx, (MqttConnAckMessage) message);
                    case SUBACK -> onSubAck(ctx, (MqttSubAckMessage) message);
                    case PUBACK -> onPubAck(ctx, ((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
                    case PUBLISH -> onPublish(ctx, (MqttPublishMessage) message);
                    case PINGRESP -> {
                        // keep-alive answered
                    }
                    default -> fail(ctx, new IllegalStateException(deviceId + ": unexpected "
                            + message.fixedHeader().messageType()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (pendingFlush) {
                pendingFlush = false;
                ctx.flush();
            }
            ctx.fireChannelReadComplete();
        }

        private void onConnAck(ChannelHandlerContext ctx, MqttConnAckMessage ack) {
            MqttConnectReturnCode code = ack.variableHeader().connectReturnCode();
            if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                fail(ctx, new IllegalStateException(deviceId + ": CONNECT refused with " + code));
                return;
            }
            if (methods == null) {
                ready.complete(null);
                return;
            }
            ctx.writeAndFlush(MqttMessageBuilders.subscribe().messageId(nextPacketId())
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, METHODS_FILTER).build());
        }

        private void onSubAck(ChannelHandlerContext ctx, MqttSubAckMessage ack) {
            if (ack.payload().grantedQoSLevels().stream().anyMatch(qos -> qos > MqttQoS.AT_LEAST_ONCE.value())) {
                fail(ctx, new IllegalStateException(deviceId + ": subscription refused: "
                        + ack.payload().grantedQoSLevels()));
                return;
            }
            ready.complete(null);
        }

        private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
            if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                ctx.write(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
                pendingFlush = true;
            }
            String topic = publish.variableHeader().topicName();
            int rid = topic.indexOf("/?$rid=");
            if (methods == null || !topic.startsWith(METHOD_PREFIX) || rid < 0) {
                fail(ctx, new IllegalStateException(deviceId + ": a publish on an unexpected topic " + topic));
                return;
            }
            String name = topic.substring(METHOD_PREFIX.length(), rid);
            String requestId = topic.substring(rid + "/?$rid=".length());
            ByteBuf content = publish.content();
            byte[] payload = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), payload);
            byte[] answer = methods.apply(name, payload);
            ctx.write(MqttMessageBuilders.publish()
                    .topicName("$iothub/methods/res/200/?$rid=" + requestId)
                    .qos(MqttQoS.AT_MOST_ONCE)
                    .payload(Unpooled.wrappedBuffer(answer))
                    .build());
            pendingFlush = true;
            methodsAnswered++;
        }

        void startBurst(Channel channel, int count, int window, CompletableFuture<Integer> done) {
            if (burstDone != null) {
                done.completeExceptionally(new IllegalStateException(deviceId + ": a burst is already running"));
                return;
            }
            if (!channel.isActive()) {
                done.completeExceptionally(new IllegalStateException(deviceId + ": not connected"));
                return;
            }
            burstDone = done;
            burst = count;
            toSend = count;
            awaiting = 0;
            while (toSend > 0 && awaiting < window) {
                sendOne(channel);
            }
            channel.flush();
        }

        private void sendOne(Channel channel) {
            int packetId = nextPacketId();
            inFlight.set(packetId);
            toSend--;
            awaiting++;
            long n = ++seq;
            channel.write(MqttMessageBuilders.publish()
                    .topicName(telemetryTopic + "seq=" + n + "&%24.ct=application%2Fjson&%24.ce=utf-8")
                    .qos(MqttQoS.AT_LEAST_ONCE)
                    .messageId(packetId)
                    .payload(Unpooled.wrappedBuffer(("{\"temperature\":" + (20 + n % 100 / 10.0) + ",\"seq\":" + n
                            + "}").getBytes(StandardCharsets.UTF_8)))
                    .build());
        }

        private void onPubAck(ChannelHandlerContext ctx, int packetId) {
            if (!inFlight.get(packetId)) {
                fail(ctx, new IllegalStateException(deviceId + ": PUBACK " + packetId + " for no message in flight"));
                return;
            }
            inFlight.clear(packetId);
            awaiting--;
            acknowledged++;
            if (toSend > 0) {
                sendOne(ctx.channel());
                pendingFlush = true;
            } else if (awaiting == 0 && burstDone != null) {
                CompletableFuture<Integer> done = burstDone;
                burstDone = null;
                done.complete(burst);
            }
        }

        private int nextPacketId() {
            lastPacketId = lastPacketId % 65_535 + 1;
            return lastPacketId;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IllegalStateException closed = new IllegalStateException(deviceId + ": the connection ended");
            ready.completeExceptionally(closed);
            if (burstDone != null) {
                burstDone.completeExceptionally(closed);
                burstDone = null;
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
        }

        private void fail(ChannelHandlerContext ctx, Throwable cause) {
            ready.completeExceptionally(cause);
            if (burstDone != null) {
                burstDone.completeExceptionally(cause);
                burstDone = null;
            }
            ctx.close();
        }
    }
}
