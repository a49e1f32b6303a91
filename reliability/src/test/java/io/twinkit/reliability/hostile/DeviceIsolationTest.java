package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.internal.mqtt.RawMqttClient;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.support.HubState;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One device can never read or write another's twin over MQTT: not by subscribing to wildcards or to the other's
 * topics, not by publishing to the other's topics or dressing its own requests with the other's id, while the other
 * device's desired properties change and it is told so; nor answer the other's direct method calls. Over real TLS to
 * a running emulator.
 */
class DeviceIsolationTest {

    private static final String A = "iso-a";
    private static final String B = "iso-b";
    private static final String SECRET = "secret-of-b";
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final FuzzCounts COUNTS = new FuzzCounts("isolation");

    private static TwinkitEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .device(DeviceId.of(A)).device(DeviceId.of(B)).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
        COUNTS.write();
    }

    @Test
    void wildcardsAndTheOtherDevicesTopicsAreRefusedAndNothingOfTheOtherDeviceReachesIt() throws IOException {
        List<String> refused = List.of("#", "+", "+/#", "/#", "$iothub/#", "$iothub/+/#", "$iothub/twin/#",
                "$iothub/twin/+/#", "$iothub/twin/res/+", "$iothub/twin/res/+/#",
                "$iothub/twin/PATCH/properties/desired/+", "$iothub/twin/PATCH/properties/+/#", "devices/#",
                "devices/+/#", "devices/" + B + "/#", "devices/" + B + "/messages/devicebound/#",
                "devices/+/messages/devicebound/#", "devices/" + A + "/+",
                "devices/" + A + "#", "$iothub/twin/PATCH/properties/desired/#/" + B, "$share/g/#", "$SYS/#");
        // MQTT gives ".." no meaning: that filter is a literal level inside A's own namespace, and harmless
        List<String> granted = List.of("$iothub/twin/res/#", "$iothub/twin/PATCH/properties/desired/#",
                "devices/" + A + "/messages/devicebound/#", "devices/" + A + "/../" + B + "/#");
        try (RawMqttClient a = connect(A); RawMqttClient b = connect(B)) {
            b.subscribe("$iothub/twin/res/#", "$iothub/twin/PATCH/properties/desired/#");
            for (String filter : refused) {
                assertThat(subscribe(a, filter)).as("SUBACK for %s", filter).isEqualTo(0x80);
                COUNTS.count("subscribe-foreign", "refused");
            }
            for (String filter : granted) {
                assertThat(subscribe(a, filter)).as("SUBACK for %s", filter).isEqualTo(1);
                COUNTS.count("subscribe-own", "granted");
            }
            for (int i = 1; i <= 3; i++) {
                emulator.hub().twins().update(TwinKey.device(B), JsonObject.of("properties", JsonObject.of("desired",
                        JsonObject.of("secret", JsonString.of(SECRET + i)))), null);
                MqttPublishMessage toB = b.receivePublish(Duration.ofSeconds(10));
                assertThat(payload(toB)).as("the owner is notified").contains(SECRET + i);
            }
            // A's own requests, dressed with B's id, still concern A only
            JsonObject aView = emulator.hub().twins().deviceGet(TwinKey.device(A));
            a.publish("$iothub/twin/GET/?$rid=1&deviceId=" + B, "");
            a.publish("$iothub/twin/PATCH/properties/reported/?$rid=2&deviceId=" + B + "&$iothub-device=" + B,
                    "{\"written\":\"by a\"}");
            List<MqttPublishMessage> toA = new ArrayList<>();
            toA.add(a.receivePublish(Duration.ofSeconds(10)));
            toA.add(a.receivePublish(Duration.ofSeconds(10)));
            toA.addAll(drain(a));
            assertThat(toA).extracting(p -> p.variableHeader().topicName())
                    .containsExactly("$iothub/twin/res/200/?$rid=1", "$iothub/twin/res/204/?$rid=2&$version=2");
            assertThat(payload(toA.get(0))).doesNotContain(SECRET).contains("\"reported\"");
            assertThat(JsonValue.parseObject(payload(toA.get(0)))).isEqualTo(aView);
            COUNTS.count("requests-with-foreign-id", "own-twin-only");
        }
        assertThat(emulator.hub().twins().get(TwinKey.device(B)).reported().properties().isEmpty()).isTrue();
        assertThat(emulator.hub().twins().get(TwinKey.device(A)).reported().properties().getString("written"))
                .hasValue("by a");
    }

    @Test
    void publishingToTheOtherDevicesTopicsClosesTheConnectionAndChangesNothing() throws IOException {
        List<String> topics = List.of("devices/" + B + "/messages/events/", "devices/" + B + "/messages/events/a=b",
                "devices/" + B + "/messages/devicebound/", "$iothub/twin/PATCH/properties/reported/" + B + "?$rid=1",
                "$iothub/twin/PATCH/properties/desired/?$rid=1", "$iothub/twin/PATCH/properties/desired/?$version=9",
                "$iothub/twin/res/204/?$rid=1&$version=9", "$iothub/twin/GET/" + B + "?$rid=1",
                "$iothub/twin/PATCH/properties/reported/?deviceId=" + B, "devices/" + A + "/../" + B
                        + "/messages/events/");
        for (String topic : topics) {
            JsonObject before = HubState.of(emulator.hub());
            try (RawMqttClient a = connect(A)) {
                a.send(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE).messageId(7)
                        .payload(Unpooled.copiedBuffer("{\"x\":1}", StandardCharsets.UTF_8)).build());
                assertThat(a.closedByServerWithin(Duration.ofSeconds(5))).as("publishing to %s", topic).isTrue();
            }
            assertThat(HubState.of(emulator.hub())).as("state after A published to %s", topic).isEqualTo(before);
            COUNTS.count("publish-foreign", "closed");
        }
    }

    @Test
    void aDeviceCannotAnswerAnotherDevicesDirectMethodCall() throws Exception {
        try (RawMqttClient b = connect(B); RawMqttClient a = connect(A)) {
            b.subscribe("$iothub/methods/POST/#");
            a.subscribe("$iothub/methods/POST/#", "$iothub/twin/res/#");
            CompletableFuture<MethodResult> call = emulator.hub().methods().invokeAsync(TwinKey.device(B), "unlock",
                    JsonValue.parse("{\"door\":\"front\"}"), Duration.ofSeconds(30), Duration.ofSeconds(5));
            String topic = b.receivePublish(Duration.ofSeconds(10)).variableHeader().topicName();
            assertThat(topic).startsWith("$iothub/methods/POST/unlock/?$rid=");
            String rid = topic.substring(topic.indexOf("$rid=") + "$rid=".length());

            // A answers B's call with its $rid: the hub takes it for none of A's calls, so B's call still waits
            a.publish("$iothub/methods/res/200/?$rid=" + rid, "{\"unlockedBy\":\"a\"}");
            assertThat(drain(a)).as("what A is sent").isEmpty();
            assertThat(call).as("B's call after A's answer").isNotDone();
            a.publish("$iothub/twin/GET/?$rid=g1", "");
            assertThat(a.receivePublish(Duration.ofSeconds(10)).variableHeader().topicName())
                    .as("A is still served").isEqualTo("$iothub/twin/res/200/?$rid=g1");

            b.publish("$iothub/methods/res/200/?$rid=" + rid, "{\"unlockedBy\":\"b\"}");
            assertThat(call.get(10, TimeUnit.SECONDS))
                    .isEqualTo(new MethodResult(200, JsonValue.parse("{\"unlockedBy\":\"b\"}")));
        }
        COUNTS.count("method-answer-foreign-rid", "ignored");
    }

    private static RawMqttClient connect(String device) throws IOException {
        RawMqttClient client = new RawMqttClient(emulator.clientSslContext(), emulator.mqttPort());
        String key = emulator.hub().registry().getDevice(DeviceId.of(device)).authentication().symmetricKey()
                .primaryKey();
        assertThat(client.connect(device, "localhost/" + device + "/?api-version=2021-04-12", SharedAccessSignature.create(key,
                "localhost/devices/" + device, Instant.now().getEpochSecond() + 3600, null), 60))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return client;
    }

    /** Subscribes to one filter and returns the granted QoS of the SUBACK (0x80 for a refusal). */
    private static int subscribe(RawMqttClient client, String filter) throws IOException {
        client.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, filter)
                .build());
        while (true) {
            MqttMessage message = client.receive(Duration.ofSeconds(10));
            if (message instanceof MqttSubAckMessage ack) {
                return ack.payload().grantedQoSLevels().get(0);
            }
        }
    }

    /** Returns every publish that arrives until the connection is quiet for a moment. */
    private static List<MqttPublishMessage> drain(RawMqttClient client) throws IOException {
        List<MqttPublishMessage> received = new ArrayList<>();
        while (true) {
            try {
                MqttMessage message = client.receive(QUIET);
                if (message instanceof MqttPublishMessage publish) {
                    received.add(publish);
                }
            } catch (SocketTimeoutException e) {
                return received;
            }
        }
    }

    private static String payload(MqttPublishMessage publish) {
        return publish.content().toString(StandardCharsets.UTF_8);
    }
}
