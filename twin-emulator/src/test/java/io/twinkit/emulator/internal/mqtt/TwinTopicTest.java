package io.twinkit.emulator.internal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Device-to-hub topics and the response and notification topics (spec §5.3). */
class TwinTopicTest {

    @Test
    void twinRequestsKeepTheRidVerbatimAndTheVersionWhenGiven() {
        assertThat(TwinTopic.parse("$iothub/twin/GET/?$rid=0b9d-4f", "devices/d1"))
                .isEqualTo(new TwinTopic(TwinTopic.Kind.GET_TWIN, "0b9d-4f", null));
        assertThat(TwinTopic.parse("$iothub/twin/PATCH/properties/reported/?$rid=a%20b&$version=12", "devices/d1"))
                .isEqualTo(new TwinTopic(TwinTopic.Kind.REPORT, "a%20b", "12"));
        assertThat(TwinTopic.parse("$iothub/twin/PATCH/properties/reported/?$version=3&x=y&$rid=9", "devices/d1"))
                .isEqualTo(new TwinTopic(TwinTopic.Kind.REPORT, "9", "3"));
    }

    @Test
    void telemetryOfTheOwnIdentityIsRecognised() {
        assertThat(TwinTopic.parse("devices/d1/messages/events/", "devices/d1").kind())
                .isEqualTo(TwinTopic.Kind.TELEMETRY);
        assertThat(TwinTopic.parse("devices/d1/modules/m1/messages/events/%24.ct=json", "devices/d1/modules/m1")
                .kind()).isEqualTo(TwinTopic.Kind.TELEMETRY);
    }

    @Test
    void otherTopicsAndRequestsWithoutRidAreRejected() {
        for (String topic : new String[] {"$iothub/twin/GET/", "$iothub/twin/GET/?x=1", "$iothub/twin/GET/?$rid=",
            "$iothub/twin/GET", "$iothub/twin/PATCH/properties/desired/?$rid=1", "devices/d2/messages/events/",
            "devices/d1/messages/eventsx", "$iothub/methods/res/200/?$rid=1"}) {
            assertThatThrownBy(() -> TwinTopic.parse(topic, "devices/d1")).as(topic)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRidOfMoreThan128CharactersIsRefusedSoThatEveryResponseTopicFitsMqtt() {
        String longest = "\uD83D\uDE00".repeat(TwinTopic.MAX_REQUEST_ID_CHARS / 2);
        assertThat(TwinTopic.parse("$iothub/twin/GET/?$rid=" + longest, "devices/d1").requestId()).isEqualTo(longest);
        String response = TwinTopic.response(204, longest, Long.MAX_VALUE);
        assertThat(response.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(MqttConnectionHandler.MAX_TOPIC_BYTES);
        for (String rid : new String[] {"r".repeat(TwinTopic.MAX_REQUEST_ID_CHARS + 1), "r".repeat(65_512)}) {
            assertThatThrownBy(() -> TwinTopic.parse("$iothub/twin/GET/?$rid=" + rid, "devices/d1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(rid.length() + " characters, more than the 128");
            assertThatThrownBy(() -> TwinTopic.parse("$iothub/twin/PATCH/properties/reported/?$rid=" + rid,
                    "devices/d1")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TwinTopic.response(200, rid, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void responseAndNotificationTopics() {
        assertThat(TwinTopic.response(204, "r1", 7L)).isEqualTo("$iothub/twin/res/204/?$rid=r1&$version=7");
        assertThat(TwinTopic.response(200, "r2", null)).isEqualTo("$iothub/twin/res/200/?$rid=r2");
        assertThat(TwinTopic.desired(8)).isEqualTo("$iothub/twin/PATCH/properties/desired/?$version=8");
    }
}
