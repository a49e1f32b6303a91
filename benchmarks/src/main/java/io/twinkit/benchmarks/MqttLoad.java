package io.twinkit.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
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
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A closed-loop MQTT 3.1.1 load client over TLS on loopback: {@code N} connections on Netty's MQTT codec, each
 * keeping {@code K} requests in flight and sending the next one as soon as one is answered. A request is either an
 * IoT Hub reported-properties PATCH ({@link Kind#TWIN_PATCH}: a QoS 0 PUBLISH to
 * {@code $iothub/twin/PATCH/properties/reported/?$rid={rid}} answered on {@code $iothub/twin/res/204/?$rid={rid}},
 * the connection subscribed to {@code $iothub/twin/res/#} first) or a plain broker write ({@link Kind#PUBLISH_QOS1}:
 * a QoS 1 PUBLISH answered by its PUBACK). Both carry the same 21-byte JSON body, {@code {"temperature":NNNNN}}.
 *
 * <p>Every answer counts one acknowledged request and records its latency (answer received minus request written,
 * on the client's event loop) in the histogram of that event loop. {@link #measure(Duration)} drains those counts
 * before and after a window, so the figures cover exactly the answers received in it. Any unexpected packet, a
 * response status other than 204, an answer to no request in flight or a closed connection fails the load, and
 * {@link #measure(Duration)} reports it.
 */
final class MqttLoad implements AutoCloseable {

    /** What a request is and what answers it. */
    enum Kind {
        /** A reported-properties PATCH answered by {@code $iothub/twin/res/204/?$rid=}. */
        TWIN_PATCH,
        /** A QoS 1 PUBLISH answered by PUBACK. */
        PUBLISH_QOS1
    }

    /**
     * Where and how one connection connects.
     *
     * @param tls creates the connection's TLS handler (verifying the server)
     * @param connect the CONNECT the connection sends once TLS is up
     * @param publishTopic for {@link Kind#PUBLISH_QOS1}, the topic of the connection's PUBLISHes
     */
    record Connection(Supplier<SslHandler> tls, MqttConnectMessage connect, String publishTopic) {
    }

    /** The figures of one measured window. */
    record Window(long acknowledged, double seconds, LatencyHistogram latencies) {

        /** Returns the requests acknowledged per second. */
        double perSecond() {
            return acknowledged / seconds;
        }

        /** Returns the latency at {@code percentile} in milliseconds. */
        double latencyMillis(double percentile) {
            return latencies.percentile(percentile) / 1e6;
        }
    }

    private static final int MAX_PACKET = 64 * 1024;
    private static final String PATCH_PREFIX = "$iothub/twin/PATCH/properties/reported/?$rid=";
    private static final String RESPONSE_FILTER = "$iothub/twin/res/#";
    private static final String RESPONSE_PREFIX = "$iothub/twin/res/";

    private final Kind kind;
    private final int inFlight;
    private final EventLoopGroup loops;
    private final List<Channel> channels = new ArrayList<>();
    private final List<Handler> handlers = new ArrayList<>();
    private final Map<EventLoop, Recorder> recorders = new IdentityHashMap<>();
    private final CompletableFuture<Void> failure = new CompletableFuture<>();

    private MqttLoad(Kind kind, int inFlight, int threads) {
        this.kind = kind;
        this.inFlight = inFlight;
        this.loops = new NioEventLoopGroup(threads, new DefaultThreadFactory("mqtt-load", true));
    }

    /**
     * Opens {@code connections} connections to {@code port} on the loopback address, {@code connection.apply(i)}
     * describing the {@code i}th, and waits until each is accepted (and subscribed, for {@link Kind#TWIN_PATCH}); no
     * request is sent before {@link #start()}.
     *
     * @param threads the client's event loop threads
     * @throws IllegalStateException if a connection is refused or not ready within two minutes
     */
    static MqttLoad connect(Kind kind, int port, int connections, int inFlight, int threads,
            IntFunction<Connection> connection) throws InterruptedException {
        if (connections < 1 || inFlight < 1 || inFlight > 1_000) {
            throw new IllegalArgumentException("connections and in flight (at most 1,000) must be positive: "
                    + connections + ", " + inFlight);
        }
        MqttLoad load = new MqttLoad(kind, inFlight, threads);
        try {
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Connection c = connection.apply(i);
                Handler handler = load.new Handler(c);
                load.handlers.add(handler);
                ready.add(handler.ready);
                load.channels.add(new Bootstrap()
                        .group(load.loops)
                        .channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                        .handler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                ch.pipeline().addLast(c.tls().get(), new MqttDecoder(MAX_PACKET),
                                        MqttEncoder.INSTANCE, handler);
                            }
                        })
                        .connect(InetAddress.getLoopbackAddress(), port)
                        .addListener(f -> {
                            if (!f.isSuccess()) {
                                handler.ready.completeExceptionally(f.cause());
                            }
                        })
                        .channel());
                // at most a hundred handshakes at a time: a thousand at once only times out on two cores
                if (ready.size() % 100 == 0) {
                    await(ready.subList(ready.size() - 100, ready.size()));
                }
            }
            await(ready);
            return load;
        } catch (RuntimeException | InterruptedException e) {
            load.close();
            throw e;
        }
    }

    private static void await(List<CompletableFuture<Void>> ready) throws InterruptedException {
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a load connection failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the load connections were not ready within two minutes", e);
        }
    }

    /** Starts the load: every connection sends its first {@code K} requests. */
    void start() {
        for (int i = 0; i < channels.size(); i++) {
            Channel channel = channels.get(i);
            Handler handler = handlers.get(i);
            channel.eventLoop().execute(() -> handler.fill(channel));
        }
    }

    /**
     * Lets the load run for {@code duration} and returns what was acknowledged in that window.
     *
     * @throws IllegalStateException if the load failed before or during the window
     */
    Window measure(Duration duration) throws InterruptedException {
        drain();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end && !failure.isDone()) {
            TimeUnit.MILLISECONDS.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        LatencyHistogram window = drain();
        double seconds = (System.nanoTime() - start) / 1e9;
        checkHealthy();
        return new Window(window.count(), seconds, window);
    }

    /** Throws if a connection failed. */
    void checkHealthy() {
        if (failure.isDone()) {
            Throwable cause = failure.handle((ok, e) -> e).join();
            throw new IllegalStateException("the load failed: " + cause, cause);
        }
    }

    /** Returns the requests acknowledged so far over every connection, read on each connection's event loop. */
    long acknowledged() throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < channels.size(); i++) {
            Handler handler = handlers.get(i);
            sum += onLoop(channels.get(i).eventLoop(), () -> handler.acknowledged);
        }
        return sum;
    }

    /** Returns the requests written so far over every connection, answered or not. */
    long sent() throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < channels.size(); i++) {
            Handler handler = handlers.get(i);
            sum += onLoop(channels.get(i).eventLoop(), () -> handler.sent);
        }
        return sum;
    }

    /** Stops sending and waits (a minute at most) until every request in flight is answered. */
    void stopAndAwaitAnswers() throws InterruptedException {
        List<CompletableFuture<Void>> idle = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            Handler handler = handlers.get(i);
            idle.add(onLoop(channels.get(i).eventLoop(), handler::stop));
        }
        try {
            CompletableFuture.allOf(idle.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("requests in flight were not answered: " + e, e);
        }
    }

    private LatencyHistogram drain() throws InterruptedException {
        LatencyHistogram sum = new LatencyHistogram();
        List<Map.Entry<EventLoop, Recorder>> all;
        synchronized (recorders) {
            all = new ArrayList<>(recorders.entrySet());
        }
        for (Map.Entry<EventLoop, Recorder> entry : all) {
            sum.add(onLoop(entry.getKey(), entry.getValue()::drain));
        }
        return sum;
    }

    private static <T> T onLoop(EventLoop loop, java.util.concurrent.Callable<T> task) throws InterruptedException {
        try {
            return loop.submit(task).get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("an event loop did not answer: " + e, e);
        }
    }

    private Recorder recorder(EventLoop loop) {
        synchronized (recorders) {
            return recorders.computeIfAbsent(loop, ignored -> new Recorder());
        }
    }

    /** Sends DISCONNECT on every connection, closes them and stops the event loops. */
    @Override
    public void close() {
        for (Channel channel : channels) {
            if (channel.isActive()) {
                channel.writeAndFlush(MqttMessage.DISCONNECT);
            }
            channel.close();
        }
        for (Channel channel : channels) {
            channel.closeFuture().awaitUninterruptibly(5_000);
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** The latencies an event loop recorded since it was last drained; touched only on that event loop. */
    private static final class Recorder {
        private LatencyHistogram histogram = new LatencyHistogram();

        LatencyHistogram drain() {
            LatencyHistogram drained = histogram;
            histogram = new LatencyHistogram();
            return drained;
        }
    }

    /** One connection's handler and all of its state, touched only on its event loop. */
    private final class Handler extends ChannelInboundHandlerAdapter {

        private final Connection connection;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        // indexed by packet id (PUBACK) or request id (twin response) modulo 65,536
        private final long[] sentAt = new long[65_536];
        private final BitSet awaiting = new BitSet(65_536);
        private @Nullable Recorder recorder;
        private @Nullable CompletableFuture<Void> idle;
        private boolean sending;
        private int lastId;
        private int inFlightNow;
        private long sent;
        private long acknowledged;
        private boolean pendingFlush;

        Handler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            recorder = recorder(ctx.channel().eventLoop());
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    ctx.writeAndFlush(connection.connect());
                } else {
                    fail(ctx, handshake.cause());
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!(msg instanceof MqttMessage message) || message.decoderResult().isFailure()) {
                    fail(ctx, new IllegalStateException("undecodable packet"));
                    return;
                }
                switch (message.fixedHeader().messageType()) {
                    case CONNACK -> onConnAck(ctx, (MqttConnAckMessage) message);
                    case SUBACK -> onSubAck(ctx, (MqttSubAckMessage) message);
                    case PUBACK -> answered(ctx,
                            ((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
                    case PUBLISH -> onPublish(ctx, (MqttPublishMessage) message);
                    case PINGRESP -> {
                        // keep-alive answered
                    }
                    default -> fail(ctx, new IllegalStateException("unexpected " + message.fixedHeader()));
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
                fail(ctx, new IllegalStateException("CONNECT refused with " + code));
            } else if (kind == Kind.TWIN_PATCH) {
                ctx.writeAndFlush(MqttMessageBuilders.subscribe().messageId(1)
                        .addSubscription(MqttQoS.AT_MOST_ONCE, RESPONSE_FILTER).build());
            } else {
                ready.complete(null);
            }
        }

        private void onSubAck(ChannelHandlerContext ctx, MqttSubAckMessage ack) {
            if (!ack.payload().grantedQoSLevels().equals(List.of(MqttQoS.AT_MOST_ONCE.value()))) {
                fail(ctx, new IllegalStateException("subscription refused: " + ack.payload().grantedQoSLevels()));
                return;
            }
            ready.complete(null);
        }

        private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
            String topic = publish.variableHeader().topicName();
            if (kind != Kind.TWIN_PATCH || publish.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE
                    || !topic.startsWith(RESPONSE_PREFIX)) {
                fail(ctx, new IllegalStateException("a publish on an unexpected topic " + topic));
                return;
            }
            // $iothub/twin/res/{status}/?$rid={rid}[&$version={version}]
            int slash = topic.indexOf('/', RESPONSE_PREFIX.length());
            int ridAt = topic.indexOf("?$rid=", slash);
            if (slash < 0 || ridAt < 0 || !topic.startsWith("204", RESPONSE_PREFIX.length())
                    || slash != RESPONSE_PREFIX.length() + 3) {
                fail(ctx, new IllegalStateException("a twin write was refused: " + topic));
                return;
            }
            int ridEnd = topic.indexOf('&', ridAt);
            int rid;
            try {
                rid = Integer.parseInt(topic, ridAt + "?$rid=".length(), ridEnd < 0 ? topic.length() : ridEnd, 10);
            } catch (NumberFormatException e) {
                fail(ctx, new IllegalStateException("a response with no numeric request id: " + topic));
                return;
            }
            answered(ctx, rid);
        }

        void fill(Channel channel) {
            sending = true;
            while (inFlightNow < inFlight) {
                send(channel);
            }
            channel.flush();
        }

        CompletableFuture<Void> stop() {
            sending = false;
            CompletableFuture<Void> done = new CompletableFuture<>();
            if (inFlightNow == 0) {
                done.complete(null);
            } else {
                idle = done;
            }
            return done;
        }

        private void send(Channel channel) {
            int id = lastId % 65_535 + 1;
            lastId = id;
            long n = ++sent;
            byte[] body = ("{\"temperature\":" + (10_000 + n % 90_000) + "}").getBytes(StandardCharsets.US_ASCII);
            awaiting.set(id);
            inFlightNow++;
            sentAt[id] = System.nanoTime();
            if (kind == Kind.TWIN_PATCH) {
                channel.write(MqttMessageBuilders.publish().topicName(PATCH_PREFIX + id).qos(MqttQoS.AT_MOST_ONCE)
                        .payload(Unpooled.wrappedBuffer(body)).build());
            } else {
                channel.write(MqttMessageBuilders.publish().topicName(connection.publishTopic())
                        .qos(MqttQoS.AT_LEAST_ONCE).messageId(id).payload(Unpooled.wrappedBuffer(body)).build());
            }
        }

        private void answered(ChannelHandlerContext ctx, int id) {
            if (id < 1 || id > 65_535 || !awaiting.get(id)) {
                fail(ctx, new IllegalStateException("an answer to no request in flight: " + id));
                return;
            }
            long now = System.nanoTime();
            awaiting.clear(id);
            inFlightNow--;
            acknowledged++;
            recorder.histogram.record(now - sentAt[id]);
            if (sending) {
                send(ctx.channel());
                pendingFlush = true;
            } else if (inFlightNow == 0 && idle != null) {
                idle.complete(null);
                idle = null;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IllegalStateException closed = new IllegalStateException("a load connection ended");
            ready.completeExceptionally(closed);
            if (sending || inFlightNow > 0) {
                failure.completeExceptionally(closed);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
        }

        private void fail(ChannelHandlerContext ctx, Throwable cause) {
            ready.completeExceptionally(cause);
            failure.completeExceptionally(cause);
            ctx.close();
        }
    }
}
