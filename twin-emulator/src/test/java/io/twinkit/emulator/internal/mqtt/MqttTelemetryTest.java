package io.twinkit.emulator.internal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.TelemetryMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Telemetry over the real MQTT codec without sockets: what the journal holds for a PUBLISH to
 * {@code devices/{id}[/modules/{mid}]/messages/events/{property bag}}, when the PUBACK comes, the service's size rule
 * and what closes the connection.
 */
class MqttTelemetryTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123456Z");

    private final IotHub hub = IotHub.create(HubOptions.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
    private final MqttFrontEnd frontEnd = new MqttFrontEnd(hub, MqttTwinFlowTest::passwordIsTokenFor,
            MqttLimits.SERVICE);
    private final List<EmbeddedConnection> connections = new ArrayList<>();
    private final String d1Generation;

    MqttTelemetryTest() {
        d1Generation = hub.registry().createDevice(DeviceId.of("d1")).generationId().orElseThrow();
        hub.registry().createDevice(DeviceId.of("d2"));
    }

    @AfterEach
    void close() {
        connections.forEach(EmbeddedConnection::close);
        frontEnd.close();
        hub.close();
    }

    @Test
    void aQos1MessageIsJournaledWithItsDecodedPropertiesAndThenAcknowledged() {
        EmbeddedConnection device = connected("d1");
        device.publish("devices/d1/messages/events/$.mid=m-1&$.cid=c-1&$.ct=application%2Fjson&$.ce=utf-8"
                + "&alert=true&%24.uid=operator&city=S%C3%A3o%20Paulo&plus=a%2Bb&emoji=%F0%9F%8C%A1",
                MqttQoS.AT_LEAST_ONCE, "{\"temperature\":21.5}");

        MqttMessage ack = device.single();
        assertThat(ack).isInstanceOf(MqttPubAckMessage.class);
        assertThat(((MqttPubAckMessage) ack).variableHeader().messageId()).isEqualTo(1);
        TelemetryMessage message = single();
        assertThat(message.sequenceNumber()).isEqualTo(1);
        assertThat(message.source()).isEqualTo(TwinKey.device("d1"));
        assertThat(message.moduleId()).isEmpty();
        assertThat(message.enqueuedTime()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123Z"));
        assertThat(message.systemProperties()).containsExactly(
                entry(TelemetryMessage.MESSAGE_ID, "m-1"),
                entry(TelemetryMessage.CORRELATION_ID, "c-1"),
                entry(TelemetryMessage.CONTENT_TYPE, "application/json"),
                entry(TelemetryMessage.CONTENT_ENCODING, "utf-8"),
                entry(TelemetryMessage.USER_ID, "operator"),
                entry(TelemetryMessage.CONNECTION_DEVICE_ID, "d1"),
                entry(TelemetryMessage.CONNECTION_AUTH_METHOD,
                        "{\"scope\":\"device\",\"type\":\"sas\",\"issuer\":\"iothub\",\"acceptingIpFilterRule\":null}"),
                entry(TelemetryMessage.CONNECTION_AUTH_GENERATION_ID, d1Generation),
                entry(TelemetryMessage.ENQUEUED_TIME, "2026-03-01T10:15:30.123Z"),
                entry(TelemetryMessage.MESSAGE_SOURCE, "Telemetry"));
        assertThat(message.applicationProperties()).containsExactly(entry("alert", "true"),
                entry("city", "São Paulo"), entry("plus", "a+b"), entry("emoji", "\uD83C\uDF21"));
        assertThat(message.bodyAsString()).isEqualTo("{\"temperature\":21.5}");
        assertThat(message.messageId()).hasValue("m-1");
        assertThat(message.generationId()).hasValue(d1Generation);
    }

    @Test
    void aQos0MessageIsJournaledWithoutAnAcknowledgement() {
        EmbeddedConnection device = connected("d1");
        device.publish("devices/d1/messages/events", MqttQoS.AT_MOST_ONCE, "fire and forget");

        assertThat(device.received()).isEmpty();
        assertThat(device.isOpen()).isTrue();
        assertThat(single().bodyAsString()).isEqualTo("fire and forget");
        assertThat(single().applicationProperties()).isEmpty();
    }

    @Test
    void aModuleMessageCarriesTheModuleIdsAndItsTrailingSlashIsNoPartOfTheLastValue() {
        String generation = hub.registry().createModule(DeviceId.of("d1"), ModuleId.of("m1")).generationId()
                .orElseThrow();
        EmbeddedConnection module = connected("d1/m1");
        module.publish("devices/d1/modules/m1/messages/events/$.mid=x&k=v/", MqttQoS.AT_LEAST_ONCE, "m");

        assertThat(module.single()).isInstanceOf(MqttPubAckMessage.class);
        TelemetryMessage message = single();
        assertThat(message.source()).isEqualTo(TwinKey.module("d1", "m1"));
        assertThat(message.moduleId()).contains(ModuleId.of("m1"));
        assertThat(message.systemProperties())
                .containsEntry(TelemetryMessage.CONNECTION_DEVICE_ID, "d1")
                .containsEntry(TelemetryMessage.CONNECTION_MODULE_ID, "m1")
                .containsEntry(TelemetryMessage.CONNECTION_AUTH_GENERATION_ID, generation)
                .containsEntry(TelemetryMessage.CONNECTION_AUTH_METHOD,
                        "{\"scope\":\"module\",\"type\":\"sas\",\"issuer\":\"iothub\",\"acceptingIpFilterRule\":null}");
        assertThat(message.applicationProperties()).containsExactly(entry("k", "v"));
    }

    @Test
    void theConnectionsModelIdIsTheDataSchemaAndTheOtherSystemKeysMapToTheServiceNames() {
        EmbeddedConnection device = connection();
        assertThat(device.connect("d1", "127.0.0.1/d1/?api-version=2020-09-30&model-id="
                        + "dtmi%3Acom%3Aexample%3AThermostat%3B1", "token:d1", false).variableHeader()
                .connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        device.publish("devices/d1/messages/events/$.sub=thermostat1&$.ctime=2026-03-01T10%3A15%3A00.000Z"
                + "&$.to=%2Fdevices%2Fd1%2Fmessages%2Fevents&$.exp=2026-03-02T00%3A00%3A00.000Z&$.ifid="
                + "urn%3Aazureiot%3ASecurity%3ASecurityAgent%3A1&$.on=out1&$.unknown=kept",
                MqttQoS.AT_LEAST_ONCE, "");

        TelemetryMessage message = single();
        assertThat(message.systemProperties())
                .containsEntry(TelemetryMessage.COMPONENT, "thermostat1")
                .containsEntry(TelemetryMessage.TO, "/devices/d1/messages/events")
                .containsEntry(TelemetryMessage.ABSOLUTE_EXPIRY_TIME, "2026-03-02T00:00:00.000Z")
                .containsEntry(TelemetryMessage.INTERFACE_ID, "urn:azureiot:Security:SecurityAgent:1")
                .containsEntry(TelemetryMessage.OUTPUT_NAME, "out1")
                .containsEntry(TelemetryMessage.DATA_SCHEMA, "dtmi:com:example:Thermostat;1");
        assertThat(message.applicationProperties()).containsExactly(
                entry(TelemetryMessage.CREATION_TIME_UTC, "2026-03-01T10:15:00.000Z"), entry("$.unknown", "kept"));
        assertThat(message.bodySize()).isZero();
    }

    @Test
    void aDeviceCannotClaimAnotherConnectionsIds() {
        EmbeddedConnection device = connected("d1");
        device.publish("devices/d1/messages/events/$.cdid=d2&$.cmid=m9&iothub-connection-device-id=d2",
                MqttQoS.AT_LEAST_ONCE, "spoof");

        TelemetryMessage message = single();
        assertThat(message.systemProperties()).containsEntry(TelemetryMessage.CONNECTION_DEVICE_ID, "d1")
                .doesNotContainKey(TelemetryMessage.CONNECTION_MODULE_ID);
        assertThat(message.applicationProperties()).containsExactly(entry("iothub-connection-device-id", "d2"));
    }

    @Test
    void escapesThatAreNoUtf8CharacterAndOddPairsStayAsSent() {
        EmbeddedConnection device = connected("d1");
        device.publish("devices/d1/messages/events/?a=%ZZ&b=%FF&c=%e2%82&d=%&e=%C3%A9%FF%41&&=nameless&novalue"
                + "&x=1=2&k=first&k=second&%E2%82%AC=euro", MqttQoS.AT_LEAST_ONCE, "");

        assertThat(device.single()).isInstanceOf(MqttPubAckMessage.class);
        assertThat(single().applicationProperties()).containsExactly(entry("a", "%ZZ"), entry("b", "%FF"),
                entry("c", "%e2%82"), entry("d", "%"), entry("e", "é%FFA"), entry("novalue", ""), entry("x", "1=2"),
                entry("k", "second"), entry("€", "euro"));
    }

    @Test
    void theServicesLargestMessageIsTakenAndOneByteMoreClosesTheConnection() {
        EmbeddedConnection device = connected("d1");
        // 256 KiB of body and properties: the properties count their names and values, not '=' nor the topic path
        device.publish("devices/d1/messages/events/k=v", MqttQoS.AT_LEAST_ONCE, new byte[256 * 1024 - 2]);
        assertThat(device.single()).isInstanceOf(MqttPubAckMessage.class);
        device.publish("devices/d1/messages/events/", MqttQoS.AT_LEAST_ONCE, new byte[256 * 1024]);
        assertThat(device.single()).isInstanceOf(MqttPubAckMessage.class);

        device.publish("devices/d1/messages/events/k=vv", MqttQoS.AT_LEAST_ONCE, new byte[256 * 1024 - 2]);
        assertThat(device.received()).isEmpty();
        assertThat(device.isOpen()).isFalse();
        assertThat(hub.telemetry().messages()).extracting(TelemetryMessage::bodySize)
                .containsExactly(256 * 1024 - 2, 256 * 1024);
    }

    @Test
    void aTwinRequestOverTheMessageSizeStillClosesTheConnection() {
        EmbeddedConnection device = connected("d1");
        byte[] patch = ("{\"big\":\"" + "x".repeat(256 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        device.publish("$iothub/twin/PATCH/properties/reported/?$rid=1", MqttQoS.AT_LEAST_ONCE, patch);

        assertThat(device.received()).isEmpty();
        assertThat(device.isOpen()).isFalse();
        assertThat(hub.twins().deviceGet(TwinKey.device("d1")).valueOrNull("reported"))
                .isEqualTo(MqttTwinFlowTest.json("{\"$version\":1}"));
    }

    @Test
    void telemetryToAnotherDevicesTopicClosesTheConnectionAndJournalsNothing() {
        EmbeddedConnection device = connected("d1");
        device.publish("devices/d2/messages/events/$.mid=forged", MqttQoS.AT_LEAST_ONCE, "x");

        assertThat(device.received()).isEmpty();
        assertThat(device.isOpen()).isFalse();
        assertThat(hub.telemetry().messages()).isEmpty();
    }

    @Test
    void aQos2MessageClosesTheConnectionAsOnTheServiceAndIsNotJournaled() {
        EmbeddedConnection device = connected("d1");
        device.publish("devices/d1/messages/events/$.mid=q2", MqttQoS.EXACTLY_ONCE, "x");

        assertThat(device.received()).isEmpty();
        assertThat(device.isOpen()).isFalse();
        assertThat(hub.telemetry().messages()).isEmpty();
    }

    @Test
    void anUnencodedWildcardInThePropertyBagBreaksMqttAndClosesTheConnection() {
        for (String bag : List.of("plus=a+b", "hash=#")) {
            EmbeddedConnection device = connected("d1");
            device.publish("devices/d1/messages/events/" + bag, MqttQoS.AT_LEAST_ONCE, "x");

            assertThat(device.received()).as(bag).isEmpty();
            assertThat(device.isOpen()).as(bag).isFalse();
        }
        assertThat(hub.telemetry().messages()).isEmpty();
    }

    @Test
    void telemetryOfADeletedDeviceClosesItsConnectionWithoutAnAcknowledgement() {
        EmbeddedConnection device = connected("d2");
        hub.registry().delete(TwinKey.device("d2"), null);
        device.publish("devices/d2/messages/events/", MqttQoS.AT_LEAST_ONCE, "late");

        assertThat(device.received()).noneMatch(m -> m instanceof MqttPubAckMessage);
        assertThat(device.isOpen()).isFalse();
        assertThat(hub.telemetry().messages()).isEmpty();
    }

    @Test
    void telemetryAfterTheHubClosedClosesTheConnectionWithoutAnAcknowledgement() {
        EmbeddedConnection device = connected("d1");
        hub.close();
        device.publish("devices/d1/messages/events/", MqttQoS.AT_LEAST_ONCE, "too late");

        assertThat(device.received()).noneMatch(m -> m instanceof MqttPubAckMessage);
        assertThat(device.isOpen()).isFalse();
    }

    @Test
    void messagesOfSeveralDevicesAreNumberedInTheOrderTheyArrive() {
        EmbeddedConnection one = connected("d1");
        EmbeddedConnection two = connected("d2");
        one.publish("devices/d1/messages/events/", MqttQoS.AT_LEAST_ONCE, "1");
        two.publish("devices/d2/messages/events/", MqttQoS.AT_MOST_ONCE, "2");
        two.publish("devices/d2/messages/events/", MqttQoS.AT_LEAST_ONCE, "3");
        one.publish("devices/d1/messages/events/", MqttQoS.AT_MOST_ONCE, "4");

        assertThat(hub.telemetry().messages()).extracting(m -> m.sequenceNumber() + ":" + m.deviceId() + ":"
                + m.bodyAsString()).containsExactly("1:d1:1", "2:d2:2", "3:d2:3", "4:d1:4");
        assertThat(hub.telemetry().lastSequenceNumber()).isEqualTo(4);
        assertThat(one.received()).hasSize(1);
        assertThat(two.received()).hasSize(1);
    }

    private TelemetryMessage single() {
        List<TelemetryMessage> messages = hub.telemetry().messages();
        assertThat(messages).hasSize(1);
        return messages.get(0);
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
}
