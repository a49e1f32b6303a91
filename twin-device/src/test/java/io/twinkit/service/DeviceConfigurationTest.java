package io.twinkit.service;

import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.select;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.ETag;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configuration built, written in the REST API's shape and read back from it, without a hub. */
class DeviceConfigurationTest {

    record Telemetry(int interval, String unit) {
    }

    record Settings(Telemetry telemetry) {
    }

    private static DeviceConfiguration telemetry() {
        return DeviceConfiguration.builder("telemetry-redmond43")
                .priority(10)
                .label("team", "fleet")
                .label("purpose", "telemetry")
                .targetCondition(tag("location.plant").eq("Redmond43"))
                .deviceContentFrom(new Settings(new Telemetry(30, "s")))
                .metric("reporting", select(deviceId()).fromDevices().where(reported("telemetry.interval").eq(30)))
                .build();
    }

    @Test
    void theBuilderRendersTheDslAndTheContentAsTheApiWantsThem() {
        DeviceConfiguration configuration = telemetry();

        assertThat(configuration.toJson()).isEqualTo(JsonValue.parse("""
                {"id":"telemetry-redmond43","schemaVersion":"1.0","labels":{"team":"fleet","purpose":"telemetry"},
                 "content":{"deviceContent":{"properties.desired.telemetry":{"interval":30,"unit":"s"}}},
                 "targetCondition":"tags.location.plant = 'Redmond43'","priority":10,
                 "metrics":{"queries":{"reporting":
                   "SELECT deviceId FROM devices WHERE properties.reported.telemetry.interval = 30"}}}"""));
        assertThat(configuration.toRequestJson()).isEqualTo(configuration.toJson());
        assertThat(configuration.deviceContent(Settings.class)).isEqualTo(new Settings(new Telemetry(30, "s")));
        assertThat(configuration.deviceContent()).isEqualTo(PropertySet.parse(
                "{\"telemetry\":{\"interval\":30,\"unit\":\"s\"}}"));
        assertThat(configuration.moduleContent().isEmpty()).isTrue();
        assertThat(configuration.targetsModules()).isFalse();
        assertThat(configuration.etag()).isEmpty();
        assertThat(configuration.targetedCount()).isZero();
        assertThat(configuration.labels()).containsExactly(Map.entry("team", "fleet"),
                Map.entry("purpose", "telemetry"));
    }

    @Test
    void contentComesFromAPropertySetAPatchOrAValueAndEachTopLevelPropertyIsOneMember() {
        PropertySet desired = PropertySet.parse("{\"a\":{\"b\":1},\"c\":\"x\"}");
        DeviceConfiguration fromSet = DeviceConfiguration.builder("c1").deviceContent(desired).build();
        DeviceConfiguration fromPatch = DeviceConfiguration.builder("c1")
                .deviceContent(MergePatch.of(JsonValue.parseObject("{\"a\":{\"b\":1},\"c\":\"x\",\"gone\":null}")))
                .build();
        DeviceConfiguration fromMap = DeviceConfiguration.builder("c1")
                .deviceContentFrom(Map.of("a", Map.of("b", 1), "c", "x")).build();

        assertThat(fromSet.toJson().valueOrNull("content")).isEqualTo(JsonValue.parse(
                "{\"deviceContent\":{\"properties.desired.a\":{\"b\":1},\"properties.desired.c\":\"x\"}}"));
        assertThat(fromPatch.toJson().valueOrNull("content")).isEqualTo(JsonValue.parse(
                "{\"deviceContent\":{\"properties.desired.a\":{\"b\":1},\"properties.desired.c\":\"x\","
                        + "\"properties.desired.gone\":null}}"));
        assertThat(fromPatch.deviceContent()).as("the view leaves the removal out").isEqualTo(desired);
        assertThat(fromMap.deviceContent()).isEqualTo(desired);
        assertThatThrownBy(() -> DeviceConfiguration.builder("c1")
                .deviceContent(PropertySet.parse("{\"a.b\":1}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a.b'");
    }

    @Test
    void aModuleConfigurationTargetsModuleTwinsWithItsOwnContent() {
        DeviceConfiguration modules = DeviceConfiguration.builder("sensor-modules")
                .targetModules(tag("role").eq("sensor"))
                .moduleContent(PropertySet.parse("{\"sampling\":{\"rate\":5}}"))
                .build();

        assertThat(modules.targetCondition()).isEqualTo("FROM devices.modules WHERE tags.role = 'sensor'");
        assertThat(modules.targetsModules()).isTrue();
        assertThat(modules.toJson().valueOrNull("content")).isEqualTo(JsonValue.parse(
                "{\"moduleContent\":{\"properties.desired.sampling\":{\"rate\":5}}}"));
        assertThat(modules.moduleContent().getLong("sampling.rate")).hasValue(5);
        assertThat(DeviceConfiguration.builder("all").targetAllDevices().build().targetCondition()).isEqualTo("*");
        assertThat(DeviceConfiguration.builder("none").build().targetCondition()).isEmpty();
    }

    @Test
    void theHubsAnswerReadsWithItsMetricsEtagAndTimes() {
        JsonObject answer = JsonValue.parseObject("""
                {"id":"telemetry-redmond43","schemaVersion":"1.0","labels":{"team":"fleet"},
                 "content":{"deviceContent":{"properties.desired.telemetry":{"interval":30},
                                             "properties.desired.site.floor":2},
                            "modulesContent":{}},
                 "contentType":"assignments",
                 "targetCondition":"tags.location.plant='Redmond43'",
                 "createdTimeUtc":"2030-01-01T10:00:00.1234567Z","lastUpdatedTimeUtc":"2030-01-01T10:05:00",
                 "priority":10,
                 "systemMetrics":{"results":{"targetedCount":120,"appliedCount":118},
                                  "queries":{"targetedCount":"select deviceId from devices where tags.location.plant='Redmond43'"}},
                 "metrics":{"results":{"reporting":97},"queries":{"reporting":"SELECT deviceId FROM devices"}},
                 "etag":"MQ=="}""");

        DeviceConfiguration read = DeviceConfiguration.fromJson(answer);

        assertThat(read.targetedCount()).isEqualTo(120);
        assertThat(read.appliedCount()).isEqualTo(118);
        assertThat(read.metricResults()).containsExactly(Map.entry("reporting", 97L));
        assertThat(read.systemMetricQueries()).containsKey("targetedCount");
        assertThat(read.etag()).contains(ETag.of("MQ=="));
        assertThat(read.createdTime()).contains(Instant.parse("2030-01-01T10:00:00.1234567Z"));
        assertThat(read.lastUpdatedTime()).contains(Instant.parse("2030-01-01T10:05:00Z"));
        assertThat(read.deviceContent()).isEqualTo(PropertySet.parse(
                "{\"telemetry\":{\"interval\":30},\"site\":{\"floor\":2}}"));
        assertThat(read.targetCondition()).isEqualTo("tags.location.plant='Redmond43'");
        assertThat(DeviceConfiguration.fromJson(read.toJson())).isEqualTo(read);
        assertThat(read.toJson().valueOrNull("content")).as("content the client does not model is kept")
                .isEqualTo(answer.valueOrNull("content"));
    }

    @Test
    void toBuilderKeepsWhatCanBeWrittenAndDropsWhatTheHubComputes() {
        DeviceConfiguration read = DeviceConfiguration.fromJson(telemetry().toJson()
                .with("etag", JsonValue.of("Mg=="))
                .with("systemMetrics", JsonValue.parse("{\"results\":{\"appliedCount\":3}}")));

        DeviceConfiguration changed = read.toBuilder().priority(20).build();

        assertThat(read.appliedCount()).isEqualTo(3);
        assertThat(changed.etag()).isEmpty();
        assertThat(changed.systemMetricResults()).isEmpty();
        assertThat(changed.priority()).isEqualTo(20);
        assertThat(changed.toBuilder().priority(10).build()).isEqualTo(telemetry());
        assertThat(changed.toRequestJson().valueOrNull("priority")).isEqualTo(JsonValue.of(20));
        assertThat(read.toRequestJson().contains("etag")).isFalse();
        assertThat(read.toRequestJson().contains("systemMetrics")).isFalse();
        assertThat(read.writesSameAs(telemetry())).isTrue();
        assertThat(read).isNotEqualTo(telemetry());
    }

    @Test
    void equalityCoversEveryField() {
        DeviceConfiguration one = telemetry();

        assertThat(one).isEqualTo(telemetry()).hasSameHashCodeAs(telemetry());
        assertThat(one.toBuilder().label("team", "other").build()).isNotEqualTo(one);
        assertThat(one.toBuilder().metric("more", select(deviceId()).fromDevices()).build()).isNotEqualTo(one);
        assertThat(one.toBuilder().targetAllDevices().build()).isNotEqualTo(one);
        assertThat(one.toBuilder().deviceContent(PropertySet.empty()).build()).isNotEqualTo(one);
        assertThat(one).isNotEqualTo(null).isNotEqualTo("telemetry-redmond43");
        assertThat(one).hasToString("DeviceConfiguration[telemetry-redmond43, priority 10, target "
                + "'tags.location.plant = 'Redmond43'']");
    }

    @Test
    void invalidInputIsRefused() {
        assertThatThrownBy(() -> DeviceConfiguration.builder("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceConfiguration.builder("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceConfiguration.builder("c").priority(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> DeviceConfiguration.builder("c").metric("", select(deviceId()).fromDevices()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceConfiguration.fromJson(JsonValue.parseObject("{\"priority\":1}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without id");
        assertThatThrownBy(() -> DeviceConfiguration.builder("c").label("k", null))
                .isInstanceOf(NullPointerException.class);
    }
}
