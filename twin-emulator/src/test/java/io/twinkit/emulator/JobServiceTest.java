package io.twinkit.emulator;

import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.PropertyMetadata;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.QueryOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduled jobs of the in-process hub ({@link JobService}): lifecycle, the twin store's rules on each device,
 * failed devices, statistics, limits and errors.
 */
@Timeout(60)
class JobServiceTest {

    private final List<IotHub> hubs = new ArrayList<>();
    private IotHub hub = open(HubOptions.defaults());

    @AfterEach
    void close() {
        hubs.forEach(IotHub::close);
    }

    private IotHub open(HubOptions options) {
        IotHub opened = IotHub.create(options);
        hubs.add(opened);
        return opened;
    }

    private static void devices(IotHub target, String prefix, int count, String site) {
        for (int i = 1; i <= count; i++) {
            String id = String.format("%s-%03d", prefix, i);
            target.registry().createDevice(DeviceId.of(id));
            target.twins().update(TwinKey.device(id), json("{\"tags\":{\"site\":\"" + site + "\"}}"), null);
        }
    }

    @Test
    void aDueJobIsAnsweredQueuedAndUpdatesEveryDeviceItSelectsWithTheTwinRules() throws Exception {
        devices(hub, "plant", 3, "plant-43");
        devices(hub, "other", 2, "elsewhere");
        TwinDocument before = hub.twins().get(TwinKey.device("plant-001"));

        HubJob scheduled = hub.jobs().schedule(JobRequest.updateTwin("rate-5", tag("site").eq("plant-43"))
                .tags(json("{\"rollout\":\"r5\"}"))
                .desired(json("{\"rate\":5}"))
                .build());

        assertThat(scheduled.status()).as("the service answers a new job as queued").isEqualTo(JobStatus.QUEUED);
        assertThat(scheduled.statistics()).isEqualTo(DeviceJobStatistics.NONE);
        assertThat(scheduled.queryCondition()).isEqualTo("tags.site = 'plant-43'");
        assertThat(scheduled.updateTwin().get("etag").orElseThrow().asString()).isEqualTo("*");
        HubJob done = hub.jobs().awaitFinished("rate-5", Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.statistics()).isEqualTo(new DeviceJobStatistics(3, 3, 0, 0, 0));
        assertThat(done.end()).isPresent();
        for (int i = 1; i <= 3; i++) {
            TwinDocument twin = hub.twins().get(TwinKey.device("plant-00" + i));
            assertThat(twin.tags().toJson()).isEqualTo(json("{\"site\":\"plant-43\",\"rollout\":\"r5\"}"));
            assertThat(twin.desired().properties().toJson()).isEqualTo(json("{\"rate\":5}"));
            assertThat(twin.desired().version()).hasValue(before.desired().version().getAsLong() + 1);
            assertThat(twin.etag().orElseThrow().counter().getAsLong())
                    .isEqualTo(before.etag().orElseThrow().counter().getAsLong() + 1);
            PropertyMetadata rate = twin.desired().metadata().orElseThrow().child("rate").orElseThrow();
            assertThat(rate.lastUpdatedVersion()).isEqualTo(twin.desired().version());
        }
        assertThat(hub.twins().get(TwinKey.device("other-001")).desired().properties().isEmpty()).isTrue();
    }

    @Test
    void aDesiredUpdateNotifiesTheSubscribersOfEachDevice() throws Exception {
        devices(hub, "n", 2, "s");
        List<String> received = new CopyOnWriteArrayList<>();
        hub.twins().subscribe(TwinKey.device("n-001"), (key, patch) -> received.add(key + " " + patch));
        hub.twins().subscribe(TwinKey.device("n-002"), (key, patch) -> received.add(key + " " + patch));
        hub.jobs().schedule(JobRequest.updateTwin("notify", "tags.site = 's'").desired(json("{\"fw\":\"2.0\"}"))
                .build());
        hub.jobs().awaitFinished("notify", Duration.ofSeconds(10));
        assertThat(received).containsExactlyInAnyOrder("n-001 {\"fw\":\"2.0\",\"$version\":2}",
                "n-002 {\"fw\":\"2.0\",\"$version\":2}");
    }

    @Test
    void aJobWithAFutureStartStaysQueuedUntilThenAndSelectsItsDevicesWhenItStarts() throws Exception {
        devices(hub, "later", 2, "s");
        Instant start = Instant.now().plusSeconds(2);
        HubJob scheduled = hub.jobs().schedule(JobRequest.updateTwin("later", "tags.site = 's'")
                .tags(json("{\"v\":1}")).startTime(start).build());
        assertThat(scheduled.startTime()).as("at the service's 100 ns precision").isEqualTo(TwinTime.toTicks(start));
        assertThat(hub.jobs().get("later").status()).isEqualTo(JobStatus.QUEUED);
        // a device created before the start is part of the job: the condition is evaluated when it starts
        devices(hub, "later-new", 1, "s");
        assertThat(hub.twins().get(TwinKey.device("later-001")).tags().toJson().contains("v")).isFalse();

        HubJob done = hub.jobs().awaitFinished("later", Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(Instant.now()).isAfterOrEqualTo(start);
        assertThat(done.statistics().succeededCount()).isEqualTo(3);
        assertThat(hub.twins().get(TwinKey.device("later-new-001")).tags().toJson().get("v")).isPresent();
    }

    @Test
    void aCancelledQueuedJobNeverRunsAndCancellingAgainChangesNothing() throws Exception {
        devices(hub, "c", 1, "s");
        hub.jobs().schedule(JobRequest.updateTwin("cancel-me", "tags.site = 's'").tags(json("{\"v\":1}"))
                .startTime(Instant.now().plus(Duration.ofHours(1))).build());
        HubJob cancelled = hub.jobs().cancel("cancel-me");
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.end()).isPresent();
        assertThat(cancelled.statistics()).isEqualTo(DeviceJobStatistics.NONE);
        assertThat(cancelled.statusMessage()).contains("before it started");
        assertThat(hub.jobs().cancel("cancel-me")).isEqualTo(cancelled);
        assertThat(hub.jobs().awaitFinished("cancel-me", Duration.ZERO)).isEqualTo(cancelled);
        assertThat(hub.twins().get(TwinKey.device("c-001")).tags().toJson().contains("v")).isFalse();
    }

    @Test
    void aRunningJobPacedByTheTierCanBeCancelledAndKeepsWhatItDid() throws Exception {
        hub = open(HubOptions.builder().throttling(ThrottlingTier.S1, 1).build());
        devices(hub, "p", 25, "s");
        hub.jobs().schedule(JobRequest.updateTwin("paced", "tags.site = 's'").tags(json("{\"v\":1}")).build());
        HubJob running = hub.jobs().get("paced");
        assertThat(running.status()).as("S1 runs 10 job device operations a second").isEqualTo(JobStatus.RUNNING);
        assertThat(running.statistics().deviceCount()).isEqualTo(25);
        assertThat(running.statistics().succeededCount()).isBetween(10, 24);

        HubJob cancelled = hub.jobs().cancel("paced");
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        DeviceJobStatistics statistics = cancelled.statistics();
        assertThat(statistics.pendingCount()).isPositive();
        assertThat(statistics.succeededCount() + statistics.pendingCount()).isEqualTo(25);
        int updated = 0;
        for (int i = 1; i <= 25; i++) {
            if (hub.twins().get(TwinKey.device(String.format("p-%03d", i))).tags().toJson().contains("v")) {
                updated++;
            }
        }
        assertThat(updated).isEqualTo(statistics.succeededCount());
        assertThat(hub.jobs().get("paced")).isEqualTo(cancelled);
    }

    @Test
    void aTierPacesTheDeviceUpdatesAndTheJobRunsUntilItCompletes() throws Exception {
        hub = open(HubOptions.builder().throttling(ThrottlingTier.S1, 1).build());
        devices(hub, "r", 15, "s");
        long started = System.nanoTime();
        hub.jobs().schedule(JobRequest.updateTwin("ten-a-second", "tags.site = 's'").tags(json("{\"v\":1}"))
                .build());
        assertThat(hub.jobs().get("ten-a-second").status()).isEqualTo(JobStatus.RUNNING);
        HubJob done = hub.jobs().awaitFinished("ten-a-second", Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.statistics()).isEqualTo(new DeviceJobStatistics(15, 15, 0, 0, 0));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("10 at once, then 5 more at 10 a second")
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aDeviceWhoseUpdateBreaksALimitFailsAndTheJobStillCompletes() throws Exception {
        devices(hub, "f", 3, "s");
        // f-002's tags are near the 8 KB limit: adding 200 more bytes breaks it for this device only
        hub.twins().update(TwinKey.device("f-002"), json("{\"tags\":{\"big1\":\"" + "x".repeat(4_050) + "\",\"big2\":\""
                + "x".repeat(4_050) + "\"}}"),
                null);
        hub.jobs().schedule(JobRequest.updateTwin("one-fails", "tags.site = 's'")
                .tags(json("{\"note\":\"" + "y".repeat(200) + "\"}")).build());
        HubJob done = hub.jobs().awaitFinished("one-fails", Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.statistics()).isEqualTo(new DeviceJobStatistics(3, 2, 1, 0, 0));
        assertThat(hub.twins().get(TwinKey.device("f-002")).tags().toJson().contains("note")).isFalse();
        assertThat(hub.twins().get(TwinKey.device("f-003")).tags().toJson().contains("note")).isTrue();

        List<JsonObject> rows = hub.queries().query("SELECT * FROM devices.jobs WHERE status = 'failed'").items();
        assertThat(rows).hasSize(1);
        JsonObject failed = rows.get(0);
        assertThat(failed.get("deviceId").orElseThrow().asString()).isEqualTo("f-002");
        JsonObject error = failed.get("error").orElseThrow().asObject();
        assertThat(error.get("code").orElseThrow().asString()).isEqualTo("ArgumentInvalid");
        assertThat(error.get("description").orElseThrow().asString()).contains("tags");
    }

    @Test
    void aTwinEtagUpdatesOnlyTheTwinsThatHaveItTheOthersFailWithPreconditionFailed() throws Exception {
        devices(hub, "e", 2, "s");
        hub.twins().update(TwinKey.device("e-002"), json("{\"tags\":{\"bump\":1}}"), null);
        String etag = hub.twins().get(TwinKey.device("e-001")).etag().orElseThrow().value();
        hub.jobs().schedule(JobRequest.updateTwin("if-match", "tags.site = 's'").tags(json("{\"v\":1}"))
                .etag(etag).build());
        HubJob done = hub.jobs().awaitFinished("if-match", Duration.ofSeconds(10));
        assertThat(done.statistics()).isEqualTo(new DeviceJobStatistics(2, 1, 1, 0, 0));
        JsonObject failed = hub.queries().query("SELECT * FROM devices.jobs WHERE deviceId = 'e-002'").items()
                .get(0);
        assertThat(failed.get("error").orElseThrow().asObject().get("code").orElseThrow().asString())
                .isEqualTo("PreconditionFailed");
    }

    @Test
    void pastItsMaximumExecutionTimeAJobFailsAndTheDevicesItDidNotReachStayPending() throws Exception {
        // every reading of this clock is a second later than the one before
        AtomicLong seconds = new AtomicLong(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond());
        Clock ticking = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(seconds.getAndIncrement());
            }
        };
        hub = open(HubOptions.builder().clock(ticking).build());
        devices(hub, "t", 40, "s");
        hub.jobs().schedule(JobRequest.updateTwin("too-slow", "tags.site = 's'").tags(json("{\"v\":1}"))
                .maxExecutionTime(Duration.ofSeconds(20)).build());
        HubJob done = hub.jobs().awaitFinished("too-slow", Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.failureReason()).contains("maximum execution time of 20 s");
        DeviceJobStatistics statistics = done.statistics();
        assertThat(statistics.deviceCount()).isEqualTo(40);
        assertThat(statistics.succeededCount()).isPositive();
        assertThat(statistics.pendingCount()).isPositive();
        assertThat(statistics.failedCount()).isZero();
        assertThat(hub.queries().query("SELECT * FROM devices.jobs", QueryOptions.ofPageSize(1000)).items())
                .hasSize(statistics.succeededCount());
    }

    @Test
    void aDeviceDeletedAfterTheJobSelectedItFailsAsDeviceNotFound() throws Exception {
        hub = open(HubOptions.builder().throttling(ThrottlingTier.S1, 1).build());
        devices(hub, "g", 12, "s");
        hub.jobs().schedule(JobRequest.updateTwin("gone", "tags.site = 's'").tags(json("{\"v\":1}")).build());
        assertThat(hub.jobs().get("gone").statistics().succeededCount()).isEqualTo(10);
        hub.registry().delete(TwinKey.device("g-012"), null);
        HubJob done = hub.jobs().awaitFinished("gone", Duration.ofSeconds(10));
        assertThat(done.statistics()).isEqualTo(new DeviceJobStatistics(12, 11, 1, 0, 0));
        JsonObject row = hub.queries().query("SELECT * FROM devices.jobs WHERE deviceId = 'g-012'").items().get(0);
        assertThat(row.get("error").orElseThrow().asObject().get("code").orElseThrow().asString())
                .isEqualTo("DeviceNotFound");
    }

    @Test
    void aConditionMatchingNothingCompletesWithNoDevicesAndStarSelectsEveryDevice() throws Exception {
        devices(hub, "a", 2, "s");
        hub.jobs().schedule(JobRequest.updateTwin("none", "tags.site = 'nowhere'").tags(json("{\"v\":1}")).build());
        assertThat(hub.jobs().awaitFinished("none", Duration.ofSeconds(5)).statistics())
                .isEqualTo(DeviceJobStatistics.NONE);
        hub.jobs().schedule(JobRequest.updateTwin("every", JobRequest.ALL_DEVICES).tags(json("{\"v\":1}")).build());
        assertThat(hub.jobs().awaitFinished("every", Duration.ofSeconds(5)).statistics().succeededCount())
                .isEqualTo(2);
    }

    @Test
    void deviceJobRecordsCarryTheServiceFieldsAndFilterLikeTheJavaSdkAsks() throws Exception {
        devices(hub, "q", 3, "s");
        hub.jobs().schedule(JobRequest.updateTwin("q-job", "tags.site = 's'").tags(json("{\"v\":1}")).build());
        hub.jobs().schedule(JobRequest.updateTwin("q-other", "deviceId = 'q-001'").tags(json("{\"w\":1}")).build());
        hub.jobs().awaitFinished("q-other", Duration.ofSeconds(5));

        var page = hub.queries().query("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'q-job' and"
                + " devices.jobs.jobType = 'scheduleUpdateTwin'");
        assertThat(page.itemType()).isEqualTo(io.twinkit.query.QueryItemType.DEVICE_JOB);
        assertThat(page.items()).hasSize(3);
        JsonObject row = page.items().get(0);
        assertThat(row.keys()).containsExactly("deviceId", "jobId", "jobType", "status", "startTimeUtc",
                "endTimeUtc", "createdDateTimeUtc", "lastUpdatedDateTimeUtc", "outcome");
        assertThat(row.get("deviceId").orElseThrow().asString()).isEqualTo("q-001");
        assertThat(row.get("status").orElseThrow().asString()).isEqualTo("completed");
        assertThat(row.get("outcome").orElseThrow()).isEqualTo(json("{\"deviceMethodResponse\":null}"));
        assertThat(hub.queries().query("SELECT * FROM devices.jobs WHERE devices.jobs.deviceId = 'q-001'").items())
                .extracting(r -> r.get("jobId").orElseThrow().asString()).containsExactly("q-job", "q-other");
        assertThat(hub.queries().query("SELECT TOP 2 * FROM devices.jobs").items()).hasSize(2);
        assertThat(hub.queries().query("SELECT * FROM devices.jobs WHERE jobType = 'scheduleDeviceMethod'")
                .items()).isEmpty();

        var first = hub.queries().query("SELECT * FROM devices.jobs", QueryOptions.ofPageSize(3));
        assertThat(first.items()).hasSize(3);
        var second = hub.queries().query("SELECT * FROM devices.jobs", QueryOptions.ofPageSize(3)
                .withContinuation(first.continuation().orElseThrow()));
        assertThat(second.items()).hasSize(1);
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void jobsAreListedOldestFirstByTypeAndStatusAPageAtATime() throws Exception {
        devices(hub, "l", 1, "s");
        for (int i = 1; i <= 5; i++) {
            hub.jobs().schedule(JobRequest.updateTwin("list-" + i, "tags.site = 's'").tags(json("{\"v\":" + i + "}"))
                    .build());
        }
        hub.jobs().schedule(JobRequest.updateTwin("list-queued", "tags.site = 's'").tags(json("{\"v\":0}"))
                .startTime(Instant.now().plus(Duration.ofHours(1))).build());
        assertThat(hub.jobs().list()).extracting(HubJob::jobId)
                .containsExactly("list-1", "list-2", "list-3", "list-4", "list-5", "list-queued");
        List<String> ids = new ArrayList<>();
        JobPage page = hub.jobs().query(JobType.SCHEDULE_UPDATE_TWIN, JobStatus.COMPLETED, QueryOptions.ofPageSize(2));
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            sizes.add(page.jobs().size());
            page.jobs().forEach(job -> ids.add(job.jobId()));
            if (!page.hasMore()) {
                break;
            }
            page = hub.jobs().query(JobType.SCHEDULE_UPDATE_TWIN, JobStatus.COMPLETED, QueryOptions.ofPageSize(2)
                    .withContinuation(page.continuation()));
        }
        assertThat(ids).containsExactly("list-1", "list-2", "list-3", "list-4", "list-5");
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(hub.jobs().query(null, JobStatus.QUEUED, QueryOptions.defaults()).jobs())
                .extracting(HubJob::jobId).containsExactly("list-queued");
        assertThat(hub.jobs().query(JobType.SCHEDULE_DEVICE_METHOD, null, QueryOptions.defaults()).jobs()).isEmpty();
        assertThatThrownBy(() -> hub.jobs().query(null, null, QueryOptions.defaults().withContinuation("garbage")))
                .isInstanceOf(TwinException.class)
                .satisfies(e -> assertThat(((TwinException) e).errorCode())
                        .isEqualTo(IotHubErrorCode.ARGUMENT_INVALID));
    }

    @Test
    void theServicesErrorsForIdsConditionsUpdatesAndTheActiveJobLimit() {
        devices(hub, "x", 1, "s");
        hub.jobs().schedule(JobRequest.updateTwin("dup", "tags.site = 's'").tags(json("{\"v\":1}")).build());
        assertThatThrownBy(() -> hub.jobs().schedule(JobRequest.updateTwin("dup", "tags.site = 's'").build()))
                .isInstanceOf(JobAlreadyExistsException.class).hasMessageContaining("dup");
        assertThatThrownBy(() -> hub.jobs().get("nope")).isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> hub.jobs().cancel("nope")).isInstanceOf(JobNotFoundException.class);
        assertThat(code(() -> JobRequest.updateTwin("bad_id", "deviceId = 'x'"))).isEqualTo(400004);
        assertThat(code(() -> JobRequest.updateTwin("x".repeat(65), "deviceId = 'x'"))).isEqualTo(400004);
        assertThat(code(() -> JobRequest.updateTwin("query", "deviceId = 'x'"))).isEqualTo(400004);
        assertThat(code(() -> JobRequest.updateTwin("ok", "deviceId = "))).isEqualTo(400004);
        assertThat(code(() -> JobRequest.updateTwin("ok", "  "))).isEqualTo(400004);
        assertThat(code(() -> JobRequest.updateTwin("ok", "x = 1").maxExecutionTime(Duration.ZERO)))
                .isEqualTo(400004);
        assertThat(code(() -> hub.jobs().schedule(JobRequest.updateTwin("dollar", "tags.site = 's'")
                .desired(json("{\"$bad\":1}")).build()))).isEqualTo(400004);
        assertThat(code(() -> hub.jobs().schedule(JobRequest.updateTwin("root", "tags.site = 's'")
                .twinPatch(json("{\"etag\":\"*\",\"desired\":{\"a\":1}}")).build()))).isEqualTo(400004);
        assertThat(code(() -> hub.jobs().schedule(JobRequest.updateTwin("not-object", "tags.site = 's'")
                .twinPatch(json("{\"etag\":\"*\",\"tags\":5}")).build()))).isEqualTo(400004);
        assertThat(hub.jobs().list()).extracting(HubJob::jobId).containsExactly("dup");

        IotHub s1 = open(HubOptions.builder().throttling(ThrottlingTier.S1, 1).build());
        s1.jobs().schedule(JobRequest.updateTwin("first", "tags.site = 's'").startTime(Instant.now().plusSeconds(3600))
                .build());
        assertThatThrownBy(() -> s1.jobs().schedule(JobRequest.updateTwin("second", "tags.site = 's'").build()))
                .isInstanceOf(TwinException.class).hasMessageContaining("at once (1)")
                .satisfies(e -> assertThat(((TwinException) e).errorCode())
                        .isEqualTo(IotHubErrorCode.THROTTLING_MAX_ACTIVE_JOB_COUNT_EXCEEDED));
        s1.jobs().cancel("first");
        assertThat(s1.jobs().schedule(JobRequest.updateTwin("second", "tags.site = 's'").build()).jobId())
                .isEqualTo("second");
    }

    @Test
    void theHubKeepsAThousandJobsAndForgetsTheOldestFinishedOnesFirst() {
        for (int i = 0; i < 1_005; i++) {
            hub.jobs().schedule(JobRequest.updateTwin("h-" + i, "tags.site = 'none'").build());
        }
        List<HubJob> kept = hub.jobs().list();
        assertThat(kept).hasSize(1_000);
        assertThat(kept.get(0).jobId()).isEqualTo("h-5");
        assertThatThrownBy(() -> hub.jobs().get("h-4")).isInstanceOf(JobNotFoundException.class);
        // an id no longer kept can be used again
        assertThat(hub.jobs().schedule(JobRequest.updateTwin("h-0", "tags.site = 'none'").build()).jobId())
                .isEqualTo("h-0");
    }

    @Test
    void aFinishedJobIsForgottenThirtyDaysAfterItEnded() {
        AtomicLong now = new AtomicLong(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());
        Clock settable = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        hub = open(HubOptions.builder().clock(settable).build());
        hub.jobs().schedule(JobRequest.updateTwin("old", "tags.site = 'none'").build());
        now.addAndGet(Duration.ofDays(29).toMillis());
        hub.jobs().schedule(JobRequest.updateTwin("newer", "tags.site = 'none'").build());
        assertThat(hub.jobs().list()).extracting(HubJob::jobId).containsExactly("old", "newer");
        now.addAndGet(Duration.ofDays(2).toMillis());
        hub.jobs().schedule(JobRequest.updateTwin("newest", "tags.site = 'none'").build());
        assertThat(hub.jobs().list()).extracting(HubJob::jobId).containsExactly("newer", "newest");
    }

    @Test
    void aClosedHubRefusesJobCalls() {
        hub.close();
        assertThatThrownBy(() -> hub.jobs().list()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> hub.jobs().schedule(JobRequest.updateTwin("x", "deviceId = 'a'").build()))
                .isInstanceOf(IllegalStateException.class);
    }

    private static int code(Runnable call) {
        try {
            call.run();
        } catch (TwinException e) {
            return e.errorCode().code();
        }
        throw new AssertionError("no TwinException");
    }

    private static JsonObject json(String text) {
        return JsonValue.parseObject(text);
    }
}
