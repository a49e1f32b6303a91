package io.twinkit.service;

import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.PreconditionFailedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ETag;
import io.twinkit.core.MergePatch;
import io.twinkit.core.ModuleId;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a {@link TwinkitEmulator} over real TLS on loopback. */
@Timeout(60)
class TwinServiceClientTest {

    private static EmulatorService service;
    private static TwinkitEmulator emulator;
    private static IotHub hub;
    private static TwinServiceClient client;

    @BeforeAll
    static void start() {
        service = EmulatorService.start(DeviceId.of("d1"));
        emulator = service.emulator;
        hub = service.hub;
        client = service.client;
        hub.registry().createModule(DeviceId.of("d1"), ModuleId.of("m1"));
        for (int i = 1; i <= 5; i++) {
            hub.registry().createDevice(DeviceId.of("fleet-" + i));
            hub.twins().update(TwinKey.device("fleet-" + i),
                    JsonValue.parseObject("{\"tags\":{\"fleet\":true,\"n\":" + i + "}}"), null);
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static DeviceId newDevice(String id) {
        return service.newDevice(id);
    }

    @Test
    void getsTheTwinAsTheHubHasIt() {
        TwinDocument twin = client.getTwin(TwinKey.device("fleet-3"));
        TwinDocument stored = hub.twins().get(TwinKey.device("fleet-3"));
        assertThat(twin.deviceId()).isEqualTo(DeviceId.of("fleet-3"));
        assertThat(twin.etag()).isEqualTo(stored.etag());
        assertThat(twin.version()).isEqualTo(stored.version());
        assertThat(twin.tags()).isEqualTo(stored.tags());
        assertThat(twin.desired().properties()).isEqualTo(stored.desired().properties());
        assertThat(twin.desired().version()).isEqualTo(stored.desired().version());
    }

    @Test
    void updatesTagsAndDesiredAndTheHubSeesIt() {
        TwinKey device = TwinKey.device(newDevice("updated"));
        TwinDocument before = client.getTwin(device);
        TwinPatch patch = new TwinPatch(MergePatch.builder().set("site", "lab").build(),
                MergePatch.of(JsonValue.parseObject("{\"temp\":21.5,\"cfg\":{\"mode\":\"eco\",\"levels\":[1,2]},"
                        + "\"big\":12345678901234}")));
        TwinDocument after = client.update(device, patch);

        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(after.version().orElseThrow()).isGreaterThan(before.version().orElseThrow());
        TwinDocument stored = hub.twins().get(TwinKey.device("updated"));
        assertThat(stored.tags().toJson()).isEqualTo(JsonValue.parseObject("{\"site\":\"lab\"}"));
        assertThat(stored.desired().properties().toJson()).isEqualTo(JsonValue.parseObject(
                "{\"temp\":21.5,\"cfg\":{\"mode\":\"eco\",\"levels\":[1,2]},\"big\":12345678901234}"));
        assertThat(after.desired().properties()).isEqualTo(stored.desired().properties());
        assertThat(after.etag()).isEqualTo(stored.etag());

        TwinDocument deleted = client.update(device, TwinPatch.ofDesired(MergePatch.builder().delete("cfg.mode")
                .build()));
        assertThat(deleted.desired().properties().toJson()).isEqualTo(JsonValue.parseObject(
                "{\"temp\":21.5,\"cfg\":{\"levels\":[1,2]},\"big\":12345678901234}"));
    }

    @Test
    void anEmptyPatchSendsNothingAndReturnsTheCurrentTwin() {
        TwinKey device = TwinKey.device(newDevice("untouched"));
        TwinDocument before = hub.twins().get(TwinKey.device("untouched"));
        TwinDocument returned = client.update(device, TwinPatch.empty(),
                UpdateOptions.defaults().ifMatch(ETag.of("stale")));
        assertThat(returned.etag()).isEqualTo(before.etag());
        assertThat(hub.twins().get(TwinKey.device("untouched"))).isEqualTo(before);
    }

    @Test
    void conditionalUpdateSucceedsWithTheCurrentEtagAndFailsWithAStaleOne() {
        TwinKey device = TwinKey.device(newDevice("conditional"));
        ETag first = client.getTwin(device).etag().orElseThrow();
        TwinDocument updated = client.update(device, TwinPatch.ofTags(MergePatch.builder().set("a", 1).build()),
                UpdateOptions.defaults().ifMatch(first));
        assertThat(updated.tags().getLong("a")).hasValue(1);

        TwinDocument stored = hub.twins().get(TwinKey.device("conditional"));
        assertThatThrownBy(() -> client.update(device, TwinPatch.ofTags(MergePatch.builder().set("a", 2).build()),
                UpdateOptions.defaults().ifMatch(first)))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(412);
                    assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.PRECONDITION_FAILED);
                    assertThat(e.rawErrorCode()).isEqualTo(412001);
                    assertThat(e).hasMessageContaining("conditional").hasMessageContaining("412");
                });
        assertThat(hub.twins().get(TwinKey.device("conditional"))).isEqualTo(stored);
    }

    @Test
    void replaceSetsTagsAndDesiredWhole() {
        TwinKey device = TwinKey.device(newDevice("replaced"));
        hub.twins().update(TwinKey.device("replaced"),
                JsonValue.parseObject("{\"tags\":{\"old\":1},\"properties\":{\"desired\":{\"old\":1}}}"), null);
        ETag etag = client.getTwin(device).etag().orElseThrow();
        TwinDocument replaced = client.replace(device, PropertySet.parse("{\"fresh\":\"yes\"}"),
                PropertySet.parse("{\"mode\":\"eco\"}"), UpdateOptions.defaults().ifMatch(etag));
        TwinDocument stored = hub.twins().get(TwinKey.device("replaced"));
        assertThat(stored.tags().toJson()).isEqualTo(JsonValue.parseObject("{\"fresh\":\"yes\"}"));
        assertThat(stored.desired().properties().toJson()).isEqualTo(JsonValue.parseObject("{\"mode\":\"eco\"}"));
        assertThat(replaced.tags()).isEqualTo(stored.tags());
        assertThatThrownBy(() -> client.replace(device, PropertySet.empty(), PropertySet.parse("{\"x\":1}"),
                UpdateOptions.defaults().ifMatch(etag)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> client.replace(device, PropertySet.empty(), PropertySet.empty(),
                UpdateOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replaced");

        client.replace(device, PropertySet.empty(), PropertySet.parse("{\"only\":true}"),
                UpdateOptions.defaults());
        TwinDocument cleared = hub.twins().get(TwinKey.device("replaced"));
        assertThat(cleared.tags().toJson()).isEqualTo(JsonObject.empty());
        assertThat(cleared.desired().properties().toJson()).isEqualTo(JsonValue.parseObject("{\"only\":true}"));
    }

    @Test
    void getsAModuleTwin() {
        TwinDocument twin = client.getTwin(TwinKey.module(DeviceId.of("d1"), ModuleId.of("m1")));
        assertThat(twin.deviceId()).isEqualTo(DeviceId.of("d1"));
        assertThat(twin.moduleId()).contains(ModuleId.of("m1"));
        assertThat(twin.etag()).isEqualTo(hub.twins().get(TwinKey.module("d1", "m1")).etag());
    }

    @Test
    void twoBackEndsRacingReadModifyWriteBothLand() throws Exception {
        TwinKey device = TwinKey.device(newDevice("counter"));
        int perThread = 8;
        RetryOptions retry = new RetryOptions(50, Duration.ofMillis(1), Duration.ofMillis(20));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TwinServiceClient second = EmulatorService.clientFor(emulator)) {
            List<Future<?>> runs = Stream.of(client, second).map(backEnd -> pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    backEnd.update(device, twin -> TwinPatch.ofDesired(MergePatch.builder().set("count",
                            twin.desired().properties().getLong("count").orElse(0) + 1).build()),
                            UpdateOptions.defaults().retry(retry));
                }
            })).collect(Collectors.toList());
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(hub.twins().get(TwinKey.device("counter")).desired().properties().getLong("count"))
                .hasValue(2L * perThread);
    }

    @Test
    void readModifyWriteGivesUpAfterTheLastAttempt() {
        TwinKey device = TwinKey.device(newDevice("contended"));
        RetryOptions once = RetryOptions.defaults().withMaxAttempts(2);
        int[] calls = {0};
        assertThatThrownBy(() -> client.update(device, twin -> {
            calls[0]++;
            // another writer changes the twin between our read and our write, every time
            hub.twins().update(TwinKey.device("contended"), JsonValue.parseObject("{\"tags\":{\"other\":" + calls[0]
                    + "}}"), null);
            return TwinPatch.ofTags(MergePatch.builder().set("mine", true).build());
        }, UpdateOptions.defaults().retry(once))).isInstanceOf(PreconditionFailedException.class);
        assertThat(calls[0]).isEqualTo(2);
        assertThat(hub.twins().get(TwinKey.device("contended")).tags().contains("mine")).isFalse();
    }

    @Test
    void readModifyWriteRefusesAnEtagItWouldIgnore() {
        TwinKey device = TwinKey.device(newDevice("rmw-etag"));
        ETag etag = client.getTwin(device).etag().orElseThrow();
        int[] calls = {0};
        assertThatThrownBy(() -> client.update(device, twin -> {
            calls[0]++;
            return TwinPatch.ofTags(MergePatch.builder().set("x", 1).build());
        }, UpdateOptions.defaults().ifMatch(etag)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rmw-etag").hasMessageContaining(etag.value());
        assertThat(calls[0]).isZero();
        assertThat(hub.twins().get(TwinKey.device("rmw-etag")).etag()).contains(etag);
    }

    @Test
    void aPatchOrAReplaceMakesOneAttemptWhateverTheRetryOptions() {
        TwinKey device = TwinKey.device(newDevice("one-attempt"));
        ETag stale = client.getTwin(device).etag().orElseThrow();
        hub.twins().update(device, JsonValue.parseObject("{\"tags\":{\"moved\":true}}"), null);
        TwinDocument moved = hub.twins().get(device);
        UpdateOptions patient = UpdateOptions.defaults().ifMatch(stale)
                .retry(new RetryOptions(20, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.update(device, TwinPatch.ofTags(MergePatch.builder().set("a", 1).build()),
                patient)).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> client.replace(device, PropertySet.parse("{\"a\":1}"), PropertySet.empty(),
                patient)).isInstanceOf(PreconditionFailedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(hub.twins().get(device)).isEqualTo(moved);
    }

    @Test
    void errorsCarryCodeAndStatus() {
        assertThatThrownBy(() -> client.getTwin(TwinKey.device("nobody")))
                .isInstanceOfSatisfying(TwinNotFoundException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_FOUND);
                    assertThat(e.rawErrorCode()).isEqualTo(404001);
                    assertThat(e).hasMessageContaining("nobody");
                });
    }

    @Test
    void aWrongKeyIsUnauthorized() {
        String wrong = emulator.serviceConnectionString().replaceAll("SharedAccessKey=[^;]*",
                "SharedAccessKey=" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        try (TwinServiceClient intruder = TwinServiceClient.builder().connectionString(wrong).build()) {
            assertThatThrownBy(() -> intruder.getTwin(TwinKey.device("d1")))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS);
                    });
        }
    }

    @Test
    void awaitReportedReturnsOnceTheDeviceHasReported() throws Exception {
        TwinKey device = TwinKey.device(newDevice("reporter"));
        Thread reporter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            hub.twins().report(TwinKey.device("reporter"), JsonValue.parseObject("{\"fw\":\"2.0\"}"), null);
        });
        reporter.start();
        TwinDocument seen = client.awaitReported(device, reported -> reported.getString("fw").isPresent(),
                Duration.ofSeconds(10));
        reporter.join();
        assertThat(seen.reported().properties().getString("fw")).contains("2.0");
    }

    @Test
    void awaitReportedTimesOutNamingTheLastState() {
        TwinKey device = TwinKey.device(newDevice("silent"));
        assertThatThrownBy(() -> client.awaitReported(device, reported -> reported.contains("never"),
                Duration.ofMillis(300)))
                .isInstanceOf(TwinTimeoutException.class).hasMessageContaining("silent").hasMessageContaining("PT0.3S");
    }

    @Test
    void awaitsTheReportedPropertiesOfAModuleTwin() {
        TwinKey module = TwinKey.module("d1", "m1");
        hub.twins().report(module, JsonValue.parseObject("{\"module\":\"ready\"}"), null);
        TwinDocument seen = client.awaitReported(module, reported -> reported.contains("module"),
                Duration.ofSeconds(10));
        assertThat(seen.moduleId()).contains(ModuleId.of("m1"));
        assertThat(seen.reported().properties().getString("module")).contains("ready");
        assertThat(client.getTwin(TwinKey.device("d1")).reported().properties().contains("module")).isFalse();
    }

    @Test
    void aClosedClientRefusesCalls() {
        TwinServiceClient closing = EmulatorService.clientFor(emulator);
        closing.close();
        assertThatThrownBy(() -> closing.getTwin(TwinKey.device("d1"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
