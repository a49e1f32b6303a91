package io.twinkit.core.pnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WritablePropertiesTest {

    private static PropertySection section(String json) {
        return PropertySection.fromJson(JsonValue.parseObject(json));
    }

    private static JsonObject object(String json) {
        return JsonValue.parseObject(json);
    }

    @Nested
    class AckPatch {

        @Test
        void defaultComponentPatchIsTheSpecExample() {
            MergePatch patch = WritableProperties.ackPatch(null, "targetTemperature",
                    WritablePropertyAck.of(JsonNumber.of(21.3), 200, 3, "complete"));

            assertThat(patch.toJson()).isEqualTo(object("""
                    {"targetTemperature": {"value": 21.3, "ac": 200, "av": 3, "ad": "complete"}}"""));
        }

        @Test
        void componentPatchCarriesTheMarker() {
            MergePatch patch = WritableProperties.ackPatch("thermostat1", "targetTemperature",
                    WritablePropertyAck.of(JsonNumber.of(21.3), 200, 3, "complete"));

            assertThat(patch.toJson()).isEqualTo(object("""
                    {"thermostat1": {"__t": "c",
                                     "targetTemperature": {"value": 21.3, "ac": 200, "av": 3, "ad": "complete"}}}"""));
        }

        @Test
        void appliedToReportedItGivesTheAcknowledgedDocument() {
            PropertySet reported = PropertySet.parse("""
                    {"serialNumber": "SN-1",
                     "thermostat1": {"__t": "c", "maxTempSinceLastReboot": 22.5}}""");

            PropertySet updated = WritableProperties.ackPatch("thermostat1", "targetTemperature",
                            WritablePropertyAck.of(JsonNumber.of(21.3), 200, 3, "complete"))
                    .applyTo(reported);
            updated = WritableProperties.ackPatch(null, "targetTemperature",
                            WritablePropertyAck.deviceDefault(JsonNumber.of(20.0), "initialize"))
                    .applyTo(updated);

            assertThat(updated).isEqualTo(PropertySet.parse("""
                    {"serialNumber": "SN-1",
                     "thermostat1": {"__t": "c", "maxTempSinceLastReboot": 22.5,
                                     "targetTemperature": {"value": 21.3, "ac": 200, "av": 3, "ad": "complete"}},
                     "targetTemperature": {"value": 20.0, "ac": 203, "av": 0, "ad": "initialize"}}"""));
        }

        @Test
        void ackWithoutDescriptionClearsTheEarlierDescription() {
            PropertySet reported = PropertySet.parse("""
                    {"targetTemperature": {"value": 20.0, "ac": 203, "av": 0, "ad": "initialize"}}""");
            WritablePropertyAck accepted = WritablePropertyAck.accepted(JsonNumber.of(21.3), 3);

            MergePatch patch = WritableProperties.ackPatch(null, "targetTemperature", accepted);
            PropertySet updated = patch.applyTo(reported);

            assertThat(patch.toJson()).isEqualTo(object("""
                    {"targetTemperature": {"value": 21.3, "ac": 200, "av": 3, "ad": null}}"""));
            assertThat(updated).isEqualTo(PropertySet.parse("""
                    {"targetTemperature": {"value": 21.3, "ac": 200, "av": 3}}"""));
            assertThat(WritablePropertyAck.fromJson(updated.get("targetTemperature").orElseThrow()))
                    .isEqualTo(accepted);
        }

        @Test
        void severalAcksGoInOnePatchInMapOrder() {
            Map<String, WritablePropertyAck> acks = new LinkedHashMap<>();
            acks.put("targetTemperature", WritablePropertyAck.accepted(JsonNumber.of(21.3), 5));
            acks.put("mode", WritablePropertyAck.rejected(JsonString.of("auto"), 5, "unsupported mode"));

            MergePatch patch = WritableProperties.ackPatch("thermostat1", acks);
            PropertySet updated = patch.applyTo(PropertySet.empty());

            assertThat(patch.toJson().valueOrNull("thermostat1").asObject().keys())
                    .containsExactly("__t", "targetTemperature", "mode");
            assertThat(updated).isEqualTo(PropertySet.parse("""
                    {"thermostat1": {"__t": "c",
                                     "targetTemperature": {"value": 21.3, "ac": 200, "av": 5},
                                     "mode": {"value": "auto", "ac": 400, "av": 5, "ad": "unsupported mode"}}}"""));
            assertThat(WritableProperties.ackPatch(null, acks).applyTo(PropertySet.empty()).keys())
                    .containsExactly("targetTemperature", "mode");
        }

        @Test
        void noAcksGiveTheEmptyPatch() {
            assertThat(WritableProperties.ackPatch("thermostat1", Map.of()).isEmpty()).isTrue();
            assertThat(WritableProperties.ackPatch(null, Map.of())).isEqualTo(MergePatch.empty());
        }

        @Test
        void ackedPropertyReadsBackAsAccepted() {
            PropertySection desired = section("{\"thermostat1\": {\"__t\": \"c\", \"targetTemperature\": 19.5},"
                    + " \"$version\": 8}");
            WritablePropertyStatus before = WritableProperties.status(desired, PropertySection.empty(), "thermostat1",
                    "targetTemperature");
            MergePatch patch = WritableProperties.ackPatch("thermostat1", "targetTemperature",
                    WritablePropertyAck.accepted(before.desiredValue().orElseThrow(),
                            before.desiredVersion().orElseThrow()));

            PropertySection reported = PropertySection.of(patch.applyTo(PropertySet.empty()), 2);
            WritablePropertyStatus after = WritableProperties.status(desired, reported, "thermostat1",
                    "targetTemperature");

            assertThat(before.state()).isEqualTo(WritablePropertyState.PENDING);
            assertThat(after.state()).isEqualTo(WritablePropertyState.ACCEPTED);
            assertThat(after.isInSync()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a.b", "$x", "__t"})
        void rejectsInvalidNames(String name) {
            WritablePropertyAck ack = WritablePropertyAck.accepted(JsonNumber.of(1), 1);
            assertThatThrownBy(() -> WritableProperties.ackPatch(null, name, ack))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("property name");
            assertThatThrownBy(() -> WritableProperties.ackPatch(name, "p", ack))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("component name");
            assertThatThrownBy(() -> WritableProperties.ackPatch(name, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("component name");
        }
    }

    @Nested
    class PendingProperties {

        private final PropertySection desired = section("""
                {"noAck": 1, "accepted": 2, "stale": 3, "inProgress": 4, "rejected": 5, "plain": 6,
                 "$custom": 7,
                 "thermostat1": {"__t": "c", "targetTemperature": 19.5, "mode": "eco"},
                 "settings": {"interval": 10},
                 "$version": 9}""");
        private final PropertySection reported = section("""
                {"accepted": {"value": 2, "ac": 200, "av": 9},
                 "stale": {"value": 1, "ac": 200, "av": 8},
                 "inProgress": {"value": 4, "ac": 202, "av": 9},
                 "rejected": {"value": 0, "ac": 400, "av": 9, "ad": "no"},
                 "plain": 6,
                 "thermostat1": {"__t": "c", "mode": {"value": "eco", "ac": 200, "av": 9}},
                 "$version": 4}""");

        @Test
        void defaultComponentListsPendingPropertiesInDesiredOrder() {
            assertThat(WritableProperties.pendingProperties(desired, reported, null))
                    .containsExactly("noAck", "stale", "plain", "settings");
        }

        @Test
        void namedComponentListsItsOwnPendingProperties() {
            assertThat(WritableProperties.pendingProperties(desired, reported, "thermostat1"))
                    .containsExactly("targetTemperature");
            assertThat(WritableProperties.pendingProperties(desired, reported, "thermostat2")).isEmpty();
        }

        @Test
        void nothingIsPendingOnceEveryPropertyIsAcknowledged() {
            PropertySet updated = reported.properties();
            for (String component : PnpComponents.componentNames(desired.properties())) {
                for (String property : WritableProperties.pendingProperties(desired, reported, component)) {
                    WritablePropertyStatus status = WritableProperties.status(desired, reported, component, property);
                    updated = WritableProperties.ackPatch(component, property, WritablePropertyAck.accepted(
                            status.desiredValue().orElseThrow(), status.desiredVersion().orElseThrow()))
                            .applyTo(updated);
                }
            }
            for (String property : WritableProperties.pendingProperties(desired, reported, null)) {
                WritablePropertyStatus status = WritableProperties.status(desired, reported, null, property);
                updated = WritableProperties.ackPatch(null, property, WritablePropertyAck.accepted(
                        status.desiredValue().orElseThrow(), status.desiredVersion().orElseThrow())).applyTo(updated);
            }
            PropertySection acknowledged = reported.withProperties(updated);

            assertThat(WritableProperties.pendingProperties(desired, acknowledged, null)).isEmpty();
            assertThat(WritableProperties.pendingProperties(desired, acknowledged, "thermostat1")).isEmpty();
            assertThat(WritableProperties.status(desired, acknowledged, null, "settings").ack())
                    .map(WritablePropertyAck::value).contains(object("{\"interval\": 10}"));
        }

        @Test
        void onlyTheChangedPropertyIsPendingWhenMetadataSaysSo() {
            PropertySection desired = section("""
                    {"a": 1, "b": 2,
                     "$metadata": {"$lastUpdated": "2024-01-01T00:00:03Z", "$lastUpdatedVersion": 3,
                                   "a": {"$lastUpdated": "2024-01-01T00:00:03Z", "$lastUpdatedVersion": 3},
                                   "b": {"$lastUpdated": "2024-01-01T00:00:02Z", "$lastUpdatedVersion": 2}},
                     "$version": 3}""");
            PropertySection reported = section("""
                    {"a": {"value": 0, "ac": 200, "av": 2}, "b": {"value": 2, "ac": 200, "av": 2}}""");

            assertThat(WritableProperties.pendingProperties(desired, reported, null)).containsExactly("a");
            assertThat(WritableProperties.pendingProperties(desired.withMetadata(null), reported, null))
                    .containsExactly("a", "b");
        }

        @Test
        void rejectsInvalidComponentName() {
            assertThatThrownBy(() -> WritableProperties.pendingProperties(desired, reported, "a.b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("component name 'a.b'");
        }
    }
}
