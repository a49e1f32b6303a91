package io.twinkit.emulator.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinPath;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinLimits;
import io.twinkit.core.validation.TwinValidator;
import io.twinkit.emulator.ConfigurationContent;
import io.twinkit.emulator.HubConfiguration;
import io.twinkit.emulator.internal.config.ConfigurationRule.Kind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a configuration into the rule the hub applies: kinds, flattened settings, digests, metric queries. */
class ConfigurationRuleTest {

    private static final TwinValidator VALIDATOR = TwinValidator.standard();

    private static HubConfiguration.Builder configuration(String id) {
        return HubConfiguration.builder(id).createdTime(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void contentIsFlattenedToSortedLeafSettings() {
        Map<String, JsonValue> content = new LinkedHashMap<>();
        content.put("properties.desired.z", JsonValue.of(1));
        content.put("properties.desired", JsonValue.parseObject("{\"a\":{\"c\":[1,2],\"b\":{}},\"gone\":null}"));
        ConfigurationRule rule = ConfigurationRule.compile(configuration("flat").targetCondition("*")
                .content(ConfigurationContent.ofDevice(content)).build(), VALIDATOR);
        assertThat(rule.kind()).isEqualTo(Kind.DEVICE);
        assertThat(rule.settings()).containsExactly(
                new Setting(TwinPath.of("a", "b"), JsonObject.empty()),
                new Setting(TwinPath.of("a", "c"), JsonValue.parse("[1,2]")),
                new Setting(TwinPath.of("gone"), JsonNull.INSTANCE),
                new Setting(TwinPath.of("z"), JsonValue.of(1)));
    }

    @Test
    void theKindFollowsTheContentOrForNoContentTheTargetCondition() {
        assertThat(ConfigurationRule.compile(configuration("m").targetCondition(" from  devices.modules where"
                + " tags.a = 1").build(), VALIDATOR).kind()).isEqualTo(Kind.MODULE);
        assertThat(ConfigurationRule.compile(configuration("d").targetCondition("tags.a = 1").build(), VALIDATOR)
                .kind()).isEqualTo(Kind.DEVICE);
        ConfigurationRule module = ConfigurationRule.compile(configuration("mc")
                .targetCondition("FROM devices.modules WHERE tags.a = 1")
                .content(ConfigurationContent.ofModule(Map.of("properties.desired.x", JsonValue.of(1)))).build(),
                VALIDATOR);
        assertThat(module.kind()).isEqualTo(Kind.MODULE);
        assertThat(module.systemMetricQueries().get("appliedCount").toSql())
                .isEqualTo("SELECT deviceId, moduleId FROM devices.modules WHERE configurations.mc.status = 'Applied'");
        assertThat(ConfigurationRule.compile(configuration("none").build(), VALIDATOR).systemMetricQueries())
                .containsOnlyKeys("appliedCount");
    }

    @Test
    void theDigestDependsOnTheContentOnly() {
        ConfigurationContent content = ConfigurationContent.ofDevice(Map.of("properties.desired.x", JsonValue.of(1)));
        String first = ConfigurationRule.compile(configuration("a").content(content).priority(1).build(), VALIDATOR)
                .digest();
        String second = ConfigurationRule.compile(configuration("b").content(content).priority(9).build(), VALIDATOR)
                .digest();
        String other = ConfigurationRule.compile(configuration("c").content(ConfigurationContent.ofDevice(Map.of(
                "properties.desired.x", JsonValue.of(2)))).build(), VALIDATOR).digest();
        assertThat(first).matches("[0-9]+").isEqualTo(second).isNotEqualTo(other);
    }

    @Test
    void contentIsCheckedAgainstTheHubsOwnTwinLimits() {
        TwinValidator small = TwinValidator.of(TwinLimits.service().toBuilder().maxDesiredSize(20).build());
        HubConfiguration big = configuration("big").content(ConfigurationContent.ofDevice(Map.of(
                "properties.desired.text", JsonValue.of("x".repeat(30))))).build();
        assertThat(ConfigurationRule.compile(big, VALIDATOR).settings()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigurationRule.compile(big, small))
                .hasMessageContaining("400402");
    }
}
