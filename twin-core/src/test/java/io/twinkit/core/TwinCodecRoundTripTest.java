package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.conformance.ConformanceVectors.Fixture;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codec is lossless: every twin of {@code twins.json} and the sample twin of spec §1.5 survive
 * {@code JsonValue.parseObject}, {@code TwinDocument.fromJson}, {@code toJson().toJsonBytes()} with JSON equality and
 * with every number keeping its integer/double kind.
 */
class TwinCodecRoundTripTest {

    static final String SAMPLE_TWIN = "/twins/spec-sample-twin.json";

    /** One twin of a fixture, named by deviceId[/moduleId] (and its source when not the classpath copy). */
    record NamedTwin(String name, JsonObject json) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<NamedTwin> fixtureTwins() {
        List<NamedTwin> all = new ArrayList<>();
        for (Fixture fixture : ConformanceVectors.fixtures("twins.json")) {
            String suffix = "classpath".equals(fixture.source()) ? "" : " [" + fixture.source() + "]";
            for (String array : List.of("twins", "modules")) {
                for (JsonValue twin : fixture.json().get(array).orElseThrow().asArray()) {
                    JsonObject json = twin.asObject();
                    JsonValue moduleId = json.valueOrNull("moduleId");
                    String name = json.valueOrNull("deviceId").asString()
                            + (moduleId == null ? "" : "/" + moduleId.asString());
                    all.add(new NamedTwin(name + suffix, json));
                }
            }
        }
        return all;
    }

    static JsonObject sampleJson() {
        try (InputStream in = TwinCodecRoundTripTest.class.getResourceAsStream(SAMPLE_TWIN)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + SAMPLE_TWIN);
            }
            return JsonValue.parseObject(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TwinDocument sampleTwin() {
        return TwinDocument.fromJson(sampleJson());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureTwins")
    void fixtureTwinSurvivesTheCodec(NamedTwin twin) {
        assertLosslessRoundTrip(twin.json());
    }

    @Test
    void specSampleTwinSurvivesTheCodec() {
        assertLosslessRoundTrip(sampleJson());
    }

    @Test
    void fixtureHasDeviceAndModuleTwinsAndModulesCarryTheirId() {
        for (Fixture fixture : ConformanceVectors.fixtures("twins.json")) {
            assertThat(fixture.json().get("twins").orElseThrow().asArray()).as("device twins of " + fixture)
                    .isNotEmpty();
            assertThat(fixture.json().get("modules").orElseThrow().asArray()).as("module twins of " + fixture)
                    .isNotEmpty();
            for (JsonValue module : fixture.json().get("modules").orElseThrow().asArray()) {
                TwinDocument doc = TwinDocument.fromJson(module.asObject());
                assertThat(doc.isModuleTwin()).as(doc.deviceId().value()).isTrue();
                assertThat(doc.moduleId().orElseThrow().value())
                        .isEqualTo(module.asObject().valueOrNull("moduleId").asString());
            }
        }
    }

    @Test
    void doubleWithIntegralValueStaysADouble() {
        NamedTwin md035 = fixtureTwins().stream().filter(t -> t.name().equals("sensor-md-035")).findFirst()
                .orElseThrow();
        TwinDocument doc = TwinDocument.fromJson(JsonValue.parseObject(md035.json().toJsonBytes()));
        JsonObject written = JsonValue.parseObject(doc.toJson().toJsonBytes());

        JsonNumber temperature = find(written, "properties", "reported", "temperature").asNumber();
        assertThat(temperature.isIntegral()).isFalse();
        assertThat(temperature.toString()).isEqualTo("21.0");
        JsonNumber battery = find(written, "properties", "reported", "batteryLevel").asNumber();
        assertThat(battery.isIntegral()).isTrue();
        assertThat(doc.reported().properties().get("temperature").orElseThrow().asNumber().isIntegral()).isFalse();
    }

    @Test
    void numberKindCheckDetectsAnIntegerThatBecameADouble() {
        JsonObject integral = JsonValue.parseObject("{\"a\":{\"b\":[1,{\"c\":21}]}}");
        JsonObject asDouble = JsonValue.parseObject("{\"a\":{\"b\":[1,{\"c\":21.0}]}}");

        assertThat(asDouble).isEqualTo(integral); // JSON equality alone cannot see the change
        assertThatThrownBy(() -> assertSameNumberKinds(integral, asDouble, ""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a.b.1.c");
        assertSameNumberKinds(integral, integral, "");
    }

    @Test
    void sampleTwinRootFields() {
        TwinDocument twin = sampleTwin();

        assertThat(twin.deviceId()).isEqualTo(DeviceId.of("dev1"));
        assertThat(twin.moduleId()).isEmpty();
        assertThat(twin.isModuleTwin()).isFalse();
        assertThat(twin.etag().orElseThrow().counter()).hasValue(2);
        assertThat(twin.deviceEtag()).contains(ETag.of("NTY3NzA5OTQz"));
        assertThat(twin.version()).hasValue(4);
        assertThat(twin.status()).contains(DeviceStatus.ENABLED);
        assertThat(twin.statusReason()).isEmpty();
        assertThat(twin.statusUpdateTime()).contains(TwinTime.NEVER);
        assertThat(twin.connectionState()).contains(ConnectionState.DISCONNECTED);
        assertThat(twin.lastActivityTime()).contains(TwinTime.NEVER);
        assertThat(twin.cloudToDeviceMessageCount()).hasValue(0);
        assertThat(twin.authenticationType()).contains(AuthenticationType.SAS);
        assertThat(twin.x509Thumbprint()).contains(X509Thumbprint.none());
        assertThat(twin.modelId()).contains("");
        assertThat(twin.capabilities()).contains(new Capabilities(false));
        assertThat(twin.hasTags()).isTrue();
        assertThat(twin.tags().getString("site.bldg")).contains("43");
        assertThat(twin.extraFields()).isEmpty();
        assertThat(twin.parentScopes()).isEmpty();
        assertThat(twin.configurations()).isEmpty();
    }

    @Test
    void sampleTwinDesiredSectionKeepsAllSevenFractionalDigits() {
        PropertySection desired = sampleTwin().desired();

        assertThat(desired.version()).hasValue(2);
        assertThat(desired.properties().getLong("rate")).hasValue(5);
        Instant lastUpdated = desired.lastUpdated(TwinPath.root()).orElseThrow();
        assertThat(lastUpdated).isEqualTo(Instant.parse("2024-01-01T00:00:00.1234567Z"));
        assertThat(lastUpdated.getNano()).isEqualTo(123_456_700);
        assertThat(TwinTime.format(lastUpdated)).isEqualTo("2024-01-01T00:00:00.1234567Z");
        assertThat(desired.lastUpdated(TwinPath.parse("rate"))).contains(lastUpdated);
        assertThat(desired.lastUpdatedVersion(TwinPath.root())).hasValue(2);
        assertThat(desired.lastUpdatedVersion(TwinPath.parse("rate"))).hasValue(2);

        JsonObject written = JsonValue.parseObject(sampleTwin().toJson().toJsonBytes());
        assertThat(find(written, "properties", "desired", "$metadata", "$lastUpdated").asString())
                .isEqualTo("2024-01-01T00:00:00.1234567Z");
        assertThat(find(written, "properties", "desired", "$metadata", "rate", "$lastUpdated").asString())
                .isEqualTo("2024-01-01T00:00:00.1234567Z");
    }

    @Test
    void sampleTwinReportedSectionKeepsItsShortTimestampText() {
        TwinDocument twin = sampleTwin();
        PropertySection reported = twin.reported();

        assertThat(reported.version()).hasValue(2);
        assertThat(reported.lastUpdated(TwinPath.parse("rate"))).contains(Instant.parse("2024-01-01T00:00:05.500Z"));
        assertThat(reported.lastUpdatedVersion(TwinPath.parse("rate"))).isEmpty();

        JsonObject written = JsonValue.parseObject(twin.toJson().toString());
        assertThat(find(written, "properties", "reported", "$metadata", "$lastUpdated").asString())
                .isEqualTo("2024-01-01T00:00:05.5Z");
        assertThat(find(written, "properties", "reported", "$metadata", "rate", "$lastUpdated").asString())
                .isEqualTo("2024-01-01T00:00:05.5Z");
        assertThat(find(written, "statusUpdateTime").asString()).isEqualTo("0001-01-01T00:00:00Z");
    }

    @Test
    void sampleTwinFollowsTheCounterRules() {
        TwinDocument twin = sampleTwin();
        long etagCounter = twin.etag().orElseThrow().counter().orElseThrow();

        assertThat(twin.etag()).contains(ETag.ofCounter(2));
        assertThat(twin.version().orElseThrow()).isEqualTo(etagCounter + twin.reported().version().orElseThrow());
    }

    private static void assertLosslessRoundTrip(JsonObject original) {
        TwinDocument first = TwinDocument.fromJson(JsonValue.parseObject(original.toJsonBytes()));
        byte[] written = first.toJson().toJsonBytes();
        JsonObject reread = JsonValue.parseObject(written);

        assertThat(reread).isEqualTo(original);
        assertThat(reread.keys()).containsExactlyInAnyOrderElementsOf(original.keys());
        assertSameNumberKinds(original, reread, "");
        TwinDocument second = TwinDocument.fromJson(JsonValue.parseObject(written));
        assertThat(second).isEqualTo(first);
        assertThat(second.hashCode()).isEqualTo(first.hashCode());
        assertThat(second.toJson().toJsonBytes()).isEqualTo(written);
    }

    /** Walks both trees and fails where a number is an integer on one side and a double on the other. */
    static void assertSameNumberKinds(JsonValue expected, JsonValue actual, String path) {
        assertThat(actual.type()).as("type at '%s'", path).isEqualTo(expected.type());
        if (expected instanceof JsonObject object) {
            JsonObject other = actual.asObject();
            assertThat(other.keys()).as("keys at '%s'", path).containsExactlyInAnyOrderElementsOf(object.keys());
            for (int i = 0; i < object.size(); i++) {
                String key = object.keyAt(i);
                assertSameNumberKinds(object.valueAt(i), other.valueOrNull(key), path.isEmpty() ? key : path + "." + key);
            }
        } else if (expected instanceof JsonArray array) {
            JsonArray other = actual.asArray();
            assertThat(other.size()).as("size at '%s'", path).isEqualTo(array.size());
            for (int i = 0; i < array.size(); i++) {
                assertSameNumberKinds(array.get(i), other.get(i), path.isEmpty() ? "" + i : path + "." + i);
            }
        } else if (expected instanceof JsonNumber number) {
            assertThat(actual.asNumber().isIntegral())
                    .as("integer/double kind of %s at '%s' (written back as %s)", number, path, actual)
                    .isEqualTo(number.isIntegral());
        }
    }

    private static JsonValue find(JsonObject root, String... keys) {
        JsonValue current = root;
        for (String key : keys) {
            current = current.asObject().valueOrNull(key);
            assertThat(current).as("member %s", key).isNotNull();
        }
        return current;
    }
}
