package io.twinkit.service;

import static io.twinkit.query.TwinQuery.desired;
import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.select;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ETag;
import io.twinkit.core.ModuleId;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The configurations client over real TLS against the emulator's {@code /configurations} routes: six devices, three in
 * plant Redmond43 and three elsewhere. Each test uses its own configuration ids.
 */
@Timeout(60)
class DeviceConfigurationClientTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    record Telemetry(int interval, String unit) {
    }

    record TelemetrySettings(Telemetry telemetry) {
    }

    private static EmulatorService service;
    private static DeviceConfigurationClient configurations;
    private static IotHub hub;

    @BeforeAll
    static void start() {
        service = EmulatorService.start();
        hub = service.hub;
        configurations = service.client.configurations();
        for (int i = 1; i <= 6; i++) {
            DeviceId device = service.newDevice("cfg-" + i);
            hub.twins().update(TwinKey.device(device), JsonValue.parseObject("{\"tags\":{\"location\":{\"plant\":\""
                    + (i <= 3 ? "Redmond43" : "Austin7") + "\"}}}"), null);
        }
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static DeviceConfiguration.Builder telemetry(String id) {
        return DeviceConfiguration.builder(id)
                .priority(10)
                .label("purpose", "telemetry")
                .targetCondition(tag("location.plant").eq("Redmond43"))
                .deviceContentFrom(new TelemetrySettings(new Telemetry(30, "s")));
    }

    @Test
    void createGetUpdateListAndDeleteGoThroughTheHubWithEtags() {
        DeviceConfiguration created = configurations.create(telemetry("crud").build());

        assertThat(created.etag()).isPresent();
        assertThat(created.createdTime()).isPresent();
        assertThat(created.writesSameAs(telemetry("crud").build())).as("the hub keeps what was sent: %s", created)
                .isTrue();
        DeviceConfiguration read = configurations.get("crud");
        assertThat(read.etag()).isEqualTo(created.etag());
        assertThat(read.labels()).containsExactly(Map.entry("purpose", "telemetry"));
        assertThat(read.targetCondition()).isEqualTo("tags.location.plant = 'Redmond43'");

        DeviceConfiguration updated = configurations.update(read.toBuilder().priority(20).label("owner", "ops").build(),
                UpdateOptions.defaults().ifMatch(read.etag().orElseThrow()));
        assertThat(updated.priority()).isEqualTo(20);
        assertThat(updated.labels()).containsEntry("owner", "ops");
        assertThat(updated.etag()).isPresent().isNotEqualTo(read.etag());
        assertThat(configurations.get("crud").priority()).isEqualTo(20);

        assertThat(configurations.list()).extracting(DeviceConfiguration::id).contains("crud");
        assertThat(configurations.list(1)).hasSize(1);

        configurations.delete("crud", UpdateOptions.defaults().ifMatch(updated.etag().orElseThrow()));
        assertThatThrownBy(() -> configurations.get("crud")).isInstanceOf(TwinNotFoundException.class);
        assertThat(configurations.list()).extracting(DeviceConfiguration::id).doesNotContain("crud");
    }

    @Test
    void aStaleEtagIsAPreconditionFailureAndChangesNothing() {
        DeviceConfiguration created = configurations.create(telemetry("stale").build());
        DeviceConfiguration moved = configurations.update(created.toBuilder().priority(11).build(),
                UpdateOptions.defaults());

        assertThatThrownBy(() -> configurations.update(created.toBuilder().priority(99).build(),
                UpdateOptions.defaults().ifMatch(created.etag().orElseThrow())))
                .isInstanceOf(PreconditionFailedException.class)
                .satisfies(e -> assertThat(((ServiceException) e).httpStatus()).isEqualTo(412));
        assertThatThrownBy(() -> configurations.delete("stale",
                UpdateOptions.defaults().ifMatch(created.etag().orElseThrow())))
                .isInstanceOf(PreconditionFailedException.class);
        DeviceConfiguration now = configurations.get("stale");
        assertThat(now.priority()).isEqualTo(11);
        assertThat(now.etag()).isEqualTo(moved.etag());

        configurations.delete("stale");
        assertThatThrownBy(() -> configurations.get("stale")).isInstanceOf(TwinNotFoundException.class);
    }

    @Test
    void theReadModifyWriteFormStartsOverAfterAConflict() {
        configurations.create(telemetry("rmw").build());
        int[] calls = {0};

        DeviceConfiguration result = configurations.update("rmw", current -> {
            if (calls[0]++ == 0) {
                // another back end moves the etag between this attempt's read and its write
                configurations.update(current.toBuilder().label("by", "other").build(), UpdateOptions.defaults());
            }
            return current.toBuilder().priority(current.priority() + 5).build();
        }, UpdateOptions.defaults());

        assertThat(calls[0]).isEqualTo(2);
        assertThat(result.priority()).isEqualTo(15);
        assertThat(result.labels()).containsEntry("by", "other");
        assertThat(configurations.update("rmw", current -> current, UpdateOptions.defaults()).etag())
                .as("no change, nothing sent").isEqualTo(result.etag());
        assertThatThrownBy(() -> configurations.update("rmw", current -> current,
                UpdateOptions.defaults().ifMatch(ETag.of("x")))).isInstanceOf(IllegalArgumentException.class);
        configurations.delete("rmw");
    }

    @Test
    void theHubAppliesItToTheTargetedTwinsAndCountsThem() throws Exception {
        configurations.create(telemetry("applied")
                .metric("fast", select(deviceId()).fromDevices()
                        .where(tag("location.plant").eq("Redmond43").and(desired("telemetry.interval").eq(30))))
                .metric("elsewhere", select(deviceId()).fromDevices().where(tag("location.plant").eq("Austin7")))
                .build());

        DeviceConfiguration applied = configurations.awaitApplied("applied", 3, WAIT);

        assertThat(applied.targetedCount()).isEqualTo(3);
        assertThat(applied.appliedCount()).isEqualTo(3);
        assertThat(applied.systemMetricResults()).containsOnlyKeys(DeviceConfiguration.TARGETED_COUNT,
                DeviceConfiguration.APPLIED_COUNT);
        DeviceConfiguration counted = configurations.awaitApplied("applied",
                configuration -> configuration.metricResults().getOrDefault("fast", 0L) == 3, WAIT);
        assertThat(counted.metricResults()).containsExactly(Map.entry("fast", 3L), Map.entry("elsewhere", 3L));
        assertThat(counted.metricQueries()).containsEntry("elsewhere",
                "SELECT deviceId FROM devices WHERE tags.location.plant = 'Austin7'");
        for (int i = 1; i <= 6; i++) {
            var twin = hub.twins().get(TwinKey.device("cfg-" + i));
            if (i <= 3) {
                assertThat(twin.desired().properties().getLong("telemetry.interval")).hasValue(30);
                assertThat(twin.configurations()).containsEntry("applied", ConfigurationStatus.APPLIED);
            } else {
                assertThat(twin.desired().properties().contains("telemetry")).isFalse();
                assertThat(twin.configurations()).doesNotContainKey("applied");
            }
        }
        configurations.delete("applied");
    }

    @Test
    void awaitingACountTheHubDoesNotReachTimesOutNamingTheCounts() {
        configurations.create(telemetry("never").targetCondition(tag("location.plant").eq("Nowhere")).build());

        assertThatThrownBy(() -> configurations.awaitApplied("never", 1, Duration.ofMillis(600)))
                .isInstanceOf(TwinTimeoutException.class).hasMessageContaining("'never'")
                .hasMessageContaining("targeted 0, applied 0");
        configurations.delete("never");
    }

    @Test
    void typedContentFromARecordReadsBackAsTheRecord() {
        configurations.create(telemetry("typed").build());

        DeviceConfiguration read = configurations.get("typed");

        assertThat(read.deviceContent(TelemetrySettings.class)).isEqualTo(new TelemetrySettings(new Telemetry(30, "s")));
        assertThat(read.deviceContent()).isEqualTo(PropertySet.parse("{\"telemetry\":{\"interval\":30,\"unit\":\"s\"}}"));
        configurations.delete("typed");
    }

    @Test
    void aModuleConfigurationKeepsItsModuleContent() {
        DeviceId device = service.newDevice("cfg-modules");
        hub.registry().createModule(device, ModuleId.of("sensor"));
        hub.twins().update(TwinKey.module(device, ModuleId.of("sensor")),
                JsonValue.parseObject("{\"tags\":{\"role\":\"sensor\"}}"), null);
        configurations.create(DeviceConfiguration.builder("sensors")
                .targetModules(tag("role").eq("sensor"))
                .moduleContent(PropertySet.parse("{\"sampling\":{\"rate\":5}}"))
                .build());

        DeviceConfiguration read = configurations.awaitApplied("sensors", 1, WAIT);

        assertThat(read.targetsModules()).isTrue();
        assertThat(read.moduleContent()).isEqualTo(PropertySet.parse("{\"sampling\":{\"rate\":5}}"));
        assertThat(hub.twins().get(TwinKey.module(device, ModuleId.of("sensor"))).desired().properties()
                .getLong("sampling.rate")).hasValue(5);
        configurations.delete("sensors");
    }

    @Test
    void creatingAgainWithTheSameContentGivesTheExistingOneAndOtherwiseTheConflict() {
        DeviceConfiguration first = configurations.create(telemetry("again").build());

        DeviceConfiguration again = configurations.create(telemetry("again").build());

        assertThat(again.etag()).isEqualTo(first.etag());
        assertThatThrownBy(() -> configurations.create(telemetry("again").priority(1).build()))
                .isInstanceOf(ServiceException.class)
                .satisfies(e -> {
                    ServiceException error = (ServiceException) e;
                    assertThat(error.httpStatus()).isEqualTo(409);
                    assertThat(error.errorCode()).isEqualTo(IotHubErrorCode.CONFIGURATION_ALREADY_EXISTS);
                });
        configurations.delete("again");
    }

    @Test
    void theHubsErrorsArriveWithTheirIotHubCodes() {
        assertThatThrownBy(() -> configurations.get("no-such-configuration"))
                .isInstanceOf(TwinNotFoundException.class)
                .satisfies(e -> {
                    TwinNotFoundException error = (TwinNotFoundException) e;
                    assertThat(error.errorCode()).isEqualTo(IotHubErrorCode.CONFIGURATION_NOT_FOUND);
                    assertThat(error.rawErrorCode()).isEqualTo(404301);
                    assertThat(error.httpStatus()).isEqualTo(404);
                });
        assertThatThrownBy(() -> configurations.delete("no-such-configuration"))
                .isInstanceOf(TwinNotFoundException.class);
        assertThatThrownBy(() -> configurations.update(telemetry("no-such-configuration").build(),
                UpdateOptions.defaults())).isInstanceOf(TwinNotFoundException.class);

        DeviceConfiguration created = configurations.create(telemetry("immutable").build());
        assertThatThrownBy(() -> configurations.update(created.toBuilder()
                .deviceContent(PropertySet.parse("{\"telemetry\":{\"interval\":60}}")).build(),
                UpdateOptions.defaults().ifMatch(created.etag().orElseThrow())))
                .isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).errorCode())
                        .isEqualTo(IotHubErrorCode.CANNOT_MODIFY_IMMUTABLE_CONFIGURATION_CONTENT));
        assertThatThrownBy(() -> configurations.create(DeviceConfiguration.builder("Upper-Case").build()))
                .isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).httpStatus()).isEqualTo(400));
        configurations.delete("immutable");
        assertThat(configurations.list()).extracting(DeviceConfiguration::id)
                .doesNotContain("immutable", "no-such-configuration");
    }

    @Test
    void aClosedClientRefusesEveryCall() {
        TwinServiceClient closed = EmulatorService.clientFor(service.emulator);
        closed.close();

        for (Runnable call : List.<Runnable>of(() -> closed.configurations().get("x"),
                () -> closed.configurations().list(), () -> closed.configurations().delete("x"),
                () -> closed.configurations().create(telemetry("x").build()))) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }
}
