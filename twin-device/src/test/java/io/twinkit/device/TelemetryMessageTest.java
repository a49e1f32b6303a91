package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinMappingException;
import io.twinkit.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryMessageTest {

    record Reading(double temperature, String unit) {
    }

    @Test
    void aJsonMessageCarriesTheMappedValueWithItsContentTypeAndEncoding() {
        TelemetryMessage message = TelemetryMessage.json(new Reading(21.5, "C"))
                .property("alert", "false")
                .messageId("reading-42")
                .correlationId("batch-7")
                .build();

        assertThat(JsonValue.parse(message.body())).isEqualTo(JsonValue.parse("{\"temperature\":21.5,\"unit\":\"C\"}"));
        assertThat(message.contentType()).hasValue("application/json");
        assertThat(message.contentEncoding()).hasValue("utf-8");
        assertThat(message.messageId()).hasValue("reading-42");
        assertThat(message.correlationId()).hasValue("batch-7");
        assertThat(message.properties()).containsExactly(Map.entry("alert", "false"));
        assertThat(message).hasToString("TelemetryMessage[31 bytes, application/json, utf-8, messageId reading-42, "
                + "correlationId batch-7, properties {alert=false}]");
    }

    @Test
    void aBytesMessageIsACopyWithoutContentTypeAndKeepsItsPropertiesInOrder() {
        byte[] body = {1, 2, 3};
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("z", "1");
        properties.put("a", "2");
        TelemetryMessage message = TelemetryMessage.bytes(body).properties(properties).property("z", "3").build();
        body[0] = 9;

        assertThat(message.body()).containsExactly(1, 2, 3);
        message.body()[1] = 9;
        assertThat(message.body()).containsExactly(1, 2, 3);
        assertThat(message.contentType()).isEmpty();
        assertThat(message.contentEncoding()).isEmpty();
        assertThat(message.messageId()).isEmpty();
        assertThat(message.correlationId()).isEmpty();
        assertThat(message.properties()).containsExactly(Map.entry("z", "3"), Map.entry("a", "2"));
        assertThatThrownBy(() -> message.properties().put("b", "4")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalMessagesHaveTheSameContentAndPropertyOrder() {
        TelemetryMessage one = TelemetryMessage.bytes("x".getBytes(StandardCharsets.UTF_8)).property("a", "1")
                .property("b", "2").messageId("m").build();
        TelemetryMessage same = one.toBuilder().build();
        TelemetryMessage reordered = TelemetryMessage.bytes("x".getBytes(StandardCharsets.UTF_8)).property("b", "2")
                .property("a", "1").messageId("m").build();

        assertThat(same).isEqualTo(one).hasSameHashCodeAs(one);
        assertThat(reordered).isNotEqualTo(one);
        assertThat(one.toBuilder().correlationId("c").build()).isNotEqualTo(one);
        assertThat(TelemetryMessage.bytes(new byte[] {1}).build()).isNotEqualTo(TelemetryMessage.bytes(new byte[] {2})
                .build());
    }

    @Test
    void refusesWhatTheSdkOrTheHubWouldRefuse() {
        assertThatThrownBy(() -> TelemetryMessage.bytes(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a body");
        for (String reserved : new String[] {"iothub-messageid", "IoTHub-Anything", "$.mid", "connectionDeviceId",
                "ConnectionModuleId", "dt-subject"}) {
            assertThatThrownBy(() -> TelemetryMessage.bytes(new byte[] {1}).property(reserved, "x"))
                    .as(reserved).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserves");
        }
        assertThatThrownBy(() -> TelemetryMessage.bytes(new byte[] {1}).property("", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> TelemetryMessage.bytes(new byte[] {1}).messageId(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messageId");
        assertThatThrownBy(() -> TelemetryMessage.bytes(new byte[] {1}).contentType(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contentType");
        assertThatThrownBy(() -> TelemetryMessage.json(Double.NaN)).isInstanceOf(TwinMappingException.class);
    }

    @Test
    void aMessageMayHoldUpTo256KiBWithItsIdsAndProperties() {
        byte[] body = new byte[TelemetryMessage.MAX_SIZE_BYTES - 3];
        assertThat(TelemetryMessage.bytes(body).property("ab", "c").build().body()).hasSize(body.length);
        assertThatThrownBy(() -> TelemetryMessage.bytes(body).property("ab", "cd").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("262145 bytes").hasMessageContaining("262144");
    }
}
