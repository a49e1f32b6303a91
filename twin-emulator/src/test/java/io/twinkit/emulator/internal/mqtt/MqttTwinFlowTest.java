package io.twinkit.emulator.internal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.twinkit.core.ModuleId;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The twin topics over the real MQTT codec without sockets: GET, reported PATCH, responses, desired pushes. */
class MqttTwinFlowTest {

    static final String RES = "$iothub/twin/res/#";
    static final String DESIRED = "$iothub/twin/PATCH/properties/desired/#";

    private final IotHub hub = IotHub.create();
    private final TwinKey d1 = TwinKey.device("d1");
    private final MqttFrontEnd frontEnd = new MqttFrontEnd(hub, MqttTwinFlowTest::passwordIsTokenFor,
            MqttLimits.SERVICE);
    private final EmbeddedConnection device = new EmbeddedConnection(frontEnd);

    MqttTwinFlowTest() {
        hub.registry().createDevice(d1.deviceId());
    }

    /** Stands in for the SAS check: the password must be "token:" + the client id, and the identity must exist. */
    static void passwordIsTokenFor(TwinKey key, String password) {
        if (!("token:" + key).equals(password)) {
            throw new TwinException(IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS, "not the token of " + key);
        }
    }

    @AfterEach
    void close() {
        device.close();
        frontEnd.close();
        hub.close();
    }

    @Test
    void getAnswersOnTheResponseTopicWithTheDeviceViewOfTheTwin() {
        connectAndSubscribe();
        hub.twins().update(d1, json("{\"tags\":{\"t\":1},\"properties\":{\"desired\":{\"rate\":5}}}"), null);
        hub.twins().report(d1, json("{\"temp\":21}"), null);
        device.received();

        device.publish("$iothub/twin/GET/?$rid=abc-1", MqttQoS.AT_LEAST_ONCE, "");

        List<MqttMessage> out = device.received();
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(MqttPubAckMessage.class);
        MqttPublishMessage response = (MqttPublishMessage) out.get(1);
        assertThat(response.variableHeader().topicName()).isEqualTo("$iothub/twin/res/200/?$rid=abc-1");
        assertThat(json(EmbeddedConnection.payload(response))).isEqualTo(
                json("{\"desired\":{\"rate\":5,\"$version\":2},\"reported\":{\"temp\":21,\"$version\":2}}"));
        assertThat(response.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
    }

    @Test
    void aReportAnswers204WithTheNewReportedVersionAndChangesTheTwin() {
        connectAndSubscribe();
        device.publish("$iothub/twin/PATCH/properties/reported/?$rid=7", MqttQoS.AT_LEAST_ONCE,
                "{\"temp\":21,\"nested\":{\"a\":1}}");
        MqttPublishMessage response = response();
        assertThat(response.variableHeader().topicName()).isEqualTo("$iothub/twin/res/204/?$rid=7&$version=2");
        assertThat(response.content().readableBytes()).isZero();
        assertThat(hub.twins().deviceGet(d1).valueOrNull("reported")).isEqualTo(
                json("{\"temp\":21,\"nested\":{\"a\":1},\"$version\":2}"));

        device.publish("$iothub/twin/PATCH/properties/reported/?$rid=8&$version=2", MqttQoS.AT_LEAST_ONCE,
                "{\"temp\":null}");
        assertThat(response().variableHeader().topicName()).isEqualTo("$iothub/twin/res/204/?$rid=8&$version=3");
        assertThat(hub.twins().deviceGet(d1).valueOrNull("reported"))
                .isEqualTo(json("{\"nested\":{\"a\":1},\"$version\":3}"));
    }

    @Test
    void aStaleVersionAnswers412AndChangesNothing() {
        connectAndSubscribe();
        hub.twins().report(d1, json("{\"temp\":1}"), null);
        device.publish("$iothub/twin/PATCH/properties/reported/?$rid=r&$version=1", MqttQoS.AT_LEAST_ONCE,
                "{\"temp\":2}");
        MqttPublishMessage response = response();
        assertThat(response.variableHeader().topicName()).isEqualTo("$iothub/twin/res/412/?$rid=r");
        assertThat(json(EmbeddedConnection.payload(response)).valueOrNull("errorCode").toString()).isEqualTo("412001");
        assertThat(hub.twins().deviceGet(d1).valueOrNull("reported")).isEqualTo(json("{\"temp\":1,\"$version\":2}"));
    }

    @Test
    void malformedJsonInvalidPatchesAndBadVersionsAnswer400WithTheErrorBodyAndChangeNothing() {
        connectAndSubscribe();
        String[][] cases = {
            {"?$rid=1", "{\"temp\":", "400006"},
            {"?$rid=2", "", "400006"},
            {"?$rid=3", "[1,2]", "400006"},
            {"?$rid=4", "{\"$bad\":1}", "400004"},
            {"?$rid=5&$version=x", "{\"a\":1}", "400004"},
        };
        for (String[] c : cases) {
            device.publish("$iothub/twin/PATCH/properties/reported/" + c[0], MqttQoS.AT_LEAST_ONCE, c[1]);
            MqttPublishMessage response = response();
            assertThat(response.variableHeader().topicName()).as(c[1])
                    .isEqualTo("$iothub/twin/res/400/?$rid=" + c[0].substring(6, 7));
            JsonObject body = json(EmbeddedConnection.payload(response));
            assertThat(body.valueOrNull("errorCode").toString()).as(c[1]).isEqualTo(c[2]);
            assertThat(body.keys()).contains("trackingId", "message", "timestampUtc");
        }
        assertThat(hub.twins().deviceGet(d1).valueOrNull("reported")).isEqualTo(json("{\"$version\":1}"));
        assertThat(device.isOpen()).isTrue();
    }

    @Test
    void desiredChangesArePushedAtTheSubscribedQosWithTheVersionInTheTopic() {
        connectAndSubscribe();
        hub.twins().update(d1, json("{\"properties\":{\"desired\":{\"rate\":5,\"gone\":null}}}"), null);
        MqttPublishMessage push = (MqttPublishMessage) device.single();
        assertThat(push.variableHeader().topicName()).isEqualTo("$iothub/twin/PATCH/properties/desired/?$version=2");
        assertThat(push.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        assertThat(push.variableHeader().packetId()).isPositive();
        assertThat(json(EmbeddedConnection.payload(push))).isEqualTo(json("{\"rate\":5,\"gone\":null,\"$version\":2}"));

        device.send(io.netty.handler.codec.mqtt.MqttMessageBuilders.unsubscribe().messageId(99)
                .addTopicFilter(DESIRED).build());
        assertThat(device.single().fixedHeader().messageType()).isEqualTo(MqttMessageType.UNSUBACK);
        device.subscribe(MqttQoS.AT_MOST_ONCE, DESIRED);
        hub.twins().update(d1, json("{\"properties\":{\"desired\":{\"rate\":6}}}"), null);
        push = (MqttPublishMessage) device.single();
        assertThat(push.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_MOST_ONCE);
        assertThat(push.variableHeader().topicName()).endsWith("?$version=3");
    }

    @Test
    void nothingIsSentForTopicsTheDeviceDidNotSubscribeTo() {
        assertThat(device.connectAs("d1", "token:d1")).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        hub.twins().update(d1, json("{\"properties\":{\"desired\":{\"rate\":5}}}"), null);
        device.publish("$iothub/twin/GET/?$rid=1", MqttQoS.AT_MOST_ONCE, "");
        assertThat(device.received()).isEmpty();
        device.publish("$iothub/twin/PATCH/properties/reported/?$rid=2", MqttQoS.AT_MOST_ONCE, "{\"a\":1}");
        assertThat(device.received()).as("the report is applied, the response has no subscriber").isEmpty();
        assertThat(hub.twins().deviceGet(d1).valueOrNull("reported")).isEqualTo(json("{\"a\":1,\"$version\":2}"));
    }

    @Test
    void qosZeroRequestsGetNoPubackAndTelemetryIsAcknowledgedAndDropped() {
        connectAndSubscribe();
        device.publish("$iothub/twin/GET/?$rid=q0", MqttQoS.AT_MOST_ONCE, "");
        assertThat(((MqttPublishMessage) device.single()).variableHeader().topicName())
                .isEqualTo("$iothub/twin/res/200/?$rid=q0");
        device.publish("devices/d1/messages/events/a=b", MqttQoS.AT_LEAST_ONCE, "hello");
        assertThat(device.single()).isInstanceOf(MqttPubAckMessage.class);
        assertThat(device.isOpen()).isTrue();
    }

    @Test
    void aModuleUsesItsOwnTwin() {
        hub.registry().createModule(d1.deviceId(), ModuleId.of("m1"));
        TwinKey m1 = TwinKey.module("d1", "m1");
        hub.twins().update(m1, json("{\"properties\":{\"desired\":{\"mod\":true}}}"), null);
        assertThat(device.connectAs("d1/m1", "token:d1/m1")).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        device.subscribe(MqttQoS.AT_LEAST_ONCE, RES, "devices/d1/modules/m1/inputs/#");
        device.publish("$iothub/twin/PATCH/properties/reported/?$rid=m", MqttQoS.AT_LEAST_ONCE, "{\"x\":1}");
        assertThat(response().variableHeader().topicName()).isEqualTo("$iothub/twin/res/204/?$rid=m&$version=2");
        assertThat(hub.twins().deviceGet(m1).valueOrNull("reported")).isEqualTo(json("{\"x\":1,\"$version\":2}"));
        assertThat(hub.twins().deviceGet(d1).valueOrNull("reported")).isEqualTo(json("{\"$version\":1}"));
    }

    @Test
    void aDeletedDeviceGets404OnItsConnection() {
        connectAndSubscribe();
        hub.registry().delete(d1, null);
        device.publish("$iothub/twin/GET/?$rid=g", MqttQoS.AT_LEAST_ONCE, "");
        MqttPublishMessage response = response();
        assertThat(response.variableHeader().topicName()).isEqualTo("$iothub/twin/res/404/?$rid=g");
        assertThat(json(EmbeddedConnection.payload(response)).valueOrNull("errorCode").toString()).isEqualTo("404001");
    }

    private void connectAndSubscribe() {
        assertThat(device.connectAs("d1", "token:d1")).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(device.subscribe(MqttQoS.AT_LEAST_ONCE, RES, DESIRED).payload().grantedQoSLevels())
                .containsExactly(1, 1);
    }

    /** Returns the response after the PUBACK of a QoS 1 request. */
    private MqttPublishMessage response() {
        List<MqttMessage> out = device.received();
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(MqttPubAckMessage.class);
        return (MqttPublishMessage) out.get(1);
    }

    static JsonObject json(String text) {
        return JsonValue.parseObject(text);
    }
}
