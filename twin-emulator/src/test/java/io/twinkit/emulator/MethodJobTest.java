package io.twinkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.QueryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled method jobs ({@code scheduleDeviceMethod}) of the in-process hub: each selected device called through the
 * hub's direct methods, its answer or error in its {@code devices.jobs} record, no twin written; groups of calls in
 * flight and cancelling or expiring the job meanwhile; the job and its records across a restart.
 */
@Timeout(60)
class MethodJobTest {

    private static final CloudToDeviceMethod REBOOT = CloudToDeviceMethod.of("reboot", JsonValue.parse("{\"delay\":5}"));

    @TempDir
    Path directory;

    private final List<IotHub> hubs = new ArrayList<>();
    private final List<Subscription> online = new ArrayList<>();

    @AfterEach
    void close() {
        online.forEach(Subscription::close);
        hubs.forEach(IotHub::close);
    }

    private IotHub open(HubOptions options) {
        IotHub hub = IotHub.create(options);
        hubs.add(hub);
        return hub;
    }

    private static List<TwinKey> devices(IotHub hub, int count) {
        List<TwinKey> keys = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            TwinKey key = TwinKey.device(String.format("d-%03d", i));
            hub.registry().createDevice(key.deviceId());
            hub.twins().update(key, JsonValue.parseObject("{\"tags\":{\"site\":\"s\"}}"), null);
            keys.add(key);
        }
        return keys;
    }

    /** Returns the device job records of {@code jobId}, by device id. */
    private static Map<String, JsonObject> records(IotHub hub, String jobId) {
        Map<String, JsonObject> records = new LinkedHashMap<>();
        for (JsonObject row : hub.queries().query("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = '" + jobId
                + "'", QueryOptions.ofPageSize(QueryOptions.MAX_PAGE_SIZE)).items()) {
            records.put(row.valueOrNull("deviceId").asString(), row);
        }
        return records;
    }

    @Test
    void eachDeviceIsCalledAndItsRecordHoldsItsAnswerOrItsError() throws Exception {
        IotHub hub = open(HubOptions.defaults());
        List<TwinKey> keys = devices(hub, 3);
        Map<TwinKey, TwinDocument> before = new LinkedHashMap<>();
        keys.forEach(key -> before.put(key, hub.twins().get(key)));
        List<String> calls = new ArrayList<>();
        online.add(hub.methods().register(keys.get(0), (key, name, payload) -> {
            synchronized (calls) {
                calls.add(key + " " + name + " " + payload);
            }
            return CompletableFuture.completedFuture(new MethodResult(200, JsonObject.of("ok", JsonValue.of(true))));
        }));
        online.add(hub.methods().register(keys.get(2), (key, name, payload) ->
                CompletableFuture.completedFuture(new MethodResult(500, JsonNull.INSTANCE))));

        HubJob scheduled = hub.jobs().schedule(JobRequest.deviceMethod("reboot", "tags.site = 's'", REBOOT).build());
        assertThat(scheduled.type()).isEqualTo(JobType.SCHEDULE_DEVICE_METHOD);
        assertThat(scheduled.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(scheduled.cloudToDeviceMethod()).isEqualTo(REBOOT);
        assertThat(scheduled.deviceMethod()).contains(REBOOT);
        assertThat(scheduled.updateTwin()).isEqualTo(JsonObject.empty());
        assertThat(scheduled.toJson().keys()).contains("cloudToDeviceMethod").doesNotContain("updateTwin");

        HubJob done = hub.jobs().awaitFinished("reboot", Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.statistics()).isEqualTo(new DeviceJobStatistics(3, 2, 1, 0, 0));
        assertThat(calls).containsExactly("d-001 reboot {\"delay\":5}");
        Map<String, JsonObject> records = records(hub, "reboot");
        assertThat(records.keySet()).containsExactly("d-001", "d-002", "d-003");
        assertThat(records.get("d-001").valueOrNull("jobType")).isEqualTo(JsonValue.of("scheduleDeviceMethod"));
        assertThat(records.get("d-001").valueOrNull("status")).isEqualTo(JsonValue.of("completed"));
        assertThat(records.get("d-001").valueOrNull("outcome")).isEqualTo(JsonValue.parse(
                "{\"deviceMethodResponse\":{\"status\":200,\"payload\":{\"ok\":true}}}"));
        assertThat(records.get("d-003").valueOrNull("status")).as("an answer is a completed device, whatever its"
                + " status").isEqualTo(JsonValue.of("completed"));
        assertThat(records.get("d-003").valueOrNull("outcome")).isEqualTo(JsonValue.parse(
                "{\"deviceMethodResponse\":{\"status\":500,\"payload\":null}}"));
        assertThat(records.get("d-002").valueOrNull("status")).isEqualTo(JsonValue.of("failed"));
        assertThat(records.get("d-002").valueOrNull("error").asObject().valueOrNull("code"))
                .isEqualTo(JsonValue.of("DeviceNotOnline"));
        assertThat(records.get("d-002").valueOrNull("outcome")).isEqualTo(JsonValue.parse(
                "{\"deviceMethodResponse\":null}"));
        assertThat(hub.queries().query("SELECT * FROM devices.jobs WHERE devices.jobs.jobType ="
                + " 'scheduleDeviceMethod' AND devices.jobs.outcome.deviceMethodResponse.status = 500").items())
                .hasSize(1);
        before.forEach((key, twin) -> assertThat(hub.twins().get(key)).as("no twin written").isEqualTo(twin));
        assertThat(hub.jobs().query(JobType.SCHEDULE_DEVICE_METHOD, null, QueryOptions.defaults()).jobs())
                .containsExactly(done);
        assertThat(hub.jobs().query(JobType.SCHEDULE_UPDATE_TWIN, null, QueryOptions.defaults()).jobs()).isEmpty();
    }

    @Test
    void aDeviceThatComesOnlineWithinTheConnectTimeoutIsCalled() throws Exception {
        IotHub hub = open(HubOptions.defaults());
        TwinKey key = devices(hub, 1).get(0);
        hub.jobs().schedule(JobRequest.deviceMethod("patient", "*", REBOOT.withTimeouts(Duration.ofSeconds(30),
                Duration.ofSeconds(30))).build());
        assertThat(hub.jobs().get("patient").status()).isEqualTo(JobStatus.RUNNING);
        online.add(hub.methods().register(key, (k, name, payload) ->
                CompletableFuture.completedFuture(MethodResult.of(204))));
        HubJob done = hub.jobs().awaitFinished("patient", Duration.ofSeconds(20));
        assertThat(done.statistics().succeededCount()).isEqualTo(1);
    }

    @Test
    void cancellingAJobWhoseCallsAreInFlightStartsNoFurtherGroup() throws Exception {
        IotHub hub = open(HubOptions.defaults());
        List<TwinKey> keys = devices(hub, 150);
        BlockingQueue<CompletableFuture<MethodResult>> answers = new LinkedBlockingQueue<>();
        for (TwinKey key : keys) {
            online.add(hub.methods().register(key, (k, name, payload) -> {
                CompletableFuture<MethodResult> answer = new CompletableFuture<>();
                answers.add(answer);
                return answer;
            }));
        }
        hub.jobs().schedule(JobRequest.deviceMethod("held", "*", REBOOT).build());
        List<CompletableFuture<MethodResult>> first = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            CompletableFuture<MethodResult> answer = answers.poll(10, TimeUnit.SECONDS);
            assertThat(answer).as("the first group of 100 devices is called at once").isNotNull();
            first.add(answer);
        }
        assertThat(answers.poll(200, TimeUnit.MILLISECONDS)).as("no second group while the first is in flight")
                .isNull();
        HubJob cancelled = hub.jobs().cancel("held");
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        first.forEach(answer -> answer.complete(MethodResult.of(200)));
        // the first group's answers are recorded, and no device of the second group is called
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hub.jobs().get("held").statistics().succeededCount() < 100 && System.nanoTime() < deadline) {
            hub.jobs().awaitFinished("held", Duration.ofMillis(50));
        }
        HubJob after = hub.jobs().get("held");
        assertThat(after.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(after.statistics()).isEqualTo(new DeviceJobStatistics(150, 100, 0, 50, 0));
        assertThat(records(hub, "held")).hasSize(100);
        assertThat(answers).isEmpty();
    }

    @Test
    void aJobPastItsMaximumExecutionTimeFailsAfterItsGroupInFlight() throws Exception {
        IotHub hub = open(HubOptions.defaults());
        List<TwinKey> keys = devices(hub, 101);
        BlockingQueue<CompletableFuture<MethodResult>> answers = new LinkedBlockingQueue<>();
        for (TwinKey key : keys) {
            online.add(hub.methods().register(key, (k, name, payload) -> {
                CompletableFuture<MethodResult> answer = new CompletableFuture<>();
                answers.add(answer);
                return answer;
            }));
        }
        Instant started = Instant.now();
        hub.jobs().schedule(JobRequest.deviceMethod("brief", "*", REBOOT).maxExecutionTime(Duration.ofSeconds(1))
                .build());
        List<CompletableFuture<MethodResult>> first = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            first.add(answers.poll(10, TimeUnit.SECONDS));
        }
        // answered only once the job's second has passed
        while (Duration.between(started, Instant.now()).compareTo(Duration.ofMillis(1100)) < 0) {
            assertThat(hub.jobs().awaitFinished("brief", Duration.ofMillis(100)).isFinished()).isFalse();
        }
        first.forEach(answer -> answer.complete(MethodResult.of(200)));
        HubJob done = hub.jobs().awaitFinished("brief", Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.statistics()).isEqualTo(new DeviceJobStatistics(101, 100, 0, 1, 0));
        assertThat(done.failureReason()).contains("maximum execution time");
        assertThat(answers).as("the last device was never called").isEmpty();
    }

    @Test
    void aMethodJobTakesNoUpdate() {
        JobRequest.Builder builder = JobRequest.deviceMethod("m", "*", REBOOT);
        assertThatThrownBy(() -> builder.tags(JsonObject.empty())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.desired(JsonObject.empty())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.twinPatch(JsonObject.empty())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.etag("*")).isInstanceOf(IllegalStateException.class);
        JobRequest request = builder.build();
        assertThat(request.type()).isEqualTo(JobType.SCHEDULE_DEVICE_METHOD);
        assertThat(request.cloudToDeviceMethod()).contains(REBOOT);
        assertThat(request.updateTwin()).isEqualTo(JsonObject.empty());
        assertThat(JobRequest.updateTwin("u", "*").build().cloudToDeviceMethod()).isEmpty();
        assertThatThrownBy(() -> new HubJob("x", JobType.SCHEDULE_DEVICE_METHOD, JobStatus.QUEUED, "*",
                JsonObject.empty(), Instant.EPOCH, Instant.EPOCH, Duration.ofHours(1), null, null, null,
                DeviceJobStatistics.NONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMethodJobAndItsRecordsSurviveARestartAndAQueuedOneRunsAfterIt() throws Exception {
        HubOptions options = HubOptions.builder().dataDirectory(directory.resolve("hub")).build();
        HubJob done;
        Map<String, JsonObject> rows;
        try (IotHub hub = IotHub.create(options)) {
            List<TwinKey> keys = devices(hub, 2);
            try (Subscription device = hub.methods().register(keys.get(0), (k, name, payload) ->
                    CompletableFuture.completedFuture(new MethodResult(200, JsonValue.parse("[1,\"two\"]"))))) {
                hub.jobs().schedule(JobRequest.deviceMethod("now", "*", REBOOT).build());
                done = hub.jobs().awaitFinished("now", Duration.ofSeconds(10));
                rows = records(hub, "now");
            }
            hub.jobs().schedule(JobRequest.deviceMethod("later", "*", REBOOT)
                    .startTime(Instant.now().plusSeconds(1)).build());
        }
        try (IotHub hub = IotHub.create(options)) {
            assertThat(hub.jobs().get("now")).isEqualTo(done);
            assertThat(records(hub, "now")).isEqualTo(rows);
            assertThat(rows.get("d-001").valueOrNull("outcome")).isEqualTo(JsonValue.parse(
                    "{\"deviceMethodResponse\":{\"status\":200,\"payload\":[1,\"two\"]}}"));
            assertThat(hub.jobs().get("later").cloudToDeviceMethod()).isEqualTo(REBOOT);
            online.add(hub.methods().register(TwinKey.device("d-002"), (k, name, payload) ->
                    CompletableFuture.completedFuture(MethodResult.of(202))));
            HubJob later = hub.jobs().awaitFinished("later", Duration.ofSeconds(20));
            assertThat(later.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(later.statistics()).isEqualTo(new DeviceJobStatistics(2, 1, 1, 0, 0));
            assertThat(records(hub, "later").get("d-002").valueOrNull("outcome")).isEqualTo(JsonValue.parse(
                    "{\"deviceMethodResponse\":{\"status\":202,\"payload\":null}}"));
            online.forEach(Subscription::close);
            online.clear();
        }
    }
}
