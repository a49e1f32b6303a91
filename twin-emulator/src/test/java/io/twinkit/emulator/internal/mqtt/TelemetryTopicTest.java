package io.twinkit.emulator.internal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.emulator.TelemetryMessage;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The property bag of a telemetry topic, decoded as IoT Hub decodes it. */
class TelemetryTopicTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain                 | plain",
        "a%20b                 | a b",
        "a+b                   | a+b",
        "%2B%26%3D%25          | +&=%",
        "%e2%82%ac%E2%82%AC    | €€",
        "%F0%9F%98%80          | \uD83D\uDE00",
        "%C0%80                | %C0%80",
        "%ED%A0%80             | %ED%A0%80",
        "%F5%80%80%80          | %F5%80%80%80",
        "%E2%82                | %E2%82",
        "%E2%82x               | %E2%82x",
        "%%41                  | %A",
        "%4                    | %4",
        "100%                  | 100%",
        "é%C3%A9               | éé",
    })
    void escapesThatFormUtf8CharactersAreDecodedAndEverythingElseStays(String raw, String decoded) {
        assertThat(TelemetryTopic.decode(raw)).isEqualTo(decoded);
    }

    @Test
    void theBagFollowsTheClientsEventsPathAndCountsItsDecodedNamesAndValues() {
        TelemetryTopic bag = TelemetryTopic.parse("devices/d1/modules/m1/messages/events/%24.mid=1&%24.ct=text%2Fplain"
                + "&k%C3%A9=v%C3%A9/", "devices/d1/modules/m1");

        assertThat(bag.systemProperties()).containsExactly(Map.entry(TelemetryMessage.MESSAGE_ID, "1"),
                Map.entry(TelemetryMessage.CONTENT_TYPE, "text/plain"));
        assertThat(bag.applicationProperties()).containsExactly(Map.entry("ké", "vé"));
        assertThat(bag.propertyBytes()).isEqualTo("$.mid1$.cttext/plainkévé".getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(TelemetryTopic.parse("devices/d1/messages/events", "devices/d1").propertyBytes()).isZero();
        assertThat(TelemetryTopic.parse("devices/d1/messages/events/", "devices/d1").applicationProperties())
                .isEmpty();
    }

    @Test
    void onlyTheConnectionsOwnEventsPathIsATelemetryTopic() {
        for (String topic : new String[] {"devices/d2/messages/events/", "devices/d1/messages/eventsx",
            "devices/d1/modules/m1/messages/events/"}) {
            assertThatThrownBy(() -> TelemetryTopic.parse(topic, "devices/d1")).as(topic)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theSizeRuleCountsTheBodyAndThePropertiesAgainst256KiB() {
        TelemetryTopic bag = TelemetryTopic.parse("devices/d1/messages/events/ab=cd", "devices/d1");
        bag.checkSize(TelemetryTopic.MAX_MESSAGE_BYTES - 4);
        assertThatThrownBy(() -> bag.checkSize(TelemetryTopic.MAX_MESSAGE_BYTES - 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("262144");
    }
}
