package io.twinkit.emulator.internal.mqtt;

import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.DESIRED;
import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.RES;
import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinTime;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Persistent and clean sessions, one connection per client id, dropping connections. */
class MqttSessionTest {

    private final IotHub hub = IotHub.create();
    private final TwinKey d1 = TwinKey.device("d1");
    private final MqttFrontEnd frontEnd = new MqttFrontEnd(hub, MqttTwinFlowTest::passwordIsTokenFor,
            MqttLimits.SERVICE);
    private final List<EmbeddedConnection> connections = new ArrayList<>();

    MqttSessionTest() {
        hub.registry().createDevice(d1.deviceId());
        hub.registry().createDevice(TwinKey.device("d2").deviceId());
    }

    @AfterEach
    void close() {
        connections.forEach(EmbeddedConnection::close);
        frontEnd.close();
        hub.close();
    }

    @Test
    void aPersistentSessionKeepsItsSubscriptionsAcrossReconnects() {
        EmbeddedConnection first = connection();
        assertThat(connect(first, "d1", false).variableHeader().isSessionPresent()).isFalse();
        first.subscribe(MqttQoS.AT_LEAST_ONCE, RES, DESIRED);
        first.server.close();

        hub.twins().update(d1, json("{\"properties\":{\"desired\":{\"offline\":1}}}"), null);
        EmbeddedConnection second = connection();
        MqttConnAckMessage ack = connect(second, "d1", false);
        assertThat(ack.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(ack.variableHeader().isSessionPresent()).isTrue();
        assertThat(second.received()).as("nothing is queued for a disconnected device").isEmpty();

        hub.twins().update(d1, json("{\"properties\":{\"desired\":{\"online\":2}}}"), null);
        MqttPublishMessage push = (MqttPublishMessage) second.single();
        assertThat(push.variableHeader().topicName()).isEqualTo("$iothub/twin/PATCH/properties/desired/?$version=3");
        assertThat(json(EmbeddedConnection.payload(push))).isEqualTo(json("{\"online\":2,\"$version\":3}"));
        assertThat(first.received()).isEmpty();
    }

    @Test
    void aCleanSessionForgetsTheSubscriptionsAndEndsWithItsConnection() {
        EmbeddedConnection first = connection();
        connect(first, "d1", false);
        first.subscribe(MqttQoS.AT_LEAST_ONCE, DESIRED);
        first.server.close();

        EmbeddedConnection clean = connection();
        assertThat(connect(clean, "d1", true).variableHeader().isSessionPresent()).isFalse();
        hub.twins().update(d1, json("{\"properties\":{\"desired\":{\"a\":1}}}"), null);
        assertThat(clean.received()).isEmpty();
        clean.subscribe(MqttQoS.AT_LEAST_ONCE, DESIRED);
        clean.server.close();
        assertThat(frontEnd.sessions().session(d1)).isEmpty();

        EmbeddedConnection third = connection();
        assertThat(connect(third, "d1", false).variableHeader().isSessionPresent()).isFalse();
        hub.twins().update(d1, json("{\"properties\":{\"desired\":{\"a\":2}}}"), null);
        assertThat(third.received()).isEmpty();
    }

    @Test
    void aNewConnectionForTheSameClientIdClosesTheOldOneAndTakesItsSession() {
        EmbeddedConnection first = connection();
        connect(first, "d1", false);
        first.subscribe(MqttQoS.AT_LEAST_ONCE, DESIRED);
        EmbeddedConnection other = connection();
        connect(other, "d2", false);

        EmbeddedConnection second = connection();
        assertThat(connect(second, "d1", false).variableHeader().isSessionPresent()).isTrue();
        assertThat(first.isOpen()).isFalse();
        assertThat(other.isOpen()).isTrue();

        hub.twins().update(d1, json("{\"properties\":{\"desired\":{\"a\":1}}}"), null);
        assertThat(second.single()).isInstanceOf(MqttPublishMessage.class);
        assertThat(frontEnd.sessions().connection(d1)).isPresent();
    }

    @Test
    void droppingAConnectionKeepsThePersistentSession() {
        EmbeddedConnection first = connection();
        connect(first, "d1", false);
        first.subscribe(MqttQoS.AT_LEAST_ONCE, DESIRED);
        assertThat(frontEnd.dropConnection(d1)).isTrue();
        assertThat(first.isOpen()).isFalse();
        assertThat(frontEnd.dropConnection(d1)).as("nothing left to drop").isFalse();
        assertThat(frontEnd.sessions().session(d1).orElseThrow().filters()).containsOnlyKeys(DESIRED);
    }

    @Test
    void closingTheFrontEndClosesEveryConnectionAndEndsEverySession() {
        EmbeddedConnection first = connection();
        connect(first, "d1", false);
        first.subscribe(MqttQoS.AT_LEAST_ONCE, DESIRED);
        frontEnd.close();
        assertThat(first.isOpen()).isFalse();
        assertThat(frontEnd.sessions().session(d1)).isEmpty();
        EmbeddedConnection late = connection();
        assertThat(connect(late, "d1", false).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
    }

    @Test
    void theTwinFollowsTheConnectionAndKeepsTheAnnouncedModelId() {
        EmbeddedConnection first = connection();
        first.connect("d1", "127.0.0.1/d1/?api-version=2020-09-30&model-id=dtmi%3Acom%3Aexample%3AThermostat%3B1"
                + "&DeviceClientType=test", "token:d1", false);
        TwinDocument connected = hub.twins().get(d1);
        assertThat(connected.connectionState()).contains(ConnectionState.CONNECTED);
        assertThat(connected.modelId()).contains("dtmi:com:example:Thermostat;1");
        assertThat(connected.lastActivityTime()).hasValueSatisfying(t -> assertThat(t).isAfter(TwinTime.NEVER));

        EmbeddedConnection second = connection();
        connect(second, "d1", false);
        assertThat(first.isOpen()).isFalse();
        assertThat(hub.twins().get(d1).connectionState()).as("a taken-over connection does not disconnect the device")
                .contains(ConnectionState.CONNECTED);
        assertThat(hub.twins().get(d1).modelId()).as("a CONNECT without model-id keeps the model")
                .contains("dtmi:com:example:Thermostat;1");

        assertThat(frontEnd.dropConnection(d1)).isTrue();
        assertThat(hub.twins().get(d1).connectionState()).contains(ConnectionState.DISCONNECTED);
        assertThat(hub.twins().get(d1).etag()).as("presence is not a twin write").isEqualTo(connected.etag());
    }

    private EmbeddedConnection connection() {
        EmbeddedConnection connection = new EmbeddedConnection(frontEnd);
        connections.add(connection);
        return connection;
    }

    private static MqttConnAckMessage connect(EmbeddedConnection connection, String clientId, boolean clean) {
        return connection.connect(clientId, "127.0.0.1/" + clientId + "/?api-version=2020-09-30", "token:" + clientId,
                clean);
    }
}
