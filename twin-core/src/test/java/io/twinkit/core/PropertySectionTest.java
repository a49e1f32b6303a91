package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertySectionTest {

    private static final String DESIRED = "{\"telemetryConfig\":{\"sendFrequency\":\"5m\",\"enabled\":true},"
            + "\"rate\":1.0,"
            + "\"$metadata\":{\"$lastUpdated\":\"2024-01-01T00:00:03.25Z\",\"$lastUpdatedVersion\":7,"
            + "\"telemetryConfig\":{\"$lastUpdated\":\"2024-01-01T00:00:03.25Z\",\"$lastUpdatedVersion\":7,"
            + "\"sendFrequency\":{\"$lastUpdated\":\"2024-01-01T00:00:03.25Z\",\"$lastUpdatedVersion\":7},"
            + "\"enabled\":{\"$lastUpdated\":\"2024-01-01T00:00:01Z\",\"$lastUpdatedVersion\":5}},"
            + "\"rate\":{\"$lastUpdated\":\"2024-01-01T00:00:00.0000001Z\",\"$lastUpdatedVersion\":3,"
            + "\"$lastUpdatedBy\":\"cfg1\",\"$lastUpdatedByDigest\":\"637\"}},"
            + "\"$version\":7}";

    private static PropertySection desired() {
        return PropertySection.fromJson(JsonValue.parseObject(DESIRED));
    }

    @Test
    void fromJsonSplitsPropertiesVersionAndMetadata() {
        PropertySection section = desired();

        assertThat(section.version()).hasValue(7);
        assertThat(section.properties().keys()).containsExactly("telemetryConfig", "rate");
        assertThat(section.properties().contains("$version")).isFalse();
        assertThat(section.properties().contains("$metadata")).isFalse();
        assertThat(section.get("telemetryConfig.sendFrequency")).contains(JsonString.of("5m"));
        assertThat(section.metadata().orElseThrow().childNames()).containsExactly("telemetryConfig", "rate");
    }

    @Test
    void toJsonGivesBackTheServiceForm() {
        PropertySection section = desired();
        JsonObject written = section.toJson();

        assertThat(written).isEqualTo(JsonValue.parseObject(DESIRED));
        TwinCodecRoundTripTest.assertSameNumberKinds(JsonValue.parseObject(DESIRED), written, "");
        assertThat(PropertySection.fromJson(written)).isEqualTo(section).hasSameHashCodeAs(section);
        assertThat(section.toString()).isEqualTo(written.toString());
    }

    @Test
    void sectionWithoutVersionOrMetadataIsJustItsProperties() {
        JsonObject json = JsonValue.parseObject("{\"a\":1}");
        PropertySection section = PropertySection.fromJson(json);

        assertThat(section.version()).isEmpty();
        assertThat(section.metadata()).isEmpty();
        assertThat(section.toJson()).isEqualTo(json);
        assertThat(section).isEqualTo(PropertySection.of(PropertySet.parse("{\"a\":1}")));
        assertThat(PropertySection.fromJson(JsonObject.empty())).isEqualTo(PropertySection.empty());
        assertThat(PropertySection.empty().toJson()).isEqualTo(JsonObject.empty());
    }

    @Test
    void versionZeroIsAccepted() {
        assertThat(PropertySection.fromJson(JsonValue.parseObject("{\"$version\":0}")).version()).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "2.0", "\"3\"", "true", "null", "{}", "[]", "9223372036854775808"})
    void versionMustBeANonNegativeInteger(String version) {
        TwinJsonException e = catchThrowableOfType(TwinJsonException.class,
                () -> PropertySection.fromJson(JsonValue.parseObject("{\"a\":1,\"$version\":" + version + "}")));

        assertThat(e).as("accepted $version %s", version).isNotNull();
        assertThat(e.path()).isEqualTo("properties.$version");
        assertThat(e.getMessage()).contains("non-negative integer");
    }

    @Test
    void malformedMetadataAndNullPropertiesAreRejectedWithTheirPath() {
        assertThat(catchThrowableOfType(TwinJsonException.class,
                () -> PropertySection.fromJson(JsonValue.parseObject("{\"$metadata\":\"x\"}"))).path())
                .isEqualTo("properties.$metadata");
        assertThat(catchThrowableOfType(TwinJsonException.class,
                () -> PropertySection.fromJson(JsonValue.parseObject(
                        "{\"$metadata\":{\"a\":{\"$lastUpdatedVersion\":\"1\"}}}")))
                .path()).isEqualTo("properties.$metadata.a.$lastUpdatedVersion");
        assertThat(catchThrowableOfType(TwinJsonException.class,
                () -> PropertySection.fromJson(JsonValue.parseObject("{\"a\":{\"b\":null},\"$version\":1}"))).path())
                .isEqualTo("properties.a.b");
    }

    @Test
    void lastUpdatedAndLastUpdatedVersionFollowTheTree() {
        PropertySection section = desired();

        assertThat(section.lastUpdated(TwinPath.root())).contains(Instant.parse("2024-01-01T00:00:03.25Z"));
        assertThat(section.lastUpdated(TwinPath.parse("telemetryConfig.enabled")))
                .contains(Instant.parse("2024-01-01T00:00:01Z"));
        assertThat(section.lastUpdatedVersion(TwinPath.parse("telemetryConfig.enabled"))).hasValue(5);
        assertThat(section.lastUpdatedVersion(TwinPath.parse("telemetryConfig.sendFrequency"))).hasValue(7);
        assertThat(section.lastUpdatedVersion(TwinPath.parse("rate"))).hasValue(3);
        assertThat(section.lastUpdated(TwinPath.parse("rate")).orElseThrow().getNano()).isEqualTo(100);
        assertThat(section.lastUpdatedVersion(TwinPath.parse("telemetryConfig.unknown"))).hasValue(7);
        assertThat(section.metadataAt(TwinPath.parse("rate")).orElseThrow().lastUpdatedBy()).contains("cfg1");
        assertThat(section.metadataAt(TwinPath.parse("telemetryConfig.unknown"))).isEmpty();
    }

    @Test
    void reportedSectionHasNoLastUpdatedVersion() {
        PropertySection reported = PropertySection.fromJson(JsonValue.parseObject("{\"a\":1,\"$metadata\":{"
                + "\"$lastUpdated\":\"2024-01-01T00:00:05.5Z\",\"a\":{\"$lastUpdated\":\"2024-01-01T00:00:05.5Z\"}},"
                + "\"$version\":2}"));

        assertThat(reported.lastUpdatedVersion(TwinPath.parse("a"))).isEmpty();
        assertThat(reported.lastUpdated(TwinPath.parse("a"))).contains(Instant.parse("2024-01-01T00:00:05.5Z"));
    }

    @Test
    void withoutMetadataDropsMetadataAndKeepsVersionAndProperties() {
        PropertySection section = desired();

        PropertySection stripped = section.withoutMetadata();

        assertThat(stripped.metadata()).isEmpty();
        assertThat(stripped.version()).hasValue(7);
        assertThat(stripped.properties()).isEqualTo(section.properties());
        assertThat(stripped.toJson().contains("$metadata")).isFalse();
        assertThat(stripped.toJson().valueOrNull("$version")).isEqualTo(JsonNumber.of(7));
        assertThat(stripped.lastUpdated(TwinPath.parse("rate"))).isEmpty();
        assertThat(stripped).isNotEqualTo(section);
        assertThat(stripped.withoutMetadata()).isSameAs(stripped);
        assertThat(section.metadata()).isPresent();
    }

    @Test
    void copiesChangeOnePart() {
        PropertySection section = desired();
        PropertySet other = PropertySet.parse("{\"x\":1}");

        PropertySection withProperties = section.withProperties(other);
        assertThat(withProperties.properties()).isEqualTo(other);
        assertThat(withProperties.version()).isEqualTo(section.version());
        assertThat(withProperties.metadata()).isEqualTo(section.metadata());

        PropertySection withVersion = section.withVersion(8);
        assertThat(withVersion.version()).hasValue(8);
        assertThat(withVersion.properties()).isEqualTo(section.properties());

        PropertyMetadata stamp = PropertyMetadata.stamped(Instant.parse("2024-02-02T00:00:00Z"), 8);
        assertThat(section.withMetadata(stamp).metadata()).contains(stamp);
        assertThat(section.withMetadata(null).metadata()).isEmpty();
        assertThat(section.version()).hasValue(7);
    }

    @Test
    void negativeVersionsAreRejected() {
        assertThatThrownBy(() -> desired().withVersion(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> PropertySection.of(PropertySet.empty(), -2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PropertySection.of(PropertySet.empty(), 0).toJson())
                .isEqualTo(JsonValue.parseObject("{\"$version\":0}"));
    }

    @Test
    void equalityCoversPropertiesVersionAndMetadata() {
        PropertySection section = desired();

        assertThat(section).isEqualTo(desired()).hasSameHashCodeAs(desired());
        assertThat(section).isNotEqualTo(section.withVersion(8));
        assertThat(section).isNotEqualTo(section.withMetadata(null));
        assertThat(section).isNotEqualTo(section.withProperties(PropertySet.empty()));
        assertThat(PropertySection.of(PropertySet.empty())).isEqualTo(PropertySection.empty());
    }
}
