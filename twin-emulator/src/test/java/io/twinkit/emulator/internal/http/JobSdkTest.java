package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.service.exceptions.IotHubBadFormatException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubConflictException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.jobs.DirectMethodsJobOptions;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJob;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobStatus;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobType;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobsClient;
import com.microsoft.azure.sdk.iot.service.query.JobQueryResponse;
import com.microsoft.azure.sdk.iot.service.query.QueryClient;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import com.microsoft.azure.sdk.iot.service.query.RawQueryResponse;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official service SDK's {@code ScheduledJobsClient} and {@code QueryClient} (iot-service-client 2.1.9) against
 * the emulator over real TLS on loopback, used as a user would and as the SDK's own e2e tests do (a
 * {@code DeviceId IN [...]} condition, {@code queryJobs} by type and status, the device job records of
 * {@code devices.jobs}).
 */
@Timeout(60)
class JobSdkTest {

    private static SdkEmulator emulator;
    private static IotHub hub;
    private static ScheduledJobsClient jobs;
    private static QueryClient queries;

    @BeforeAll
    static void start() {
        emulator = SdkEmulator.start();
        hub = emulator.hub();
        jobs = new ScheduledJobsClient(emulator.host(), emulator.ownerCredential());
        queries = new QueryClient(emulator.host(), emulator.ownerCredential());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static String device() {
        String id = "sdk-" + UUID.randomUUID();
        hub.registry().createDevice(DeviceId.of(id));
        return id;
    }

    /** Polls the job through the SDK until it has {@code status}, within a deadline (the SDK e2e tests poll too). */
    private static ScheduledJob awaitStatus(String jobId, ScheduledJobStatus status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ScheduledJob job = jobs.get(jobId);
        while (job.getJobStatus() != status && System.nanoTime() < deadline) {
            hub.jobs().awaitFinished(jobId, Duration.ofMillis(200));
            job = jobs.get(jobId);
        }
        assertThat(job.getJobStatus()).isEqualTo(status);
        return job;
    }

    @Test
    void scheduleUpdateTwinWithTheSdkE2eConditionUpdatesTheDeviceAndReportsStatistics() throws Exception {
        String deviceId = device();
        String jobId = UUID.randomUUID().toString();
        Twin update = new Twin();
        update.getDesiredProperties().put("key", "value");
        update.getTags().put("rollout", "r1");

        ScheduledJob scheduled = jobs.scheduleUpdateTwin(jobId, "DeviceId IN ['" + deviceId + "']", update,
                new Date(), 10);
        assertThat(scheduled.getJobId()).isEqualTo(jobId);
        assertThat(scheduled.getJobStatus()).isEqualTo(ScheduledJobStatus.queued);
        assertThat(scheduled.getJobType()).isEqualTo(ScheduledJobType.scheduleUpdateTwin);
        assertThat(scheduled.getMaxExecutionTimeInSeconds()).isEqualTo(10L);
        assertThat(scheduled.getUpdateTwin().getDesiredProperties()).containsEntry("key", "value");

        ScheduledJob done = awaitStatus(jobId, ScheduledJobStatus.completed);
        assertThat(done.getCreatedTime()).isNotNull();
        assertThat(done.getEndTime()).isNotNull();
        assertThat(done.getJobStatistics().getDeviceCount()).isEqualTo(1);
        assertThat(done.getJobStatistics().getSucceededCount()).isEqualTo(1);
        assertThat(done.getJobStatistics().getPendingCount()).isZero();
        TwinDocument twin = hub.twins().get(TwinKey.device(deviceId));
        assertThat(twin.desired().properties().toJson()).isEqualTo(JsonValue.parseObject("{\"key\":\"value\"}"));
        assertThat(twin.tags().toJson()).isEqualTo(JsonValue.parseObject("{\"rollout\":\"r1\"}"));
    }

    @Test
    void queryJobsByTypeAndStatusFindsTheCompletedJobAsTheSdkE2eTestAsserts() throws Exception {
        String deviceId = device();
        String jobId = UUID.randomUUID().toString();
        Twin update = new Twin();
        update.getDesiredProperties().put("key", "value");
        jobs.scheduleUpdateTwin(jobId, "DeviceId IN ['" + deviceId + "']", update, new Date(), 10);
        awaitStatus(jobId, ScheduledJobStatus.completed);

        JobQueryResponse response = queries.queryJobs(ScheduledJobType.scheduleUpdateTwin,
                ScheduledJobStatus.completed);
        List<ScheduledJob> found = new ArrayList<>();
        while (response.hasNext()) {
            found.add(response.next());
        }
        ScheduledJob job = found.stream().filter(j -> j.getJobId().equals(jobId)).findFirst().orElseThrow();
        assertThat(job.getJobType()).isEqualTo(ScheduledJobType.scheduleUpdateTwin);
        assertThat(job.getCreatedTime()).isNotNull();
        assertThat(job.getJobStatus()).isEqualTo(ScheduledJobStatus.completed);
        assertThat(job.getJobStatistics()).isNotNull();
        assertThat(queries.queryJobs(ScheduledJobType.scheduleUpdateTwin, ScheduledJobStatus.enqueued).hasNext())
                .isFalse();
    }

    @Test
    void theDeviceJobRecordsAreReadAsTheSdkE2eTestsQueryThem() throws Exception {
        String first = device();
        String second = device();
        String jobId = UUID.randomUUID().toString();
        Twin update = new Twin();
        update.getTags().put("t", 1);
        jobs.scheduleUpdateTwin(jobId, "DeviceId IN ['" + first + "', '" + second + "']", update, new Date(), 10);
        awaitStatus(jobId, ScheduledJobStatus.completed);

        JobQueryResponse response = queries.queryJobs("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = '"
                + jobId + "' and devices.jobs.jobType = '" + ScheduledJobType.scheduleUpdateTwin + "'",
                QueryPageOptions.builder().pageSize(1).build());
        List<ScheduledJob> records = new ArrayList<>();
        while (response.hasNext()) {
            records.add(response.next(QueryPageOptions.builder().pageSize(1).build()));
        }
        assertThat(records).extracting(ScheduledJob::getDeviceId).containsExactlyInAnyOrder(first, second);
        for (ScheduledJob record : records) {
            assertThat(record.getJobId()).isEqualTo(jobId);
            assertThat(record.getJobType()).isEqualTo(ScheduledJobType.scheduleUpdateTwin);
            assertThat(record.getJobStatus()).isEqualTo(ScheduledJobStatus.completed);
            assertThat(record.getStartTime()).isNotNull();
            assertThat(record.getEndTime()).isNotNull();
            assertThat(record.getCreatedTime()).isNotNull();
            assertThat(record.getLastUpdatedDateTime()).isNotNull();
            assertThat(record.getError()).isNull();
        }
    }

    @Test
    void aDirectMethodJobScheduledThroughTheSdkCallsTheDeviceAndCompletes() throws Exception {
        String online = device();
        String offline = device();
        String jobId = UUID.randomUUID().toString();
        List<JsonValue> payloads = new ArrayList<>();
        try (Subscription handler = hub.methods().register(TwinKey.device(online), (key, name, payload) -> {
            synchronized (payloads) {
                payloads.add(payload);
            }
            return CompletableFuture.completedFuture(new MethodResult(200, JsonValue.of(name)));
        })) {
            ScheduledJob scheduled = jobs.scheduleDirectMethod(jobId, "DeviceId IN ['" + online + "', '" + offline
                    + "']", "reboot", new Date(), DirectMethodsJobOptions.builder().payload(Map.of("delay", 5))
                    .methodResponseTimeoutSeconds(20).methodConnectTimeoutSeconds(0).maxExecutionTimeSeconds(60)
                    .build());
            assertThat(scheduled.getJobType()).isEqualTo(ScheduledJobType.scheduleDeviceMethod);
            assertThat(scheduled.getJobStatus()).isEqualTo(ScheduledJobStatus.queued);
            assertThat(scheduled.getCloudToDeviceMethod()).contains("\"methodName\":\"reboot\"");

            ScheduledJob done = awaitStatus(jobId, ScheduledJobStatus.completed);
            assertThat(done.getJobStatistics().getSucceededCount()).isEqualTo(1);
            assertThat(done.getJobStatistics().getFailedCount()).isEqualTo(1);
        }
        assertThat(payloads).containsExactly(JsonValue.parse("{\"delay\":5}"));
        // the raw rows: iot-service-client 2.1.9's ScheduledJob throws a NullPointerException on the device record of a
        // method job that has an outcome and no cloudToDeviceMethod (fixed upstream in 2.1.10)
        RawQueryResponse response = queries.queryRaw("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = '"
                + jobId + "'");
        Map<String, JsonObject> records = new HashMap<>();
        while (response.hasNext()) {
            JsonObject record = JsonValue.parseObject(response.next());
            records.put(record.valueOrNull("deviceId").asString(), record);
        }
        assertThat(records).containsOnlyKeys(online, offline);
        assertThat(records.get(online).valueOrNull("jobType").asString()).isEqualTo("scheduleDeviceMethod");
        assertThat(records.get(online).valueOrNull("status").asString()).isEqualTo("completed");
        assertThat(records.get(online).valueOrNull("outcome")).isEqualTo(JsonValue.parse(
                "{\"deviceMethodResponse\":{\"status\":200,\"payload\":\"reboot\"}}"));
        assertThat(records.get(offline).valueOrNull("status").asString()).isEqualTo("failed");
        assertThat(records.get(offline).valueOrNull("error").asObject().valueOrNull("code").asString())
                .isEqualTo("DeviceNotOnline");
    }

    @Test
    void aFutureJobIsQueuedAndCancelledThroughTheSdk() throws Exception {
        String deviceId = device();
        String jobId = UUID.randomUUID().toString();
        Twin update = new Twin();
        update.getTags().put("never", true);
        ScheduledJob scheduled = jobs.scheduleUpdateTwin(jobId, "deviceId = '" + deviceId + "'", update,
                new Date(System.currentTimeMillis() + 3_600_000), 120);
        assertThat(scheduled.getJobStatus()).isEqualTo(ScheduledJobStatus.queued);
        ScheduledJob cancelled = jobs.cancel(jobId);
        assertThat(cancelled.getJobStatus()).isEqualTo(ScheduledJobStatus.cancelled);
        assertThat(jobs.get(jobId).getJobStatus()).isEqualTo(ScheduledJobStatus.cancelled);
        assertThat(hub.twins().get(TwinKey.device(deviceId)).tags().toJson().contains("never")).isFalse();
    }

    @Test
    void theSdkSeesTheServicesErrors() throws Exception {
        String deviceId = device();
        assertThatThrownBy(() -> jobs.get("no-such-job")).isInstanceOf(IotHubNotFoundException.class);
        assertThatThrownBy(() -> jobs.scheduleDirectMethod(UUID.randomUUID().toString(), "deviceId = '" + deviceId
                + "'", "re/boot", new Date())).isInstanceOf(IotHubBadFormatException.class)
                .hasMessageContaining("methodName");
        assertThatThrownBy(() -> jobs.scheduleUpdateTwin(UUID.randomUUID().toString(), "deviceId = = 1", new Twin(),
                new Date(), 10)).isInstanceOf(IotHubBadFormatException.class);
        String jobId = UUID.randomUUID().toString();
        jobs.scheduleUpdateTwin(jobId, "deviceId = '" + deviceId + "'", new Twin(), new Date(), 10);
        assertThatThrownBy(() -> jobs.scheduleUpdateTwin(jobId, "deviceId = '" + deviceId + "'", new Twin(),
                new Date(), 10)).isInstanceOf(IotHubConflictException.class);
    }
}
