package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.internal.mqtt.RawMqttClient;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finding of the JSON codec fuzzer, end to end: a device reports a string holding an unpaired UTF-16 surrogate
 * (legal as a JSON escape); the hub acknowledges it, and the twin must hold exactly that string when read back over
 * MQTT and after a restart from the data directory. Jackson's UTF-8 writer used to merge the surrogate with the next
 * char, so the stored and served value differed from the acknowledged one.
 */
class UnpairedSurrogateTest {

    private static final String BACKSLASH = "\\";

    @TempDir
    Path temp;

    @Test
    void anAcknowledgedStringWithAnUnpairedSurrogateIsServedAndStoredUnchanged() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder().dataDirectory(temp.resolve("data")).httpsPort(0).mqttPort(0)
                .mqttWsPort(0).device(DeviceId.of("sur-1")).build();
        JsonObject expected = JsonObject.of("k", JsonString.of("x\ud800a"), "k\udc00", JsonString.of("\ud800"));
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config);
             RawMqttClient device = new RawMqttClient(emulator.clientSslContext(),
                     emulator.mqttPort())) {
            String key = emulator.hub().registry().getDevice(DeviceId.of("sur-1")).authentication().symmetricKey()
                    .primaryKey();
            assertThat(device.connect("sur-1", "localhost/sur-1/?api-version=2021-04-12", SharedAccessSignature.create(key,
                    "localhost/devices/sur-1", Instant.now().getEpochSecond() + 600, null), 60))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            device.subscribe("$iothub/twin/res/#");
            device.publish("$iothub/twin/PATCH/properties/reported/?$rid=1", "{\"k\":\"x" + BACKSLASH + "ud800a\","
                    + "\"k" + BACKSLASH + "udc00\":\"" + BACKSLASH + "ud800\"}");
            assertThat(device.receivePublish(Duration.ofSeconds(10)).variableHeader().topicName())
                    .isEqualTo("$iothub/twin/res/204/?$rid=1&$version=2");
            device.publish("$iothub/twin/GET/?$rid=2", "");
            JsonObject twin = JsonValue.parseObject(
                    ByteBufUtil.getBytes(device.receivePublish(Duration.ofSeconds(10)).content()));
            assertThat(twin.valueOrNull("reported")).isEqualTo(expected.with("$version", JsonNumber.of(2)));
        }
        try (TwinkitEmulator restarted = TwinkitEmulator.start(config)) {
            assertThat(restarted.hub().twins().get(TwinKey.device("sur-1")).reported().properties().toJson())
                    .isEqualTo(expected);
        }
    }
}
