package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.internal.mqtt.RawMqttClient;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A configuration created over HTTPS reaches a device connected over MQTT/TLS as a desired-property push, on the
 * emulator started from its command line on free loopback ports, after the apply delay the command line sets.
 */
@Timeout(60)
class ConfigurationDeviceTest {

    @Test
    void aConfigurationsSettingsArePushedToTheConnectedDeviceAfterTheDelay() throws Exception {
        EmulatorConfig config = CommandLine.parse(List.of("--https-port", "0", "--mqtt-port", "0", "--mqtt-ws-port",
                "off", "--hub-name", "config-hub", "--device", "chiller-1", "--configuration-apply-delay", "400"))
                .config();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            assertThat(emulator.hub().options().configurationApplyDelay()).isEqualTo(Duration.ofMillis(400));
            TwinKey chiller = TwinKey.device("chiller-1");
            emulator.hub().twins().update(chiller, JsonValue.parseObject("{\"tags\":{\"building\":\"43\"}}"), null);
            String deviceKey = emulator.hub().registry().getDevice(DeviceId.of("chiller-1")).authentication()
                    .symmetricKey().primaryKey();
            ServiceProbe.tlsHandshake(emulator.clientSslContext(), emulator.mqttPort());
            try (RawMqttClient device = connect(emulator)) {
                String token = SharedAccessSignature.create(deviceKey, "127.0.0.1/devices/chiller-1",
                        Instant.now().getEpochSecond() + 3600, null);
                assertThat(device.connect("chiller-1", "127.0.0.1/chiller-1/?api-version=2021-04-12", token, 60))
                        .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
                device.subscribe("$iothub/twin/PATCH/properties/desired/#");

                String owner = ServiceProbe.ownerToken(ServiceProbe.sharedAccessKey(
                        emulator.serviceConnectionString()));
                HttpRequest put = HttpRequest.newBuilder(URI.create("https://localhost:" + emulator.httpsPort()
                                + "/configurations/chillers?api-version=2021-04-12"))
                        .header("Authorization", owner)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"id\":\"chillers\",\"content\":{\"deviceContent\":"
                                + "{\"properties.desired.chiller-water\":{\"temperature\":66}}},"
                                + "\"targetCondition\":\"tags.building = '43'\",\"priority\":1}"))
                        .build();
                long start = System.nanoTime();
                HttpResponse<String> created = HttpClient.newBuilder().sslContext(emulator.clientSslContext())
                        .version(HttpClient.Version.HTTP_1_1).build()
                        .send(put, HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

                MqttPublishMessage push = device.receivePublish(Duration.ofSeconds(15));
                long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertThat(push.variableHeader().topicName())
                        .isEqualTo("$iothub/twin/PATCH/properties/desired/?$version=2");
                assertThat(JsonValue.parse(push.content().toString(StandardCharsets.UTF_8))).isEqualTo(
                        JsonValue.parse("{\"chiller-water\":{\"temperature\":66},\"$version\":2}"));
                assertThat(elapsed).as("not before the apply delay").isGreaterThanOrEqualTo(400);
            }
        }
    }

    /**
     * Opens a raw MQTT/TLS connection; the raw client allows its handshake 200 ms, which a loaded machine can miss,
     * so a timed-out handshake is tried again (the first handshake above warmed the JVM's TLS up).
     */
    private static RawMqttClient connect(TwinkitEmulator emulator) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return new RawMqttClient(emulator.clientSslContext(), emulator.mqttPort());
            } catch (SocketTimeoutException slow) {
                if (attempt == 5) {
                    throw slow;
                }
            }
        }
    }
}
