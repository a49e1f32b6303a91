package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinTime;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.internal.http.RawTlsClient;
import io.twinkit.emulator.internal.http.WireRequests;
import io.twinkit.emulator.internal.mqtt.RawMqttClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection state of devices and modules as the service API shows it ({@code connectionState},
 * {@code connectionStateUpdatedTime} and {@code lastActivityTime} of {@code GET /devices/{id}}, {@code connectionState}
 * of the twin), following real connections on free ports: the device SDK over MQTT over WebSocket connecting and
 * closing, a raw MQTT client over TLS connecting and dropping its socket without DISCONNECT, a connection taken over
 * by a second one, and the emulator stopping with devices connected.
 */
@Timeout(90)
class ConnectionStateTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path dataDirectory;

    private static EmulatorConfig config(Path directory) {
        return EmulatorConfig.builder().hubName("state-hub").httpsPort(0).mqttPort(0).mqttWsPort(0)
                .dataDirectory(directory).device(DeviceId.of("d1")).build();
    }

    /** {@code GET /devices/{id}[/modules/{mid}]} over HTTPS as iothubowner. */
    private static JsonObject identity(TwinkitEmulator emulator, String path) throws Exception {
        return get(emulator, "/devices/" + path);
    }

    private static JsonObject get(TwinkitEmulator emulator, String path) throws Exception {
        SharedAccessPolicy owner = emulator.hub().registry().policy("iothubowner").orElseThrow();
        String token = SharedAccessSignature.create(owner.primaryKey(), "localhost",
                Instant.now().getEpochSecond() + 3600, "iothubowner");
        try (RawTlsClient client = new RawTlsClient(emulator.clientSslContext(), emulator.httpsPort())) {
            client.send(WireRequests.format("GET", path + "?api-version=2021-04-12", Map.of("Authorization", token),
                    null));
            var response = client.readOne();
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            return response.object();
        }
    }

    /** Waits until the hub records {@code key} in {@code state}, then returns its identity as HTTPS answers it. */
    private static JsonObject await(TwinkitEmulator emulator, TwinKey key, ConnectionState state) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (emulator.hub().registry().get(key).connectionState() != state && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000);
        }
        JsonObject identity = identity(emulator, key.isModule()
                ? key.deviceId() + "/modules/" + key.moduleId() : key.deviceId().value());
        assertThat(identity.get("connectionState").orElseThrow().asString()).as("%s within %s", key, DEADLINE)
                .isEqualTo(state == ConnectionState.CONNECTED ? "Connected" : "Disconnected");
        return identity;
    }

    private static Instant time(JsonObject identity, String member) {
        return TwinTime.parse(identity.get(member).orElseThrow().asString());
    }

    private static String token(TwinkitEmulator emulator, TwinKey key) {
        String primary = emulator.hub().registry().get(key).authentication().symmetricKey().primaryKey();
        return SharedAccessSignature.create(primary, "127.0.0.1/devices/" + key.deviceId()
                + (key.isModule() ? "/modules/" + key.moduleId() : ""), Instant.now().getEpochSecond() + 3600, null);
    }

    private static RawMqttClient raw(TwinkitEmulator emulator, TwinKey key) throws Exception {
        RawMqttClient client = new RawMqttClient(emulator.clientSslContext(), emulator.mqttPort());
        assertThat(client.connect(key.toString(), "127.0.0.1/" + key + "/?api-version=2020-09-30",
                token(emulator, key), 60)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return client;
    }

    @Test
    void theStateFollowsConnectsClosesDroppedSocketsAndTakeovers() throws Exception {
        TwinKey d1 = TwinKey.device("d1");
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config(dataDirectory))) {
            JsonObject fresh = identity(emulator, "d1");
            assertThat(fresh.get("connectionState").orElseThrow().asString()).isEqualTo("Disconnected");
            assertThat(time(fresh, "connectionStateUpdatedTime")).isEqualTo(TwinTime.NEVER);
            assertThat(time(fresh, "lastActivityTime")).isEqualTo(TwinTime.NEVER);

            // the device SDK over MQTT over WebSocket: open, then close (DISCONNECT)
            String primary = emulator.hub().registry().get(d1).authentication().symmetricKey().primaryKey();
            DeviceClient sdk = new DeviceClient("localhost:" + emulator.mqttWsPort(), "d1",
                    () -> SharedAccessSignature.create(primary, "localhost/devices/d1",
                            Instant.now().getEpochSecond() + 3600, null).toCharArray(), IotHubClientProtocol.MQTT_WS,
                    ClientOptions.builder().sslContext(emulator.clientSslContext()).build());
            Instant beforeOpen = TwinTime.toTicks(Instant.now());
            sdk.open(true);
            JsonObject connected = await(emulator, d1, ConnectionState.CONNECTED);
            Instant connectedAt = time(connected, "connectionStateUpdatedTime");
            assertThat(connectedAt).isAfterOrEqualTo(beforeOpen);
            assertThat(time(connected, "lastActivityTime")).isEqualTo(connectedAt);
            assertThat(get(emulator, "/twins/d1").get("connectionState").orElseThrow().asString())
                    .isEqualTo("Connected");
            assertThat(get(emulator, "/statistics/service").get("connectedDeviceCount").orElseThrow().asNumber()
                    .longValue()).isEqualTo(1);
            sdk.close();
            JsonObject closed = await(emulator, d1, ConnectionState.DISCONNECTED);
            assertThat(time(closed, "connectionStateUpdatedTime")).isAfter(connectedAt);
            assertThat(time(closed, "lastActivityTime")).isEqualTo(connectedAt);
            assertThat(get(emulator, "/twins/d1").get("connectionState").orElseThrow().asString())
                    .isEqualTo("Disconnected");

            // a raw client over TLS whose socket ends without DISCONNECT
            RawMqttClient dropped = raw(emulator, d1);
            Instant reconnectedAt = time(await(emulator, d1, ConnectionState.CONNECTED), "connectionStateUpdatedTime");
            assertThat(reconnectedAt).isAfter(time(closed, "connectionStateUpdatedTime"));
            dropped.close();
            await(emulator, d1, ConnectionState.DISCONNECTED);

            // a second connection takes the client id over: the first is closed, the device stays connected
            try (RawMqttClient first = raw(emulator, d1)) {
                await(emulator, d1, ConnectionState.CONNECTED);
                try (RawMqttClient second = raw(emulator, d1)) {
                    assertThat(first.closedByServerWithin(DEADLINE)).isTrue();
                    assertThat(identity(emulator, "d1").get("connectionState").orElseThrow().asString())
                            .as("the closed first connection does not disconnect the device").isEqualTo("Connected");
                    second.sendRaw(new byte[] {(byte) 0xE0, 0});
                    assertThat(second.closedByServerWithin(DEADLINE)).isTrue();
                }
            }
            await(emulator, d1, ConnectionState.DISCONNECTED);
        }
    }

    @Test
    void aModuleHasItsOwnStateAndStoppingTheEmulatorLeavesNoDeviceConnected() throws Exception {
        TwinKey d1 = TwinKey.device("d1");
        TwinKey m1 = TwinKey.module("d1", "m1");
        TwinkitEmulator emulator = TwinkitEmulator.start(config(dataDirectory));
        RawMqttClient module = null;
        RawMqttClient device = null;
        try {
            emulator.hub().registry().createModule(DeviceId.of("d1"), ModuleId.of("m1"));
            module = raw(emulator, m1);
            await(emulator, m1, ConnectionState.CONNECTED);
            assertThat(identity(emulator, "d1").get("connectionState").orElseThrow().asString())
                    .isEqualTo("Disconnected");
            device = raw(emulator, d1);
            await(emulator, d1, ConnectionState.CONNECTED);
        } finally {
            // stopping the emulator with both connected
            emulator.close();
            if (module != null) {
                module.close();
            }
            if (device != null) {
                device.close();
            }
        }
        try (TwinkitEmulator again = TwinkitEmulator.start(config(dataDirectory))) {
            assertThat(identity(again, "d1").get("connectionState").orElseThrow().asString())
                    .isEqualTo("Disconnected");
            assertThat(identity(again, "d1/modules/m1").get("connectionState").orElseThrow().asString())
                    .isEqualTo("Disconnected");
            assertThat(get(again, "/statistics/service").get("connectedDeviceCount").orElseThrow().asNumber()
                    .longValue()).isZero();
        }
    }
}
