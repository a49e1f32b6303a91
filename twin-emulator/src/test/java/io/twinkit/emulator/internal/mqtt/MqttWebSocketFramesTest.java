package io.twinkit.emulator.internal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
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
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MQTT carried in WebSocket frames: packets split across frames or sharing one, answers one frame per packet. */
class MqttWebSocketFramesTest {

    private final IotHub hub = IotHub.create();
    private final MqttFrontEnd frontEnd = new MqttFrontEnd(hub, MqttTwinFlowTest::passwordIsTokenFor,
            MqttLimits.SERVICE);
    private final EmbeddedChannel server = new EmbeddedChannel(new WebSocketFramesToBytes(),
            BytesToWebSocketFrames.INSTANCE);
    private final EmbeddedChannel clientDecoder = new EmbeddedChannel(new MqttDecoder());

    MqttWebSocketFramesTest() {
        hub.registry().createDevice(TwinKey.device("ws1").deviceId());
        frontEnd.addMqttHandlers(server.pipeline(), null);
    }

    @AfterEach
    void close() {
        server.finishAndReleaseAll();
        clientDecoder.finishAndReleaseAll();
        frontEnd.close();
        hub.close();
    }

    @Test
    void packetsSplitAcrossFramesAndSharingFramesAreDecodedAndEachAnswerIsOneBinaryFrame() {
        byte[] connect = encode(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("ws1")
                .hasUser(true).username("localhost/ws1/?api-version=2020-09-30").hasPassword(true)
                .password("token:ws1".getBytes(StandardCharsets.UTF_8)).build());
        server.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(Arrays.copyOf(connect, 5))));
        server.writeInbound(new ContinuationWebSocketFrame(true, 0,
                Unpooled.wrappedBuffer(Arrays.copyOfRange(connect, 5, connect.length))));
        List<MqttMessage> answers = answers();
        assertThat(answers).hasSize(1);
        assertThat(((MqttConnAckMessage) answers.get(0)).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);

        byte[] subscribe = encode(MqttMessageBuilders.subscribe().messageId(1)
                .addSubscription(MqttQoS.AT_MOST_ONCE, MqttTwinFlowTest.RES).build());
        byte[] get = encode(MqttMessageBuilders.publish().topicName("$iothub/twin/GET/?$rid=ws")
                .qos(MqttQoS.AT_MOST_ONCE).payload(Unpooled.EMPTY_BUFFER).build());
        server.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(subscribe, get)));
        answers = answers();
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0)).isInstanceOf(MqttSubAckMessage.class);
        assertThat(((MqttPublishMessage) answers.get(1)).variableHeader().topicName())
                .isEqualTo("$iothub/twin/res/200/?$rid=ws");
    }

    @Test
    void aTextFrameClosesTheConnection() {
        server.writeInbound(new TextWebSocketFrame("{\"not\":\"mqtt\"}"));
        server.runPendingTasks();
        assertThat(server.isActive()).isFalse();
    }

    private List<MqttMessage> answers() {
        server.runPendingTasks();
        List<MqttMessage> messages = new ArrayList<>();
        for (Object frame; (frame = server.readOutbound()) != null; ) {
            assertThat(frame).isInstanceOf(BinaryWebSocketFrame.class);
            clientDecoder.writeInbound(((BinaryWebSocketFrame) frame).content());
            int before = messages.size();
            for (MqttMessage message; (message = clientDecoder.readInbound()) != null; ) {
                messages.add(message);
            }
            assertThat(messages.size() - before).as("packets in one frame").isEqualTo(1);
        }
        return messages;
    }

    private static byte[] encode(MqttMessage message) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(message);
        ByteBuf bytes = encoder.readOutbound();
        byte[] result = ByteBufUtil.getBytes(bytes);
        bytes.release();
        encoder.finishAndReleaseAll();
        return result;
    }
}
