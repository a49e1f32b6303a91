package io.twinkit.emulator.internal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.MethodResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Direct methods over the real MQTT codec without sockets: a device subscribed to {@code $iothub/methods/POST/#} gets
 * each call on {@code $iothub/methods/POST/{name}/?$rid=…} at QoS 0 and answers on
 * {@code $iothub/methods/res/{status}/?$rid=…}; the device is online exactly while its connection holds the
 * subscription. Every call here is answered or failed before the test looks, so no timer of the hub is involved.
 */
class MqttMethodFlowTest {

    static final String METHODS = "$iothub/methods/POST/#";
    private static final Duration RESPONSE = Duration.ofSeconds(30);

    private final IotHub hub = IotHub.create();
    private final TwinKey d1 = TwinKey.device("d1");
    private final MqttFrontEnd frontEnd = new MqttFrontEnd(hub, MqttTwinFlowTest::passwordIsTokenFor,
            MqttLimits.SERVICE);
    private final EmbeddedConnection device = new EmbeddedConnection(frontEnd);

    MqttMethodFlowTest() {
        hub.registry().createDevice(d1.deviceId());
    }

    @AfterEach
    void close() {
        device.close();
        frontEnd.close();
        hub.close();
    }

    private void connectAndSubscribe(EmbeddedConnection connection, String clientId) {
        assertThat(connection.connectAs(clientId, "token:" + clientId)).isEqualTo(
                MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(connection.subscribe(MqttQoS.AT_LEAST_ONCE, METHODS).payload().grantedQoSLevels())
                .containsExactly(1);
    }

    private CompletableFuture<MethodResult> call(TwinKey key, String name, JsonValue payload) {
        return hub.methods().invokeAsync(key, name, payload, RESPONSE, Duration.ZERO);
    }

    /** Returns the one call the device received. */
    private static MqttPublishMessage request(EmbeddedConnection connection) {
        MqttMessage message = connection.single();
        assertThat(message).isInstanceOf(MqttPublishMessage.class);
        return (MqttPublishMessage) message;
    }

    private static String requestId(MqttPublishMessage request) {
        String topic = request.variableHeader().topicName();
        return topic.substring(topic.indexOf("?$rid=") + "?$rid=".length());
    }

    private static TwinException failure(CompletableFuture<MethodResult> call) throws InterruptedException {
        assertThat(call).isDone();
        try {
            throw new AssertionError("expected a failure, got " + call.get());
        } catch (ExecutionException e) {
            return (TwinException) e.getCause();
        }
    }

    @Test
    void aCallIsPublishedAtQos0AndTheDevicesAnswerIsTheResult() throws Exception {
        connectAndSubscribe(device, "d1");
        CompletableFuture<MethodResult> call = call(d1, "reboot", JsonValue.parse("{\"delay\":5}"));
        MqttPublishMessage request = request(device);
        assertThat(request.variableHeader().topicName()).matches("\\$iothub/methods/POST/reboot/\\?\\$rid=\\d+");
        assertThat(request.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_MOST_ONCE);
        assertThat(EmbeddedConnection.payload(request)).isEqualTo("{\"delay\":5}");
        assertThat(call).isNotDone();

        device.publish("$iothub/methods/res/200/?$rid=" + requestId(request), MqttQoS.AT_MOST_ONCE,
                "{\"rebooting\":true}");
        assertThat(call.get()).isEqualTo(new MethodResult(200, JsonValue.parse("{\"rebooting\":true}")));
    }

    @Test
    void everyPayloadKindTravelsAsJsonTextAndAnEmptyAnswerIsNull() throws Exception {
        connectAndSubscribe(device, "d1");
        for (String payload : new String[] {"null", "\"\"", "\"foo\"", "{}", "{\"k1\":\"v1\"}", "[1,2]", "3"}) {
            CompletableFuture<MethodResult> call = call(d1, "echo", JsonValue.parse(payload));
            MqttPublishMessage request = request(device);
            assertThat(EmbeddedConnection.payload(request)).isEqualTo(payload);
            device.publish("$iothub/methods/res/200/?$rid=" + requestId(request), MqttQoS.AT_MOST_ONCE, payload);
            assertThat(call.get().payload()).isEqualTo(JsonValue.parse(payload));
        }
        CompletableFuture<MethodResult> call = call(d1, "empty", JsonNull.INSTANCE);
        // the Node SDK's response.send(200) with no payload, and a status of one digit, as the Java SDK allows
        device.publish("$iothub/methods/res/7/?$rid=" + requestId(request(device)) + "&", MqttQoS.AT_MOST_ONCE, "");
        assertThat(call.get()).isEqualTo(new MethodResult(7, JsonNull.INSTANCE));
    }

    @Test
    void aQos1AnswerIsAcknowledged() throws Exception {
        connectAndSubscribe(device, "d1");
        CompletableFuture<MethodResult> call = call(d1, "m", JsonNull.INSTANCE);
        device.publish("$iothub/methods/res/-1/?$rid=" + requestId(request(device)), MqttQoS.AT_LEAST_ONCE, "1");
        assertThat(device.single()).isInstanceOf(MqttPubAckMessage.class);
        assertThat(call.get()).isEqualTo(new MethodResult(-1, JsonValue.of(1)));
    }

    @Test
    void anUnknownOrAlreadyAnsweredRidIsIgnoredAndTheConnectionStays() throws Exception {
        connectAndSubscribe(device, "d1");
        CompletableFuture<MethodResult> call = call(d1, "m", JsonNull.INSTANCE);
        String rid = requestId(request(device));
        device.publish("$iothub/methods/res/200/?$rid=999", MqttQoS.AT_MOST_ONCE, "{}");
        assertThat(call).isNotDone();
        device.publish("$iothub/methods/res/201/?$rid=" + rid, MqttQoS.AT_MOST_ONCE, "\"first\"");
        device.publish("$iothub/methods/res/202/?$rid=" + rid, MqttQoS.AT_MOST_ONCE, "\"second\"");
        assertThat(call.get()).isEqualTo(new MethodResult(201, JsonValue.of("first")));
        assertThat(device.isOpen()).isTrue();
        assertThat(device.received()).isEmpty();
    }

    @Test
    void anAnswerThatIsNotJsonIs502000() throws Exception {
        connectAndSubscribe(device, "d1");
        CompletableFuture<MethodResult> call = call(d1, "m", JsonNull.INSTANCE);
        device.publish("$iothub/methods/res/200/?$rid=" + requestId(request(device)), MqttQoS.AT_MOST_ONCE,
                "{'filename': 'logs.zip'}");
        TwinException e = failure(call);
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.GENERIC_BAD_GATEWAY);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(device.isOpen()).isTrue();
    }

    @Test
    void aMalformedAnswerTopicClosesTheConnectionAndFailsItsCalls() throws Exception {
        for (String topic : new String[] {"$iothub/methods/res/ok/?$rid=1", "$iothub/methods/res/200/?$version=1",
            "$iothub/methods/res/200", "$iothub/methods/res/200/?$rid=" + "r".repeat(129)}) {
            try (EmbeddedConnection connection = new EmbeddedConnection(frontEnd)) {
                connectAndSubscribe(connection, "d1");
                CompletableFuture<MethodResult> call = call(d1, "m", JsonNull.INSTANCE);
                request(connection);
                connection.publish(topic, MqttQoS.AT_MOST_ONCE, "{}");
                assertThat(connection.isOpen()).as(topic).isFalse();
                assertThat(failure(call).errorCode()).as(topic).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
            }
        }
    }

    @Test
    void aDeviceIsOnlineOnlyWhileItsConnectionHoldsTheMethodsSubscription() throws Exception {
        assertThat(device.connectAs("d1", "token:d1")).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(failure(call(d1, "m", JsonNull.INSTANCE)).errorCode())
                .as("connected but not subscribed").isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        assertThat(device.subscribe(MqttQoS.AT_MOST_ONCE, METHODS).payload().grantedQoSLevels()).containsExactly(0);
        CompletableFuture<MethodResult> pending = call(d1, "m", JsonNull.INSTANCE);
        request(device);

        device.send(MqttMessageBuilders.unsubscribe().messageId(99).addTopicFilter(METHODS).build());
        assertThat(device.single()).isInstanceOf(MqttUnsubAckMessage.class);
        TwinException e = failure(pending);
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        assertThat(e.getMessage()).startsWith("Device unavailable.");
        assertThat(failure(call(d1, "m", JsonNull.INSTANCE)).errorCode()).isEqualTo(
                IotHubErrorCode.DEVICE_NOT_ONLINE);
    }

    @Test
    void aConnectionGoingAwayFailsItsCallsAndAResumedSessionIsOnlineWithoutSubscribingAgain() throws Exception {
        connectAndSubscribe(device, "d1");
        CompletableFuture<MethodResult> pending = call(d1, "m", JsonNull.INSTANCE);
        String droppedRid = requestId(request(device));
        device.server.close();
        device.server.runPendingTasks();
        assertThat(failure(pending).errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        assertThat(failure(call(d1, "m", JsonNull.INSTANCE)).errorCode()).isEqualTo(
                IotHubErrorCode.DEVICE_NOT_ONLINE);

        // the device SDKs reconnect with cleanSession=false and do not subscribe to methods again
        try (EmbeddedConnection again = new EmbeddedConnection(frontEnd)) {
            assertThat(again.connectAs("d1", "token:d1")).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            CompletableFuture<MethodResult> call = call(d1, "after", JsonNull.INSTANCE);
            MqttPublishMessage request = request(again);
            assertThat(request.variableHeader().topicName()).startsWith("$iothub/methods/POST/after/");
            // the SDK may still answer the dropped call on the new connection: that late answer must not be taken
            // for the new call, so a new connection never issues a $rid an earlier one did
            assertThat(requestId(request)).isNotEqualTo(droppedRid);
            again.publish("$iothub/methods/res/200/?$rid=" + droppedRid, MqttQoS.AT_MOST_ONCE, "\"late\"");
            assertThat(call).isNotDone();
            again.publish("$iothub/methods/res/200/?$rid=" + requestId(request), MqttQoS.AT_MOST_ONCE, "true");
            assertThat(call.get().payload()).isEqualTo(JsonValue.of(true));
        }
        try (EmbeddedConnection clean = new EmbeddedConnection(frontEnd)) {
            assertThat(clean.connect("d1", "127.0.0.1/d1/?api-version=2020-09-30", "token:d1", true)
                    .variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(failure(call(d1, "m", JsonNull.INSTANCE)).errorCode())
                    .as("a clean session holds no subscription").isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        }
    }

    @Test
    void aNewConnectionTakesOverAndTheOldConnectionsCallsFail() throws Exception {
        connectAndSubscribe(device, "d1");
        CompletableFuture<MethodResult> old = call(d1, "m", JsonNull.INSTANCE);
        request(device);
        try (EmbeddedConnection takeover = new EmbeddedConnection(frontEnd)) {
            connectAndSubscribe(takeover, "d1");
            device.server.runPendingTasks();
            assertThat(failure(old).errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
            assertThat(device.isOpen()).isFalse();
            CompletableFuture<MethodResult> call = call(d1, "m", JsonNull.INSTANCE);
            takeover.publish("$iothub/methods/res/200/?$rid=" + requestId(request(takeover)), MqttQoS.AT_MOST_ONCE,
                    "2");
            assertThat(call.get().payload()).isEqualTo(JsonValue.of(2));
        }
    }

    @Test
    void aModuleConnectionAnswersTheModulesCalls() throws Exception {
        hub.registry().createModule(d1.deviceId(), ModuleId.of("m1"));
        TwinKey module = TwinKey.module("d1", "m1");
        try (EmbeddedConnection connection = new EmbeddedConnection(frontEnd)) {
            connectAndSubscribe(connection, "d1/m1");
            CompletableFuture<MethodResult> call = call(module, "m", JsonValue.of("x"));
            MqttPublishMessage request = request(connection);
            connection.publish("$iothub/methods/res/200/?$rid=" + requestId(request), MqttQoS.AT_MOST_ONCE, "\"y\"");
            assertThat(call.get()).isEqualTo(new MethodResult(200, JsonValue.of("y")));
            assertThat(failure(call(d1, "m", JsonNull.INSTANCE)).errorCode()).isEqualTo(
                    IotHubErrorCode.DEVICE_NOT_ONLINE);
        }
    }

    @Test
    void aMethodResponseDoesNotCountAsATwinRequestOrTelemetry() {
        connectAndSubscribe(device, "d1");
        device.publish("$iothub/methods/res/200/?$rid=5", MqttQoS.AT_LEAST_ONCE, "{}");
        List<MqttMessage> out = device.received();
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isInstanceOf(MqttPubAckMessage.class);
        assertThat(device.isOpen()).isTrue();
    }
}
