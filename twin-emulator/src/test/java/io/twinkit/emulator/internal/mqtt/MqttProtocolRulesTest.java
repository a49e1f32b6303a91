package io.twinkit.emulator.internal.mqtt;

import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.DESIRED;
import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.RES;
import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The MQTT rules of the front end (spec §5.2): CONNECT refusals, malformed input, QoS, limits, timeouts. */
class MqttProtocolRulesTest {

    private final IotHub hub = IotHub.create();
    private final TwinKey d1 = TwinKey.device("d1");
    private final MqttFrontEnd frontEnd = new MqttFrontEnd(hub, this::authenticate,
            new MqttLimits(1024, 5, Duration.ofSeconds(30), Duration.ofSeconds(1767)));
    private final List<EmbeddedConnection> connections = new ArrayList<>();

    MqttProtocolRulesTest() {
        hub.registry().createDevice(d1.deviceId());
        hub.registry().createDevice(TwinKey.device("d2").deviceId());
    }

    private void authenticate(TwinKey key, String password) {
        if ("fail".equals(password)) {
            throw new HubStorageException("storage is gone", null);
        }
        hub.registry().get(key);
        MqttTwinFlowTest.passwordIsTokenFor(key, password);
    }

    @AfterEach
    void close() {
        connections.forEach(EmbeddedConnection::close);
        frontEnd.close();
        hub.close();
    }

    @Test
    void connectIsRefusedWithTheCodeThatNamesTheProblem() {
        assertThat(refusal("d1", "127.0.0.1/d1/?api-version=1", "token:x"))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(refusal("ghost", "127.0.0.1/ghost/?api-version=1", "token:ghost"))
                .as("unknown device").isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(refusal("d1", "127.0.0.1/d2/?api-version=1", "token:d1"))
                .as("the user name names another device")
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal("d1", "127.0.0.1/d1/?api-version=1", null))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal("d1", null, null))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal("", "127.0.0.1//?api-version=1", "token:"))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
        assertThat(refusal("d1/m1/x", "127.0.0.1/d1/m1/x/?api-version=1", "token:d1/m1/x"))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
        assertThat(refusal("d1", "127.0.0.1/d1/?api-version=1", "fail"))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
    }

    @Test
    void mqtt31AndUnknownProtocolLevelsAreRefusedAsUnacceptable() {
        EmbeddedConnection old = connection();
        old.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1).clientId("d1").hasUser(true)
                .username("h/d1/?api-version=1").hasPassword(true).password(bytes("token:d1")).build());
        assertThat(((MqttConnAckMessage) old.single()).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
        assertThat(old.isOpen()).isFalse();

        EmbeddedConnection level9 = connection();
        level9.sendRaw(new byte[] {0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 9, 0x02, 0, 60, 0, 2, 'd', '1'});
        assertThat(((MqttConnAckMessage) level9.single()).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
        assertThat(level9.isOpen()).isFalse();
    }

    @Test
    void aRefusedConnectIgnoresWhateverFollowsItInTheSameRead() {
        EmbeddedConnection connection = connection();
        byte[] bad = connectBytes("d1", "token:bad");
        byte[] good = connectBytes("d1", "token:d1");
        byte[] both = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, both, 0, bad.length);
        System.arraycopy(good, 0, both, bad.length, good.length);
        connection.sendRaw(both);
        assertThat(((MqttConnAckMessage) connection.single()).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(connection.isOpen()).isFalse();
        assertThat(frontEnd.sessions().session(d1)).isEmpty();
    }

    @Test
    void protocolViolationsCloseOnlyTheirOwnConnection() {
        EmbeddedConnection bystander = connected("d2");
        bystander.subscribe(MqttQoS.AT_LEAST_ONCE, RES);

        EmbeddedConnection notConnectFirst = connection();
        notConnectFirst.send(MqttMessage.PINGREQ);
        assertThat(notConnectFirst.received()).isEmpty();
        assertThat(notConnectFirst.isOpen()).isFalse();

        assertClosedBy(c -> c.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId("d1").build()), "a second CONNECT");
        assertClosedBy(c -> c.publish("$iothub/twin/GET/?$rid=1", MqttQoS.EXACTLY_ONCE, ""), "QoS 2 publish");
        assertClosedBy(c -> c.publish("$iothub/twin/GET/", MqttQoS.AT_LEAST_ONCE, ""), "no $rid");
        assertClosedBy(c -> c.publish("devices/d2/messages/events/", MqttQoS.AT_LEAST_ONCE, "x"),
                "another device's telemetry topic");
        assertClosedBy(c -> c.publish("some/topic", MqttQoS.AT_MOST_ONCE, "x"), "an unknown topic");
        assertClosedBy(c -> c.sendRaw(new byte[] {0x00, 0x00}), "packet type 0");
        assertClosedBy(c -> c.sendRaw(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}),
                "a remaining length of five bytes");
        assertClosedBy(c -> c.sendRaw(new byte[] {(byte) 0x80, 6, 0, 1, 0, 1, 'x', 0}), "SUBSCRIBE with QoS 0 flags");
        assertClosedBy(c -> c.sendRaw(new byte[] {0x30, 5, 0, 3, 'a', '/', '#'}), "a wildcard in a PUBLISH topic");
        assertClosedBy(c -> c.send(MqttMessageBuilders.subAck().packetId(1).addGrantedQos(MqttQoS.AT_MOST_ONCE)
                .build()), "a SUBACK from a device");

        bystander.publish("$iothub/twin/GET/?$rid=still", MqttQoS.AT_MOST_ONCE, "");
        assertThat(((MqttPublishMessage) bystander.single()).variableHeader().topicName())
                .isEqualTo("$iothub/twin/res/200/?$rid=still");
        assertThat(hub.twins().deviceGet(d1).valueOrNull("reported")).isEqualTo(json("{\"$version\":1}"));
    }

    @Test
    void aPacketOverTheSizeLimitClosesTheConnectionAndChangesNothing() {
        EmbeddedConnection connection = connected("d1");
        connection.subscribe(MqttQoS.AT_LEAST_ONCE, RES);
        connection.publish("$iothub/twin/PATCH/properties/reported/?$rid=1", MqttQoS.AT_LEAST_ONCE,
                "{\"big\":\"" + "x".repeat(2000) + "\"}");
        assertThat(connection.received()).isEmpty();
        assertThat(connection.isOpen()).isFalse();
        assertThat(hub.twins().deviceGet(d1).valueOrNull("reported")).isEqualTo(json("{\"$version\":1}"));
    }

    @Test
    void subscriptionsAreGrantedAtMostQos1OnlyForTheDeviceApiAndAtMostFive() {
        EmbeddedConnection connection = connected("d1");
        assertThat(connection.subscribe(MqttQoS.EXACTLY_ONCE, RES).payload().grantedQoSLevels()).containsExactly(1);
        assertThat(connection.subscribe(MqttQoS.AT_LEAST_ONCE, "$iothub/other/#", "devices/d2/messages/devicebound/#",
                "devices/d1/messages/+/#", "#").payload().grantedQoSLevels())
                .containsExactly(0x80, 0x80, 0x80, 0x80);
        assertThat(connection.subscribe(MqttQoS.AT_LEAST_ONCE, DESIRED, "$iothub/methods/POST/#",
                "devices/d1/messages/devicebound/#", "devices/d1/inputs/#", "devices/d1/more/#", RES)
                .payload().grantedQoSLevels()).containsExactly(1, 1, 1, 1, 0x80, 1);
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void pingIsAnsweredAndRetainedPublishesAreAccepted() {
        EmbeddedConnection connection = connected("d1");
        connection.send(MqttMessage.PINGREQ);
        assertThat(connection.single().fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
        connection.send(MqttMessageBuilders.publish().topicName("$iothub/twin/PATCH/properties/reported/?$rid=r")
                .qos(MqttQoS.AT_MOST_ONCE).retained(true)
                .payload(io.netty.buffer.Unpooled.copiedBuffer("{\"a\":1}", StandardCharsets.UTF_8)).build());
        assertThat(hub.twins().deviceGet(d1).valueOrNull("reported")).isEqualTo(json("{\"a\":1,\"$version\":2}"));
        connection.send(MqttMessage.DISCONNECT);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aConnectionWithoutConnectIsClosedAfterTheConnectTimeout() {
        EmbeddedConnection idle = connection();
        idle.server.advanceTimeBy(29, TimeUnit.SECONDS);
        assertThat(idle.isOpen()).isTrue();
        idle.server.advanceTimeBy(2, TimeUnit.SECONDS);
        assertThat(idle.isOpen()).isFalse();

        EmbeddedConnection connected = connected("d1");
        connected.server.advanceTimeBy(31, TimeUnit.SECONDS);
        assertThat(connected.isOpen()).as("CONNECT cancels the timeout").isTrue();
    }

    private void assertClosedBy(java.util.function.Consumer<EmbeddedConnection> violation, String what) {
        EmbeddedConnection connection = connected("d1");
        violation.accept(connection);
        assertThat(connection.received()).as(what).noneMatch(m -> m instanceof MqttPublishMessage);
        assertThat(connection.isOpen()).as(what).isFalse();
    }

    private MqttConnectReturnCode refusal(String clientId, String username, String password) {
        EmbeddedConnection connection = connection();
        MqttConnectReturnCode code = connection.connect(clientId, username, password, false).variableHeader()
                .connectReturnCode();
        assertThat(connection.isOpen()).isFalse();
        return code;
    }

    private EmbeddedConnection connected(String clientId) {
        EmbeddedConnection connection = connection();
        assertThat(connection.connectAs(clientId, "token:" + clientId))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return connection;
    }

    private EmbeddedConnection connection() {
        EmbeddedConnection connection = new EmbeddedConnection(frontEnd);
        connections.add(connection);
        return connection;
    }

    private static byte[] connectBytes(String clientId, String password) {
        io.netty.channel.embedded.EmbeddedChannel encoder =
                new io.netty.channel.embedded.EmbeddedChannel(io.netty.handler.codec.mqtt.MqttEncoder.INSTANCE);
        encoder.writeOutbound(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(clientId)
                .hasUser(true).username("h/" + clientId + "/?api-version=1").hasPassword(true)
                .password(bytes(password)).build());
        io.netty.buffer.ByteBuf buffer = encoder.readOutbound();
        byte[] result = io.netty.buffer.ByteBufUtil.getBytes(buffer);
        buffer.release();
        encoder.finishAndReleaseAll();
        return result;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
