package io.twinkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinKey;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The telemetry value types of the API: a message, its JSON form, a page. */
class TelemetryMessageTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

    private static TelemetryMessage message(long sequence, byte[] body) {
        return TelemetryMessage.builder(sequence, TwinKey.module("d1", "m1"), AT).body(body)
                .systemProperty(TelemetryMessage.MESSAGE_ID, "m-1")
                .systemProperty(TelemetryMessage.CONTENT_TYPE, "application/json")
                .applicationProperty("k", "v")
                .applicationProperty("k", "w")
                .build();
    }

    @Test
    void theJsonFormHoldsEverythingAndReadsBackEqual() {
        TelemetryMessage text = message(3, "{\"t\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(text.toJson()).isEqualTo(JsonValue.parseObject("{\"sequenceNumber\":3,\"deviceId\":\"d1\","
                + "\"moduleId\":\"m1\",\"enqueuedTime\":\"2026-03-01T10:15:30.123Z\",\"systemProperties\":"
                + "{\"message-id\":\"m-1\",\"content-type\":\"application/json\"},\"applicationProperties\":"
                + "{\"k\":\"w\"},\"body\":\"eyJ0IjoxfQ==\",\"bodyText\":\"{\\\"t\\\":1}\"}"));
        assertThat(TelemetryMessage.fromJson(text.toJson())).isEqualTo(text).hasSameHashCodeAs(text);

        TelemetryMessage binary = message(4, new byte[] {(byte) 0xC3, 0x28});
        assertThat(binary.toJson().valueOrNull("bodyText")).as("not UTF-8").isNull();
        assertThat(TelemetryMessage.fromJson(binary.toJson())).isEqualTo(binary);
        assertThat(binary).isNotEqualTo(text);
    }

    @Test
    void theBodyIsCopiedInAndOut() {
        byte[] body = {1, 2, 3};
        TelemetryMessage message = message(1, body);
        body[0] = 9;
        message.body()[1] = 9;
        assertThat(message.body()).containsExactly(1, 2, 3);
        assertThat(message.bodySize()).isEqualTo(3);
        assertThat(message.messageId()).hasValue("m-1");
        assertThat(message.correlationId()).isEmpty();
        assertThat(message.generationId()).isEmpty();
        assertThat(message.toString()).contains("#1", "d1/m1", "3 bytes").doesNotContain("m-1");
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> TelemetryMessage.builder(0, TwinKey.device("d"), AT))
                .isInstanceOf(IllegalArgumentException.class);
        JsonObject good = message(1, new byte[0]).toJson();
        for (String member : List.of("sequenceNumber", "deviceId", "enqueuedTime", "systemProperties", "body")) {
            assertThatThrownBy(() -> TelemetryMessage.fromJson(good.toBuilder().remove(member).build())).as(member)
                    .isInstanceOf(TwinException.class).hasMessageContaining("not a telemetry message");
        }
        assertThatThrownBy(() -> TelemetryMessage.fromJson(good.toBuilder().put("body", JsonValue.of("!!")).build()))
                .isInstanceOf(TwinException.class);
        assertThatThrownBy(() -> TelemetryMessage.fromJson(good.toBuilder().put("applicationProperties",
                JsonValue.parseObject("{\"n\":1}")).build())).isInstanceOf(TwinException.class);
    }

    @Test
    void aPageKnowsWhereToGoOn() {
        TelemetryMessage five = message(5, new byte[0]);
        TelemetryMessage six = message(6, new byte[0]);
        TelemetryPage page = new TelemetryPage(List.of(five, six), 2, 9, 4, 2);
        assertThat(page.next()).isEqualTo(6);
        assertThat(page.hasMore()).isTrue();
        assertThat(new TelemetryPage(List.of(), 9, 9, 0, 0).next()).isEqualTo(9);
        assertThat(new TelemetryPage(List.of(), 9, 9, 0, 0).hasMore()).isFalse();
        assertThatThrownBy(() -> new TelemetryPage(List.of(six, five), 0, 9, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelemetryPage(List.of(five), 5, 9, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
