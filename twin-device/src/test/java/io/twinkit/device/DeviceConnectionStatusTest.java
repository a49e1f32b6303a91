package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link DeviceConnection}'s status against the emulator over MQTT over WebSocket, through a relay the test cuts
 * and restores: connected, retrying while the network is gone, connected again (with the twin fetched again), closed;
 * and disconnected for good when reconnecting takes longer than the reconnect timeout.
 */
@Timeout(120)
class DeviceConnectionStatusTest {

    private static TwinkitEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = EmulatorDevices.startOnFreePorts();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void listenersSeeConnectedRetryingConnectedAndClosedInOrder() throws Exception {
        TwinKey key = EmulatorDevices.createDevice(emulator, "status-cut");
        List<ConnectionStatus> seen = new CopyOnWriteArrayList<>();
        List<DesiredUpdate> desired = new CopyOnWriteArrayList<>();
        try (CuttableProxy proxy = new CuttableProxy(emulator.mqttWsPort())) {
            DeviceConnection connection = EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT_WEBSOCKET)
                    .endpoint("localhost:" + proxy.port()).build();
            try (connection) {
                connection.addConnectionStatusListener((status, previous) -> seen.add(status));
                connection.addDesiredListener(desired::add);
                connection.open();
                assertThat(connection.connectionStatus().state()).isEqualTo(ConnectionState.CONNECTED);
                EmulatorDevices.await(() -> seen.size() == 1, "the first connect");
                assertThat(seen.get(0).reason()).isEqualTo(ConnectionStatusReason.CONNECTION_OK);

                proxy.cut();
                EmulatorDevices.await(() -> connection.connectionStatus().state() == ConnectionState.RETRYING,
                        "retrying after the cut");
                ConnectionStatus retrying = connection.connectionStatus();
                assertThat(retrying.reason()).isIn(ConnectionStatusReason.COMMUNICATION_ERROR,
                        ConnectionStatusReason.NO_NETWORK);
                assertThat(retrying.isConnected()).isFalse();
                emulator.hub().twins().update(key, JsonValue.parseObject(
                        "{\"properties\":{\"desired\":{\"whileCut\":true}}}"), null);

                proxy.restore();
                EmulatorDevices.await(() -> connection.connectionStatus().isConnected(), "the reconnect");
                EmulatorDevices.await(() -> desired.stream().anyMatch(update -> update.properties()
                        .contains("whileCut")), "the change made while cut, fetched after the reconnect");
                assertThat(connection.connectionStatus().since()).isAfter(retrying.since());
            }
            assertThat(connection.connectionStatus().state()).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(connection.connectionStatus().reason()).isEqualTo(ConnectionStatusReason.CLIENT_CLOSED);
        }
        assertThat(seen).extracting(ConnectionStatus::state).containsExactly(ConnectionState.CONNECTED,
                ConnectionState.RETRYING, ConnectionState.CONNECTED, ConnectionState.DISCONNECTED);
        assertThat(seen.get(3).reason()).isEqualTo(ConnectionStatusReason.CLIENT_CLOSED);
    }

    @Test
    void aConnectionTheHubDropsReconnectsByItself() throws Exception {
        TwinKey key = EmulatorDevices.createDevice(emulator, "status-drop");
        List<ConnectionStatus> seen = new CopyOnWriteArrayList<>();
        try (DeviceConnection connection = EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT_WEBSOCKET)
                .build()) {
            connection.addConnectionStatusListener((status, previous) -> {
                assertThat(previous.state()).isNotEqualTo(status.state());
                seen.add(status);
            });
            connection.open();

            assertThat(emulator.dropConnection(key)).isTrue();
            EmulatorDevices.await(() -> seen.size() >= 3, "retrying and connected again");
            assertThat(seen).extracting(ConnectionStatus::state).startsWith(ConnectionState.CONNECTED,
                    ConnectionState.RETRYING, ConnectionState.CONNECTED);
            assertThat(connection.connectionStatus().isConnected()).isTrue();
        }
    }

    @Test
    void whenReconnectingTakesLongerThanTheReconnectTimeoutTheConnectionIsDisconnectedForGood() throws Exception {
        TwinKey key = EmulatorDevices.createDevice(emulator, "status-expire");
        try (CuttableProxy proxy = new CuttableProxy(emulator.mqttWsPort());
             DeviceConnection connection = EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT_WEBSOCKET)
                     .endpoint("localhost:" + proxy.port()).reconnectTimeout(Duration.ofSeconds(2)).build()) {
            connection.open();

            proxy.cut();
            EmulatorDevices.await(() -> connection.connectionStatus().state() == ConnectionState.RETRYING,
                    "retrying after the cut");
            CompletableFuture<Void> sent = connection.send(TelemetryMessage.bytes(new byte[] {1}).build());
            EmulatorDevices.await(() -> connection.connectionStatus().state() == ConnectionState.DISCONNECTED,
                    "the end of the reconnects");

            assertThat(connection.connectionStatus().reason()).isEqualTo(ConnectionStatusReason.RETRY_EXPIRED);
            EmulatorDevices.await(sent::isDone, "the queued message's failure");
            assertThat(sent).isCompletedExceptionally();
            assertThat(sent.handle((ok, error) -> error).join()).isInstanceOf(TelemetryException.class);
            assertThat(connection.pendingTelemetry()).isZero();
            proxy.restore();
        }
    }
}
