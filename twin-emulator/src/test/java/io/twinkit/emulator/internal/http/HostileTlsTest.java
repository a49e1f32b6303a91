package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.core.TwinKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile requests over a real TLS socket: each gets the service's status and error code, changes nothing in the
 * hub, and the server then still answers a normal SDK request.
 */
@Timeout(30)
class HostileTlsTest {

    private static final String PATCH_TARGET = "/twins/victim?api-version=2021-04-12";

    private static SdkEmulator emulator;
    private static IotHub hub;
    private static TwinClient sdk;

    private TwinDocument twinBefore;
    private List<DeviceIdentity> registryBefore;

    @BeforeAll
    static void start() {
        emulator = SdkEmulator.start();
        hub = emulator.hub();
        hub.registry().createDevice(DeviceId.of("victim"));
        sdk = new TwinClient(emulator.host(), emulator.ownerCredential());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void snapshot() {
        twinBefore = hub.twins().get(TwinKey.device("victim"));
        registryBefore = hub.registry().list();
    }

    @AfterEach
    void nothingChangedAndTheServerStillServesTheSdk() throws Exception {
        assertThat(hub.twins().get(TwinKey.device("victim"))).isEqualTo(twinBefore);
        assertThat(hub.registry().list()).isEqualTo(registryBefore);
        Twin twin = sdk.get("victim");
        assertThat(twin.getETag()).isEqualTo(twinBefore.etag().orElseThrow().value());
    }

    @Test
    void aMalformedRequestLineIs400AndTheConnectionIsClosed() throws IOException {
        try (RawTlsClient client = emulator.rawClient()) {
            client.send("NOT-HTTP-AT-ALL\r\n\r\n");
            assertThat(client.readOne().assertError(400, 400)).startsWith("malformed HTTP request");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aMalformedJsonBodyIs400006AndTheConnectionKeepsServing() throws IOException {
        try (RawTlsClient client = emulator.rawClient()) {
            client.send(WireRequests.format("POST", PATCH_TARGET, headers(emulator.ownerToken(),
                    "X-HTTP-Method-Override", "PATCH"), "{\"properties\":{\"desired\":{\"a\":"));
            client.readOne().assertError(400, 400006);
            client.send(WireRequests.format("GET", PATCH_TARGET, headers(emulator.ownerToken()), null));
            assertThat(client.readOne().status()).isEqualTo(200);
        }
    }

    @Test
    void anOversizedBodyIs413001AndTheConnectionKeepsServing() throws IOException {
        String body = "{\"tags\":{\"big\":\"" + "x".repeat(300 * 1024) + "\"}}";
        try (RawTlsClient client = emulator.rawClient()) {
            client.send(WireRequests.format("PUT", PATCH_TARGET, headers(emulator.ownerToken()), body));
            client.readOne().assertError(413, 413001);
            client.send(WireRequests.format("GET", PATCH_TARGET, headers(emulator.ownerToken()), null));
            assertThat(client.readOne().status()).isEqualTo(200);
        }
    }

    @Test
    void aTokenWithAWrongSignatureIs401002() throws IOException {
        String forged = SharedAccessSignature.create(SharedAccessPolicy.newKey(), "localhost",
                Instant.now().getEpochSecond() + 3600, "iothubowner");
        patchWith(forged).assertError(401, 401002);
    }

    @Test
    void anExpiredTokenIs401002() throws IOException {
        patchWith(emulator.policyToken("iothubowner", Instant.now().getEpochSecond() - 60)).assertError(401, 401002);
    }

    @Test
    void aMissingOrUnreadableAuthorizationIs401002() throws IOException {
        try (RawTlsClient client = emulator.rawClient()) {
            client.send(WireRequests.format("GET", PATCH_TARGET, Map.of(), null));
            client.readOne().assertError(401, 401002);
            client.send(WireRequests.format("GET", PATCH_TARGET, Map.of("Authorization", "Bearer abc"), null));
            client.readOne().assertError(401, 401002);
            client.send(WireRequests.format("GET", PATCH_TARGET, Map.of("Authorization", "SharedAccessSignature "
                    + "sr=localhost&se=notanumber&sig=x"), null));
            client.readOne().assertError(401, 401002);
        }
    }

    @Test
    void aDevicesOwnKeyIsNoServiceCredential() throws IOException {
        String key = hub.registry().getDevice(DeviceId.of("victim")).authentication().symmetricKey().primaryKey();
        String deviceToken = SharedAccessSignature.create(key, "localhost/devices/victim", Instant.now().getEpochSecond() + 3600,
                null);
        patchWith(deviceToken).assertError(401, 401002);
    }

    @Test
    void aPolicyWithoutTheRightIs403() throws IOException {
        long expiry = Instant.now().getEpochSecond() + 3600;
        // the service answers a known caller without the right with 403 and IotHubUnauthorizedAccess
        assertThat(patchWith(emulator.policyToken("registryRead", expiry)).assertError(403, 401002))
                .contains("ServiceConnect");
        try (RawTlsClient client = emulator.rawClient()) {
            client.send(WireRequests.format("PUT", "/devices/intruder?api-version=2021-04-12",
                    headers(emulator.policyToken("service", expiry)), "{\"deviceId\":\"intruder\"}"));
            assertThat(client.readOne().assertError(403, 401002)).contains("RegistryWrite");
            client.send(WireRequests.format("DELETE", "/devices/victim?api-version=2021-04-12",
                    headers(emulator.policyToken("registryRead", expiry), "If-Match", "*"), null));
            client.readOne().assertError(403, 401002);
            client.send(WireRequests.format("POST", "/devices/query?api-version=2021-04-12",
                    headers(emulator.policyToken("registryReadWrite", expiry)), "{\"query\":\"SELECT * FROM devices\"}"));
            client.readOne().assertError(403, 401002);
        }
    }

    @Test
    void plainHttpOnTheTlsPortIsDroppedWithoutHarm() throws IOException {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), emulator.port())) {
            plain.setSoTimeout(5_000);
            plain.getOutputStream().write(WireRequests.format("GET", PATCH_TARGET, Map.of(), null)
                    .getBytes(StandardCharsets.US_ASCII));
            String answer;
            try {
                answer = new String(plain.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketException reset) {
                answer = "";
            }
            assertThat(answer).doesNotContain("HTTP/1.1");
        }
    }

    private static WireResponse patchWith(String token) throws IOException {
        try (RawTlsClient client = emulator.rawClient()) {
            client.send(WireRequests.format("POST", PATCH_TARGET, headers(token, "X-HTTP-Method-Override", "PATCH"),
                    "{\"properties\":{\"desired\":{\"hacked\":true}}}"));
            return client.readOne();
        }
    }

    private static Map<String, String> headers(String token, String... more) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", token);
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }
}
