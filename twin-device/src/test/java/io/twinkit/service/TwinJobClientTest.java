package io.twinkit.service;

import static io.twinkit.query.TwinQuery.field;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinLimits;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.query.Condition;
import io.twinkit.query.QueryOptions;
import io.twinkit.query.QueryPage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jobs client over real TLS against the emulator's {@code /jobs/v2} routes and {@code devices.jobs}. The hub's
 * desired properties are limited to 2 KB, so that a device holding 1.9 KB of them fails a job that adds more. Each
 * test uses its own devices (by tag) and job ids.
 */
@Timeout(60)
class TwinJobClientTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    record Firmware(String version) {
    }

    record FirmwareSettings(Firmware firmware) {
    }

    private static TwinkitEmulator emulator;
    private static IotHub hub;
    private static TwinServiceClient client;
    private static TwinJobClient jobs;

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .hubOptions(HubOptions.builder().limits(TwinLimits.service().toBuilder().maxDesiredSize(2048).build())
                        .build())
                .build());
        hub = emulator.hub();
        client = EmulatorService.clientFor(emulator);
        jobs = client.jobs();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    /** Creates devices {@code prefix-1} … tagged {@code group: prefix} and returns their twins' keys. */
    private static List<TwinKey> devices(String prefix, int count) {
        List<TwinKey> keys = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            TwinKey key = TwinKey.device(prefix + "-" + i);
            hub.registry().createDevice(key.deviceId());
            hub.twins().update(key, JsonValue.parseObject("{\"tags\":{\"group\":\"" + prefix + "\"}}"), null);
            keys.add(key);
        }
        return keys;
    }

    private static Condition group(String prefix) {
        return tag("group").eq(prefix);
    }

    private static TwinPatch firmware(String version) {
        return TwinPatch.desiredChange(Map.of(), new FirmwareSettings(new Firmware(version)));
    }

    private static String desiredFirmware(TwinKey key) {
        return hub.twins().get(key).desired().properties().getString("firmware.version").orElse("(none)");
    }

    @Test
    void aScheduledTwinUpdateRunsOverTheSelectedTwinsAndAwaitReturnsItsEnd() {
        List<TwinKey> selected = devices("run", 3);
        List<TwinKey> others = devices("other", 2);
        TwinPatch patch = new TwinPatch(MergePatch.of(JsonValue.parseObject("{\"rollout\":\"wave-1\"}")),
                firmware("2.0.0").desired());

        TwinJob job = jobs.scheduleTwinUpdate(group("run"), patch, TwinJobOptions.defaults().jobId("run-job"));
        TwinJob done = job.await(WAIT);

        assertThat(job.id()).isEqualTo("run-job");
        assertThat(job.type()).isEqualTo(TwinJobType.SCHEDULE_UPDATE_TWIN);
        assertThat(done.status()).isEqualTo(TwinJobStatus.COMPLETED);
        assertThat(done.isFinished()).isTrue();
        assertThat(done.statistics()).isEqualTo(new TwinJobStatistics(3, 3, 0, 0, 0));
        assertThat(done.queryCondition()).contains("tags.[[group]] = 'run'").contains(group("run").toString());
        assertThat(done.patch()).isEqualTo(patch);
        assertThat(done.maxExecutionTime()).contains(Duration.ofHours(1));
        assertThat(done.createdTime()).isPresent();
        assertThat(done.startTime()).isPresent();
        assertThat(done.endTime()).isPresent();
        assertThat(done.failureReason()).isEmpty();
        for (TwinKey key : selected) {
            assertThat(desiredFirmware(key)).as(key.toString()).isEqualTo("2.0.0");
            assertThat(hub.twins().get(key).tags().getString("rollout")).contains("wave-1");
        }
        for (TwinKey key : others) {
            assertThat(desiredFirmware(key)).as(key.toString()).isEqualTo("(none)");
        }
        assertThat(jobs.get("run-job").status()).isEqualTo(TwinJobStatus.COMPLETED);
        assertThat(done.await(WAIT).statistics()).as("awaiting a finished job reads it once").isEqualTo(
                done.statistics());
    }

    @Test
    void aJobWithAFutureStartWaitsUntilCancelledAndTouchesNothing() {
        List<TwinKey> selected = devices("later", 2);

        TwinJob job = jobs.scheduleTwinUpdate(group("later"), firmware("3.0.0"), TwinJobOptions.defaults()
                .jobId("later-job").startTime(Instant.now().plus(Duration.ofHours(1))));

        assertThat(job.isFinished()).isFalse();
        assertThat(job.startTime()).hasValueSatisfying(start -> assertThat(start).isAfter(Instant.now()));
        assertThat(job.refresh().status()).isIn(TwinJobStatus.QUEUED, TwinJobStatus.SCHEDULED);
        assertThatThrownBy(() -> job.await(Duration.ofMillis(500))).isInstanceOf(TwinTimeoutException.class)
                .hasMessageContaining("'later-job' was not done within PT0.5S");

        TwinJob cancelled = job.cancel().await(WAIT);

        assertThat(cancelled.status()).isEqualTo(TwinJobStatus.CANCELLED);
        assertThat(cancelled.statistics().succeeded()).isZero();
        for (TwinKey key : selected) {
            assertThat(desiredFirmware(key)).isEqualTo("(none)");
        }
        assertThat(jobs.cancel("later-job").status()).as("cancelling again changes nothing")
                .isEqualTo(TwinJobStatus.CANCELLED);
    }

    @Test
    void aDeviceTheUpdateIsRefusedOnIsCountedAsFailedAndListedWithItsError() {
        List<TwinKey> selected = devices("full", 3);
        TwinKey full = selected.get(1);
        hub.twins().update(full, JsonValue.parseObject("{\"properties\":{\"desired\":{\"ballast\":\""
                + "x".repeat(1900) + "\"}}}"), null);

        TwinJob done = jobs.scheduleTwinUpdate(group("full"), TwinPatch.ofDesired(MergePatch.of(JsonValue.parseObject(
                "{\"notes\":\"" + "n".repeat(300) + "\"}"))), TwinJobOptions.defaults().jobId("full-job")).await(WAIT);

        assertThat(done.status()).isEqualTo(TwinJobStatus.COMPLETED);
        assertThat(done.statistics()).isEqualTo(new TwinJobStatistics(3, 2, 1, 0, 0));
        List<DeviceJob> failed = jobs.deviceJobs(selectAll().fromJobs()
                .where(field("jobId").eq("full-job").and(field("status").eq("failed")))).toList();
        assertThat(failed).singleElement().satisfies(row -> {
            assertThat(row.deviceId()).isEqualTo(full.deviceId());
            assertThat(row.status()).isEqualTo(TwinJobStatus.FAILED);
            assertThat(row.type()).isEqualTo(TwinJobType.SCHEDULE_UPDATE_TWIN);
            assertThat(row.errorCode()).isPresent();
            assertThat(row.errorDescription()).isPresent();
        });
        List<DeviceJob> all = jobs.deviceJobs(selectAll().fromJobs().where(field("jobId").eq("full-job")))
                .toList();
        assertThat(all).extracting(DeviceJob::deviceId).containsExactlyInAnyOrder(selected.stream()
                .map(TwinKey::deviceId).toArray(DeviceId[]::new));
        assertThat(all).filteredOn(row -> row.status() == TwinJobStatus.COMPLETED).hasSize(2)
                .allSatisfy(row -> assertThat(row.errorCode()).isEmpty());
        QueryPage<DeviceJob> page = jobs.deviceJobPage(selectAll().fromJobs().where(field("jobId").eq("full-job")),
                QueryOptions.ofPageSize(2));
        assertThat(page.items()).hasSize(2);
        assertThat(page.hasMore()).isTrue();
        assertThat(jobs.deviceJobPage(selectAll().fromJobs().where(field("jobId").eq("full-job")),
                QueryOptions.ofPageSize(2).withContinuation(page.continuation().orElseThrow())).items()).hasSize(1);
    }

    @Test
    void theProgressListenerHearsOfEachChangeUpToTheEnd() {
        devices("watched", 4);
        List<TwinJob> heard = new ArrayList<>();

        TwinJob done = jobs.scheduleTwinUpdate(group("watched"), firmware("2.1.0"),
                TwinJobOptions.defaults().jobId("watched-job")).await(WAIT, heard::add);

        assertThat(heard).isNotEmpty();
        assertThat(heard.get(heard.size() - 1).status()).isEqualTo(TwinJobStatus.COMPLETED);
        assertThat(heard.get(heard.size() - 1).statistics()).isEqualTo(done.statistics());
        for (int i = 1; i < heard.size(); i++) {
            TwinJob before = heard.get(i - 1);
            TwinJob after = heard.get(i);
            assertThat(before.status() != after.status() || !before.statistics().equals(after.statistics()))
                    .as("call %d repeats call %d", i, i - 1).isTrue();
            assertThat(after.statistics().finished()).isGreaterThanOrEqualTo(before.statistics().finished());
        }
        assertThatThrownBy(() -> jobs.get("watched-job").await(WAIT, job -> {
            throw new IllegalStateException("listener says stop");
        })).isInstanceOf(IllegalStateException.class).hasMessage("listener says stop");
    }

    @Test
    void jobQueriesPageLazilyByTypeAndStatus() {
        List<String> ids = List.of("page-1", "page-2", "page-3", "page-4", "page-5");
        for (String id : ids) {
            jobs.scheduleTwinUpdate(group("nobody"), firmware("9.9.9"), TwinJobOptions.defaults().jobId(id))
                    .await(WAIT);
        }
        TwinJobFilter completedUpdates = TwinJobFilter.all().type(TwinJobType.SCHEDULE_UPDATE_TWIN)
                .status(TwinJobStatus.COMPLETED);

        Stream<TwinJob> lazy = jobs.query(completedUpdates, QueryOptions.ofPageSize(2));
        jobs.scheduleTwinUpdate(group("nobody"), firmware("9.9.9"), TwinJobOptions.defaults().jobId("page-6"))
                .await(WAIT);
        List<String> listed = lazy.map(TwinJob::id).filter(id -> id.startsWith("page-")).toList();

        assertThat(listed).as("the first request is sent by the terminal operation, after page-6 was scheduled")
                .containsExactly("page-1", "page-2", "page-3", "page-4", "page-5", "page-6");
        List<String> paged = new ArrayList<>();
        QueryOptions options = QueryOptions.ofPageSize(2);
        int pages = 0;
        while (true) {
            QueryPage<TwinJob> page = jobs.queryPage(completedUpdates, options);
            pages++;
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().forEach(job -> paged.add(job.id()));
            if (!page.hasMore()) {
                break;
            }
            options = options.withContinuation(page.continuation().orElseThrow());
        }
        assertThat(paged).containsSubsequence(listed).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(jobs.query(TwinJobFilter.all().status(TwinJobStatus.CANCELLED)).map(TwinJob::id))
                .doesNotContainAnyElementsOf(ids);
        assertThat(jobs.query(TwinJobFilter.all().type(TwinJobType.SCHEDULE_DEVICE_METHOD))).isEmpty();
        assertThat(jobs.query(TwinJobFilter.all()).map(TwinJob::id)).containsAll(ids);
    }

    @Test
    void schedulingAgainWithTheSameIdAndUpdateGivesTheSameJobAndADifferentOneTheConflict() {
        devices("twice", 1);
        TwinJob first = jobs.scheduleTwinUpdate(group("twice"), firmware("2.0.0"),
                TwinJobOptions.defaults().jobId("twice-job")).await(WAIT);

        TwinJob again = jobs.scheduleTwinUpdate(group("twice"), firmware("2.0.0"),
                TwinJobOptions.defaults().jobId("twice-job").startTime(Instant.now().plusSeconds(60)));

        assertThat(again.id()).isEqualTo("twice-job");
        assertThat(again.status()).isEqualTo(TwinJobStatus.COMPLETED);
        assertThat(again.createdTime()).isEqualTo(first.createdTime());
        assertThatThrownBy(() -> jobs.scheduleTwinUpdate(group("twice"), firmware("3.0.0"),
                TwinJobOptions.defaults().jobId("twice-job")))
                .isInstanceOf(ServiceException.class)
                .satisfies(e -> {
                    ServiceException error = (ServiceException) e;
                    assertThat(error.httpStatus()).isEqualTo(409);
                    assertThat(error.errorCode()).isEqualTo(IotHubErrorCode.JOB_ALREADY_EXISTS);
                    assertThat(error.rawErrorCode()).isEqualTo(409104);
                });
    }

    @Test
    void theDefaultIdIsANewUuidForEachJob() {
        TwinJob one = jobs.scheduleTwinUpdate(group("nobody"), firmware("1.0.0"), TwinJobOptions.defaults());
        TwinJob two = jobs.scheduleTwinUpdate(group("nobody"), firmware("1.0.0"), TwinJobOptions.defaults());

        assertThat(one.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(two.id()).isNotEqualTo(one.id());
        assertThat(one.await(WAIT).status()).isEqualTo(TwinJobStatus.COMPLETED);
        assertThat(two.await(WAIT).status()).isEqualTo(TwinJobStatus.COMPLETED);
    }

    @Test
    void anUnknownJobIsTheNotFoundExceptionWithTheJobNotFoundCode() {
        for (Runnable call : List.<Runnable>of(() -> jobs.get("no-such-job"), () -> jobs.cancel("no-such-job"))) {
            assertThatThrownBy(call::run).isInstanceOf(TwinNotFoundException.class).satisfies(e -> {
                TwinNotFoundException error = (TwinNotFoundException) e;
                assertThat(error.errorCode()).isEqualTo(IotHubErrorCode.JOB_NOT_FOUND);
                assertThat(error.rawErrorCode()).isEqualTo(404002);
                assertThat(error.httpStatus()).isEqualTo(404);
                assertThat(error.getMessage()).contains("job 'no-such-job'");
            });
        }
    }

    @Test
    void requestsTheClientCannotSendAreRefusedBeforeSending() {
        assertThatThrownBy(() -> jobs.scheduleTwinUpdate(group("x"), TwinPatch.empty(), TwinJobOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> jobs.deviceJobs(selectAll().fromDevices()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("devices.jobs");
        assertThatThrownBy(() -> jobs.get("a/b")).isInstanceOf(IllegalArgumentException.class);
        TwinServiceClient closed = EmulatorService.clientFor(emulator);
        closed.close();
        assertThatThrownBy(() -> closed.jobs().get("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> closed.jobs().query(TwinJobFilter.all())).isInstanceOf(IllegalStateException.class);
    }
}
