package io.twinkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinKey;
import io.twinkit.device.DeviceConnection;
import io.twinkit.device.Transport;
import io.twinkit.emulator.server.EmulatorCommand;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinServiceClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reading where to connect from the environment. */
@Timeout(30)
class HubSettingsTest {

    private static final String SERVICE = "HostName=myhub.azure-devices.net;SharedAccessKeyName=iothubowner;"
            + "SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGVzdHM=";
    private static final String DEVICE = "HostName=myhub.azure-devices.net;DeviceId=thermostat-3;"
            + "SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    @TempDir
    Path directory;

    @Test
    void noVariablesOrBlankOnesMeanNoSettings() {
        assertThat(HubSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(HubSettings.fromEnvironment(Map.of(HubSettings.SERVICE_CONNECTION_STRING, " ",
                HubSettings.EMULATOR_READY, ""))).isEmpty();
    }

    @Test
    void connectionStringsNameAHubWhoseDeviceConnectsOverMqttByDefault() {
        HubSettings settings = HubSettings.fromEnvironment(Map.of(HubSettings.SERVICE_CONNECTION_STRING, SERVICE,
                HubSettings.DEVICE_CONNECTION_STRING, DEVICE)).orElseThrow();

        assertThat(settings.description()).isEqualTo("IoT Hub myhub.azure-devices.net");
        assertThat(settings.isEmulator()).isFalse();
        assertThat(settings.hasBackEnd()).isTrue();
        assertThat(settings.hasDevice()).isTrue();
        assertThat(settings.transport()).isEqualTo(Transport.MQTT);
        assertThat(settings.deviceId(null)).isEqualTo(DeviceId.of("thermostat-3"));
        assertThat(settings.deviceId("thermostat-3")).isEqualTo(DeviceId.of("thermostat-3"));
        assertThatThrownBy(() -> settings.deviceId("sensor-9")).isInstanceOf(SettingsException.class)
                .hasMessage("device sensor-9 was asked for, but IOTHUB_DEVICE_CONNECTION_STRING connects "
                        + "thermostat-3");
        try (TwinServiceClient client = settings.backEnd()) {
            assertThat(client.hostName()).isEqualTo("myhub.azure-devices.net");
        }
    }

    @Test
    void theTransportVariablePicksMqttOverWebSocket() {
        assertThat(HubSettings.fromEnvironment(Map.of(HubSettings.DEVICE_CONNECTION_STRING, DEVICE,
                HubSettings.DEVICE_TRANSPORT, "mqtt-websocket")).orElseThrow().transport())
                .isEqualTo(Transport.MQTT_WEBSOCKET);
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of(HubSettings.DEVICE_CONNECTION_STRING, DEVICE,
                HubSettings.DEVICE_TRANSPORT, "amqp")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("IOTHUB_DEVICE_TRANSPORT is 'amqp'; use MQTT or MQTT_WEBSOCKET");
    }

    @Test
    void aServiceConnectionStringAloneHasNoDeviceAndTheDefaultDeviceId() {
        HubSettings settings = HubSettings.fromEnvironment(Map.of(HubSettings.SERVICE_CONNECTION_STRING, SERVICE))
                .orElseThrow();

        assertThat(settings.hasDevice()).isFalse();
        assertThat(settings.deviceId(null)).isEqualTo(DeviceId.of("myDeviceId"));
        assertThat(settings.deviceId("sensor-9")).isEqualTo(DeviceId.of("sensor-9"));
        assertThatThrownBy(() -> settings.device(DeviceId.of("myDeviceId")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("the device needs IOTHUB_DEVICE_CONNECTION_STRING (or TWINKIT_EMULATOR_READY for an "
                        + "emulator)");
        assertThatThrownBy(() -> settings.deviceId("not a device id")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("bad device id: ");
    }

    @Test
    void aHubAndAnEmulatorTogetherOrAMalformedConnectionStringAreRefused() {
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of(HubSettings.SERVICE_CONNECTION_STRING, SERVICE,
                HubSettings.EMULATOR_READY, "TWINKIT-EMULATOR-READY {}")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("set one or the other");
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of(HubSettings.SERVICE_CONNECTION_STRING,
                "HostName=myhub.azure-devices.net")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("malformed connection string: ");
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of(HubSettings.EMULATOR_READY,
                "TWINKIT-EMULATOR-READY nonsense")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("not an emulator ready line");
    }

    @Test
    void aReadyLineNamesAnEmulatorWhoseDeviceConnectsOverWebSocket() {
        try (TwinkitEmulator emulator = EmbeddedEmulator.start("myDeviceId")) {
            HubSettings settings = HubSettings.fromEnvironment(Map.of(HubSettings.EMULATOR_READY,
                    EmulatorCommand.READY_PREFIX + emulator.readyInfo())).orElseThrow();

            assertThat(settings.isEmulator()).isTrue();
            assertThat(settings.transport()).isEqualTo(Transport.MQTT_WEBSOCKET);
            assertThat(settings.description()).isEqualTo("the emulator at " + emulator.serviceHost() + ":"
                    + emulator.httpsPort()
                    + " (MQTT over WebSocket on port " + emulator.mqttWsPort() + ")");
            try (TwinServiceClient client = settings.backEnd()) {
                assertThat(client.getTwin(TwinKey.device("myDeviceId")).deviceId())
                        .isEqualTo(DeviceId.of("myDeviceId"));
            }
        }
    }

    @Test
    void anEmbeddedEmulatorOnItsOwnLoopbackAddressIsReachedOverMqttThere() {
        assumeThat(TwinkitEmulator.ownLoopbackAddressesSupported()).as("127.0.0.2 and up are local addresses")
                .isTrue();
        try (TwinkitEmulator emulator = EmbeddedEmulator.start("myDeviceId")) {
            HubSettings settings = HubSettings.ofEmulator(emulator);

            String host = emulator.deviceHost();
            assertThat(host).isNotEqualTo("127.0.0.1").isEqualTo(emulator.bindAddress().getHostAddress());
            assertThat(emulator.mqttPort()).isEqualTo(8883);
            assertThat(settings.transport()).isEqualTo(Transport.MQTT);
            assertThat(settings.description()).isEqualTo("an embedded emulator at " + host + ":" + emulator.httpsPort()
                    + " (MQTT on " + host + ":8883)");
            try (DeviceConnection device = settings.device(DeviceId.of("myDeviceId"))) {
                device.open();
                device.report(MergePatch.builder().set("via", "mqtt").build());
            }
            try (TwinServiceClient client = settings.backEnd()) {
                assertThat(client.getTwin(TwinKey.device("myDeviceId")).reported().properties().getString("via"))
                        .hasValue("mqtt");
            }
        }
    }

    @Test
    void aReadyFileIsWaitedForUntilTheLauncherHasWrittenTheLine() throws Exception {
        Path file = directory.resolve("ready.txt");
        Files.writeString(file, "", StandardCharsets.UTF_8);
        String line = "TWINKIT-EMULATOR-READY {\"httpsPort\":8443,\"mqttWsPort\":9443,\"serviceConnectionString\":"
                + "\"x\"}";
        CompletableFuture<Optional<HubSettings>> reading = CompletableFuture.supplyAsync(() ->
                HubSettings.fromEnvironment(new HashMap<>(Map.of(HubSettings.EMULATOR_READY, file.toString())),
                        Duration.ofSeconds(10)));
        Thread.sleep(300);
        assertThat(reading).isNotDone();

        Files.writeString(file, line + "\n", StandardCharsets.UTF_8);

        assertThat(reading.get(10, TimeUnit.SECONDS).orElseThrow().description())
                .isEqualTo("the emulator at localhost:8443 (MQTT over WebSocket on port 9443)");
    }

    @Test
    void aReadyFileWithoutTheLineFailsAfterTheWait() {
        Path file = directory.resolve("empty.txt");

        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of(HubSettings.EMULATOR_READY, file.toString()),
                Duration.ofMillis(200)))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("no TWINKIT-EMULATOR-READY line in " + file.toAbsolutePath() + " after 0 s");
    }
}
