package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import io.twinkit.core.DeviceId;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.TelemetryService;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the example of the README's "Telemetry" section, statement for statement. */
@Timeout(60)
class ReadmeTelemetryExampleTest {

    @Test
    void theReadmeExampleReadsWhatTheDeviceSent() throws Exception {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder()
                .httpsPort(0).mqttPort(0).mqttWsPort(0).device(DeviceId.of("dev1")).build())) {
            TelemetryService telemetry = emulator.hub().telemetry();
            long mark = telemetry.lastSequenceNumber();
            DeviceClient device = new DeviceClient(emulator.deviceConnectionString(DeviceId.of("dev1"))
                    + ";GatewayHostName=localhost:" + emulator.mqttWsPort(), IotHubClientProtocol.MQTT_WS,
                    ClientOptions.builder().sslContext(emulator.clientSslContext()).build());
            device.open(false);
            Message reading = new Message("{\"temperature\":21.5}");
            reading.setContentType("application/json");
            reading.setProperty("alert", "true");
            device.sendEvent(reading);
            device.close();

            TelemetryMessage message = telemetry.await(mark, m -> m.deviceId().equals(DeviceId.of("dev1")),
                    Duration.ofSeconds(5)).orElseThrow();
            assertThat(message.bodyAsString()).isEqualTo("{\"temperature\":21.5}");
            assertThat(message.contentType()).hasValue("application/json");
            assertThat(message.applicationProperties()).isEqualTo(Map.of("alert", "true"));
            assertThat(message.systemProperties().get(TelemetryMessage.CONNECTION_DEVICE_ID)).isEqualTo("dev1");
        }
    }
}
