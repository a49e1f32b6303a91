package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.Subscription;
import io.twinkit.emulator.ThrottlingTier;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jobs routes of the service API over real TLS on loopback, with raw requests: the exact wire shapes, the SAS
 * rights each route needs, and hostile or wrong input, which always gets a clear 4xx with the service's error body.
 */
@Timeout(60)
class JobApiTest {

    private static final String API = "?api-version=2021-04-12";

    private final List<SdkEmulator> emulators = new ArrayList<>();
    private SdkEmulator emulator = start(HubOptions.defaults());

    @AfterEach
    void close() {
        emulators.forEach(SdkEmulator::close);
    }

    private SdkEmulator start(HubOptions options) {
        SdkEmulator started = SdkEmulator.start(options);
        emulators.add(started);
        IotHub hub = started.hub();
        for (int i = 1; i <= 3; i++) {
            hub.registry().createDevice(DeviceId.of("w" + i));
            hub.twins().update(TwinKey.device("w" + i), JsonValue.parseObject("{\"tags\":{\"site\":\"s\"}}"),
                    null);
        }
        return started;
    }

    private WireResponse request(String method, String target, @Nullable String body) throws IOException {
        return request(method, target, body, emulator.ownerToken(), Map.of());
    }

    private WireResponse request(String method, String target, @Nullable String body, String token,
                                 Map<String, String> extra) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", token);
        headers.putAll(extra);
        try (RawTlsClient client = emulator.rawClient()) {
            client.send(WireRequests.format(method, target, headers, body));
            return client.readOne();
        }
    }

    private static String twinJob(String jobId, String condition, String updateTwin, @Nullable String startTime) {
        return "{\"jobId\":\"" + jobId + "\",\"type\":\"scheduleUpdateTwin\",\"queryCondition\":\"" + condition
                + "\",\"updateTwin\":" + updateTwin + ",\"startTime\":"
                + (startTime == null ? "null" : "\"" + startTime + "\"") + ",\"maxExecutionTimeInSeconds\":120}";
    }

    private static String methodJob(String jobId, String cloudToDeviceMethod) {
        return "{\"jobId\":\"" + jobId + "\",\"type\":\"scheduleDeviceMethod\",\"queryCondition\":\"tags.site = 's'\","
                + "\"cloudToDeviceMethod\":" + cloudToDeviceMethod + ",\"startTime\":null,\"maxExecutionTimeInSeconds\":120}";
    }

    @Test
    void aMethodJobCallsEachSelectedDeviceAndItsRecordsHoldTheAnswers() throws Exception {
        IotHub hub = emulator.hub();
        List<String> calls = new ArrayList<>();
        try (Subscription w1 = hub.methods().register(TwinKey.device("w1"), (key, name, payload) -> {
                 synchronized (calls) {
                     calls.add(key + " " + name + " " + payload);
                 }
                 return CompletableFuture.completedFuture(new MethodResult(201, JsonValue.parse("{\"done\":true}")));
             });
             Subscription w3 = hub.methods().register(TwinKey.device("w3"), (key, name, payload) ->
                     CompletableFuture.completedFuture(new MethodResult(-7, JsonValue.of("refused"))))) {
            WireResponse put = request("PUT", "/jobs/v2/reboot" + API, methodJob("reboot", "{\"methodName\":"
                    + "\"reboot\",\"payload\":{\"delay\":5},\"responseTimeoutInSeconds\":10}"));
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.object().keys()).containsExactly("jobId", "type", "status", "queryCondition",
                    "cloudToDeviceMethod", "createdTime", "startTime", "maxExecutionTimeInSeconds",
                    "deviceJobStatistics");
            assertThat(put.object().get("type").orElseThrow().asString()).isEqualTo("scheduleDeviceMethod");
            assertThat(put.object().get("cloudToDeviceMethod").orElseThrow()).isEqualTo(JsonValue.parse(
                    "{\"methodName\":\"reboot\",\"payload\":{\"delay\":5},\"responseTimeoutInSeconds\":10,"
                    + "\"connectTimeoutInSeconds\":0}"));

            assertThat(hub.jobs().awaitFinished("reboot", Duration.ofSeconds(10)).isFinished()).isTrue();
            JsonObject done = request("GET", "/jobs/v2/reboot" + API, null).object();
            assertThat(done.get("status").orElseThrow().asString()).isEqualTo("completed");
            assertThat(done.get("deviceJobStatistics").orElseThrow()).isEqualTo(JsonValue.parse("{\"deviceCount\":3,"
                    + "\"failedCount\":1,\"succeededCount\":2,\"runningCount\":0,\"pendingCount\":0}"));
            assertThat(calls).containsExactly("w1 reboot {\"delay\":5}");
            String sql = "SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'reboot'";
            JsonArray rows = request("POST", "/devices/query" + API, "{\"query\":\"" + sql + "\"}").json().asArray();
            assertThat(rows).hasSize(3);
            Map<String, JsonObject> byDevice = new HashMap<>();
            rows.forEach(row -> byDevice.put(row.asObject().get("deviceId").orElseThrow().asString(), row.asObject()));
            assertThat(byDevice.get("w1").get("jobType").orElseThrow().asString()).isEqualTo("scheduleDeviceMethod");
            assertThat(byDevice.get("w1").get("status").orElseThrow().asString()).isEqualTo("completed");
            assertThat(byDevice.get("w1").get("outcome").orElseThrow()).isEqualTo(JsonValue.parse(
                    "{\"deviceMethodResponse\":{\"status\":201,\"payload\":{\"done\":true}}}"));
            assertThat(byDevice.get("w3").get("outcome").orElseThrow()).isEqualTo(JsonValue.parse(
                    "{\"deviceMethodResponse\":{\"status\":-7,\"payload\":\"refused\"}}"));
            assertThat(byDevice.get("w2").get("status").orElseThrow().asString()).isEqualTo("failed");
            assertThat(byDevice.get("w2").get("outcome").orElseThrow()).isEqualTo(JsonValue.parse(
                    "{\"deviceMethodResponse\":null}"));
            assertThat(byDevice.get("w2").get("error").orElseThrow().asObject().get("code").orElseThrow().asString())
                    .isEqualTo("DeviceNotOnline");
            assertThat(request("GET", "/jobs/v2/query" + API + "&jobType=scheduleDeviceMethod", null).json()
                    .asArray()).containsExactly(done);
            assertThat(request("GET", "/jobs/v2/query" + API + "&jobType=scheduleUpdateTwin", null).json()
                    .asArray()).isEmpty();
            assertThat(hub.twins().get(TwinKey.device("w1")).etag().orElseThrow().counter().getAsLong())
                    .as("a method job writes no twin").isEqualTo(2);
        }
    }

    @Test
    void putAnswersTheQueuedJobAndGetAndQueryAnswerItsProgressInTheServicesShape() throws Exception {
        WireResponse put = request("PUT", "/jobs/v2/wire-1" + API, twinJob("wire-1", "tags.site = 's'",
                "{\"etag\":\"*\",\"tags\":{\"v\":1},\"properties\":{\"desired\":{\"rate\":2},\"reported\":{}}}",
                Instant.now().toString()));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.headers().get("Content-Type")).startsWith("application/json");
        JsonObject job = put.object();
        assertThat(job.keys()).containsExactly("jobId", "type", "status", "queryCondition", "updateTwin",
                "createdTime", "startTime", "maxExecutionTimeInSeconds", "deviceJobStatistics");
        assertThat(job.get("status").orElseThrow().asString()).isEqualTo("queued");
        assertThat(job.get("type").orElseThrow().asString()).isEqualTo("scheduleUpdateTwin");
        assertThat(job.get("updateTwin").orElseThrow()).isEqualTo(JsonValue.parse(
                "{\"etag\":\"*\",\"tags\":{\"v\":1},\"properties\":{\"desired\":{\"rate\":2}}}"));
        assertThat(job.get("maxExecutionTimeInSeconds").orElseThrow().asNumber().longValue()).isEqualTo(120);
        assertThat(job.get("deviceJobStatistics").orElseThrow()).isEqualTo(JsonValue.parse("{\"deviceCount\":0,"
                + "\"failedCount\":0,\"succeededCount\":0,\"runningCount\":0,\"pendingCount\":0}"));

        emulator.hub().jobs().awaitFinished("wire-1", Duration.ofSeconds(10));
        JsonObject done = request("GET", "/jobs/v2/wire-1" + API, null).object();
        assertThat(done.get("status").orElseThrow().asString()).isEqualTo("completed");
        assertThat(done.keys()).contains("endTime");
        assertThat(done.get("deviceJobStatistics").orElseThrow().asObject().get("succeededCount").orElseThrow()
                .asNumber().longValue()).isEqualTo(3);
        assertThat(emulator.hub().twins().get(TwinKey.device("w2")).desired().properties().toJson())
                .isEqualTo(JsonValue.parseObject("{\"rate\":2}"));

        WireResponse listed = request("GET", "/jobs/v2/query" + API + "&jobType=scheduleUpdateTwin"
                + "&jobStatus=completed", null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.headers().get("x-ms-item-type")).isEqualTo("jobResponse");
        assertThat(listed.headers().contains("x-ms-continuation")).isFalse();
        assertThat(listed.json().asArray()).containsExactly(done);
        assertThat(request("GET", "/jobs/v2/query" + API + "&jobStatus=enqueued", null).json().asArray()).isEmpty();
    }

    @Test
    void theJobListingPagesWithTheQueryRoutesHeaders() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertThat(request("PUT", "/jobs/v2/page-" + i + API, twinJob("page-" + i, "tags.site = 's'",
                    "{\"etag\":\"*\",\"tags\":{\"p\":" + i + "}}", null)).status()).isEqualTo(200);
        }
        List<String> ids = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String continuation = null;
        do {
            Map<String, String> headers = new HashMap<>(Map.of("x-ms-max-item-count", "2"));
            if (continuation != null) {
                headers.put("x-ms-continuation", continuation);
            }
            WireResponse page = request("GET", "/jobs/v2/query" + API, null, emulator.ownerToken(), headers);
            JsonArray jobs = page.json().asArray();
            sizes.add(jobs.size());
            jobs.forEach(job -> ids.add(job.asObject().get("jobId").orElseThrow().asString()));
            continuation = page.headers().get("x-ms-continuation");
        } while (continuation != null);
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(ids).containsExactly("page-1", "page-2", "page-3", "page-4", "page-5");
        request("GET", "/jobs/v2/query" + API + "&continuationToken=garbage", null).assertError(400, 400004);
    }

    @Test
    void cancelAnswersTheCancelledJob() throws Exception {
        String future = Instant.now().plus(Duration.ofHours(1)).toString();
        request("PUT", "/jobs/v2/to-cancel" + API, twinJob("to-cancel", "tags.site = 's'",
                "{\"etag\":\"*\",\"tags\":{\"v\":1}}", future));
        WireResponse cancelled = request("POST", "/jobs/v2/to-cancel/cancel" + API, "{}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.object().get("status").orElseThrow().asString()).isEqualTo("cancelled");
        assertThat(request("GET", "/jobs/v2/query" + API + "&jobStatus=cancelled", null).json().asArray())
                .hasSize(1);
    }

    @Test
    void devicesJobsThroughTheQueryRouteAreDeviceJobItems() throws Exception {
        request("PUT", "/jobs/v2/rows" + API, twinJob("rows", "tags.site = 's'", "{\"etag\":\"*\",\"tags\":{\"v\":1}}",
                null));
        emulator.hub().jobs().awaitFinished("rows", Duration.ofSeconds(10));
        String sql = "SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'rows' and devices.jobs.jobType ="
                + " 'scheduleUpdateTwin'";
        WireResponse page = request("POST", "/devices/query" + API, "{\"query\":\"" + sql + "\"}",
                emulator.ownerToken(), Map.of("x-ms-max-item-count", "2"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("x-ms-item-type")).isEqualTo("deviceJob");
        assertThat(page.headers().contains("x-ms-continuation")).isTrue();
        JsonObject row = page.json().asArray().get(0).asObject();
        assertThat(row.get("deviceId").orElseThrow().asString()).isEqualTo("w1");
        assertThat(row.get("jobId").orElseThrow().asString()).isEqualTo("rows");
        assertThat(row.get("jobType").orElseThrow().asString()).isEqualTo("scheduleUpdateTwin");
        assertThat(row.get("status").orElseThrow().asString()).isEqualTo("completed");
    }

    @Test
    void hostileOrWrongRequestsGetTheServicesErrorsAndChangeNothing() throws Exception {
        String update = "{\"etag\":\"*\",\"tags\":{\"v\":1}}";
        request("PUT", "/jobs/v2/bad" + API, "{not json").assertError(400, 400006);
        request("PUT", "/jobs/v2/bad" + API, "[1,2]").assertError(400, 400006);
        request("PUT", "/jobs/v2/bad" + API, "").assertError(400, 400006);
        assertThat(request("PUT", "/jobs/v2/bad" + API, "{\"type\":\"scheduleDeviceMethod\",\"queryCondition\":"
                + "\"deviceId = 'w1'\"}").assertError(400, 400004)).contains("cloudToDeviceMethod");
        assertThat(request("PUT", "/jobs/v2/bad" + API, methodJob("bad", "{\"methodName\":\"re boot\"}"))
                .assertError(400, 400004)).contains("cloudToDeviceMethod").contains("methodName");
        assertThat(request("PUT", "/jobs/v2/bad" + API, methodJob("bad", "{\"methodName\":\"reboot\","
                + "\"responseTimeoutInSeconds\":0}")).assertError(400, 400004)).contains("responseTimeoutInSeconds");
        request("PUT", "/jobs/v2/bad" + API, methodJob("bad", "{\"methodName\":\"reboot\","
                + "\"connectTimeoutInSeconds\":\"5\"}")).assertError(400, 400004);
        request("PUT", "/jobs/v2/bad" + API, methodJob("bad", "[\"reboot\"]")).assertError(400, 400004);
        assertThat(request("PUT", "/jobs/v2/bad" + API, "{\"type\":\"scheduleTwinUpdate\"}").assertError(400,
                400000)).contains("scheduleTwinUpdate");
        request("PUT", "/jobs/v2/bad" + API, "{\"type\":5}").assertError(400, 400004);
        assertThat(request("PUT", "/jobs/v2/query" + API, twinJob("query", "tags.site = 's'", update, null))
                .assertError(400, 400004)).contains("job listing");
        request("PUT", "/jobs/v2/bad" + API, twinJob("other", "tags.site = 's'", update, null))
                .assertError(400, 400004);
        request("PUT", "/jobs/v2/bad_id" + API, twinJob("bad_id", "tags.site = 's'", update, null))
                .assertError(400, 400004);
        String longId = "a".repeat(65);
        request("PUT", "/jobs/v2/" + longId + API, twinJob(longId, "tags.site = 's'", update, null))
                .assertError(400, 400004);
        assertThat(request("PUT", "/jobs/v2/bad" + API, twinJob("bad", "tags.site = = 's'", update, null))
                .assertError(400, 400004)).contains("queryCondition");
        request("PUT", "/jobs/v2/bad" + API, twinJob("bad", "", update, null)).assertError(400, 400004);
        request("PUT", "/jobs/v2/bad" + API, twinJob("bad", "tags.site = 's'", "{\"tags\":{\"v\":1}}", null))
                .assertError(400, 400004);
        request("PUT", "/jobs/v2/bad" + API, twinJob("bad", "tags.site = 's'", "{\"etag\":\"*\",\"desired\":{}}",
                null)).assertError(400, 400004);
        request("PUT", "/jobs/v2/bad" + API, twinJob("bad", "tags.site = 's'",
                "{\"etag\":\"*\",\"properties\":{\"reported\":{\"r\":1}}}", null)).assertError(400, 400004);
        request("PUT", "/jobs/v2/bad" + API, twinJob("bad", "tags.site = 's'",
                "{\"etag\":\"*\",\"tags\":{\"a b\":1}}", null)).assertError(400, 400004);
        request("PUT", "/jobs/v2/bad" + API, twinJob("bad", "tags.site = 's'", update, "yesterday"))
                .assertError(400, 400004);
        request("PUT", "/jobs/v2/bad" + API, "{\"type\":\"scheduleUpdateTwin\",\"queryCondition\":\"deviceId ="
                + " 'w1'\",\"updateTwin\":" + update + ",\"maxExecutionTimeInSeconds\":-1}").assertError(400, 400004);
        request("PUT", "/jobs/v2/bad" + API, "{\"type\":\"scheduleUpdateTwin\",\"queryCondition\":\"deviceId ="
                + " 'w1'\",\"updateTwin\":" + update + ",\"maxExecutionTimeInSeconds\":1.5}").assertError(400, 400004);
        String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
        request("PUT", "/jobs/v2/bad" + API, twinJob("bad", "tags.site = 's'", "{\"etag\":\"*\",\"tags\":" + deep
                + "}", null)).assertError(400, 400004);
        assertThat(emulator.hub().jobs().list()).isEmpty();

        request("GET", "/jobs/v2/missing" + API, null).assertError(404, 404002);
        request("POST", "/jobs/v2/missing/cancel" + API, "{}").assertError(404, 404002);
        request("GET", "/jobs/v2/" + "%E2%9C%93" + API, null).assertError(404, 404002);
        request("DELETE", "/jobs/v2/any" + API, null).assertError(405, 405);
        request("GET", "/jobs/v2/any/cancel" + API, null).assertError(405, 405);
        request("GET", "/jobs/v2/a/b/c" + API, null).assertError(404, 404);
        request("GET", "/jobs/v2/query" + API + "&jobStatus=sleeping", null).assertError(400, 400004);
        request("GET", "/jobs/v2/query" + API + "&jobType=reboot", null).assertError(400, 400004);
        request("GET", "/jobs/v2/query" + API, null, emulator.ownerToken(), Map.of("x-ms-max-item-count", "lots"))
                .assertError(400, 400004);

        assertThat(request("PUT", "/jobs/v2/twice" + API, twinJob("twice", "tags.site = 's'", update, null))
                .status()).isEqualTo(200);
        request("PUT", "/jobs/v2/twice" + API, twinJob("twice", "tags.site = 's'", update, null))
                .assertError(409, 409104);
    }

    @Test
    void startTimesAtTheEndsOfTimeAreAJobQueuedForeverOrDueAtOnce() throws Exception {
        String update = "{\"etag\":\"*\",\"tags\":{\"v\":1}}";
        WireResponse never = request("PUT", "/jobs/v2/far" + API, twinJob("far", "tags.site = 's'", update,
                "+1000000000-12-31T23:59:59.999999999Z"));
        assertThat(never.status()).isEqualTo(200);
        assertThat(never.object().get("status").orElseThrow().asString()).isEqualTo("queued");
        assertThat(request("GET", "/jobs/v2/far" + API, null).object().get("status").orElseThrow().asString())
                .isEqualTo("queued");
        WireResponse past = request("PUT", "/jobs/v2/past" + API, twinJob("past", "tags.site = 's'", update,
                "-1000000000-01-01T00:00:00Z"));
        assertThat(past.status()).isEqualTo(200);
        assertThat(emulator.hub().jobs().awaitFinished("past", Duration.ofSeconds(10)).statistics()
                .succeededCount()).isEqualTo(3);
        request("PUT", "/jobs/v2/huge" + API, "{\"type\":\"scheduleUpdateTwin\",\"queryCondition\":\"x = 1\","
                + "\"updateTwin\":" + update + ",\"maxExecutionTimeInSeconds\":9223372036854775807}")
                .assertError(400, 400004);
    }

    @Test
    void theActiveJobLimitOfTheTierIs429004() throws Exception {
        emulator = start(HubOptions.builder().throttling(ThrottlingTier.S1, 1).build());
        String future = Instant.now().plus(Duration.ofHours(1)).toString();
        String update = "{\"etag\":\"*\",\"tags\":{\"v\":1}}";
        assertThat(request("PUT", "/jobs/v2/one" + API, twinJob("one", "tags.site = 's'", update, future)).status())
                .isEqualTo(200);
        assertThat(request("PUT", "/jobs/v2/two" + API, twinJob("two", "tags.site = 's'", update, future))
                .assertError(429, 429004)).contains("(1)");
    }

    @Test
    void schedulingAndCancellingNeedRegistryWriteReadingNeedsRegistryRead() throws Exception {
        String update = "{\"etag\":\"*\",\"tags\":{\"v\":1}}";
        long expiry = Instant.now().getEpochSecond() + 3600;
        String service = emulator.policyToken("service", expiry);
        String registryRead = emulator.policyToken("registryRead", expiry);
        String registryReadWrite = emulator.policyToken("registryReadWrite", expiry);
        String body = twinJob("rights", "tags.site = 's'", update, Instant.now().plusSeconds(3600).toString());

        request("PUT", "/jobs/v2/rights" + API, body, service, Map.of()).assertError(403, 401002);
        request("PUT", "/jobs/v2/rights" + API, body, registryRead, Map.of()).assertError(403, 401002);
        assertThat(request("PUT", "/jobs/v2/rights" + API, body, registryReadWrite, Map.of()).status())
                .isEqualTo(200);
        request("GET", "/jobs/v2/rights" + API, null, service, Map.of()).assertError(403, 401002);
        assertThat(request("GET", "/jobs/v2/rights" + API, null, registryRead, Map.of()).status()).isEqualTo(200);
        assertThat(request("GET", "/jobs/v2/query" + API, null, registryRead, Map.of()).status()).isEqualTo(200);
        request("POST", "/jobs/v2/rights/cancel" + API, "{}", registryRead, Map.of()).assertError(403, 401002);
        request("GET", "/jobs/v2/rights" + API, null, "SharedAccessSignature sr=x&sig=y&se=1&skn=z", Map.of())
                .assertError(401, 401002);
        request("GET", "/jobs/v2/nowhere/x/y" + API, null, "garbage", Map.of()).assertError(401, 401002);
        // a token scoped to one device does not reach the hub-wide jobs
        String deviceScoped = SharedAccessSignature.create(emulator.hub().registry().policy("iothubowner")
                .orElseThrow().primaryKey(), "localhost/devices/w1", expiry, "iothubowner");
        request("GET", "/jobs/v2/rights" + API, null, deviceScoped, Map.of()).assertError(401, 401002);
        assertThat(request("POST", "/jobs/v2/rights/cancel" + API, "{}", registryReadWrite, Map.of()).object()
                .get("status").orElseThrow().asString()).isEqualTo("cancelled");
    }
}
