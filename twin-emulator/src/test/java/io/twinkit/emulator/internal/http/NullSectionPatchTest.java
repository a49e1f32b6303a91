package io.twinkit.emulator.internal.http;

import static io.twinkit.emulator.testing.DesiredPatches.nextWithVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.internal.mqtt.MqttDeviceServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A whole section set to {@code null} in a service PATCH, over the wire: HTTPS on a free port for the back end, and
 * the official device SDK over MQTT_WS on a free port, which must be told of every removed desired key.
 */
class NullSectionPatchTest {

    private static final int TIMEOUT_MILLIS = 20_000;
    private static final Duration PATCH_TIMEOUT = Duration.ofMillis(TIMEOUT_MILLIS);
    private static final String API = "?api-version=2021-04-12";

    private final SdkEmulator emulator = SdkEmulator.start();
    private final MqttDeviceServer mqtt = MqttDeviceServer.start(emulator.hub(), SdkEmulator.certificates(), null,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

    @AfterEach
    void stop() {
        try {
            mqtt.close();
        } finally {
            emulator.close();
        }
    }

    @Test
    void nullDesiredRemovesEveryDesiredKeyBumpsTheVersionAndTellsTheDevice() throws Exception {
        TwinKey key = device("null-desired");
        emulator.hub().twins().update(key, json("{\"properties\":{\"desired\":{\"rate\":5,\"cfg\":{\"mode\":\"eco\"}}},"
                + "\"tags\":{\"site\":\"lab\"}}"), null);
        BlockingQueue<Twin> desired = new LinkedBlockingQueue<>();
        DeviceClient client = client(key);
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> desired.add(twin), null, TIMEOUT_MILLIS);

            WireResponse response = patch("/twins/null-desired", "{\"properties\":{\"desired\":null}}");

            assertThat(response.status()).isEqualTo(200);
            TwinDocument twin = emulator.hub().twins().get(key);
            assertThat(twin.desired().properties().isEmpty()).isTrue();
            assertThat(twin.desired().version()).hasValue(3);
            assertThat(twin.tags().toJson()).isEqualTo(json("{\"site\":\"lab\"}"));
            assertThat(response.object()).isEqualTo(JsonValue.parseObject(twin.toJson().toJsonBytes()));
            Twin notified = nextWithVersion(desired, 3, PATCH_TIMEOUT);
            assertThat(notified.getDesiredProperties()).containsOnlyKeys("rate", "cfg");
            assertThat(notified.getDesiredProperties().values()).containsOnlyNulls();
        } finally {
            client.close();
        }
    }

    @Test
    void nullTagsRemovesEveryTagAndLeavesDesiredAlone() throws Exception {
        TwinKey key = device("null-tags");
        emulator.hub().twins().update(key, json("{\"tags\":{\"site\":\"lab\",\"owner\":{\"team\":\"ops\"}},"
                + "\"properties\":{\"desired\":{\"rate\":5}}}"), null);

        WireResponse response = patch("/twins/null-tags", "{\"tags\":null}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.object().valueOrNull("tags")).isEqualTo(json("{}"));
        TwinDocument twin = emulator.hub().twins().get(key);
        assertThat(twin.tags().isEmpty()).isTrue();
        assertThat(twin.desired().properties().toJson()).isEqualTo(json("{\"rate\":5}"));
        assertThat(twin.desired().version()).hasValue(2);
    }

    private WireResponse patch(String path, String body) throws Exception {
        try (RawTlsClient raw = emulator.rawClient()) {
            return raw.send(WireRequests.format("PATCH", path + API, Map.of("Authorization", emulator.ownerToken()),
                    body)).readOne();
        }
    }

    private TwinKey device(String id) {
        emulator.hub().registry().createDevice(DeviceId.of(id));
        return TwinKey.device(id);
    }

    private DeviceClient client(TwinKey key) {
        String id = key.deviceId().value();
        String primaryKey = emulator.hub().registry().get(key).authentication().symmetricKey().primaryKey();
        ClientOptions options = ClientOptions.builder().sslContext(SdkEmulator.certificates().clientSslContext())
                .build();
        return new DeviceClient("localhost:" + mqtt.webSocketPort(), id, () -> SharedAccessSignature.create(primaryKey,
                "localhost/devices/" + id, Instant.now().getEpochSecond() + 3600, null).toCharArray(),
                IotHubClientProtocol.MQTT_WS, options);
    }

    private static JsonObject json(String text) {
        return JsonValue.parseObject(text);
    }
}
