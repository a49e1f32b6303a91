package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.Subscription;
import io.twinkit.emulator.internal.hub.HubMethods;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The direct method routes of the service API ({@code POST /twins/{id}[/modules/{mid}]/methods}) over real TLS on
 * loopback, with raw requests and in-process devices: the exact wire shapes of answers and errors, hostile input,
 * and the SAS scope and rights, checked against the twin routes' for the same tokens.
 */
@Timeout(60)
class MethodApiTest {

    private static final String API = "?api-version=2021-04-12";

    private final SdkEmulator emulator = SdkEmulator.start();
    private final IotHub hub = emulator.hub();
    private final List<Subscription> devices = new ArrayList<>();
    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();

    MethodApiTest() {
        hub.registry().createDevice(DeviceId.of("d1"));
        hub.registry().createDevice(DeviceId.of("d2"));
        hub.registry().createDevice(DeviceId.of("dev#1"));
        hub.registry().createModule(DeviceId.of("d1"), ModuleId.of("m1"));
    }

    @AfterEach
    void close() {
        devices.forEach(Subscription::close);
        emulator.close();
    }

    /** Takes {@code key} online: it answers with status 200 and {@code {"key":…,"method":…,"payload":…}}. */
    private void online(TwinKey key) {
        devices.add(hub.methods().register(key, (device, name, payload) -> {
            calls.add(device + " " + name + " " + payload);
            return CompletableFuture.completedFuture(new MethodResult(200, JsonObject.builder()
                    .put("key", JsonValue.of(device.toString())).put("method", JsonValue.of(name))
                    .put("payload", payload).build()));
        }));
    }

    private WireResponse post(String target, @Nullable String body) throws IOException {
        return request("POST", target, body, emulator.ownerToken(), 5_000);
    }

    private WireResponse request(String method, String target, @Nullable String body, @Nullable String token,
                                 int timeoutMillis) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", token);
        }
        try (RawTlsClient client = emulator.rawClient()) {
            client.readTimeout(timeoutMillis).send(WireRequests.format(method, target, headers, body));
            return client.readOne();
        }
    }

    /**
     * Asserts a direct method error in the service's shape and returns its inner object: {@code Message} holds the
     * JSON text of {@code {"errorCode":…,"trackingId":"…-G:0-TimeStamp:…","message":…,"info":{…},
     * "timestampUtc":…}}, {@code ExceptionMessage} is empty, {@code iothub-errorcode} names the code.
     */
    private static JsonObject nestedError(WireResponse response, int status, int errorCode, String name) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("Content-Type")).startsWith("application/json");
        assertThat(response.headers().get("iothub-errorcode")).isEqualTo(name);
        JsonObject body = response.object();
        assertThat(body.keys()).containsExactly("Message", "ExceptionMessage");
        assertThat(body.get("ExceptionMessage").orElseThrow().asString()).isEmpty();
        JsonObject inner = JsonValue.parseObject(body.get("Message").orElseThrow().asString());
        assertThat(inner.keys()).containsExactly("errorCode", "trackingId", "message", "info", "timestampUtc");
        assertThat(inner.get("errorCode").orElseThrow().asNumber().longValue()).isEqualTo(errorCode);
        assertThat(inner.get("trackingId").orElseThrow().asString())
                .matches("[0-9a-f]{32}-G:0-TimeStamp:\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}");
        assertThat(Instant.parse(inner.get("timestampUtc").orElseThrow().asString())).isNotNull();
        assertThat(inner.get("message").orElseThrow().asString()).isNotBlank().doesNotContain("\tat ");
        return inner;
    }

    @Test
    void aCallIsAnswered200WithTheDevicesStatusAndPayload() throws Exception {
        online(TwinKey.device("d1"));
        WireResponse response = post("/twins/d1/methods" + API, "{\"methodName\":\"reboot\",\"payload\":{\"in\":1},"
                + "\"responseTimeoutInSeconds\":200,\"connectTimeoutInSeconds\":200}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"status\":200,\"payload\":{\"key\":\"d1\",\"method\":\"reboot\","
                + "\"payload\":{\"in\":1}}}");
        assertThat(calls.take()).isEqualTo("d1 reboot {\"in\":1}");

        // no payload member: the device gets null; a trailing slash and no api-version are served alike
        assertThat(post("/twins/d1/methods/", "{\"methodName\":\"m\"}").object().get("payload").orElseThrow()
                .asObject().get("payload").orElseThrow().isNull()).isTrue();
    }

    @Test
    void aModuleAndAnIdThatNeedsEncodingAreCalledByTheirPaths() throws Exception {
        online(TwinKey.module("d1", "m1"));
        online(TwinKey.device("dev#1"));
        assertThat(post("/twins/d1/modules/m1/methods" + API, "{\"methodName\":\"m\",\"payload\":\"x\"}").object()
                .get("payload").orElseThrow().asObject().get("key").orElseThrow().asString()).isEqualTo("d1/m1");
        assertThat(post("/twins/dev%231/methods" + API, "{\"methodName\":\"m\"}").status()).isEqualTo(200);
        nestedError(post("/twins/d1/methods" + API, "{\"methodName\":\"m\"}"), 404, 404103, "DeviceNotOnline");
    }

    @Test
    void aDeviceNotOnlineIs404103WithTheConnectTimeoutInItsInfo() throws Exception {
        JsonObject inner = nestedError(post("/twins/d1/methods" + API, "{\"methodName\":\"m\"}"), 404, 404103,
                "DeviceNotOnline");
        assertThat(inner.get("message").orElseThrow().asString()).startsWith("Timed out waiting for device to connect.");
        assertThat(inner.get("info").orElseThrow()).isEqualTo(JsonValue.parse("{\"timeout\":\"00:00:00\"}"));
        JsonObject waited = nestedError(post("/twins/d1/methods" + API, "{\"methodName\":\"m\","
                + "\"connectTimeoutInSeconds\":1}"), 404, 404103, "DeviceNotOnline");
        assertThat(waited.get("info").orElseThrow()).isEqualTo(JsonValue.parse("{\"timeout\":\"00:00:01\"}"));
        nestedError(post("/twins/nobody/methods" + API, "{\"methodName\":\"m\"}"), 404, 404001, "DeviceNotFound");
        nestedError(post("/twins/d1/modules/none/methods" + API, "{\"methodName\":\"m\"}"), 404, 404010,
                "ModuleNotFound");
        nestedError(post("/twins/nobody/modules/none/methods" + API, "{\"methodName\":\"m\"}"), 404, 404001,
                "DeviceNotFound");
    }

    @Test
    void aCallWaitsForTheDeviceWithinItsConnectTimeout() throws Exception {
        try (RawTlsClient client = emulator.rawClient()) {
            client.send(WireRequests.format("POST", "/twins/d2/methods" + API, Map.of("Authorization",
                    emulator.ownerToken()), "{\"methodName\":\"late\",\"connectTimeoutInSeconds\":30}"));
            // the call waits in the hub for its device; then the device comes online
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!pendingFor() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(pendingFor()).as("the call waits for its device").isTrue();
            online(TwinKey.device("d2"));
            WireResponse response = client.readOne();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.object().get("payload").orElseThrow().asObject().get("method").orElseThrow()
                    .asString()).isEqualTo("late");
        }
    }

    /** Returns whether the hub holds a call waiting for its device (the request above has arrived). */
    private boolean pendingFor() {
        return ((HubMethods) hub.methods()).pendingCalls() > 0;
    }

    @Test
    void aCallerThatClosesItsConnectionAbandonsItsCall() throws Exception {
        BlockingQueue<CompletableFuture<MethodResult>> held = new LinkedBlockingQueue<>();
        devices.add(hub.methods().register(TwinKey.device("d1"), (key, name, payload) -> {
            CompletableFuture<MethodResult> answer = new CompletableFuture<>();
            held.add(answer);
            return answer;
        }));
        try (RawTlsClient client = emulator.rawClient()) {
            client.send(WireRequests.format("POST", "/twins/d1/methods" + API, Map.of("Authorization",
                    emulator.ownerToken()), "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":300}"));
            CompletableFuture<MethodResult> answer = held.poll(10, TimeUnit.SECONDS);
            assertThat(answer).as("the call reached the device").isNotNull();
            assertThat(pendingFor()).isTrue();
            client.close();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((pendingFor() || !answer.isCancelled()) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(answer).as("the device's pending answer is cancelled").isCancelled();
            assertThat(pendingFor()).as("the call gave its place back").isFalse();
        }
    }

    @Test
    void aRequestPipelinedBehindAWaitingCallIsAnsweredAfterIt() throws Exception {
        BlockingQueue<CompletableFuture<MethodResult>> held = new LinkedBlockingQueue<>();
        devices.add(hub.methods().register(TwinKey.device("d1"), (key, name, payload) -> {
            CompletableFuture<MethodResult> answer = new CompletableFuture<>();
            held.add(answer);
            return answer;
        }));
        Map<String, String> auth = Map.of("Authorization", emulator.ownerToken());
        try (RawTlsClient client = emulator.rawClient()) {
            client.send(WireRequests.format("POST", "/twins/d1/methods" + API, auth, "{\"methodName\":\"m\"}")
                    + WireRequests.format("GET", "/twins/d1" + API, auth, null));
            CompletableFuture<MethodResult> answer = held.poll(10, TimeUnit.SECONDS);
            assertThat(answer).isNotNull();
            answer.complete(MethodResult.of(200));
            List<WireResponse> responses = client.read(2);
            assertThat(responses.get(0).body()).isEqualTo("{\"status\":200,\"payload\":null}");
            assertThat(responses.get(1).object().get("deviceId").orElseThrow().asString()).isEqualTo("d1");
        }
    }

    @Test
    void noAnswerWithinTheResponseTimeoutIs504101() throws Exception {
        devices.add(hub.methods().register(TwinKey.device("d1"), (key, name, payload) -> new CompletableFuture<>()));
        JsonObject inner = nestedError(request("POST", "/twins/d1/methods" + API, "{\"methodName\":\"m\","
                + "\"responseTimeoutInSeconds\":5}", emulator.ownerToken(), 20_000), 504, 504101, "GatewayTimeout");
        assertThat(inner.get("message").orElseThrow().asString())
                .startsWith("Timed out waiting for the response from device.");
        assertThat(inner.get("info").orElseThrow()).isEqualTo(JsonObject.empty());
    }

    @Test
    void hostileOrWrongRequestsGetAClear4xxAndReachNoDevice() throws Exception {
        online(TwinKey.device("d1"));
        String target = "/twins/d1/methods" + API;
        nestedError(post(target, "{not json"), 400, 400006, "IotHubFormatError");
        nestedError(post(target, "[\"m\"]"), 400, 400006, "IotHubFormatError");
        nestedError(post(target, ""), 400, 400006, "IotHubFormatError");
        nestedError(post(target, "{\"methodName\":\"m\",\"methodName\":\"n\"}"), 400, 400006, "IotHubFormatError");
        for (String body : List.of("{}", "{\"methodName\":5}", "{\"methodName\":\"\"}", "{\"methodName\":\"a/b\"}",
                "{\"methodName\":\"a b\"}", "{\"methodName\":\"#\"}", "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":4}",
                "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":301}",
                "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":\"30\"}",
                "{\"methodName\":\"m\",\"connectTimeoutInSeconds\":-1}",
                "{\"methodName\":\"m\",\"connectTimeoutInSeconds\":301}",
                "{\"methodName\":\"m\",\"payload\":\"" + "x".repeat(128 * 1024) + "\"}")) {
            assertThat(nestedError(post(target, body), 400, 400004, "ArgumentInvalid").get("message").orElseThrow()
                    .asString()).as(body.length() > 200 ? "a payload over 128 KB" : body).contains("(at '");
        }
        // over the emulator's 256 KiB body limit: refused before it is read, in the twin routes' shape
        post(target, "{\"methodName\":\"m\",\"payload\":\"" + "x".repeat(300 * 1024) + "\"}").assertError(413, 413001);
        request("GET", target, null, emulator.ownerToken(), 5_000).assertError(405, 405);
        request("PUT", target, "{}", emulator.ownerToken(), 5_000).assertError(405, 405);
        request("DELETE", "/twins/d1/modules/m1/methods" + API, null, emulator.ownerToken(), 5_000)
                .assertError(405, 405);
        post("/twins/d1/methods/extra" + API, "{\"methodName\":\"m\"}").assertError(404, 404);
        post("/twins/d1/modules/methods" + API, "{\"methodName\":\"m\"}").assertError(405, 405);
        post("/twins/caf%C3%A9/methods" + API, "{\"methodName\":\"m\"}").assertError(400, 400004);
        assertThat(calls).as("no call reached the device").isEmpty();
        assertThat(post(target, "{\"methodName\":\"m\"}").status()).as("the device is still reachable").isEqualTo(200);
    }

    @Test
    void theScopeAndRightsOfATokenAreThoseOfTheTwinRoutes() throws Exception {
        online(TwinKey.device("d1"));
        online(TwinKey.device("d2"));
        online(TwinKey.module("d1", "m1"));
        online(TwinKey.device("dev#1"));
        long expiry = Instant.now().getEpochSecond() + 3600;
        String ownerKey = hub.registry().policy("iothubowner").orElseThrow().primaryKey();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("owner", emulator.policyToken("iothubowner", expiry));
        tokens.put("service", emulator.policyToken("service", expiry));
        tokens.put("registryRead", emulator.policyToken("registryRead", expiry));
        tokens.put("registryReadWrite", emulator.policyToken("registryReadWrite", expiry));
        tokens.put("device policy", emulator.policyToken("device", expiry));
        tokens.put("scoped d1", SharedAccessSignature.create(ownerKey, "localhost/devices/d1", expiry, "iothubowner"));
        tokens.put("scoped D1", SharedAccessSignature.create(ownerKey, "localhost/devices/D1", expiry, "iothubowner"));
        tokens.put("scoped d1/m1", SharedAccessSignature.create(ownerKey, "localhost/devices/d1/modules/m1", expiry,
                "iothubowner"));
        tokens.put("scoped dev#1 encoded", SharedAccessSignature.create(ownerKey, "localhost/devices/dev%231",
                expiry, "iothubowner"));
        tokens.put("scoped dev#1 raw", SharedAccessSignature.create(ownerKey, "localhost/devices/dev#1", expiry,
                "iothubowner"));
        tokens.put("LOCALHOST", SharedAccessSignature.create(ownerKey, "LOCALHOST", expiry, "iothubowner"));
        tokens.put("another host", SharedAccessSignature.create(ownerKey, "elsewhere.example", expiry,
                "iothubowner"));
        tokens.put("expired", emulator.policyToken("iothubowner", Instant.now().getEpochSecond() - 10));
        tokens.put("device key", SharedAccessSignature.create(hub.registry().get(TwinKey.device("d1"))
                .authentication().symmetricKey().primaryKey(), "localhost/devices/d1", expiry, null));
        tokens.put("garbage", "SharedAccessSignature sr=x&sig=y&se=1&skn=z");
        tokens.put("none", null);
        List<String> paths = List.of("/twins/d1", "/twins/d2", "/twins/d1/modules/m1", "/twins/dev%231");
        int granted = 0;
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            for (String path : paths) {
                WireResponse twin = request("GET", path + API, null, token.getValue(), 5_000);
                WireResponse method = request("POST", path + "/methods" + API, "{\"methodName\":\"m\"}",
                        token.getValue(), 5_000);
                assertThat(method.status()).as("%s on %s (the twin route answered %s)", token.getKey(), path,
                        twin.status()).isEqualTo(twin.status());
                if (twin.status() == 200) {
                    granted++;
                } else {
                    method.assertError(twin.status(), 401002);
                }
            }
        }
        assertThat(granted).as("some tokens pass").isGreaterThan(8);
        assertThat(calls).hasSize(granted);
    }
}
