package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.AccessRight;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.http.RawTlsClient;
import io.twinkit.emulator.internal.http.WireRequests;
import io.twinkit.emulator.internal.http.WireResponse;
import io.twinkit.emulator.internal.mqtt.RawMqttClient;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.support.HubState;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the HTTPS service API against every kind of bad credential (expired, forged, signed with another
 * policy's key, naming an unknown policy, a device's own key, scoped to another device, tampered after signing,
 * malformed) and against each default policy; and MQTT CONNECT of a device with the same kinds of token and with
 * another device's. What must be refused is refused with 401 or 403 (CONNACK 4 or 5) and changes nothing; what a
 * policy's rights allow goes through. Over real TLS to a running emulator.
 */
class SasMatrixTest {

    private static final String API = "?api-version=2021-04-12";
    private static final String A = "sec-a";
    private static final String B = "sec-b";
    private static final FuzzCounts COUNTS = new FuzzCounts("sas");
    private static final AtomicInteger VICTIMS = new AtomicInteger();

    private static TwinkitEmulator emulator;

    /** An operation of the service API and the right it needs; {@code %s} in the target is the device it hits. */
    private record Operation(String name, String method, String target, String body, AccessRight right,
                             boolean destroys) {
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("get twin", "GET", "/twins/%s", null, AccessRight.SERVICE_CONNECT, false),
            new Operation("patch twin", "PATCH", "/twins/%s", "{\"properties\":{\"desired\":{\"attack\":1}}}",
                    AccessRight.SERVICE_CONNECT, false),
            new Operation("replace twin", "PUT", "/twins/%s", "{\"tags\":{\"owner\":\"mallory\"},\"properties\":"
                    + "{\"desired\":{}}}", AccessRight.SERVICE_CONNECT, false),
            new Operation("query", "POST", "/devices/query", "{\"query\":\"SELECT * FROM devices\"}",
                    AccessRight.SERVICE_CONNECT, false),
            new Operation("get identity", "GET", "/devices/%s", null, AccessRight.REGISTRY_READ, false),
            new Operation("create identity", "PUT", "/devices/%s-new", "{\"deviceId\":\"%s-new\"}",
                    AccessRight.REGISTRY_WRITE, true),
            new Operation("delete identity", "DELETE", "/devices/%s", null, AccessRight.REGISTRY_WRITE, true));

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .device(DeviceId.of(A)).device(DeviceId.of(B)).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
        COUNTS.write();
    }

    @Test
    void badServiceTokensAreRefusedOnEveryOperationAndChangeNothing() throws IOException {
        long later = Instant.now().getEpochSecond() + 3600;
        String owner = policy(TwinkitEmulator.OWNER_POLICY).primaryKey();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", SharedAccessSignature.create(owner, "localhost", Instant.now().getEpochSecond() - 60, "iothubowner"));
        bad.put("forged", SharedAccessSignature.create(SharedAccessPolicy.newKey(), "localhost", later, "iothubowner"));
        bad.put("signed with the service policy's key", SharedAccessSignature.create(policy("service").primaryKey(), "localhost",
                later, "iothubowner"));
        bad.put("unknown policy", SharedAccessSignature.create(owner, "localhost", later, "nosuchpolicy"));
        bad.put("a device's own key", SharedAccessSignature.create(deviceKey(A), "localhost/devices/" + A, later, null));
        bad.put("scoped to another device", SharedAccessSignature.create(owner, "localhost/devices/" + B, later, "iothubowner"));
        bad.put("expiry moved after signing", SharedAccessSignature.create(owner, "localhost", later, "iothubowner")
                .replace("&se=" + later, "&se=" + (later + 100_000)));
        bad.put("no signature", "SharedAccessSignature sr=localhost&se=" + later + "&skn=iothubowner");
        bad.put("not a SAS token", "Bearer " + owner);
        bad.put("empty", "");
        for (Map.Entry<String, String> token : bad.entrySet()) {
            for (Operation operation : OPERATIONS) {
                String target = target(operation);
                WireResponse response = call(operation, target, token.getValue(), true);
                assertThat(response.status()).as("%s with a token %s: %s", operation.name(), token.getKey(),
                        response.body()).isEqualTo(401);
                COUNTS.count("http-bad-tokens", "refused-" + response.status());
            }
        }
    }

    @Test
    void eachPolicyReachesExactlyWhatItsRightsAllow() throws IOException {
        long later = Instant.now().getEpochSecond() + 3600;
        for (SharedAccessPolicy policy : emulator.hub().registry().policies()) {
            String token = SharedAccessSignature.create(policy.primaryKey(), "localhost", later, policy.name());
            for (Operation operation : OPERATIONS) {
                boolean allowed = policy.grants(operation.right());
                WireResponse response = call(operation, target(operation), token, !allowed);
                if (allowed) {
                    assertThat(response.status()).as("%s with policy %s: %s", operation.name(), policy.name(),
                            response.body()).isBetween(200, 299);
                    COUNTS.count("http-policies", "allowed");
                } else {
                    assertThat(response.status()).as("%s with policy %s: %s", operation.name(), policy.name(),
                            response.body()).isEqualTo(403);
                    COUNTS.count("http-policies", "refused-403");
                }
            }
        }
    }

    @Test
    void aDeviceConnectsOnlyWithATokenThatIsItsOwnOrFromAPolicyWithDeviceConnect() throws IOException {
        long later = Instant.now().getEpochSecond() + 3600;
        String own = SharedAccessSignature.create(deviceKey(A), "localhost/devices/" + A, later, null);
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("its own token", new Object[] {A, username(A), own, MqttConnectReturnCode.CONNECTION_ACCEPTED});
        cases.put("device policy", new Object[] {A, username(A), SharedAccessSignature.create(policy("device").primaryKey(),
                "localhost/devices/" + A, later, "device"), MqttConnectReturnCode.CONNECTION_ACCEPTED});
        cases.put("expired", new Object[] {A, username(A), SharedAccessSignature.create(deviceKey(A), "localhost/devices/" + A,
                Instant.now().getEpochSecond() - 60, null), MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        cases.put("forged", new Object[] {A, username(A), SharedAccessSignature.create(SharedAccessPolicy.newKey(),
                "localhost/devices/" + A, later, null), MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        cases.put("the other device's token", new Object[] {A, username(A), SharedAccessSignature.create(deviceKey(B),
                "localhost/devices/" + B, later, null), MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        cases.put("signed with the other device's key", new Object[] {A, username(A), SharedAccessSignature.create(deviceKey(B),
                "localhost/devices/" + A, later, null), MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        cases.put("own token as the other device", new Object[] {B, username(B), own,
                MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        cases.put("user name of the other device", new Object[] {A, username(B), own,
                MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD});
        cases.put("device policy scoped to the other device", new Object[] {A, username(A), SharedAccessSignature.create(
                policy("device").primaryKey(), "localhost/devices/" + B, later, "device"),
                MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        cases.put("service policy", new Object[] {A, username(A), SharedAccessSignature.create(policy("service").primaryKey(),
                "localhost/devices/" + A, later, "service"), MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        cases.put("registryRead policy", new Object[] {A, username(A), SharedAccessSignature.create(
                policy("registryRead").primaryKey(), "localhost/devices/" + A, later, "registryRead"),
                MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        cases.put("expiry moved after signing", new Object[] {A, username(A), own.replace("&se=" + later,
                "&se=" + (later + 100_000)), MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        cases.put("empty password", new Object[] {A, username(A), "",
                MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        cases.put("a module of the device", new Object[] {A + "/m1", "localhost/" + A + "/m1/?api-version=2021-04-12",
                own, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED});
        for (Map.Entry<String, Object[]> test : cases.entrySet()) {
            Object[] c = test.getValue();
            JsonObject before = HubState.of(emulator.hub());
            MqttConnectReturnCode code;
            try (RawMqttClient client = new RawMqttClient(emulator.clientSslContext(),
                    emulator.mqttPort())) {
                code = client.connect((String) c[0], (String) c[1], (String) c[2], 60);
            }
            assertThat(code).as("CONNECT with %s", test.getKey()).isEqualTo(c[3]);
            if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                assertThat(HubState.of(emulator.hub())).as("state after CONNECT with %s", test.getKey())
                        .isEqualTo(before);
                assertThat(emulator.hub().registry().get(TwinKey.device(B)).connectionState())
                        .isEqualTo(ConnectionState.DISCONNECTED);
            }
            COUNTS.count("mqtt-connect", code == MqttConnectReturnCode.CONNECTION_ACCEPTED ? "accepted" : "refused");
        }
    }

    /** Returns the device an operation hits: A, or a throwaway device for those that create or delete. */
    private static String target(Operation operation) {
        if (!operation.destroys()) {
            return A;
        }
        String victim = "victim-" + VICTIMS.incrementAndGet();
        emulator.hub().registry().createDevice(DeviceId.of(victim));
        return victim;
    }

    /** Sends an operation with an Authorization header; if it must be refused, checks that nothing changed. */
    private static WireResponse call(Operation operation, String device, String token, boolean refused)
            throws IOException {
        JsonObject before = HubState.of(emulator.hub());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", token);
        if (operation.method().equals("DELETE")) {
            headers.put("If-Match", "*");
        }
        String body = operation.body() == null ? null : operation.body().replace("%s", device);
        WireResponse response;
        try (RawTlsClient client = new RawTlsClient(emulator.clientSslContext(),
                emulator.httpsPort())) {
            client.send(WireRequests.format(operation.method(), operation.target().replace("%s", device) + API,
                    headers, body));
            response = client.readOne();
        }
        if (refused) {
            assertThat(HubState.of(emulator.hub())).as("state after a refused %s", operation.name())
                    .isEqualTo(before);
        }
        return response;
    }

    private static SharedAccessPolicy policy(String name) {
        return emulator.hub().registry().policy(name).orElseThrow();
    }

    private static String deviceKey(String device) {
        return emulator.hub().registry().getDevice(DeviceId.of(device)).authentication().symmetricKey()
                .primaryKey();
    }

    private static String username(String device) {
        return "localhost/" + device + "/?api-version=2021-04-12";
    }
}
