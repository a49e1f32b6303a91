package io.twinkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.internal.store.HubStorage;
import io.twinkit.emulator.internal.store.MvStoreHubStorage;
import io.twinkit.query.QueryOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs in a hub with a data directory survive a restart: queued jobs stay queued, finished jobs keep their report and
 * device records, and a running job resumes with the devices it had not processed, updating none twice.
 */
@Timeout(60)
class JobPersistenceTest {

    @TempDir
    Path directory;

    private HubOptions options() {
        return HubOptions.builder().dataDirectory(directory.resolve("hub")).build();
    }

    private static void devices(IotHub hub, int count) {
        for (int i = 1; i <= count; i++) {
            String id = String.format("d-%03d", i);
            hub.registry().createDevice(DeviceId.of(id));
            hub.twins().update(TwinKey.device(id), json("{\"tags\":{\"site\":\"s\"}}"), null);
        }
    }

    @Test
    void aQueuedJobStaysQueuedAcrossARestartAndCanBeCancelledAfterIt() {
        Instant start = Instant.now().plus(Duration.ofHours(1));
        HubJob scheduled;
        try (IotHub hub = IotHub.create(options())) {
            devices(hub, 1);
            scheduled = hub.jobs().schedule(JobRequest.updateTwin("tomorrow", "tags.site = 's'")
                    .desired(json("{\"rate\":5}")).startTime(start).maxExecutionTime(Duration.ofMinutes(5)).build());
        }
        try (IotHub hub = IotHub.create(options())) {
            assertThat(hub.jobs().get("tomorrow")).isEqualTo(scheduled);
            assertThat(hub.jobs().cancel("tomorrow").status()).isEqualTo(JobStatus.CANCELLED);
        }
        try (IotHub hub = IotHub.create(options())) {
            HubJob cancelled = hub.jobs().get("tomorrow");
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(cancelled.maxExecutionTime()).isEqualTo(Duration.ofMinutes(5));
            assertThat(hub.twins().get(TwinKey.device("d-001")).desired().properties().isEmpty()).isTrue();
        }
    }

    @Test
    void aFinishedJobKeepsItsReportAndDeviceRecordsAcrossARestart() throws Exception {
        HubJob done;
        List<JsonObject> rows;
        try (IotHub hub = IotHub.create(options())) {
            devices(hub, 3);
            String etag = hub.twins().get(TwinKey.device("d-001")).etag().orElseThrow().value();
            hub.twins().update(TwinKey.device("d-002"), json("{\"tags\":{\"bump\":1}}"), null);
            hub.jobs().schedule(JobRequest.updateTwin("done", "tags.site = 's'").tags(json("{\"v\":1}")).etag(etag)
                    .build());
            done = hub.jobs().awaitFinished("done", Duration.ofSeconds(10));
            rows = hub.queries().query("SELECT * FROM devices.jobs").items();
        }
        assertThat(done.statistics()).isEqualTo(new DeviceJobStatistics(3, 2, 1, 0, 0));
        try (IotHub hub = IotHub.create(options())) {
            assertThat(hub.jobs().get("done")).isEqualTo(done);
            assertThat(hub.queries().query("SELECT * FROM devices.jobs").items()).isEqualTo(rows);
            assertThat(rows.get(1).get("error").orElseThrow().asObject().get("code").orElseThrow().asString())
                    .isEqualTo("PreconditionFailed");
        }
    }

    @Test
    void aRunningJobResumesWithTheDevicesItHadNotProcessedAndUpdatesNoneTwice() throws Exception {
        HubOptions paced = options().toBuilder().throttling(ThrottlingTier.S1, 1).build();
        int before;
        try (IotHub hub = IotHub.create(paced)) {
            devices(hub, 25);
            hub.jobs().schedule(JobRequest.updateTwin("resume", "tags.site = 's'").desired(json("{\"rate\":7}"))
                    .build());
            HubJob running = hub.jobs().get("resume");
            assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
            before = running.statistics().succeededCount();
            assertThat(before).isBetween(10, 24);
        }
        try (IotHub hub = IotHub.create(paced)) {
            HubJob resumed = hub.jobs().get("resume");
            assertThat(resumed.statistics().succeededCount()).isGreaterThanOrEqualTo(before);
            HubJob done = hub.jobs().awaitFinished("resume", Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.statistics()).isEqualTo(new DeviceJobStatistics(25, 25, 0, 0, 0));
            for (int i = 1; i <= 25; i++) {
                assertThat(hub.twins().get(TwinKey.device(String.format("d-%03d", i))).desired().version())
                        .as("desired $version of d-%03d: one update, never two", i).hasValue(2);
            }
            assertThat(hub.queries().query("SELECT * FROM devices.jobs", QueryOptions.ofPageSize(100)).items())
                    .hasSize(25);
        }
    }

    @Test
    void aJobFoundPastItsMaximumExecutionTimeAtRestartFails() throws Exception {
        AtomicLong millis = new AtomicLong(Instant.now().toEpochMilli());
        Clock settable = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
        HubOptions paced = options().toBuilder().clock(settable).throttling(ThrottlingTier.S1, 1).build();
        try (IotHub hub = IotHub.create(paced)) {
            devices(hub, 25);
            hub.jobs().schedule(JobRequest.updateTwin("late", "tags.site = 's'").tags(json("{\"v\":1}"))
                    .maxExecutionTime(Duration.ofMinutes(1)).build());
            assertThat(hub.jobs().get("late").status()).isEqualTo(JobStatus.RUNNING);
        }
        millis.addAndGet(Duration.ofMinutes(2).toMillis());
        try (IotHub hub = IotHub.create(paced)) {
            HubJob failed = hub.jobs().awaitFinished("late", Duration.ofSeconds(10));
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.failureReason()).contains("maximum execution time of 60 s");
            assertThat(failed.statistics().pendingCount()).isPositive();
        }
    }

    @Test
    void aJobWithMissingRecordsStopsTheStartUnlessTheStoreIsRecoveredWhichLeavesItOut() throws Exception {
        try (IotHub hub = IotHub.create(options())) {
            devices(hub, 2);
            hub.jobs().schedule(JobRequest.updateTwin("kept", "tags.site = 's'").tags(json("{\"v\":1}")).build());
            hub.jobs().schedule(JobRequest.updateTwin("damaged", "tags.site = 's'").tags(json("{\"w\":1}")).build());
        }
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(directory.resolve("hub"))) {
            storage.commit(List.of(HubStorage.Mutation.delete(HubStorage.Namespace.JOBS, "damaged/t/0")));
        }
        assertThatThrownBy(() -> IotHub.create(options())).isInstanceOf(HubStorageException.class)
                .hasMessageContaining("damaged").hasMessageContaining("damaged/t/0");
        try (IotHub hub = IotHub.create(options().toBuilder().recoverStore(true).build())) {
            assertThat(hub.jobs().list()).extracting(HubJob::jobId).containsExactly("kept");
            assertThat(hub.jobs().get("kept").statistics().succeededCount()).isEqualTo(2);
        }
    }

    private static JsonObject json(String text) {
        return JsonValue.parseObject(text);
    }
}
