package io.twinkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.Capabilities;
import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ETag;
import io.twinkit.core.ModuleId;
import io.twinkit.core.PropertyMetadata;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinPath;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The automatic device configurations of the in-process hub: applying, priorities, re-targeting, metrics, limits. */
@Timeout(60)
class ConfigurationServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final IotHub hub = IotHub.create(HubOptions.builder().configurationApplyDelay(Duration.ZERO).build());
    private final ConfigurationService configurations = hub.configurations();
    private final TwinKey d1 = device("d1", "{\"building\":\"43\"}");
    private final TwinKey d2 = device("d2", "{\"building\":\"44\"}");

    @TempDir
    Path dataDirectory;

    @AfterEach
    void close() {
        hub.close();
    }

    private TwinKey device(String id, String tags) {
        return device(hub, id, tags);
    }

    private static TwinKey device(IotHub hub, String id, String tags) {
        TwinKey key = TwinKey.device(id);
        hub.registry().createDevice(key.deviceId());
        hub.twins().update(key, json("{\"tags\":" + tags + "}"), null);
        return key;
    }

    private static HubConfiguration.Builder chillers(String id) {
        return HubConfiguration.builder(id)
                .content(ConfigurationContent.empty().withDeviceSetting("properties.desired.chiller-water",
                        json("{\"temperature\":66,\"pressure\":28.02}")))
                .targetCondition("tags.building = '43'")
                .priority(10);
    }

    private static HubConfiguration rate(String id, int priority, long value, String condition) {
        return HubConfiguration.builder(id)
                .content(ConfigurationContent.ofDevice(Map.of("properties.desired.rate", JsonValue.of(value))))
                .targetCondition(condition).priority(priority).build();
    }

    private void await() throws InterruptedException {
        assertThat(configurations.awaitApplied(WAIT)).as("the configurations were applied in time").isTrue();
    }

    private JsonObject desired(TwinKey key) {
        return hub.twins().get(key).desired().properties().toJson();
    }

    @Test
    void aConfigurationIsAppliedToTheTwinsItsConditionSelectsThroughTheTwinStoresRules() throws Exception {
        List<JsonObject> notified = new CopyOnWriteArrayList<>();
        hub.twins().subscribe(d1, (key, payload) -> notified.add(payload));
        TwinDocument before = hub.twins().get(d1);
        TwinDocument untouched = hub.twins().get(d2);

        HubConfiguration created = configurations.create(chillers("chillers").build());
        await();

        TwinDocument after = hub.twins().get(d1);
        assertThat(after.desired().properties().toJson())
                .isEqualTo(json("{\"chiller-water\":{\"temperature\":66,\"pressure\":28.02}}"));
        assertThat(after.configurations()).isEqualTo(Map.of("chillers", ConfigurationStatus.APPLIED));
        assertThat(after.desired().version()).hasValue(before.desired().version().orElseThrow() + 1);
        assertThat(after.etag()).contains(ETag.ofCounter(before.etag().orElseThrow().counter().orElseThrow() + 1));
        assertThat(notified).containsExactly(json("{\"chiller-water\":{\"temperature\":66,\"pressure\":28.02},"
                + "\"$version\":" + after.desired().version().orElseThrow() + "}"));
        PropertyMetadata leaf = after.desired().metadataAt(TwinPath.of("chiller-water", "temperature")).orElseThrow();
        assertThat(leaf.lastUpdatedBy()).contains("chillers");
        assertThat(leaf.lastUpdatedByDigest()).hasValueSatisfying(d -> assertThat(d).matches("[0-9]+"));
        assertThat(leaf.lastUpdatedVersion()).hasValue(after.desired().version().orElseThrow());
        assertThat(after.desired().metadataAt(TwinPath.of("chiller-water")).orElseThrow().lastUpdatedBy())
                .as("the object the configuration created is its too").contains("chillers");
        assertThat(after.desired().metadata().orElseThrow().lastUpdatedBy()).as("the section root is nobody's")
                .isEmpty();
        assertThat(hub.twins().get(d2)).as("a twin the condition does not select is not touched")
                .isEqualTo(untouched);
        assertThat(created.systemMetrics().results()).containsEntry("targetedCount", 1L);
        assertThat(configurations.get("chillers").systemMetrics().results())
                .isEqualTo(Map.of("targetedCount", 1L, "appliedCount", 1L));
    }

    @Test
    void theHighestPriorityWinsAPropertyAndTheOtherStaysTargetedUntilItTakesOver() throws Exception {
        configurations.create(rate("low", 1, 1, "*"));
        configurations.create(rate("high", 9, 9, "*"));
        await();
        assertThat(desired(d1)).isEqualTo(json("{\"rate\":9}"));
        assertThat(hub.twins().get(d1).configurations()).isEqualTo(Map.of("high", ConfigurationStatus.APPLIED,
                "low", ConfigurationStatus.TARGETED));
        assertThat(configurations.get("low").systemMetrics().results())
                .isEqualTo(Map.of("targetedCount", 2L, "appliedCount", 0L));

        configurations.delete("high", null);
        await();
        TwinDocument twin = hub.twins().get(d1);
        assertThat(twin.desired().properties().toJson()).isEqualTo(json("{\"rate\":1}"));
        assertThat(twin.configurations()).isEqualTo(Map.of("low", ConfigurationStatus.APPLIED));
        assertThat(twin.desired().metadataAt(TwinPath.of("rate")).orElseThrow().lastUpdatedBy()).contains("low");
    }

    @Test
    void betweenEqualPrioritiesTheMostRecentlyCreatedWinsEvenOnAClockThatStandsStill() throws Exception {
        java.time.Clock stopped = java.time.Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        try (IotHub still = IotHub.create(HubOptions.builder().clock(stopped).configurationApplyDelay(Duration.ZERO)
                .build())) {
            TwinKey key = device(still, "s1", "{}");
            HubConfiguration first = still.configurations().create(rate("first", 5, 1, "*"));
            HubConfiguration second = still.configurations().create(rate("second", 5, 2, "*"));
            assertThat(second.createdTime().orElseThrow()).isAfter(first.createdTime().orElseThrow());
            assertThat(still.configurations().awaitApplied(WAIT)).isTrue();
            assertThat(still.twins().get(key).desired().properties().toJson()).isEqualTo(json("{\"rate\":2}"));
            assertThat(still.twins().get(key).configurations()).isEqualTo(Map.of("second",
                    ConfigurationStatus.APPLIED, "first", ConfigurationStatus.TARGETED));
        }
    }

    @Test
    void aTwinWhoseTagsStartToMatchIsTargetedAndOneThatStopsLosesTheSettings() throws Exception {
        configurations.create(chillers("chillers").build());
        await();
        List<JsonObject> notified = new CopyOnWriteArrayList<>();
        hub.twins().subscribe(d1, (key, payload) -> notified.add(payload));

        hub.twins().update(d2, json("{\"tags\":{\"building\":\"43\"}}"), null);
        hub.twins().update(d1, json("{\"tags\":{\"building\":\"44\"},\"properties\":{\"desired\":{\"own\":1}}}"),
                null);
        await();

        assertThat(hub.twins().get(d2).configurations()).isEqualTo(Map.of("chillers", ConfigurationStatus.APPLIED));
        assertThat(desired(d2)).isEqualTo(json("{\"chiller-water\":{\"temperature\":66,\"pressure\":28.02}}"));
        TwinDocument left = hub.twins().get(d1);
        assertThat(left.configurations()).isEmpty();
        assertThat(left.hasConfigurations()).isFalse();
        assertThat(left.desired().properties().toJson()).as("its settings go, the back end's stay")
                .isEqualTo(json("{\"own\":1}"));
        assertThat(notified).last().isEqualTo(json("{\"chiller-water\":null,\"$version\":"
                + left.desired().version().orElseThrow() + "}"));
        assertThat(configurations.get("chillers").systemMetrics().results())
                .isEqualTo(Map.of("targetedCount", 1L, "appliedCount", 1L));
    }

    @Test
    void aValueTheBackEndWritesOverASettingStandsAndOutlivesTheConfiguration() throws Exception {
        configurations.create(chillers("chillers").build());
        await();
        hub.twins().update(d1, json("{\"properties\":{\"desired\":{\"chiller-water\":{\"temperature\":70}}}}"), null);
        await();
        assertThat(desired(d1)).isEqualTo(json("{\"chiller-water\":{\"temperature\":70,\"pressure\":28.02}}"));

        configurations.delete("chillers", "*");
        await();
        assertThat(desired(d1)).as("the configuration's pressure goes, the back end's temperature stays")
                .isEqualTo(json("{\"chiller-water\":{\"temperature\":70}}"));
        assertThat(hub.twins().get(d1).hasConfigurations()).isFalse();
    }

    @Test
    void settingsCanRemovePropertiesAndModuleContentWritesModuleTwins() throws Exception {
        hub.twins().update(d1, json("{\"properties\":{\"desired\":{\"legacy\":true,\"keep\":1}}}"), null);
        configurations.create(HubConfiguration.builder("cleanup").targetCondition("*")
                .content(ConfigurationContent.ofDevice(Map.of("properties.desired",
                        json("{\"legacy\":null,\"slots\":{}}")))).build());
        TwinKey module = TwinKey.module("d1", "sensor");
        hub.registry().createModule(DeviceId.of("d1"), ModuleId.of("sensor"));
        hub.twins().update(module, json("{\"tags\":{\"role\":\"sensor\"}}"), null);
        configurations.create(HubConfiguration.builder("modules")
                .content(ConfigurationContent.ofModule(Map.of("properties.desired.rate", JsonValue.of(3))))
                .targetCondition("FROM devices.modules WHERE tags.role = 'sensor'").build());
        await();

        assertThat(desired(d1)).isEqualTo(json("{\"keep\":1,\"slots\":{}}"));
        assertThat(desired(module)).isEqualTo(json("{\"rate\":3}"));
        assertThat(hub.twins().get(module).configurations()).isEqualTo(Map.of("modules",
                ConfigurationStatus.APPLIED));
        assertThat(hub.twins().get(d1).configurations()).isEqualTo(Map.of("cleanup", ConfigurationStatus.APPLIED));
        assertThat(configurations.get("modules").systemMetrics().queries().get("targetedCount"))
                .startsWith("SELECT deviceId, moduleId FROM devices.modules WHERE");
    }

    @Test
    void aNewDeviceThatMatchesIsTargetedAfterTheDelay() throws Exception {
        configurations.create(rate("everyone", 0, 7, "*"));
        await();
        hub.registry().createDevice(DeviceId.of("late"));
        await();
        assertThat(desired(TwinKey.device("late"))).isEqualTo(json("{\"rate\":7}"));
    }

    @Test
    void applyingWaitsForTheConfiguredDelay() throws Exception {
        try (IotHub slow = IotHub.create(HubOptions.builder().configurationApplyDelay(Duration.ofMillis(700))
                .build())) {
            TwinKey key = device(slow, "slow-1", "{}");
            long start = System.nanoTime();
            slow.configurations().create(rate("late", 0, 1, "*"));
            TwinDocument early = slow.twins().get(key);
            boolean pendingAtOnce = !slow.configurations().awaitApplied(Duration.ZERO);
            assertThat(slow.configurations().awaitApplied(WAIT)).isTrue();
            long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertThat(early.hasConfigurations()).as("not applied at once").isFalse();
            assertThat(pendingAtOnce).isTrue();
            assertThat(elapsed).isGreaterThanOrEqualTo(700);
            assertThat(slow.twins().get(key).configurations()).isEqualTo(Map.of("late",
                    ConfigurationStatus.APPLIED));
        }
        assertThat(HubOptions.defaults().configurationApplyDelay()).isEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> HubOptions.builder().configurationApplyDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apply delay");
    }

    @Test
    void updatesNeedTheEtagKeepTheContentAndReTarget() throws Exception {
        HubConfiguration created = configurations.create(chillers("chillers").label("team", "hvac").build());
        assertThat(created.etag()).contains(ETag.of("MQ=="));
        assertThat(created.labels()).isEqualTo(Map.of("team", "hvac"));
        await();

        assertThatThrownBy(() -> configurations.update(created.toBuilder().priority(1).build(), "\"Mg==\""))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> configurations.update(created.toBuilder().content(ConfigurationContent.ofDevice(
                Map.of("properties.desired.other", JsonValue.of(1)))).build(), "*"))
                .isInstanceOfSatisfying(TwinException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(IotHubErrorCode.CANNOT_MODIFY_IMMUTABLE_CONFIGURATION_CONTENT));

        HubConfiguration updated = configurations.update(created.toBuilder().targetCondition("tags.building = '44'")
                .build(), "\"MQ==\"");
        assertThat(updated.etag()).contains(ETag.of("Mg=="));
        assertThat(updated.createdTime()).isEqualTo(created.createdTime());
        assertThat(updated.lastUpdatedTime().orElseThrow()).isAfterOrEqualTo(created.lastUpdatedTime().orElseThrow());
        await();
        assertThat(hub.twins().get(d2).configurations()).isEqualTo(Map.of("chillers", ConfigurationStatus.APPLIED));
        assertThat(desired(d1)).isEqualTo(json("{}"));
        assertThat(configurations.get("chillers")).isEqualTo(updated.toBuilder()
                .systemMetrics(configurations.get("chillers").systemMetrics()).build());
    }

    @Test
    void existenceRulesAndTheLimitOfAHundred() {
        configurations.create(rate("one", 0, 1, ""));
        assertThatThrownBy(() -> configurations.create(rate("one", 0, 1, "")))
                .isInstanceOf(ConfigurationAlreadyExistsException.class)
                .hasMessageContaining("409401");
        assertThatThrownBy(() -> configurations.get("none")).isInstanceOf(ConfigurationNotFoundException.class)
                .hasMessageContaining("404301");
        assertThatThrownBy(() -> configurations.delete("none", null))
                .isInstanceOf(ConfigurationNotFoundException.class);
        assertThatThrownBy(() -> configurations.update(rate("none", 0, 1, ""), "*"))
                .isInstanceOf(ConfigurationNotFoundException.class);
        assertThatThrownBy(() -> configurations.delete("one", "\"Mg==\""))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(configurations.find("none")).isEmpty();

        for (int i = 2; i <= ConfigurationService.MAX_CONFIGURATIONS; i++) {
            configurations.create(rate(String.format("c%03d", i), 0, 1, ""));
        }
        assertThatThrownBy(() -> configurations.create(rate("one-too-many", 0, 1, "")))
                .isInstanceOfSatisfying(TwinException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.CONFIGURATION_COUNT_LIMIT_EXCEEDED);
                    assertThat(e.httpStatus()).isEqualTo(413);
                });
        assertThat(configurations.list()).hasSize(100);
        assertThat(configurations.list(3)).extracting(HubConfiguration::id).containsExactly("c002", "c003", "c004");
        configurations.delete("one", "\"MQ==\"");
        configurations.create(rate("one-more", 0, 1, ""));
        assertThatThrownBy(() -> configurations.list(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metricsAreCountedWhenAConfigurationIsRead() throws Exception {
        configurations.create(chillers("chillers").metrics(ConfigurationMetrics.of(Map.of(
                "pending", "SELECT deviceId FROM devices WHERE properties.reported.chiller.status = 'pending'",
                "applied", "SELECT deviceId FROM devices WHERE configurations.[[chillers]].status = 'Applied'")))
                .build());
        await();
        assertThat(configurations.get("chillers").metrics().results())
                .isEqualTo(Map.of("pending", 0L, "applied", 1L));
        hub.twins().report(d1, json("{\"chiller\":{\"status\":\"pending\"}}"), null);
        hub.twins().report(d2, json("{\"chiller\":{\"status\":\"pending\"}}"), null);
        HubConfiguration read = configurations.get("chillers");
        assertThat(read.metrics().results()).isEqualTo(Map.of("pending", 2L, "applied", 1L));
        assertThat(read.metrics().queries()).containsOnlyKeys("pending", "applied");
        assertThat(read.systemMetrics().queries()).isEqualTo(Map.of(
                "targetedCount", "SELECT deviceId FROM devices WHERE tags.building = '43'",
                "appliedCount", "SELECT deviceId FROM devices WHERE configurations.chillers.status = 'Applied'"));
    }

    @Test
    void aSettingTheTwinsLimitsRefuseLeavesTheConfigurationTargeted() throws Exception {
        String big = "x".repeat(4000);
        StringBuilder desired = new StringBuilder("{\"properties\":{\"desired\":{");
        for (int i = 0; i < 8; i++) {
            desired.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append(big).append('"');
        }
        hub.twins().update(d1, json(desired.append("}}}").toString()), null);
        TwinDocument before = hub.twins().get(d1);
        configurations.create(HubConfiguration.builder("huge").targetCondition("*")
                .content(ConfigurationContent.ofDevice(Map.of("properties.desired.more", JsonValue.of(big))))
                .build());
        await();
        TwinDocument after = hub.twins().get(d1);
        assertThat(after.desired()).isEqualTo(before.desired());
        assertThat(after.configurations()).isEqualTo(Map.of("huge", ConfigurationStatus.TARGETED));
        assertThat(after.etag()).as("a change of the configurations section alone moves the etag")
                .contains(ETag.ofCounter(before.etag().orElseThrow().counter().orElseThrow() + 1));
        assertThat(after.version()).hasValue(before.version().orElseThrow() + 1);
        assertThat(hub.twins().get(d2).configurations()).isEqualTo(Map.of("huge", ConfigurationStatus.APPLIED));
    }

    @Test
    void configurationsAndWhatTheyWroteSurviveARestartWithADataDirectory() throws Exception {
        HubOptions options = HubOptions.builder().dataDirectory(dataDirectory)
                .configurationApplyDelay(Duration.ZERO).build();
        HubConfiguration created;
        TwinDocument applied;
        try (IotHub first = IotHub.create(options)) {
            TwinKey key = device(first, "p1", "{\"building\":\"43\"}");
            created = first.configurations().create(chillers("chillers").label("team", "hvac")
                    .metrics(ConfigurationMetrics.of(Map.of("all", "SELECT * FROM devices"))).build());
            first.configurations().create(rate("gone", 0, 1, "*"));
            first.configurations().delete("gone", null);
            assertThat(first.configurations().awaitApplied(WAIT)).isTrue();
            applied = first.twins().get(key);
        }
        try (IotHub second = IotHub.create(options)) {
            HubConfiguration reread = second.configurations().get("chillers");
            assertThat(reread.toBuilder().systemMetrics(ConfigurationMetrics.empty())
                    .metrics(ConfigurationMetrics.of(reread.metrics().queries())).build())
                    .isEqualTo(created.toBuilder().systemMetrics(ConfigurationMetrics.empty())
                            .metrics(ConfigurationMetrics.of(created.metrics().queries())).build());
            assertThat(second.configurations().find("gone")).isEmpty();
            assertThat(second.configurations().awaitApplied(WAIT)).isTrue();
            assertThat(second.twins().get(TwinKey.device("p1"))).isEqualTo(applied);
            assertThat(applied.configurations()).isEqualTo(Map.of("chillers", ConfigurationStatus.APPLIED));
            TwinKey later = device(second, "p2", "{\"building\":\"43\"}");
            assertThat(second.configurations().awaitApplied(WAIT)).isTrue();
            assertThat(second.twins().get(later).configurations()).isEqualTo(Map.of("chillers",
                    ConfigurationStatus.APPLIED));
            assertThatThrownBy(() -> second.configurations().create(chillers("chillers").build()))
                    .isInstanceOf(ConfigurationAlreadyExistsException.class);
        }
    }

    @Test
    void modulesContentGoesToTheModuleTwinsOfAnEdgeDevice() {
        DeviceId edge = DeviceId.of("edge-1");
        hub.registry().createDevice(DeviceIdentity.builder(TwinKey.device(edge))
                .capabilities(new Capabilities(true)).build());
        hub.registry().createModule(edge, ModuleId.of("$edgeHub"));
        hub.twins().update(TwinKey.module("edge-1", "$edgeHub"), json("{\"tags\":{\"t\":1},\"properties\":"
                + "{\"desired\":{\"old\":true}}}"), null);
        List<JsonObject> notified = new CopyOnWriteArrayList<>();
        hub.twins().subscribe(TwinKey.module("edge-1", "$edgeHub"), (key, payload) -> notified.add(payload));
        ConfigurationContent content = ConfigurationContent.empty()
                .withModules("$edgeAgent", json("{\"properties.desired\":{\"schemaVersion\":\"1.1\","
                        + "\"modules\":{\"sensor\":{\"version\":\"1.0\"}}}}"))
                .withModules("$edgeHub", json("{\"properties.desired\":{\"routes\":{\"up\":\"FROM /* INTO"
                        + " $upstream\"}},\"properties.desired.storeAndForwardConfiguration.timeToLiveSecs\":7200}"))
                .withModules("sensor", json("{\"properties.desired\":{\"rate\":5}}"));

        configurations.applyContent(edge, content);

        assertThat(desired(TwinKey.module("edge-1", "$edgeAgent"))).isEqualTo(json("{\"schemaVersion\":\"1.1\","
                + "\"modules\":{\"sensor\":{\"version\":\"1.0\"}}}"));
        TwinDocument edgeHub = hub.twins().get(TwinKey.module("edge-1", "$edgeHub"));
        assertThat(edgeHub.desired().properties().toJson()).as("replaced, not merged").isEqualTo(json(
                "{\"routes\":{\"up\":\"FROM /* INTO $upstream\"},\"storeAndForwardConfiguration\":"
                        + "{\"timeToLiveSecs\":7200}}"));
        assertThat(edgeHub.tags().toJson()).isEqualTo(json("{\"t\":1}"));
        assertThat(notified).containsExactly(edgeHub.desired().properties().toJson().with("$version",
                JsonValue.of(edgeHub.desired().version().orElseThrow())));
        assertThat(desired(TwinKey.module("edge-1", "sensor"))).isEqualTo(json("{\"rate\":5}"));
        assertThat(hub.registry().modules(edge)).extracting(i -> i.key().moduleId().value())
                .containsExactlyInAnyOrder("$edgeAgent", "$edgeHub", "sensor");

        assertThatThrownBy(() -> configurations.applyContent(d1.deviceId(), content))
                .isInstanceOfSatisfying(TwinException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(IotHubErrorCode.ARGUMENT_INVALID));
        assertThatThrownBy(() -> configurations.applyContent(edge, ConfigurationContent.ofDevice(Map.of(
                "properties.desired.a", JsonValue.of(1)))))
                .isInstanceOfSatisfying(TwinException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(IotHubErrorCode.INVALID_CONFIGURATION_CONTENT));
        assertThatThrownBy(() -> configurations.applyContent(edge, ConfigurationContent.ofModules(Map.of(
                "$edgeAgent", json("{\"properties.desired\":{}}")))))
                .isInstanceOfSatisfying(TwinException.class, e -> assertThat(e.getMessage()).contains("$edgeHub"));
        assertThatThrownBy(() -> configurations.applyContent(edge, content.withModules("bad", json(
                "{\"properties.desired\":{\"x\":{\"$bad\":1}}}"))))
                .isInstanceOfSatisfying(TwinException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(IotHubErrorCode.INVALID_CONFIGURATION_CONTENT));
        assertThat(hub.registry().find(TwinKey.module("edge-1", "bad"))).as("nothing written when one is invalid")
                .isEmpty();
        assertThatThrownBy(() -> configurations.applyContent(DeviceId.of("nobody"), content))
                .isInstanceOf(DeviceNotFoundException.class);
    }

    @Test
    void concurrentTwinWritesAndConfigurationChangesConverge() throws Exception {
        int devices = 60;
        for (int i = 0; i < devices; i++) {
            device("fleet-" + i, "{\"building\":\"43\"}");
        }
        configurations.create(rate("base", 1, 1, "tags.building = '43'"));
        List<Thread> writers = new java.util.ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(new Thread(() -> {
                try {
                    for (int round = 0; round < 30; round++) {
                        int i = (writer * 31 + round * 7) % devices;
                        String building = round % 2 == 0 ? "44" : "43";
                        hub.twins().update(TwinKey.device("fleet-" + i),
                                json("{\"tags\":{\"building\":\"" + building + "\",\"w\":" + writer + "}}"), null);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        writers.forEach(Thread::start);
        configurations.create(rate("override", 5, 5, "tags.w = 2"));
        configurations.update(configurations.get("base").toBuilder().priority(2).build(), "*");
        for (Thread writer : writers) {
            writer.join();
        }
        assertThat(failures).isEmpty();
        await();

        for (int i = 0; i < devices; i++) {
            TwinDocument twin = hub.twins().get(TwinKey.device("fleet-" + i));
            boolean base = "43".equals(twin.tags().getString("building").orElse(""));
            boolean override = twin.tags().getLong("w").orElse(-1) == 2;
            Map<String, ConfigurationStatus> expected = new java.util.TreeMap<>();
            if (override) {
                expected.put("override", ConfigurationStatus.APPLIED);
            }
            if (base) {
                expected.put("base", override ? ConfigurationStatus.TARGETED : ConfigurationStatus.APPLIED);
            }
            assertThat(twin.configurations()).as(twin.deviceId().value()).isEqualTo(expected);
            JsonObject desired = twin.desired().properties().toJson();
            assertThat(desired).as(twin.deviceId().value()).isEqualTo(override ? json("{\"rate\":5}")
                    : base ? json("{\"rate\":1}") : json("{}"));
        }
    }

    @Test
    void theHubsPartsRefuseCallsOnceItIsClosed() {
        IotHub closed = IotHub.create();
        closed.close();
        assertThatThrownBy(() -> closed.configurations().list()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> closed.configurations().create(rate("x", 0, 1, "")))
                .isInstanceOf(IllegalStateException.class);
    }

    private static JsonObject json(String text) {
        return JsonValue.parseObject(text);
    }
}
