package io.twinkit.emulator.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinValidator;
import io.twinkit.emulator.HubConfiguration;
import io.twinkit.emulator.internal.config.ConfigurationPlanner.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of configurations.json (target selection, priority resolution, metrics, the rules a configuration must
 * keep), run against the pure functions of this package; also the copy in {@code -Dtwinkit.conformance.dir} when it
 * is set.
 */
class ConfigurationConformanceTest {

    /** The creation time of a configuration whose case gives none. */
    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");

    static List<VectorCase> cases() {
        return ConformanceVectors.cases("configurations.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRulesGiveWhatTheCaseExpects(VectorCase vector) {
        switch (vector.get("kind").asString()) {
            case "target" -> target(vector);
            case "resolve" -> resolve(vector);
            case "metrics" -> metrics(vector);
            case "invalid" -> invalid(vector);
            default -> throw new IllegalStateException(vector.name() + " has an unknown kind " + vector.get("kind"));
        }
    }

    private static void target(VectorCase vector) {
        List<ConfigurationRule> rules = rules(vector);
        JsonObject expected = vector.get("targeting").asObject();
        List<TwinDocument> twins = twins(vector);
        assertThat(twins).hasSize(expected.size());
        for (TwinDocument twin : twins) {
            String key = twin.deviceId().value() + twin.moduleId().map(m -> "/" + m.value()).orElse("");
            List<String> targeting = ConfigurationPlanner.targeting(twin, rules).stream()
                    .map(ConfigurationRule::id).toList();
            List<String> want = expected.valueOrNull(key).asArray().stream().map(JsonValue::asString).toList();
            assertThat(targeting).as(vector.name() + ": " + key).containsExactlyElementsOf(want);
        }
    }

    private static void resolve(VectorCase vector) {
        Plan plan = ConfigurationPlanner.resolve(rules(vector));
        JsonObject.Builder claims = JsonObject.builder();
        plan.claims().forEach((path, claim) -> claims.put(path.toString(), JsonObject.of(
                "configuration", JsonString.of(claim.configurationId()), "value", claim.value())));
        assertThat(claims.build()).as(vector.name() + ": claims").isEqualTo(vector.get("claims"));
        JsonObject.Builder statuses = JsonObject.builder();
        plan.statuses().forEach((id, status) -> statuses.put(id, JsonString.of(status.wireName())));
        assertThat(statuses.build()).as(vector.name() + ": statuses").isEqualTo(vector.get("statuses"));
        assertThat(plan.statuses().keySet()).as(vector.name() + ": statuses in precedence")
                .containsExactlyElementsOf(vector.get("statuses").asObject().keys());
    }

    private static void metrics(VectorCase vector) {
        ConfigurationRule rule = compile(vector.get("configuration").asObject());
        List<TwinDocument> twins = twins(vector);
        assertThat(counts(ConfigurationMetricsCounter.systemMetrics(rule, twins).results()))
                .as(vector.name() + ": systemMetrics").isEqualTo(vector.get("systemMetrics"));
        assertThat(counts(ConfigurationMetricsCounter.customMetrics(rule, twins).results()))
                .as(vector.name() + ": metrics").isEqualTo(vector.get("metrics"));
    }

    private static void invalid(VectorCase vector) {
        JsonObject error = vector.get("error").asObject();
        assertThatThrownBy(() -> compile(vector.get("configuration").asObject()))
                .as(vector.name())
                .isInstanceOfSatisfying(TwinException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(error.valueOrNull("status").asNumber().longValue());
                    assertThat(e.errorCode().code()).isEqualTo(error.valueOrNull("errorCode").asNumber().longValue());
                });
    }

    private static JsonObject counts(Map<String, Long> results) {
        JsonObject.Builder out = JsonObject.builder();
        results.forEach((name, count) -> out.put(name, JsonNumber.of(count)));
        return out.build();
    }

    private static List<ConfigurationRule> rules(VectorCase vector) {
        List<ConfigurationRule> rules = new ArrayList<>();
        for (JsonValue json : vector.get("configurations").asArray()) {
            rules.add(compile(json.asObject()));
        }
        return rules;
    }

    private static ConfigurationRule compile(JsonObject json) {
        HubConfiguration configuration = HubConfiguration.fromJson(json);
        if (configuration.createdTime().isEmpty()) {
            configuration = configuration.toBuilder().createdTime(CREATED).build();
        }
        return ConfigurationRule.compile(configuration, TwinValidator.standard());
    }

    private static List<TwinDocument> twins(VectorCase vector) {
        List<TwinDocument> twins = new ArrayList<>();
        for (JsonValue json : vector.get("twins").asArray()) {
            twins.add(TwinDocument.fromJson(json.asObject()));
        }
        return twins;
    }
}
