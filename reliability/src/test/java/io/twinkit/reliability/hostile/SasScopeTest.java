package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.core.TwinKey;
import io.twinkit.device.DeviceConnection;
import io.twinkit.device.Transport;
import io.twinkit.emulator.internal.http.RawTlsClient;
import io.twinkit.emulator.internal.http.WireRequests;
import io.twinkit.emulator.internal.http.WireResponse;
import io.twinkit.emulator.internal.mqtt.RawMqttClient;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.support.HubState;
import io.twinkit.service.TwinServiceClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, items 1 and 2: a SAS token's scope is the canonical resource its signature covers. Over real TLS to a
 * running emulator, raw clients present tokens whose {@code sr} was re-cased after signing ({@code dev1} signed,
 * {@code DEV1} sent), names another hub's host, or is percent-encoded twice; each is refused with 401 (CONNACK 5) on
 * every operation and changes nothing: DEV1's twin and identity stay as they were, DEV1 is not deleted and no key of
 * DEV1 goes out. The tokens the SDKs and this project's own clients make still work.
 */
class SasScopeTest {

    private static final String API = "?api-version=2021-04-12";
    private static final String LOWER = "dev1";
    private static final String UPPER = "DEV1";
    private static final String OTHER = "dev2";
    private static final String PERCENT = "pct%41";
    private static final String DECODED_TWICE = "pctA";
    private static final FuzzCounts COUNTS = new FuzzCounts("sas-scope");

    private static TwinkitEmulator emulator;

    /** A service operation on one device; {@code %s} stands for the device. */
    private record Operation(String name, String method, String target, String body) {
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("get twin", "GET", "/twins/%s", null),
            new Operation("patch twin", "PATCH", "/twins/%s", "{\"properties\":{\"desired\":{\"attack\":1}}}"),
            new Operation("replace twin", "PUT", "/twins/%s", "{\"tags\":{\"owner\":\"mallory\"}}"),
            new Operation("get identity", "GET", "/devices/%s", null),
            new Operation("delete identity", "DELETE", "/devices/%s", null));

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .device(DeviceId.of(LOWER)).device(DeviceId.of(UPPER)).device(DeviceId.of(OTHER))
                .device(DeviceId.of(PERCENT)).device(DeviceId.of(DECODED_TWICE)).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
        COUNTS.write();
    }

    @Test
    void aTokenSignedForDev1CannotActOnDev1InUpperCaseOverHttps() throws IOException {
        long later = later();
        String owner = policy(TwinkitEmulator.OWNER_POLICY).primaryKey();
        String attack = resigned(owner, "localhost%2Fdevices%2F" + LOWER, "localhost/devices/" + UPPER, later,
                TwinkitEmulator.OWNER_POLICY);
        for (Operation operation : OPERATIONS) {
            WireResponse response = refusedCall(operation, UPPER, attack);
            assertThat(response.body()).as(operation.name()).doesNotContain(deviceKey(UPPER));
        }
        assertThat(emulator.hub().registry().find(TwinKey.device(UPPER))).as("DEV1 still exists").isPresent();
        // the same signature with the resource it was made for reaches dev1 and only dev1
        String honest = resigned(owner, "localhost%2Fdevices%2F" + LOWER, "localhost%2Fdevices%2F" + LOWER, later,
                TwinkitEmulator.OWNER_POLICY);
        assertThat(call(OPERATIONS.get(0), LOWER, honest).status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedForDev1CannotConnectDev1InUpperCase() throws IOException {
        long later = later();
        for (String policy : List.of("device", TwinkitEmulator.OWNER_POLICY)) {
            String attack = resigned(policy(policy).primaryKey(), "localhost%2Fdevices%2F" + LOWER,
                    "localhost/devices/" + UPPER, later, policy);
            assertConnect(UPPER, attack, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                    "a " + policy + " token for dev1 sent as DEV1");
        }
    }

    @Test
    void aTokenForAnotherHostIsRefused() throws IOException {
        long later = later();
        String owner = policy(TwinkitEmulator.OWNER_POLICY).primaryKey();
        for (String sr : List.of("otherhub.azure-devices.net", "otherhub.azure-devices.net%2Fdevices%2F" + LOWER,
                "localhost.example.com", "otherhub.azure-devices.net%3A443%2Fdevices%2F" + LOWER)) {
            String token = SharedAccessSignature.create(owner, sr, later, TwinkitEmulator.OWNER_POLICY);
            for (Operation operation : OPERATIONS) {
                refusedCall(operation, LOWER, token);
            }
        }
        assertConnect(LOWER, SharedAccessSignature.create(deviceKey(LOWER), "otherhub.azure-devices.net/devices/" + LOWER, later,
                null), MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, "dev1's own key, another hub");
        assertConnect(LOWER, SharedAccessSignature.create(policy("device").primaryKey(), "otherhub.azure-devices.net", later,
                "device"), MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, "device policy, another hub");
    }

    @Test
    void aDoubleEncodedResourceIsNotHubWide() throws IOException {
        long later = later();
        String doubled = "localhost%252Fdevices%252F" + LOWER;
        String owner = SharedAccessSignature.create(policy(TwinkitEmulator.OWNER_POLICY).primaryKey(), doubled, later,
                TwinkitEmulator.OWNER_POLICY);
        for (String device : List.of(OTHER, LOWER)) {
            for (Operation operation : OPERATIONS) {
                refusedCall(operation, device, owner);
            }
        }
        String devicePolicy = SharedAccessSignature.create(policy("device").primaryKey(), doubled, later, "device");
        assertConnect(OTHER, devicePolicy, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                "a double-encoded device policy token as dev2");
        assertConnect(LOWER, devicePolicy, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                "a double-encoded device policy token as dev1");
    }

    @Test
    void aPercentInADeviceIdIsDecodedOnce() throws IOException {
        long later = later();
        String once = "localhost%2Fdevices%2F" + PERCENT.replace("%", "%25");
        assertConnect(PERCENT, SharedAccessSignature.create(deviceKey(PERCENT), once, later, null),
                MqttConnectReturnCode.CONNECTION_ACCEPTED, "pct%41's own token, encoded once");
        String policyToken = SharedAccessSignature.create(policy("device").primaryKey(), once, later, "device");
        assertConnect(PERCENT, policyToken, MqttConnectReturnCode.CONNECTION_ACCEPTED,
                "a device policy token for pct%41");
        assertConnect(DECODED_TWICE, policyToken, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                "a device policy token for pct%41 as pctA");
        String owner = SharedAccessSignature.create(policy(TwinkitEmulator.OWNER_POLICY).primaryKey(), once, later,
                TwinkitEmulator.OWNER_POLICY);
        for (Operation operation : OPERATIONS) {
            refusedCall(operation, DECODED_TWICE, owner);
        }
    }

    @Test
    void theTokensOfTheSdksAndOfThisProjectStillWork() throws IOException {
        long later = later();
        String owner = policy(TwinkitEmulator.OWNER_POLICY).primaryKey();
        Map<String, String> service = new LinkedHashMap<>();
        for (String sr : List.of("localhost", "127.0.0.1", "%5B%3A%3A1%5D", "localhost%3A" + emulator.httpsPort(),
                "LocalHost", "twinkit.azure-devices.net", "TwinKit.Azure-Devices.NET", "localhost%2Fdevices%2F" + LOWER,
                "127.0.0.1/devices/" + LOWER, "localhost%2Fdevices")) {
            service.put(sr, SharedAccessSignature.create(owner, sr, later, TwinkitEmulator.OWNER_POLICY));
        }
        // the Java service SDK signs the lower-cased host; a client may send it as configured
        service.put("LOCALHOST signed lower-cased", resigned(owner, "localhost", "LOCALHOST", later,
                TwinkitEmulator.OWNER_POLICY));
        for (Map.Entry<String, String> token : service.entrySet()) {
            WireResponse response = call(OPERATIONS.get(0), LOWER, token.getValue());
            assertThat(response.status()).as("GET dev1's twin with sr %s: %s", token.getKey(), response.body())
                    .isEqualTo(200);
            COUNTS.count("legitimate-https", "accepted");
        }
        String upper = SharedAccessSignature.create(owner, "localhost%2Fdevices%2F" + UPPER, later, TwinkitEmulator.OWNER_POLICY);
        assertThat(call(OPERATIONS.get(0), UPPER, upper).status()).as("a token for DEV1 on DEV1").isEqualTo(200);
        try (TwinServiceClient client = TwinServiceClient.builder()
                .emulatorReadyLine(emulator.readyInfo().toString()).build()) {
            assertThat(client.getTwin(TwinKey.device(UPPER)).deviceId()).isEqualTo(DeviceId.of(UPPER));
        }

        String key = deviceKey(LOWER);
        String javaDeviceSdk = "SharedAccessSignature sig=" + URLEncoder.encode(SharedAccessSignature.sign(key,
                "127.0.0.1/devices/" + LOWER, later), StandardCharsets.UTF_8) + "&se=" + later
                + "&sr=127.0.0.1/devices/" + LOWER;
        assertConnect(LOWER, javaDeviceSdk, MqttConnectReturnCode.CONNECTION_ACCEPTED, "the Java device SDK's form");
        for (String sr : List.of("localhost%2Fdevices%2F" + LOWER, "twinkit.azure-devices.net/devices/" + LOWER,
                "Twinkit.Azure-Devices.Net%2Fdevices%2F" + LOWER, "127.0.0.1%3A8883%2Fdevices%2F" + LOWER)) {
            assertConnect(LOWER, SharedAccessSignature.create(key, sr, later, null), MqttConnectReturnCode.CONNECTION_ACCEPTED, sr);
        }
        assertConnect(UPPER, SharedAccessSignature.create(deviceKey(UPPER), "localhost/devices/" + UPPER, later, null),
                MqttConnectReturnCode.CONNECTION_ACCEPTED, "DEV1's own token");
        assertConnect(LOWER, SharedAccessSignature.create(policy("device").primaryKey(), "localhost%2Fdevices", later, "device"),
                MqttConnectReturnCode.CONNECTION_ACCEPTED, "a device policy token for all devices");
    }

    @Test
    void anEmulatorFrontedUnderAnotherNameAcceptsThatNameOnlyWhenTold() throws IOException {
        long later = later();
        try (TwinkitEmulator fronted = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0)
                .mqttWsPort(0).device(DeviceId.of(LOWER)).acceptHostName("gateway.example").build())) {
            String owner = fronted.hub().registry().policy(TwinkitEmulator.OWNER_POLICY).orElseThrow().primaryKey();
            String key = fronted.hub().registry().getDevice(DeviceId.of(LOWER)).authentication().symmetricKey()
                    .primaryKey();
            for (String host : List.of("Gateway.Example", "elsewhere.example")) {
                String token = SharedAccessSignature.create(owner, host + "%3A443", later, TwinkitEmulator.OWNER_POLICY);
                int status;
                try (RawTlsClient client = new RawTlsClient(fronted.clientSslContext(),
                        fronted.httpsPort())) {
                    client.send(WireRequests.format("GET", "/twins/" + LOWER + API, Map.of("Authorization", token),
                            null));
                    status = client.readOne().status();
                }
                MqttConnectReturnCode code;
                try (RawMqttClient client = new RawMqttClient(fronted.clientSslContext(),
                        fronted.mqttPort())) {
                    code = client.connect(LOWER, host + "/" + LOWER + "/?api-version=2021-04-12",
                            SharedAccessSignature.create(key, host + "/devices/" + LOWER, later, null), 60);
                }
                boolean accepted = host.startsWith("Gateway");
                assertThat(status).as("GET with a token for %s", host).isEqualTo(accepted ? 200 : 401);
                assertThat(code).as("CONNECT with a token for %s", host).isEqualTo(accepted
                        ? MqttConnectReturnCode.CONNECTION_ACCEPTED
                        : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            }
        }
        // the emulator that was not told refuses the name
        assertThat(call(OPERATIONS.get(0), LOWER, SharedAccessSignature.create(policy(TwinkitEmulator.OWNER_POLICY).primaryKey(),
                "gateway.example", later, TwinkitEmulator.OWNER_POLICY)).status()).isEqualTo(401);
    }

    @Test
    void anEmulatorOnALoopbackAddressOfItsOwnTakesTheDeviceSdksTokensForItAndRefusesAnotherEmulatorsAddress()
            throws Exception {
        assumeThat(TwinkitEmulator.ownLoopbackAddressesSupported()).as("127.0.0.2 and up are local addresses")
                .isTrue();
        long later = later();
        try (TwinkitEmulator own = TwinkitEmulator.start(EmulatorConfig.builder().ownLoopbackAddress(true)
                .httpsPort(0).mqttPort(EmulatorConfig.DEFAULT_MQTT_PORT).mqttWsPort(0).device(DeviceId.of(LOWER))
                .build())) {
            String host = own.deviceHost();
            String other = host.equals("127.0.0.254") ? "127.0.0.253" : "127.0.0.254";
            String key = own.hub().registry().getDevice(DeviceId.of(LOWER)).authentication().symmetricKey()
                    .primaryKey();
            String owner = own.hub().registry().policy(TwinkitEmulator.OWNER_POLICY).orElseThrow().primaryKey();

            // the Java device SDK signs for its connection string's host, the claimed address, and connects to 8883
            try (DeviceConnection device = DeviceConnection.builder().connectionString(own.deviceConnectionString(
                    DeviceId.of(LOWER))).sslContext(own.clientSslContext()).transport(Transport.MQTT)
                    .operationTimeout(Duration.ofSeconds(20)).build()) {
                device.open();
                device.report(MergePatch.builder().set("signedFor", host).build());
            }
            assertThat(own.hub().twins().get(TwinKey.device(LOWER)).reported().properties().getString("signedFor"))
                    .hasValue(host);

            for (String sr : List.of(host, other)) {
                boolean accepted = sr.equals(host);
                MqttConnectReturnCode code;
                try (RawMqttClient client = new RawMqttClient(own.clientSslContext(), host, own.mqttPort())) {
                    code = client.connect(LOWER, sr + "/" + LOWER + "/?api-version=2021-04-12",
                            SharedAccessSignature.create(key, sr + "/devices/" + LOWER, later, null), 60);
                }
                assertThat(code).as("CONNECT with dev1's token for %s", sr).isEqualTo(accepted
                        ? MqttConnectReturnCode.CONNECTION_ACCEPTED
                        : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
                HttpResponse<String> response = HttpClient.newBuilder().sslContext(own.clientSslContext())
                        .connectTimeout(Duration.ofSeconds(10)).build()
                        .send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + own.httpsPort() + "/twins/"
                                        + LOWER + API))
                                .header("Authorization", SharedAccessSignature.create(owner, sr, later,
                                        TwinkitEmulator.OWNER_POLICY))
                                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("GET with an iothubowner token for %s: %s", sr, response.body())
                        .isEqualTo(accepted ? 200 : 401);
                COUNTS.count("own-loopback", accepted ? "accepted" : "refused-" + response.statusCode());
            }
        }
    }

    /** Returns a token whose signature was made over {@code signed} but whose {@code sr} reads {@code sent}. */
    private static String resigned(String key, String signed, String sent, long expiry, String policy) {
        return "SharedAccessSignature sr=" + sent + "&sig=" + URLEncoder.encode(SharedAccessSignature.sign(key, signed, expiry),
                StandardCharsets.UTF_8) + "&se=" + expiry + "&skn=" + policy;
    }

    /** Sends an operation that must be refused with 401 and checks that nothing changed. */
    private static WireResponse refusedCall(Operation operation, String device, String token) throws IOException {
        JsonObject before = HubState.of(emulator.hub());
        WireResponse response = call(operation, device, token);
        assertThat(response.status()).as("%s on %s with %s: %s", operation.name(), device, token, response.body())
                .isEqualTo(401);
        assertThat(response.body()).contains("401002");
        assertThat(HubState.of(emulator.hub())).as("state after a refused %s on %s", operation.name(), device)
                .isEqualTo(before);
        COUNTS.count("attacks-https", "refused-" + response.status());
        return response;
    }

    private static WireResponse call(Operation operation, String device, String token) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", token);
        if (operation.method().equals("DELETE")) {
            headers.put("If-Match", "*");
        }
        String path = operation.target().replace("%s", URLEncoder.encode(device, StandardCharsets.UTF_8)) + API;
        try (RawTlsClient client = new RawTlsClient(emulator.clientSslContext(),
                emulator.httpsPort())) {
            client.send(WireRequests.format(operation.method(), path, headers, operation.body()));
            return client.readOne();
        }
    }

    /** Connects {@code device} over MQTT with {@code token}; a refusal must leave the hub and the device as they were. */
    private static void assertConnect(String device, String token, MqttConnectReturnCode expected, String what)
            throws IOException {
        JsonObject before = HubState.of(emulator.hub());
        MqttConnectReturnCode code;
        try (RawMqttClient client = new RawMqttClient(emulator.clientSslContext(),
                emulator.mqttPort())) {
            code = client.connect(device, "localhost/" + device + "/?api-version=2021-04-12", token, 60);
        }
        assertThat(code).as("CONNECT %s with %s", device, what).isEqualTo(expected);
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            assertThat(HubState.of(emulator.hub())).as("state after CONNECT with %s", what).isEqualTo(before);
            assertThat(emulator.hub().registry().get(TwinKey.device(device)).connectionState())
                    .isEqualTo(ConnectionState.DISCONNECTED);
            COUNTS.count("attacks-mqtt", "refused");
        } else {
            // the connection closed with the client; wait for the hub to see it, so later refusals can check it
            Instant deadline = Instant.now().plusSeconds(60);
            while (emulator.hub().registry().get(TwinKey.device(device)).connectionState()
                    != ConnectionState.DISCONNECTED && Instant.now().isBefore(deadline)) {
                sleep();
            }
            COUNTS.count("legitimate-mqtt", "accepted");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a disconnect", e);
        }
    }

    private static long later() {
        return Instant.now().getEpochSecond() + 3600;
    }

    private static SharedAccessPolicy policy(String name) {
        return emulator.hub().registry().policy(name).orElseThrow();
    }

    private static String deviceKey(String device) {
        return emulator.hub().registry().getDevice(DeviceId.of(device)).authentication().symmetricKey()
                .primaryKey();
    }
}
