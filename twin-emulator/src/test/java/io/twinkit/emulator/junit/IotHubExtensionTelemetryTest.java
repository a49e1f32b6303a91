package io.twinkit.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.TelemetryService;
import io.twinkit.emulator.internal.mqtt.MqttDeviceServer;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @TwinkitHub} injects the hub's {@link TelemetryService}: here the class serves its hub to the official device
 * SDK over MQTT over WebSocket (a free port), and the injected service sees what the device sent.
 */
@Timeout(60)
@TwinkitHub(hubName = "telemetry-extension", devices = "sensor-1")
class IotHubExtensionTelemetryTest {

    private static final EmulatorCertificates CERTIFICATES = EmulatorCertificates.loadOrCreate(null);
    private static MqttDeviceServer server;

    @BeforeAll
    static void serve(IotHub hub) {
        server = MqttDeviceServer.start(hub, CERTIFICATES, null, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theInjectedTelemetryIsTheHubsAndHoldsWhatTheDeviceSent(IotHub hub, TelemetryService telemetry)
            throws Exception {
        assertThat(telemetry).isSameAs(hub.telemetry());
        TwinKey sensor = TwinKey.device("sensor-1");
        String key = hub.registry().get(sensor).authentication().symmetricKey().primaryKey();
        DeviceClient client = new DeviceClient("localhost:" + server.webSocketPort(), "sensor-1",
                () -> SharedAccessSignature.create(key, "localhost/devices/sensor-1",
                        Instant.now().getEpochSecond() + 3600, null).toCharArray(), IotHubClientProtocol.MQTT_WS,
                ClientOptions.builder().sslContext(CERTIFICATES.clientSslContext()).build());
        long mark = telemetry.lastSequenceNumber();
        try {
            client.open(false);
            Message message = new Message("{\"temperature\":19.5}");
            message.setProperty("alert", "false");
            client.sendEvent(message);
        } finally {
            client.close();
        }

        TelemetryMessage received = telemetry.await(mark, m -> m.source().equals(sensor), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no telemetry from sensor-1"));
        assertThat(received.bodyAsString()).isEqualTo("{\"temperature\":19.5}");
        assertThat(received.applicationProperties()).containsEntry("alert", "false");
        assertThat(telemetry.messages()).contains(received);
    }
}
