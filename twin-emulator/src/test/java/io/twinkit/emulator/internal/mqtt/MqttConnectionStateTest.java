package io.twinkit.emulator.internal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No device stays "Connected" without a connection: not when the MQTT front end closes under its connections (the hub
 * staying open), and not when a hub whose store says a device was connected is opened again (the emulator stopped, or
 * was killed, while it was).
 */
class MqttConnectionStateTest {

    @TempDir
    Path dataDirectory;

    @Test
    void closingTheFrontEndRecordsItsConnectedDevicesAsDisconnected() {
        try (IotHub hub = IotHub.create()) {
            TwinKey d1 = TwinKey.device("d1");
            hub.registry().createDevice(d1.deviceId());
            MqttFrontEnd frontEnd = new MqttFrontEnd(hub, MqttTwinFlowTest::passwordIsTokenFor, MqttLimits.SERVICE);
            try (EmbeddedConnection device = new EmbeddedConnection(frontEnd)) {
                assertThat(device.connectAs("d1", "token:d1")).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
                assertThat(hub.registry().get(d1).connectionState()).isEqualTo(ConnectionState.CONNECTED);
                frontEnd.close();
                assertThat(hub.registry().get(d1).connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
                assertThat(hub.registry().deviceCounts().connected()).isZero();
            }
        }
    }

    @Test
    void aHubOpenedAgainHasNoDeviceConnected() {
        HubOptions options = HubOptions.builder().dataDirectory(dataDirectory).build();
        TwinKey d1 = TwinKey.device("d1");
        try (IotHub hub = IotHub.create(options)) {
            hub.registry().createDevice(d1.deviceId());
            hub.registry().recordConnection(d1, ConnectionState.CONNECTED, null);
        }
        try (IotHub hub = IotHub.create(options)) {
            var identity = hub.registry().get(d1);
            assertThat(identity.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(identity.connectionStateUpdatedTime()).isAfter(identity.lastActivityTime().minusNanos(1));
            assertThat(hub.twins().get(d1).connectionState()).contains(ConnectionState.DISCONNECTED);
            assertThat(hub.registry().deviceCounts().connected()).isZero();
        }
    }
}
