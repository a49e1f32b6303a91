package io.twinkit.reliability.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.twinkit.core.MergePatch;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.reliability.support.MqttBytes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One simulated device on a {@link LoadNetwork}: a non-blocking IoT Hub MQTT client that connects with its SAS token,
 * subscribes to twin responses and desired-property notifications, fetches its twin, and then reports on a timer,
 * recording the outcome of every update (spec §3.5, §5.2, §5.3); with {@link #sendTelemetry(int)} each tick also sends
 * a telemetry message with QoS 1 ({@code devices/{id}/messages/events/}, the application property {@code seq}, the
 * message id {@code {id}-{seq}}), acknowledged by the hub's PUBACK. It follows the documented resync: after each
 * (re)connection it GETs the twin and drops notifications at or below that version; while online, each notification
 * must carry the next version. When its connection ends it reconnects by itself (at once after a deliberate
 * {@link #drop}, with backoff after a failure) unless it was closed.
 *
 * <p>All state lives on one event loop; the public methods hop onto it.
 */
public final class LoadDevice {

    /** How reported updates are shaped. */
    public enum ReportMode {
        /** Every update sets {@code seq} to its sequence number: the twin stays small; the last one wins. */
        OVERWRITE,
        /** Update n adds {@code k<n>: n}: the twin shows exactly which updates were applied. */
        DISTINCT
    }

    /** How {@link #drop} ends the connection. */
    public enum DropMode {
        /** A whole report is written, then the connection is closed. */
        AFTER_PUBLISH,
        /** Half the bytes of a report are written, then the connection is closed. */
        MID_PUBLISH,
        /** Half the bytes of a report are written, then the connection is reset (RST, SO_LINGER 0). */
        RESET_MID_PUBLISH
    }

    static final String RESPONSE_FILTER = "$iothub/twin/res/#";
    static final String DESIRED_FILTER = "$iothub/twin/PATCH/properties/desired/#";
    private static final String RESPONSE_PREFIX = "$iothub/twin/res/";
    private static final String DESIRED_PREFIX = "$iothub/twin/PATCH/properties/desired/";
    private static final String REPORT_TOPIC = "$iothub/twin/PATCH/properties/reported/?$rid=";
    /** The application property that numbers a device's telemetry messages, from 1. */
    static final String TELEMETRY_SEQ = "seq";
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final LoadNetwork network;
    private final EventLoop loop;
    private final String deviceId;
    private final String key;
    private final boolean webSocket;
    private final ReportMode mode;
    private final LoadStats stats;
    private final int maxInFlight;

    private @Nullable Channel channel;
    private boolean online;
    private boolean closed;
    private long backoffMillis;
    private long nextSeq = 1;
    private int nextGet = 1;
    private int lastPacketId;
    private @Nullable String getRid;
    private final Map<String, Pending> pending = new HashMap<>();
    /** Telemetry awaiting its PUBACK, by packet id. */
    private final Map<Integer, Pending> telemetryPending = new HashMap<>();
    private int telemetryWindow;
    private long nextTelemetrySeq = 1;
    private final List<MqttPublishMessage> early = new ArrayList<>();
    private @Nullable ScheduledFuture<?> ticker;
    private final CompletableFuture<Void> firstOnline = new CompletableFuture<>();
    private final List<CompletableFuture<Void>> onlineWaiters = new ArrayList<>();
    private final List<CompletableFuture<Void>> drainWaiters = new ArrayList<>();

    private final BitSet acked = new BitSet();
    private final BitSet unknown = new BitSet();
    private final BitSet refused = new BitSet();
    private final BitSet telemetryAcked = new BitSet();
    private final BitSet telemetryUnknown = new BitSet();
    private long lastAckedSeq;
    private long lastAckedVersion;
    private long baseReportedVersion = -1;
    private JsonObject desired = JsonObject.empty();
    private long desiredVersion = -1;
    private long desiredGaps;

    /** A request waiting for its response: a report (sequence number ≥ 1) or a GET (0). */
    private record Pending(long seq, long sentNanos) {
    }

    /**
     * Creates a device; nothing is sent before {@link #start()}.
     *
     * @param network the client side it connects through
     * @param deviceId its id
     * @param key its primary key, which signs its SAS token
     * @param webSocket MQTT over a secure WebSocket rather than over TLS
     * @param mode how its reports are shaped
     * @param stats where it counts what it does
     * @param maxInFlight how many reports may await their response before a tick is skipped
     */
    public LoadDevice(LoadNetwork network, String deviceId, String key, boolean webSocket, ReportMode mode,
                      LoadStats stats, int maxInFlight) {
        this.network = Objects.requireNonNull(network, "network");
        this.loop = network.nextLoop();
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.key = Objects.requireNonNull(key, "key");
        this.webSocket = webSocket;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.maxInFlight = maxInFlight;
    }

    /** Returns the device id. */
    public String deviceId() {
        return deviceId;
    }

    /** Returns whether it speaks MQTT over a secure WebSocket. */
    public boolean webSocket() {
        return webSocket;
    }

    /**
     * Makes each tick also send a telemetry message with QoS 1, unless {@code window} messages already await their
     * PUBACK (the tick's telemetry is then skipped and counted). Call it before {@link #startReporting}.
     */
    public void sendTelemetry(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("the telemetry window must be at least 1: " + window);
        }
        loop.execute(() -> telemetryWindow = window);
    }

    /** Connects; the future completes when the device is online the first time (subscribed, twin fetched). */
    public CompletableFuture<Void> start() {
        loop.execute(this::connect);
        return firstOnline;
    }

    /** Starts reporting every {@code intervalMillis}, the first after {@code delayMillis}. */
    public void startReporting(long delayMillis, long intervalMillis) {
        loop.execute(() -> {
            if (ticker == null && !closed) {
                ticker = loop.scheduleAtFixedRate(this::tick, delayMillis, intervalMillis, TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * Stops reporting; the future completes when no report awaits its response (answered, or unknown because the
     * connection ended).
     */
    public CompletableFuture<Void> stopReporting() {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        loop.execute(() -> {
            if (ticker != null) {
                ticker.cancel(false);
                ticker = null;
            }
            drainWaiters.add(drained);
            checkDrained();
        });
        return drained;
    }

    /** Returns a future that completes when the device is (or next is) online and in sync. */
    public CompletableFuture<Void> awaitOnline() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        loop.execute(() -> {
            if (online) {
                result.complete(null);
            } else {
                onlineWaiters.add(result);
            }
        });
        return result;
    }

    /** Ends the connection in the middle of a report, as a failing network would; the device then reconnects. */
    public void drop(DropMode how) {
        loop.execute(() -> {
            Channel current = channel;
            if (current == null || !online) {
                return;
            }
            stats.drops.increment();
            long seq = nextSeq++;
            String rid = "r" + seq;
            pending.put(rid, new Pending(seq, System.nanoTime()));
            stats.sent.increment();
            ByteBuf bytes = MqttBytes.encode(report(rid, seq, nextPacketId()));
            backoffMillis = 0;
            switch (how) {
                case AFTER_PUBLISH -> {
                    current.writeAndFlush(bytes);
                    current.close();
                }
                case MID_PUBLISH -> {
                    current.writeAndFlush(bytes.retainedSlice(0, bytes.readableBytes() / 2));
                    bytes.release();
                    current.close();
                }
                case RESET_MID_PUBLISH -> {
                    current.config().setOption(ChannelOption.SO_LINGER, 0);
                    current.writeAndFlush(bytes.retainedSlice(0, bytes.readableBytes() / 2));
                    bytes.release();
                    current.close();
                }
            }
        });
    }

    /** Disconnects for good; the future completes when the connection is closed. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closed = true;
            if (ticker != null) {
                ticker.cancel(false);
                ticker = null;
            }
            Channel current = channel;
            if (current == null) {
                done.complete(null);
                return;
            }
            if (current.isActive()) {
                current.writeAndFlush(MqttMessage.DISCONNECT);
            }
            current.close().addListener(f -> done.complete(null));
        });
        return done;
    }

    /** Returns what the device knows now. */
    public CompletableFuture<DeviceLedger> ledger() {
        return CompletableFuture.supplyAsync(() -> new DeviceLedger(deviceId, mode, baseReportedVersion, nextSeq - 1,
                (BitSet) acked.clone(), (BitSet) unknown.clone(), (BitSet) refused.clone(), lastAckedSeq,
                lastAckedVersion, desired, desiredVersion, desiredGaps, online, nextTelemetrySeq - 1,
                (BitSet) telemetryAcked.clone(), (BitSet) telemetryUnknown.clone()), loop);
    }

    // ------------------------------------------------------------------ connection

    private void connect() {
        if (closed || channel != null) {
            return;
        }
        stats.connectAttempts.increment();
        Connection handler = new Connection();
        ChannelFuture connecting = network.connect(loop, webSocket, handler);
        Channel opened = connecting.channel();
        channel = opened;
        // a connection that never opens gets no channelInactive: its failure settles it here
        connecting.addListener(future -> {
            if (!future.isSuccess()) {
                lost(opened);
            }
        });
    }

    /** Called once per channel that ends (or never connected): settles what was pending and reconnects. */
    private void lost(@Nullable Channel ended) {
        if (ended != null && ended != channel) {
            return;
        }
        channel = null;
        online = false;
        getRid = null;
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        for (Pending request : pending.values()) {
            unknown.set((int) request.seq());
            stats.unknown.increment();
        }
        pending.clear();
        for (Pending message : telemetryPending.values()) {
            telemetryUnknown.set((int) message.seq());
            stats.telemetryUnknown.increment();
        }
        telemetryPending.clear();
        checkDrained();
        if (closed) {
            return;
        }
        long delay = backoffMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(backoffMillis / 2, backoffMillis + 1);
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(100, backoffMillis * 2));
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void sendConnect(ChannelHandlerContext ctx) {
        long expiry = Instant.now().getEpochSecond() + 3600;
        String token = SharedAccessSignature.create(key, "127.0.0.1/devices/" + deviceId, expiry, null);
        ctx.writeAndFlush(MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(deviceId)
                .cleanSession(false)
                .keepAlive(300)
                .hasUser(true)
                .username("127.0.0.1/" + deviceId + "/?api-version=2021-04-12&DeviceClientType=twinkit-load")
                .hasPassword(true)
                .password(token.getBytes(StandardCharsets.UTF_8))
                .build());
    }

    private void onConnAck(ChannelHandlerContext ctx, MqttConnAckMessage ack) {
        MqttConnectReturnCode code = ack.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            // a restarting or failing hub refuses with "server unavailable"; anything else is a problem
            if (code != MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE) {
                stats.problem(deviceId + ": CONNECT refused with " + code);
            }
            ctx.close();
            return;
        }
        ctx.writeAndFlush(MqttMessageBuilders.subscribe()
                .messageId(nextPacketId())
                .addSubscription(MqttQoS.AT_LEAST_ONCE, RESPONSE_FILTER)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, DESIRED_FILTER)
                .build());
    }

    private void onSubAck(ChannelHandlerContext ctx, MqttSubAckMessage ack) {
        if (ack.payload().grantedQoSLevels().stream().anyMatch(qos -> qos != MqttQoS.AT_LEAST_ONCE.value())) {
            stats.problem(deviceId + ": subscriptions granted " + ack.payload().grantedQoSLevels());
            ctx.close();
            return;
        }
        getRid = "g" + nextGet++;
        ctx.writeAndFlush(MqttMessageBuilders.publish()
                .topicName("$iothub/twin/GET/?$rid=" + getRid)
                .qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(nextPacketId())
                .payload(Unpooled.EMPTY_BUFFER)
                .build());
    }

    private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            ctx.writeAndFlush(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
        }
        String topic = publish.variableHeader().topicName();
        if (topic.startsWith(RESPONSE_PREFIX)) {
            onResponse(topic, publish);
        } else if (topic.startsWith(DESIRED_PREFIX)) {
            if (online) {
                onDesired(topic, publish);
            } else {
                early.add(publish.retain());
            }
        } else {
            stats.problem(deviceId + ": publish on an unexpected topic " + topic);
        }
    }

    private void onResponse(String topic, MqttPublishMessage publish) {
        String rest = topic.substring(RESPONSE_PREFIX.length());
        int slash = rest.indexOf('/');
        int status = Integer.parseInt(rest.substring(0, slash));
        Map<String, String> query = query(rest.substring(rest.indexOf('?') + 1));
        String rid = query.get("$rid");
        if (rid != null && rid.equals(getRid)) {
            onTwin(status, publish);
            return;
        }
        Pending request = rid == null ? null : pending.remove(rid);
        if (request == null) {
            stats.problem(deviceId + ": a response nobody waits for: " + topic);
            return;
        }
        int seq = (int) request.seq();
        String versionText = query.get("$version");
        if (status == 204 && versionText == null) {
            stats.problem(deviceId + ": a 204 without $version: " + topic);
        } else if (status == 204) {
            long version = Long.parseLong(versionText);
            if (version <= lastAckedVersion || seq <= lastAckedSeq) {
                stats.problem(deviceId + ": report " + seq + " acknowledged with $version " + version
                        + " after report " + lastAckedSeq + " had $version " + lastAckedVersion);
            }
            acked.set(seq);
            lastAckedSeq = Math.max(lastAckedSeq, seq);
            lastAckedVersion = Math.max(lastAckedVersion, version);
            stats.acked.increment();
            stats.reportLatency.add(System.nanoTime() - request.sentNanos());
        } else {
            refused.set(seq);
            stats.refused.increment();
            stats.refusal(topic, new String(payload(publish), StandardCharsets.UTF_8));
        }
        checkDrained();
    }

    private void onTwin(int status, MqttPublishMessage publish) {
        getRid = null;
        if (status != 200) {
            // the hub could not serve the GET (it may be failing or restarting): try the whole connection again
            stats.problem(deviceId + ": twin GET answered " + status);
            Channel current = channel;
            if (current != null) {
                current.close();
            }
            return;
        }
        JsonObject twin = JsonValue.parseObject(payload(publish));
        JsonObject desiredSection = twin.valueOrNull("desired") instanceof JsonObject d ? d : JsonObject.empty();
        JsonObject reportedSection = twin.valueOrNull("reported") instanceof JsonObject r ? r : JsonObject.empty();
        long version = versionOf(desiredSection);
        if (baseReportedVersion < 0) {
            baseReportedVersion = versionOf(reportedSection);
        }
        if (version > desiredVersion) {
            if (desiredVersion >= 0) {
                stats.resyncs.increment();
            }
            desired = desiredSection.without("$version");
            desiredVersion = version;
        }
        online = true;
        backoffMillis = 0;
        stats.connects.increment();
        List<MqttPublishMessage> buffered = new ArrayList<>(early);
        early.clear();
        for (MqttPublishMessage notification : buffered) {
            try {
                onDesired(notification.variableHeader().topicName(), notification);
            } finally {
                notification.release();
            }
        }
        firstOnline.complete(null);
        onlineWaiters.forEach(waiter -> waiter.complete(null));
        onlineWaiters.clear();
    }

    private void onDesired(String topic, MqttPublishMessage publish) {
        stats.desiredReceived.increment();
        String versionText = query(topic.substring(topic.indexOf('?') + 1)).get("$version");
        if (versionText == null) {
            stats.problem(deviceId + ": a desired notification without $version: " + topic);
            return;
        }
        long version = Long.parseLong(versionText);
        if (version <= desiredVersion) {
            stats.desiredStale.increment();
            return;
        }
        if (version != desiredVersion + 1) {
            desiredGaps++;
            stats.desiredGaps.increment();
        }
        JsonObject patch = JsonValue.parseObject(payload(publish));
        if (versionOf(patch) != version) {
            stats.problem(deviceId + ": desired notification on " + topic + " carries " + patch.valueOrNull("$version"));
        }
        desired = MergePatch.of(patch.without("$version")).applyTo(desired);
        desiredVersion = version;
    }

    // ------------------------------------------------------------------ reporting

    private void tick() {
        Channel current = channel;
        if (!online || current == null) {
            stats.skippedOffline.increment();
            return;
        }
        boolean telemetryWritten = telemetryWindow > 0 && telemetryTick(current);
        if (pending.size() >= maxInFlight) {
            stats.skippedBusy.increment();
            if (telemetryWritten) {
                current.flush();
            }
            return;
        }
        long seq = nextSeq++;
        String rid = "r" + seq;
        pending.put(rid, new Pending(seq, System.nanoTime()));
        stats.sent.increment();
        current.writeAndFlush(report(rid, seq, nextPacketId()));
    }

    /** Writes (without flushing) the tick's telemetry message; returns false when the window is full. */
    private boolean telemetryTick(Channel current) {
        if (telemetryPending.size() >= telemetryWindow) {
            stats.telemetrySkippedBusy.increment();
            return false;
        }
        long seq = nextTelemetrySeq++;
        int packetId = nextPacketId();
        telemetryPending.put(packetId, new Pending(seq, System.nanoTime()));
        stats.telemetrySent.increment();
        current.write(MqttMessageBuilders.publish()
                .topicName("devices/" + deviceId + "/messages/events/" + TELEMETRY_SEQ + "=" + seq + "&%24.mid="
                        + deviceId + "-" + seq + "&%24.ct=application%2Fjson&%24.ce=utf-8")
                .qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(packetId)
                .payload(Unpooled.wrappedBuffer(telemetryBody(deviceId, seq)))
                .build());
        return true;
    }

    /** Returns the body of a device's telemetry message {@code seq}: JSON that names both. */
    static byte[] telemetryBody(String deviceId, long seq) {
        return JsonObject.builder().put("device", deviceId).put(TELEMETRY_SEQ, seq)
                .put("temperature", 20 + seq % 100 / 10.0).build().toJsonBytes();
    }

    private void onPubAck(int packetId) {
        // the reports' PUBACKs are not in the map: a report is acknowledged by its 204 response
        Pending message = telemetryPending.remove(packetId);
        if (message == null) {
            return;
        }
        telemetryAcked.set((int) message.seq());
        stats.telemetryAcked.increment();
        stats.telemetryLatency.add(System.nanoTime() - message.sentNanos());
        checkDrained();
    }

    private MqttPublishMessage report(String rid, long seq, int packetId) {
        JsonObject body = mode == ReportMode.OVERWRITE
                ? JsonObject.of("seq", JsonNumber.of(seq))
                : JsonObject.of("k" + seq, JsonNumber.of(seq));
        return MqttMessageBuilders.publish()
                .topicName(REPORT_TOPIC + rid)
                .qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(packetId)
                .payload(Unpooled.wrappedBuffer(body.toJsonBytes()))
                .build();
    }

    private void checkDrained() {
        if (ticker == null && pending.isEmpty() && telemetryPending.isEmpty() && !drainWaiters.isEmpty()) {
            drainWaiters.forEach(waiter -> waiter.complete(null));
            drainWaiters.clear();
        }
    }

    private int nextPacketId() {
        lastPacketId = lastPacketId % 65535 + 1;
        return lastPacketId;
    }

    private static byte[] payload(MqttPublishMessage publish) {
        ByteBuf content = publish.content();
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        return bytes;
    }

    private static long versionOf(JsonObject section) {
        JsonValue version = section.valueOrNull("$version");
        return version instanceof JsonNumber number ? number.longValue() : -1;
    }

    private static Map<String, String> query(String query) {
        Map<String, String> result = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                result.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return result;
    }

    /** Returns the device, for logs. */
    @Override
    public String toString() {
        return "LoadDevice[" + deviceId + (webSocket ? ", wss" : ", tls") + "]";
    }

    /** The handler of one connection; it forwards to the device while the device still owns its channel. */
    private final class Connection extends ChannelInboundHandlerAdapter {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (!webSocket && event instanceof SslHandshakeCompletionEvent tls) {
                if (tls.isSuccess()) {
                    sendConnect(ctx);
                } else {
                    ctx.close();
                }
            } else if (webSocket
                    && event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                sendConnect(ctx);
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (ctx.channel() != LoadDevice.this.channel || !(msg instanceof MqttMessage message)) {
                    return;
                }
                if (message.decoderResult().isFailure()) {
                    stats.problem(deviceId + ": undecodable packet: " + message.decoderResult().cause());
                    ctx.close();
                    return;
                }
                MqttMessageType type = message.fixedHeader().messageType();
                switch (type) {
                    case CONNACK -> onConnAck(ctx, (MqttConnAckMessage) message);
                    case SUBACK -> onSubAck(ctx, (MqttSubAckMessage) message);
                    case PUBLISH -> onPublish(ctx, (MqttPublishMessage) message);
                    case PUBACK -> onPubAck(((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
                    case PINGRESP, UNSUBACK -> {
                        // nothing waits for them
                    }
                    default -> stats.problem(deviceId + ": unexpected " + type);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            lost(ctx.channel());
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
