package io.twinkit.core.pnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.PropertySection;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonValue;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WritablePropertiesStatusTest {

    private static PropertySection section(String json) {
        return PropertySection.fromJson(JsonValue.parseObject(json));
    }

    private static final PropertySection DESIRED_V3 = section("""
            {"targetTemperature": 21.3, "$version": 3}""");

    private static WritablePropertyStatus statusWithAck(String ack) {
        return WritableProperties.status(DESIRED_V3, section("{\"targetTemperature\": " + ack + "}"),
                null, "targetTemperature");
    }

    @Test
    void specExampleIsAcceptedAndInSync() {
        PropertySection reported = section("""
                {"targetTemperature": {"value": 21.3, "ac": 200, "av": 3, "ad": "complete"}, "$version": 7}""");

        WritablePropertyStatus status = WritableProperties.status(DESIRED_V3, reported, null, "targetTemperature");

        assertThat(status.state()).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(status.isInSync()).isTrue();
        assertThat(status.desiredValue()).contains(JsonNumber.of(21.3));
        assertThat(status.desiredVersion()).isEqualTo(OptionalLong.of(3));
        assertThat(status.ack()).contains(WritablePropertyAck.of(JsonNumber.of(21.3), 200, 3, "complete"));
    }

    @Test
    void noDesiredValueIsNotRequested() {
        PropertySection desired = section("{\"fanSpeed\": 2, \"$version\": 3}");

        WritablePropertyStatus status = WritableProperties.status(desired, PropertySection.empty(), null,
                "targetTemperature");

        assertThat(status.state()).isEqualTo(WritablePropertyState.NOT_REQUESTED);
        assertThat(status.desiredValue()).isEmpty();
        assertThat(status.desiredVersion()).isEmpty();
        assertThat(status.ack()).isEmpty();
        assertThat(status.isInSync()).isFalse();
    }

    @Test
    void deviceDefaultWithoutDesiredValueIsNotRequestedButKeepsTheAck() {
        PropertySection reported = section("""
                {"targetTemperature": {"value": 20.0, "ac": 203, "av": 0, "ad": "initialize"}}""");

        WritablePropertyStatus status = WritableProperties.status(section("{\"$version\": 1}"), reported, null,
                "targetTemperature");

        assertThat(status.state()).isEqualTo(WritablePropertyState.NOT_REQUESTED);
        assertThat(status.ack()).contains(WritablePropertyAck.deviceDefault(JsonNumber.of(20.0), "initialize"));
        assertThat(status.isInSync()).isFalse();
    }

    @Test
    void desiredValueWithoutAckIsPending() {
        WritablePropertyStatus status = WritableProperties.status(DESIRED_V3, section("{\"$version\": 1}"), null,
                "targetTemperature");

        assertThat(status.state()).isEqualTo(WritablePropertyState.PENDING);
        assertThat(status.desiredVersion()).isEqualTo(OptionalLong.of(3));
        assertThat(status.ack()).isEmpty();
        assertThat(status.isInSync()).isFalse();
    }

    @Test
    void ackForAnOlderVersionIsStaleSoPending() {
        WritablePropertyStatus status = statusWithAck("{\"value\": 20.0, \"ac\": 200, \"av\": 2}");

        assertThat(status.state()).isEqualTo(WritablePropertyState.PENDING);
        assertThat(status.ack()).map(WritablePropertyAck::version).contains(2L);
        assertThat(status.isInSync()).isFalse();
    }

    @Test
    void deviceDefaultDoesNotAnswerADesiredValue() {
        WritablePropertyStatus status = statusWithAck("{\"value\": 20.0, \"ac\": 203, \"av\": 0}");

        assertThat(status.state()).isEqualTo(WritablePropertyState.PENDING);
    }

    @Test
    void inProgressAckForCurrentVersion() {
        WritablePropertyStatus status = statusWithAck("{\"value\": 20.5, \"ac\": 202, \"av\": 3, \"ad\": \"heating\"}");

        assertThat(status.state()).isEqualTo(WritablePropertyState.IN_PROGRESS);
        assertThat(status.isInSync()).isFalse();
    }

    @Test
    void acceptedAckForCurrentVersionIsInSync() {
        WritablePropertyStatus status = statusWithAck("{\"value\": 21.3, \"ac\": 200, \"av\": 3}");

        assertThat(status.state()).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(status.isInSync()).isTrue();
    }

    @Test
    void ackForANewerVersionStillCounts() {
        WritablePropertyStatus status = statusWithAck("{\"value\": 21.3, \"ac\": 200, \"av\": 4}");

        assertThat(status.state()).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(status.isInSync()).isTrue();
    }

    @ParameterizedTest(name = "ac {0} -> {1}")
    @CsvSource({
        "200, ACCEPTED", "201, ACCEPTED", "203, ACCEPTED", "204, ACCEPTED", "202, IN_PROGRESS",
        "400, REJECTED", "404, REJECTED", "499, REJECTED",
        "500, FAILED", "503, FAILED", "599, FAILED", "100, FAILED", "302, FAILED"})
    void currentAckCodeDecidesTheState(int code, WritablePropertyState expected) {
        WritablePropertyStatus status = statusWithAck(
                "{\"value\": 18.0, \"ac\": " + code + ", \"av\": 3, \"ad\": \"x\"}");

        assertThat(status.state()).isEqualTo(expected);
        assertThat(status.isInSync()).isEqualTo(code == 200);
    }

    @Test
    void rejectedAndFailedAcksKeepTheValueInUse() {
        WritablePropertyStatus rejected = statusWithAck(
                "{\"value\": 20.0, \"ac\": 400, \"av\": 3, \"ad\": \"above maximum\"}");
        WritablePropertyStatus failed = statusWithAck(
                "{\"value\": 20.0, \"ac\": 500, \"av\": 3, \"ad\": \"actuator jammed\"}");

        assertThat(rejected.state()).isEqualTo(WritablePropertyState.REJECTED);
        assertThat(rejected.ack()).map(WritablePropertyAck::value).contains(JsonNumber.of(20.0));
        assertThat(failed.state()).isEqualTo(WritablePropertyState.FAILED);
        assertThat(failed.ack()).flatMap(WritablePropertyAck::description).contains("actuator jammed");
    }

    @Test
    void plainReportedValueIsNoAck() {
        WritablePropertyStatus status = statusWithAck("21.3");

        assertThat(status.state()).isEqualTo(WritablePropertyState.PENDING);
        assertThat(status.ack()).isEmpty();
    }

    @Test
    void metadataVersionKeepsAnAcceptedPropertyInSyncAfterAnUnrelatedChange() {
        // targetTemperature was written at version 3; fanSpeed moved the section on to version 5.
        PropertySection desired = section("""
                {"targetTemperature": 21.3, "fanSpeed": 2,
                 "$metadata": {"$lastUpdated": "2024-01-01T00:05:00Z", "$lastUpdatedVersion": 5,
                               "targetTemperature": {"$lastUpdated": "2024-01-01T00:03:00Z",
                                                     "$lastUpdatedVersion": 3},
                               "fanSpeed": {"$lastUpdated": "2024-01-01T00:05:00Z", "$lastUpdatedVersion": 5}},
                 "$version": 5}""");
        PropertySection reported = section("""
                {"targetTemperature": {"value": 21.3, "ac": 200, "av": 3}}""");

        WritablePropertyStatus withMetadata = WritableProperties.status(desired, reported, null,
                "targetTemperature");
        WritablePropertyStatus withoutMetadata = WritableProperties.status(desired.withMetadata(null), reported,
                null, "targetTemperature");

        assertThat(withMetadata.desiredVersion()).isEqualTo(OptionalLong.of(3));
        assertThat(withMetadata.state()).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(withMetadata.isInSync()).isTrue();
        assertThat(withoutMetadata.desiredVersion()).isEqualTo(OptionalLong.of(5));
        assertThat(withoutMetadata.state()).isEqualTo(WritablePropertyState.PENDING);
        assertThat(WritableProperties.status(desired, reported, null, "fanSpeed").state())
                .isEqualTo(WritablePropertyState.PENDING);
    }

    @Test
    void metadataWithoutVersionFallsBackToSectionVersion() {
        PropertySection desired = section("""
                {"targetTemperature": 21.3,
                 "$metadata": {"$lastUpdated": "2024-01-01T00:05:00Z",
                               "targetTemperature": {"$lastUpdated": "2024-01-01T00:03:00Z"}},
                 "$version": 4}""");

        assertThat(WritableProperties.status(desired, PropertySection.empty(), null, "targetTemperature")
                .desiredVersion()).isEqualTo(OptionalLong.of(4));
    }

    @Test
    void unknownDesiredVersionTakesAnyAckAsCurrent() {
        PropertySection desired = section("{\"targetTemperature\": 21.3}");
        PropertySection reported = section("{\"targetTemperature\": {\"value\": 21.3, \"ac\": 200, \"av\": 1}}");

        WritablePropertyStatus status = WritableProperties.status(desired, reported, null, "targetTemperature");

        assertThat(status.desiredVersion()).isEmpty();
        assertThat(status.state()).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(status.isInSync()).isTrue();
    }

    @Test
    void componentPropertyIsReadFromTheComponentObjects() {
        PropertySection desired = section("""
                {"thermostat1": {"__t": "c", "targetTemperature": 19.5},
                 "targetTemperature": 21.3,
                 "$metadata": {"$lastUpdated": "2024-01-01T00:06:00Z", "$lastUpdatedVersion": 6,
                               "thermostat1": {"$lastUpdated": "2024-01-01T00:06:00Z", "$lastUpdatedVersion": 6,
                                               "__t": {"$lastUpdated": "2024-01-01T00:02:00Z",
                                                       "$lastUpdatedVersion": 2},
                                               "targetTemperature": {"$lastUpdated": "2024-01-01T00:04:00Z",
                                                                     "$lastUpdatedVersion": 4}},
                               "targetTemperature": {"$lastUpdated": "2024-01-01T00:06:00Z",
                                                     "$lastUpdatedVersion": 6}},
                 "$version": 6}""");
        PropertySection reported = section("""
                {"thermostat1": {"__t": "c", "targetTemperature": {"value": 19.5, "ac": 200, "av": 4}},
                 "targetTemperature": {"value": 21.3, "ac": 202, "av": 6}}""");

        WritablePropertyStatus component = WritableProperties.status(desired, reported, "thermostat1",
                "targetTemperature");
        WritablePropertyStatus root = WritableProperties.status(desired, reported, null, "targetTemperature");

        assertThat(component.desiredValue()).contains(JsonNumber.of(19.5));
        assertThat(component.desiredVersion()).isEqualTo(OptionalLong.of(4));
        assertThat(component.state()).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(root.desiredValue()).contains(JsonNumber.of(21.3));
        assertThat(root.state()).isEqualTo(WritablePropertyState.IN_PROGRESS);
        assertThat(WritableProperties.status(desired, reported, "thermostat2", "targetTemperature").state())
                .isEqualTo(WritablePropertyState.NOT_REQUESTED);
    }

    @Test
    void reportedComponentThatIsNotAnObjectHoldsNoAck() {
        PropertySection desired = section("{\"thermostat1\": {\"__t\": \"c\", \"targetTemperature\": 19.5},"
                + " \"$version\": 2}");

        WritablePropertyStatus status = WritableProperties.status(desired, section("{\"thermostat1\": 5}"),
                "thermostat1", "targetTemperature");

        assertThat(status.state()).isEqualTo(WritablePropertyState.PENDING);
        assertThat(status.ack()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "$version", "__t"})
    void rejectsInvalidNames(String name) {
        assertThatThrownBy(() -> WritableProperties.status(DESIRED_V3, PropertySection.empty(), null, name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("property name");
        assertThatThrownBy(() -> WritableProperties.status(DESIRED_V3, PropertySection.empty(), name, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("component name");
    }
}
