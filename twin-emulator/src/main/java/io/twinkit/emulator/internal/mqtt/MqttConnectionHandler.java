package io.twinkit.emulator.internal.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.TwinKey;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.internal.RequestLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device connection of the MQTT front end: the IoT Hub flavour of MQTT 3.1.1. It sits after
 * Netty's {@code MqttDecoder}/{@code MqttEncoder}, whatever carries the bytes (TLS or secure WebSocket).
 *
 * <p>Rules it enforces, each closing only this connection when broken: CONNECT first and once, within
 * {@link MqttLimits#connectTimeout()}; no malformed or oversized packet; no QoS 2 PUBLISH (nor PUBREC, PUBREL,
 * PUBCOMP); PUBLISH only to the twin GET and reported PATCH topics (with a {@code $rid} of at most
 * {@value TwinTopic#MAX_REQUEST_ID_CHARS} characters), the direct method response topic
 * ({@code $iothub/methods/res/{status}/?$rid=…}, {@link MethodTopic}) or the device's telemetry topic; a packet at
 * least every 1.5 × keep-alive. CONNECT is refused with a CONNACK code: 1 for a protocol other
 * than 3.1.1, 2 for a client id that is no device or module id, 4 for a missing or mismatching user name or a missing
 * password, 5 when the hub refuses the token or identity, 3 when the hub fails. SUBSCRIBE grants at most QoS 1 and
 * refuses (0x80) filters other than the twin response and desired filters, {@code $iothub/methods/POST/#} (while the
 * session holds it, the device is online for direct methods: {@link MethodEndpoint}) and the device's own
 * {@code devices/{id}/…} namespace (accepted; nothing is ever delivered there), and filters beyond
 * {@link MqttLimits#maxSubscriptions()}. Will messages and the retain flag are accepted and ignored. Telemetry goes
 * into the hub's journal ({@link TelemetryIntake}) and is acknowledged (QoS 1) once it is there; a telemetry message
 * over the service's size (body and properties), like any other packet over {@link MqttLimits#maxMessageBytes()},
 * closes the connection, as IoT Hub closes it. QoS 1 messages to the device that are unacknowledged when the
 * connection ends are not resent.
 *
 * <p>Flow control: at most {@link #MAX_TWIN_REQUESTS_IN_FLIGHT} twin requests of a connection are in flight (read and
 * answered, the answer not yet written to the socket), and no request is taken up while the channel is not writable;
 * the packets behind wait here in order, and the {@link MqttReadGate} stops reading from the socket while they pile
 * up. A device that does not read its answers is thus slowed down to the pace it reads, never answered 429 nor
 * disconnected for it.
 *
 * <p>With a data directory a reported-properties PATCH waits for the store's commit on a thread of
 * {@link TwinRequests#reportLater}, not on this handler's: meanwhile every later packet of the connection waits here,
 * so a device's requests are still taken up one after another, in the order it sent them, and its reports apply in
 * that order; many connections' reports then wait for (and share) the same commit.
 *
 * <p>With the request log on, every CONNECT (accepted, or refused with its CONNACK code and reason) and every PUBLISH
 * (its outcome: the twin request's status, the telemetry's sequence number, the fate of a direct method answer, or the
 * reason the connection was closed for it) is logged ({@link RequestLog}).
 *
 * <p>Netty calls every method on the one executor of this channel's handler, so the fields need no locks; the only
 * entries from other threads are {@link #deliverDesired}, {@link #closeConnection} and the hub's direct method
 * calls ({@link MethodEndpoint#onMethod}), which hop onto that executor.
 */
final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {

    /**
     * The twin requests one connection may have in flight. IoT Hub documents no such number; 64 is well above what
     * the device SDKs (one request at a time), the reliability load test (20) and the benchmarks (8) use.
     */
    static final int MAX_TWIN_REQUESTS_IN_FLIGHT = 64;
    /** The longest topic name MQTT can carry: its length is a two-byte field. */
    static final int MAX_TOPIC_BYTES = 65_535;

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);

    private final DeviceSessions sessions;
    private final DeviceAuthenticator authenticator;
    private final TwinRequests requests;
    private final MqttLimits limits;
    private final MqttReadGate gate;
    private final TelemetryIntake telemetry;
    private final RequestLog requestLog;
    private final Set<Integer> inFlight = new HashSet<>();
    private final Deque<MqttMessage> waiting = new ArrayDeque<>();

    private @Nullable ChannelHandlerContext ctx;
    private @Nullable ScheduledFuture<?> connectTimeout;
    private @Nullable DeviceSession session;
    private @Nullable MethodEndpoint methods;
    private @Nullable TwinKey key;
    private String clientPath = "";
    /** {@code MQTT} or, over a WebSocket, {@code MQTT-WS}: the request log's name of the transport. */
    private String transport = "MQTT";
    /** The client id of the CONNECT being handled, for the request log. */
    private @Nullable String connectingClient;
    private @Nullable String modelId;
    private int lastPacketId;
    private int answersInFlight;
    private boolean closing;
    private boolean draining;
    /** Whether a report of this connection waits for the store; later packets wait until it is answered. */
    private boolean reporting;

    MqttConnectionHandler(DeviceSessions sessions, DeviceAuthenticator authenticator, TwinRequests requests,
                          MqttLimits limits, MqttReadGate gate, TelemetryIntake telemetry, RequestLog requestLog) {
        this.requestLog = Objects.requireNonNull(requestLog, "requestLog");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        if (requestLog.enabled() && context.pipeline().get("webSocketFrames") != null) {
            transport = "MQTT-WS";
        }
        if (context.channel().isActive()) {
            startConnectTimer(context);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        startConnectTimer(context);
        context.fireChannelActive();
    }

    private void startConnectTimer(ChannelHandlerContext context) {
        if (connectTimeout == null && session == null) {
            connectTimeout = context.executor().schedule(() -> close("no CONNECT within " + limits.connectTimeout()),
                    limits.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
        if (methods != null) {
            methods.close();
        }
        if (session != null) {
            sessions.detach(session, this);
        }
        discardWaiting();
        context.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!closing && session != null && context.channel().isActive()
                && (reporting || !waiting.isEmpty() || msg instanceof MqttPublishMessage && !mayAnswer())) {
            waiting.add((MqttMessage) msg);
            return;
        }
        handle(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        drain();
        context.fireChannelWritabilityChanged();
    }

    /** Handles one packet read from the device and releases it. */
    private void handle(Object msg) {
        try {
            if (closing) {
                return;
            }
            if (!(msg instanceof MqttMessage message)) {
                close("not an MQTT packet: " + msg.getClass().getSimpleName());
            } else if (message.decoderResult().isFailure()) {
                malformed(message.decoderResult().cause());
            } else if (message.fixedHeader().remainingLength() > limits.maxMessageBytes() && !isTelemetry(message)) {
                String reason = message.fixedHeader().messageType() + " of " + message.fixedHeader().remainingLength()
                        + " bytes exceeds the " + limits.maxMessageBytes() + " bytes of a message";
                if (session != null && message instanceof MqttPublishMessage publish) {
                    refusePublish(publish.variableHeader().topicName(), reason);
                } else {
                    close(reason);
                }
            } else if (session == null) {
                if (message instanceof MqttConnectMessage connect) {
                    connect(connect);
                } else {
                    close("the first packet must be CONNECT, not " + message.fixedHeader().messageType());
                }
            } else {
                dispatch(message);
            }
        } finally {
            ReferenceCountUtil.release(msg);
            gate.handled();
        }
    }

    /** Returns whether a twin request may be taken up now: few enough in flight, and room in the outbound buffer. */
    private boolean mayAnswer() {
        return answersInFlight < MAX_TWIN_REQUESTS_IN_FLIGHT && ctx().channel().isWritable();
    }

    /** Handles the waiting packets, in order, while requests may be taken up. */
    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!waiting.isEmpty() && (closing
                    || !reporting && (!(waiting.peek() instanceof MqttPublishMessage) || mayAnswer()))) {
                handle(waiting.poll());
            }
        } finally {
            draining = false;
        }
    }

    private void discardWaiting() {
        for (MqttMessage message; (message = waiting.poll()) != null; ) {
            ReferenceCountUtil.release(message);
            gate.handled();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof IdleStateEvent) {
            close("no packet within 1.5 × the keep-alive");
        } else {
            context.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        close("connection failed: " + cause);
    }

    /** Publishes a desired-properties notification if this connection still owns {@code owner} and subscribed. */
    void deliverDesired(DeviceSession owner, JsonObject payload) {
        ChannelHandlerContext context = ctx;
        if (context == null) {
            return;
        }
        try {
            context.executor().execute(() -> {
                if (session == owner && context.channel().isActive()
                        && payload.valueOrNull("$version") instanceof JsonNumber version) {
                    publish(TwinTopic.DESIRED_FILTER, TwinTopic.desired(version.longValue()),
                            payload.toJsonBytes());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("desired notification for {} dropped: the front end is shutting down", key);
        }
    }

    /** Closes the connection from any thread; the session stays unless it is clean. */
    void closeConnection() {
        ChannelHandlerContext context = ctx;
        if (context != null) {
            context.channel().close();
        }
    }

    private void connect(MqttConnectMessage connect) {
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
        var header = connect.variableHeader();
        var payload = connect.payload();
        if (header.version() != 4) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                    "protocol level " + header.version() + " is not MQTT 3.1.1");
            return;
        }
        String clientId = payload.clientIdentifier();
        connectingClient = clientId;
        TwinKey device;
        try {
            device = TwinKey.parse(clientId);
        } catch (RuntimeException e) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                    "client id '" + clientId + "' is no deviceId or deviceId/moduleId: " + e.getMessage());
            return;
        }
        if (!header.hasUserName() || payload.userName() == null || !header.hasPassword()) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
                    "CONNECT of " + clientId + " needs a user name and a SAS token as the password");
            return;
        }
        MqttUsername username;
        try {
            username = MqttUsername.parse(payload.userName(), clientId);
        } catch (IllegalArgumentException e) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, e.getMessage());
            return;
        }
        try {
            authenticator.authenticate(device, new String(payload.passwordInBytes(), StandardCharsets.UTF_8));
        } catch (TwinException e) {
            int status = e.httpStatus();
            refuse(status == 401 || status == 403 || status == 404
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, e.getMessage());
            return;
        } catch (RuntimeException e) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, "the hub failed: " + e);
            return;
        }
        DeviceSessions.Attachment attachment;
        try {
            attachment = sessions.attach(device, header.isCleanSession(), this, username.modelId().orElse(null));
        } catch (RuntimeException e) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, "the hub failed: " + e);
            return;
        }
        if (attachment.previous() != null) {
            attachment.previous().closeConnection();
        }
        session = attachment.session();
        key = device;
        modelId = username.modelId().orElse(null);
        clientPath = "devices/" + device.deviceId().value()
                + device.module().map(m -> "/modules/" + m.value()).orElse("");
        int keepAlive = header.keepAliveTimeSeconds();
        if (keepAlive > 0) {
            ctx().pipeline().addBefore(ctx().name(), "mqttKeepAlive",
                    new IdleStateHandler(limits.keepAliveTimeout(keepAlive).toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        }
        ctx().writeAndFlush(MqttMessageBuilders.connAck()
                        .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                        .sessionPresent(attachment.present())
                        .build())
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        requestLog.mqttConnect(transport, clientId, null, 0, null);
        methods = new MethodEndpoint(sessions.hub(), device, ctx().executor(), this::publishMethodCall);
        if (session.granted(MethodTopic.FILTER).isPresent()) {
            // a resumed session that holds the methods filter: the device SDKs do not subscribe again
            methods.open();
        }
    }

    private void dispatch(MqttMessage message) {
        switch (message.fixedHeader().messageType()) {
            case PUBLISH -> publishReceived((MqttPublishMessage) message);
            case PUBACK -> inFlight.remove(((MqttPubAckMessage) message).variableHeader().messageId());
            case SUBSCRIBE -> subscribe((MqttSubscribeMessage) message);
            case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) message);
            case PINGREQ -> ctx().writeAndFlush(MqttMessage.PINGRESP);
            case DISCONNECT -> close(null);
            default -> close(message.fixedHeader().messageType() + " is not supported from a device");
        }
    }

    private void publishReceived(MqttPublishMessage publish) {
        MqttQoS qos = publish.fixedHeader().qosLevel();
        String topic = publish.variableHeader().topicName();
        if (qos != MqttQoS.AT_MOST_ONCE && qos != MqttQoS.AT_LEAST_ONCE) {
            refusePublish(topic, "QoS " + qos.value() + " PUBLISH is not supported");
            return;
        }
        LOG.trace("{} published to {} at QoS {}", key, topic, qos.value());
        if (MethodTopic.isResponse(topic)) {
            methodAnswered(publish, topic);
            return;
        }
        TwinTopic request;
        try {
            request = TwinTopic.parse(topic, clientPath);
        } catch (IllegalArgumentException e) {
            refusePublish(topic, String.valueOf(e.getMessage()));
            return;
        }
        TwinKey device = Objects.requireNonNull(key, "key");
        if (request.kind() == TwinTopic.Kind.TELEMETRY) {
            telemetryReceived(device, topic, publish);
            return;
        }
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            ctx().writeAndFlush(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
        }
        String requestId = Objects.requireNonNull(request.requestId());
        if (request.kind() == TwinTopic.Kind.REPORT && requests.reportsWait()) {
            reporting = true;
            requests.reportLater(device, request.version(), ByteBufUtil.getBytes(publish.content()), ctx().executor(),
                    response -> {
                        reporting = false;
                        if (!closing) {
                            answer(device, topic, requestId, response);
                        }
                        drain();
                    });
            return;
        }
        TwinRequests.Response response = switch (request.kind()) {
            case GET_TWIN -> requests.get(device);
            case REPORT -> requests.report(device, request.version(), ByteBufUtil.getBytes(publish.content()));
            case TELEMETRY -> null;
        };
        if (response != null) {
            answer(device, topic, requestId, response);
        }
    }

    /** Publishes the answer to twin request {@code requestId}; on this handler's executor. */
    private void answer(TwinKey device, String topic, String requestId, TwinRequests.Response response) {
        requestLog.mqttTwin(transport, device, topic, response.status());
        ChannelFuture written = publish(TwinTopic.RESPONSE_FILTER, TwinTopic.response(response.status(), requestId,
                response.version()), response.payload());
        if (written != null) {
            answersInFlight++;
            // the listener runs on this handler's executor, like every other method
            written.addListener(future -> {
                answersInFlight--;
                drain();
            });
        }
    }

    /** Journals a telemetry message, then acknowledges it (QoS 1); a message the hub refuses closes the connection. */
    private void telemetryReceived(TwinKey device, String topic, MqttPublishMessage publish) {
        TelemetryMessage enqueued;
        try {
            enqueued = telemetry.accept(device, clientPath, topic, publish.content(), modelId);
        } catch (IllegalArgumentException e) {
            refusePublish(topic, String.valueOf(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            // the hub was closed under the connection, or failed: no acknowledgement, so the device sends again
            refusePublish(topic, "the hub could not take telemetry: " + e);
            return;
        }
        boolean acknowledged = publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE;
        if (acknowledged) {
            ctx().writeAndFlush(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
        }
        requestLog.mqttTelemetry(transport, device, topic, acknowledged, enqueued.sequenceNumber());
    }

    /** Returns whether {@code message} publishes to this connection's telemetry topic. */
    private boolean isTelemetry(MqttMessage message) {
        return session != null && message instanceof MqttPublishMessage publish
                && publish.variableHeader().topicName().startsWith(clientPath + "/messages/events");
    }

    private void subscribe(MqttSubscribeMessage subscribe) {
        DeviceSession owned = Objects.requireNonNull(session, "session");
        MqttMessageBuilders.SubAckBuilder ack = MqttMessageBuilders.subAck()
                .packetId(subscribe.variableHeader().messageId());
        boolean toMethods = false;
        for (MqttTopicSubscription subscription : subscribe.payload().topicSubscriptions()) {
            String filter = subscription.topicFilter();
            MqttQoS granted = subscription.qualityOfService() == MqttQoS.AT_MOST_ONCE
                    ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
            if (!TwinTopic.acceptsFilter(filter, clientPath) || !owned.subscribe(filter, granted, limits.maxSubscriptions())) {
                LOG.debug("refused subscription of {} to '{}'", key, filter);
                granted = MqttQoS.FAILURE;
            } else if (filter.equals(MethodTopic.FILTER)) {
                toMethods = true;
            }
            ack.addGrantedQos(granted);
        }
        ctx().writeAndFlush(ack.build());
        if (toMethods) {
            // after the SUBACK, so that no call reaches the device before it
            Objects.requireNonNull(methods, "methods").open();
        }
    }

    private void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        DeviceSession owned = Objects.requireNonNull(session, "session");
        unsubscribe.payload().topics().forEach(owned::unsubscribe);
        if (unsubscribe.payload().topics().contains(MethodTopic.FILTER)) {
            Objects.requireNonNull(methods, "methods").close();
        }
        ctx().writeAndFlush(MqttMessageBuilders.unsubAck().packetId(unsubscribe.variableHeader().messageId())
                .build());
    }

    /** Hands a device's answer to a direct method to the connection's {@link MethodEndpoint}. */
    private void methodAnswered(MqttPublishMessage publish, String topic) {
        MethodTopic answer;
        try {
            answer = MethodTopic.parseResponse(topic);
        } catch (IllegalArgumentException e) {
            refusePublish(topic, String.valueOf(e.getMessage()));
            return;
        }
        if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            ctx().writeAndFlush(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
        }
        String outcome = Objects.requireNonNull(methods, "methods").answer(answer,
                ByteBufUtil.getBytes(publish.content()));
        requestLog.mqttMethodAnswer(transport, Objects.requireNonNull(key, "key"), topic, outcome);
    }

    /**
     * Publishes a direct method call at QoS 0, as the service sends them, if the connection is open and its session
     * holds {@code $iothub/methods/POST/#}; on this handler's executor.
     *
     * @return whether the call was written
     */
    private boolean publishMethodCall(String topic, byte[] payload) {
        DeviceSession owned = session;
        if (closing || owned == null || ctx == null || !ctx.channel().isActive()
                || owned.granted(MethodTopic.FILTER).isEmpty() || ByteBufUtil.utf8Bytes(topic) > MAX_TOPIC_BYTES) {
            return false;
        }
        LOG.trace("to {}: {} at QoS 0", key, topic);
        ctx.writeAndFlush(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE).retained(false)
                .payload(Unpooled.wrappedBuffer(payload)).build());
        return true;
    }

    /**
     * Publishes to the device if its session holds {@code filter}, at the granted QoS.
     *
     * @return the write, or {@code null} if nothing was sent
     */
    private @Nullable ChannelFuture publish(String filter, String topic, byte[] payload) {
        DeviceSession owned = session;
        MqttQoS granted = owned == null ? null : owned.granted(filter).orElse(null);
        if (granted == null) {
            LOG.debug("not sent to {}, not subscribed to {}: {}", key, filter, topic);
            return null;
        }
        int topicBytes = ByteBufUtil.utf8Bytes(topic);
        if (topicBytes > MAX_TOPIC_BYTES) {
            // TwinTopic bounds every part of a topic, so this guards against a future mistake, never a device
            LOG.warn("not sent to {}: a topic of {} bytes does not fit MQTT's {}", key, topicBytes, MAX_TOPIC_BYTES);
            return null;
        }
        int packetId = 0;
        if (granted == MqttQoS.AT_LEAST_ONCE) {
            packetId = nextPacketId();
            inFlight.add(packetId);
        }
        MqttPublishMessage message = MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(granted)
                .retained(false)
                .messageId(packetId)
                .payload(Unpooled.wrappedBuffer(payload))
                .build();
        LOG.trace("to {}: {} at QoS {}", key, topic, granted.value());
        return ctx().writeAndFlush(message);
    }

    private int nextPacketId() {
        for (int i = 0; i < 65535; i++) {
            lastPacketId = lastPacketId % 65535 + 1;
            if (!inFlight.contains(lastPacketId)) {
                return lastPacketId;
            }
        }
        // every id is awaiting its PUBACK: a device that never acknowledges loses the oldest guarantee
        inFlight.clear();
        return lastPacketId;
    }

    private void malformed(Throwable cause) {
        if (session == null && cause instanceof MqttUnacceptableProtocolVersionException) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, cause.getMessage());
        } else if (session == null && cause instanceof MqttIdentifierRejectedException) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, cause.getMessage());
        } else {
            close("malformed packet: " + cause.getMessage());
        }
    }

    private void refuse(MqttConnectReturnCode code, @Nullable String reason) {
        LOG.debug("CONNECT refused with {}: {}", code, reason);
        requestLog.mqttConnect(transport, connectingClient, code.name(), code.byteValue(), reason);
        closing = true;
        ctx().writeAndFlush(MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Logs a PUBLISH the connection is closed for, and closes it. */
    private void refusePublish(String topic, String reason) {
        requestLog.mqttRefused(transport, key, topic, reason);
        close(reason);
    }

    private void close(@Nullable String reason) {
        if (reason != null) {
            LOG.debug("closing the MQTT connection of {}: {}", key == null ? "an unknown client" : key, reason);
        }
        closing = true;
        ctx().close();
    }

    private ChannelHandlerContext ctx() {
        return Objects.requireNonNull(ctx, "ctx");
    }

    /** Returns the client, for logs. */
    @Override
    public String toString() {
        return "MqttConnectionHandler[" + (key == null ? "not connected" : key) + "]";
    }
}
