package io.twinkit.emulator.internal.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A device connection to an {@link MqttFrontEnd} without sockets: the front end's real pipeline (MqttDecoder,
 * MqttEncoder, connection handler) in an {@link EmbeddedChannel}, driven by a client-side MqttEncoder and MqttDecoder,
 * so every packet crosses the wire format both ways.
 */
final class EmbeddedConnection implements AutoCloseable {

    final EmbeddedChannel server = new EmbeddedChannel();
    private final EmbeddedChannel clientEncoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    private final EmbeddedChannel clientDecoder = new EmbeddedChannel(new MqttDecoder(1024 * 1024));
    private int packetId;

    EmbeddedConnection(MqttFrontEnd frontEnd) {
        frontEnd.addMqttHandlers(server.pipeline(), null);
    }

    /** Encodes {@code message} as a client would and feeds the bytes to the server. */
    void send(MqttMessage message) {
        clientEncoder.writeOutbound(message);
        for (ByteBuf bytes; (bytes = clientEncoder.readOutbound()) != null; ) {
            server.writeInbound(bytes);
        }
        server.runPendingTasks();
    }

    /** Feeds raw bytes to the server. */
    void sendRaw(byte[] bytes) {
        server.writeInbound(Unpooled.wrappedBuffer(bytes));
        server.runPendingTasks();
    }

    /** Returns every packet the server has written since the last call, decoded as a client would. */
    List<MqttMessage> received() {
        server.runPendingTasks();
        for (Object bytes; (bytes = server.readOutbound()) != null; ) {
            clientDecoder.writeInbound(bytes);
        }
        List<MqttMessage> messages = new ArrayList<>();
        for (MqttMessage message; (message = clientDecoder.readInbound()) != null; ) {
            messages.add(message);
        }
        return messages;
    }

    /** Sends CONNECT and returns the CONNACK's return code. */
    MqttConnAckMessage connect(String clientId, @Nullable String username, @Nullable String password, boolean clean) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(clientId)
                .cleanSession(clean)
                .keepAlive(230);
        if (username != null) {
            connect.hasUser(true).username(username);
        }
        if (password != null) {
            connect.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
        }
        send(connect.build());
        return (MqttConnAckMessage) single();
    }

    /** Connects as the device SDK does: host 127.0.0.1, persistent session. */
    MqttConnectReturnCode connectAs(String clientId, String password) {
        return connect(clientId, "127.0.0.1/" + clientId + "/?api-version=2020-09-30", password, false)
                .variableHeader().connectReturnCode();
    }

    /** Subscribes and returns the SUBACK. */
    MqttSubAckMessage subscribe(MqttQoS qos, String... filters) {
        MqttMessageBuilders.SubscribeBuilder subscribe = MqttMessageBuilders.subscribe().messageId(++packetId);
        for (String filter : filters) {
            subscribe.addSubscription(qos, filter);
        }
        send(subscribe.build());
        return (MqttSubAckMessage) single();
    }

    /** Publishes {@code payload} to {@code topic}. */
    void publish(String topic, MqttQoS qos, String payload) {
        send(MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(qos)
                .messageId(qos == MqttQoS.AT_MOST_ONCE ? 0 : ++packetId)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8))
                .build());
    }

    /** Publishes the bytes {@code payload} to {@code topic}. */
    void publish(String topic, MqttQoS qos, byte[] payload) {
        send(MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(qos)
                .messageId(qos == MqttQoS.AT_MOST_ONCE ? 0 : ++packetId)
                .payload(Unpooled.wrappedBuffer(payload))
                .build());
    }

    /** Returns the one packet the server sent. */
    MqttMessage single() {
        List<MqttMessage> messages = received();
        if (messages.size() != 1) {
            throw new AssertionError("expected one packet, got " + messages);
        }
        return messages.get(0);
    }

    /** Returns whether the server side of the connection is open. */
    boolean isOpen() {
        server.runPendingTasks();
        server.runScheduledPendingTasks();
        return server.isActive();
    }

    static String payload(MqttPublishMessage message) {
        return new String(ByteBufUtil.getBytes(message.content()), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
        clientEncoder.finishAndReleaseAll();
        for (Object message; (message = clientDecoder.readInbound()) != null; ) {
            ReferenceCountUtil.release(message);
        }
        clientDecoder.finishAndReleaseAll();
    }
}
