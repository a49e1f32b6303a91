package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.HubJob;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.JobRequest;
import io.twinkit.emulator.JobStatus;
import io.twinkit.query.QueryOptions;
import io.twinkit.query.QueryPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of jobs.json (scheduled twin update jobs and method jobs: the devices a condition selects and in which
 * order, each device's outcome, the job's statistics and status, the twins afterwards, the jobs the hub refuses), run
 * against an in-process hub in memory, where no device is online for direct methods; also the copy in {@code -Dtwinkit.conformance.dir} when it is set. The case's job is the
 * service's job request body ({@code PUT /jobs/v2/{id}}), read with this package's {@link JobOperations#parse} as the
 * REST API reads it and scheduled with {@link io.twinkit.emulator.JobService#schedule}; each device's outcome is read
 * from {@code devices.jobs}.
 */
@Timeout(60)
class JobConformanceTest {

    private static final Duration FINISH = Duration.ofSeconds(20);

    static List<VectorCase> cases() {
        return ConformanceVectors.cases("jobs.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theJobGivesWhatTheCaseExpects(VectorCase vector) throws InterruptedException {
        try (IotHub hub = IotHub.create(HubOptions.defaults())) {
            Map<TwinKey, TwinDocument> before = seed(hub, vector);
            JsonObject job = vector.get("job").asObject();
            String jobId = job.valueOrNull("jobId").asString();
            if (vector.has("error")) {
                refused(hub, vector, job, jobId, before);
                return;
            }
            HubJob scheduled = hub.jobs().schedule(parse(job, jobId));
            assertThat(scheduled.jobId()).isEqualTo(jobId);
            HubJob done = hub.jobs().awaitFinished(jobId, FINISH);
            assertThat(done.isFinished()).as(vector.name() + ": finished within " + FINISH).isTrue();
            assertThat(done.status().wireName()).as(vector.name() + ": status").isEqualTo(
                    vector.get("status").asString());
            assertThat(done.statistics().toJson()).as(vector.name() + ": deviceJobStatistics")
                    .isEqualTo(vector.get("deviceJobStatistics"));
            assertThat(deviceOutcomes(hub, jobId)).as(vector.name() + ": devices, in the job's order")
                    .isEqualTo(vector.get("devices"));
            twinsAfter(hub, vector, job, before);
        }
    }

    /** Expects the job to be refused with the case's error, no job to exist and no twin to have changed. */
    private static void refused(IotHub hub, VectorCase vector, JsonObject job, String jobId,
                                Map<TwinKey, TwinDocument> before) {
        JsonObject error = vector.get("error").asObject();
        assertThatThrownBy(() -> hub.jobs().schedule(parse(job, jobId)))
                .as(vector.name())
                .isInstanceOfSatisfying(TwinException.class, e -> {
                    assertThat(e.httpStatus()).as(vector.name() + ": status " + e.getMessage())
                            .isEqualTo(error.valueOrNull("status").asNumber().longValue());
                    assertThat(e.errorCode().code()).as(vector.name() + ": errorCode " + e.getMessage())
                            .isEqualTo(error.valueOrNull("errorCode").asNumber().longValue());
                });
        assertThat(hub.jobs().list()).as(vector.name() + ": no job").isEmpty();
        before.forEach((key, twin) -> assertThat(hub.twins().get(key)).as(vector.name() + ": " + key + " unchanged")
                .isEqualTo(twin));
    }

    /**
     * Checks every twin after the job: a device the job completed has the case's tags and desired properties, its
     * etag counter one up, its desired {@code $version} one up when the job's update has {@code properties.desired}
     * and its reported properties untouched; every other twin is exactly as it was.
     */
    private static void twinsAfter(IotHub hub, VectorCase vector, JsonObject job, Map<TwinKey, TwinDocument> before) {
        JsonObject after = vector.get("after").asObject();
        List<String> completed = new ArrayList<>();
        for (JsonValue device : vector.get("devices").asArray()) {
            if ("completed".equals(device.asObject().valueOrNull("status").asString())) {
                completed.add(device.asObject().valueOrNull("deviceId").asString());
            }
        }
        assertThat(after.keys()).as(vector.name() + ": after lists the devices the job completed")
                .containsExactlyInAnyOrderElementsOf(completed);
        boolean writesDesired = job.valueOrNull("updateTwin") instanceof JsonObject update
                && update.valueOrNull("properties") instanceof JsonObject properties && properties.contains("desired");
        before.forEach((key, was) -> {
            TwinDocument twin = hub.twins().get(key);
            String name = vector.name() + ": " + key;
            JsonValue expected = after.valueOrNull(key.toString());
            if (expected == null) {
                assertThat(twin).as(name + " unchanged").isEqualTo(was);
                return;
            }
            assertThat(twin.tags().toJson()).as(name + " tags").isEqualTo(expected.asObject().valueOrNull("tags"));
            assertThat(twin.desired().properties().toJson()).as(name + " desired")
                    .isEqualTo(expected.asObject().valueOrNull("desired"));
            assertThat(twin.etag().orElseThrow().counter().getAsLong()).as(name + " etag counter")
                    .isEqualTo(was.etag().orElseThrow().counter().getAsLong() + 1);
            assertThat(twin.desired().version().getAsLong()).as(name + " desired $version")
                    .isEqualTo(was.desired().version().getAsLong() + (writesDesired ? 1 : 0));
            assertThat(twin.reported()).as(name + " reported").isEqualTo(was.reported());
        });
    }

    /** Imports the case's twins, in order, and returns them as stored. */
    private static Map<TwinKey, TwinDocument> seed(IotHub hub, VectorCase vector) {
        Map<TwinKey, TwinDocument> twins = new LinkedHashMap<>();
        for (JsonValue json : vector.get("twins").asArray()) {
            TwinDocument twin = hub.twins().importTwin(TwinDocument.fromJson(json.asObject()));
            TwinKey key = twin.moduleId().map(m -> TwinKey.module(twin.deviceId(), m))
                    .orElseGet(() -> TwinKey.device(twin.deviceId()));
            assertThat(twins.put(key, twin)).as(vector.name() + " lists " + key + " once").isNull();
        }
        return twins;
    }

    private static JobRequest parse(JsonObject job, String jobId) {
        return JobOperations.parse(jobId, job.toJsonBytes());
    }

    /** Returns the job's device records as the case lists them: deviceId, status and, for a failure, errorCode. */
    private static JsonArray deviceOutcomes(IotHub hub, String jobId) {
        JsonArray.Builder out = JsonArray.builder();
        String sql = "SELECT * FROM devices.jobs WHERE devices.jobs.jobId = '" + jobId + "'";
        QueryOptions options = QueryOptions.ofPageSize(QueryOptions.MAX_PAGE_SIZE);
        QueryPage<JsonObject> page = hub.queries().query(sql, options);
        while (true) {
            for (JsonObject record : page.items()) {
                JsonObject.Builder device = JsonObject.builder()
                        .put("deviceId", record.valueOrNull("deviceId"))
                        .put("status", record.valueOrNull("status"));
                if (record.valueOrNull("error") instanceof JsonObject error) {
                    String code = error.valueOrNull("code").asString();
                    device.put("errorCode", JsonNumber.of(IotHubErrorCode.fromName(code).orElseThrow(
                            () -> new AssertionError("unknown error code name " + code)).code()));
                }
                assertThat(record.valueOrNull("status")).isIn(JsonString.of(JobStatus.COMPLETED.wireName()),
                        JsonString.of(JobStatus.FAILED.wireName()));
                out.add(device.build());
            }
            if (!page.hasMore()) {
                return out.build();
            }
            page = hub.queries().query(sql, options.withContinuation(page.continuation().orElseThrow()));
        }
    }
}
