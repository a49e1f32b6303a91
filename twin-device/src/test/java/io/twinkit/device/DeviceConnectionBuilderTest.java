package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeviceConnectionBuilderTest {

    @Test
    void rejectsMissingAndBadSettings() {
        assertThatThrownBy(() -> DeviceConnection.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no connection string");
        assertThatThrownBy(() -> DeviceConnection.builder().connectionString("DeviceId=d1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no HostName");
        assertThatThrownBy(() -> DeviceConnection.builder().operationTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operationTimeout");
        assertThatThrownBy(() -> DeviceConnection.builder().endpoint(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> DeviceConnection.builder().reportCoalescing(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reportCoalescing");
        assertThatThrownBy(() -> DeviceConnection.builder().methodTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("methodTimeout");
        assertThatThrownBy(() -> DeviceConnection.builder().methodConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("methodConcurrency");
        assertThatThrownBy(() -> DeviceConnection.builder().telemetryOutbox(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("telemetryOutbox");
        assertThatThrownBy(() -> DeviceConnection.builder().reconnectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnectTimeout");
    }

    @Test
    void reportAndSendBeforeOpenAreRefusedAndTheStatusSaysNotOpened() {
        DeviceConnection client = DeviceConnection.builder()
                .connectionString("HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKey=a2V5").build();
        try (client) {
            assertThatThrownBy(() -> client.report(MergePatch.empty()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not open");
            assertThatThrownBy(() -> client.send(TelemetryMessage.bytes(new byte[] {1}).build()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not open");
            assertThat(client.connectionStatus().state()).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(client.connectionStatus().reason()).isEqualTo(ConnectionStatusReason.NOT_OPENED);
            assertThatThrownBy(() -> client.onMethod("", request -> MethodResponse.ok()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a name");
        }
        assertThat(client.connectionStatus().reason()).isEqualTo(ConnectionStatusReason.CLIENT_CLOSED);
        assertThatThrownBy(() -> client.send(new byte[] {1}, java.util.Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theReadyLineGivesAnnouncedDevicesAndExplainsWhatItCannotDo() {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0)
                .mqttWsPort(0).device(DeviceId.of("announced")).build())) {
            String line = "TWINKIT-EMULATOR-READY " + emulator.readyInfo();
            assertThatThrownBy(() -> DeviceConnection.builder().emulatorReadyLine(line, "stranger"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stranger")
                    .hasMessageContaining("announced");
            // MQTT over TLS needs the emulator on 8883; this one is on another port
            assertThatThrownBy(() -> DeviceConnection.builder().emulatorReadyLine(line, "announced")
                    .transport(Transport.MQTT).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(emulator.mqttPort() + "")
                    .hasMessageContaining("MQTT_WEBSOCKET");
            try (DeviceConnection client = DeviceConnection.builder().emulatorReadyLine(line, "announced")
                    .transport(Transport.MQTT_WEBSOCKET).operationTimeout(Duration.ofSeconds(20)).build()) {
                client.open();
                client.report(MergePatch.builder().set("via", "ready line").build());
                JsonObject reported = emulator.hub().twins().get(io.twinkit.core.TwinKey.device("announced"))
                        .reported().properties().toJson();
                assertThat(reported.valueOrNull("via")).hasToString("\"ready line\"");
            }
        }
    }

    @Test
    void theReadyLineOfAnEmulatorOnItsOwnLoopbackAddressConnectsOverMqttAndWebSocket() {
        assumeThat(TwinkitEmulator.ownLoopbackAddressesSupported()).as("127.0.0.2 and up are local addresses")
                .isTrue();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder().ownLoopbackAddress(true)
                .httpsPort(0).mqttPort(EmulatorConfig.DEFAULT_MQTT_PORT).mqttWsPort(0)
                .device(DeviceId.of("own-address")).build())) {
            String line = "TWINKIT-EMULATOR-READY " + emulator.readyInfo();
            assertThat(emulator.deviceHost()).isNotEqualTo(TwinkitEmulator.DEVICE_HOST);
            for (Transport transport : Transport.values()) {
                // over MQTT the SDK connects to 8883 of the connection string's host, the emulator's own address;
                // over WebSocket the builder connects to the host the ready line announces, not to localhost
                try (DeviceConnection client = DeviceConnection.builder().emulatorReadyLine(line, "own-address")
                        .transport(transport).operationTimeout(Duration.ofSeconds(20)).build()) {
                    client.open();
                    client.report(MergePatch.builder().set("via", transport.name()).build());
                    assertThat(emulator.hub().twins().get(io.twinkit.core.TwinKey.device("own-address")).reported()
                            .properties().getString("via")).hasValue(transport.name());
                }
            }
        }
    }

    @Test
    void anOpenThatCannotConnectFailsAtOnceWithTheReason() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (DeviceConnection client = DeviceConnection.builder()
                .connectionString("HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKey=a2V5")
                .endpoint("localhost:" + closedPort).transport(Transport.MQTT_WEBSOCKET)
                .operationTimeout(Duration.ofSeconds(30)).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(client::open).isInstanceOf(DeviceTwinException.class)
                    .hasMessageContaining("cannot connect");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the operation timeout")
                    .isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void aReadyLineWithoutItsCaFileIsRefused() {
        assertThatThrownBy(() -> DeviceConnection.builder().emulatorReadyLine("{\"serviceConnectionString\":"
                + "\"HostName=localhost:1;SharedAccessKeyName=iothubowner;SharedAccessKey=a2V5\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("caCertificateFile");
        assertThatThrownBy(() -> DeviceConnection.builder().emulatorReadyLine("hello"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ready line");
    }
}
