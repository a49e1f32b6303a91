package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinMappingException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodResponseTest {

    record Result(String outcome, List<Integer> codes) {
    }

    @Test
    void answersMapTheirPayloadThroughTwinJson() {
        assertThat(MethodResponse.ok()).isEqualTo(new MethodResponse(200, JsonNull.INSTANCE));
        assertThat(MethodResponse.ok(null)).isEqualTo(MethodResponse.ok());
        assertThat(MethodResponse.ok(new Result("done", List.of(1, 2))).payload())
                .isEqualTo(JsonValue.parse("{\"outcome\":\"done\",\"codes\":[1,2]}"));
        assertThat(MethodResponse.of(202, "queued")).isEqualTo(new MethodResponse(202, JsonValue.of("queued")));
        assertThat(MethodResponse.of(200, JsonValue.parse("[true]")).payload()).isEqualTo(JsonValue.parse("[true]"));
        assertThat(MethodResponse.withMessage(404, "no file").payload())
                .isEqualTo(JsonValue.parse("{\"message\":\"no file\"}"));
        assertThatThrownBy(() -> MethodResponse.ok(Double.POSITIVE_INFINITY)).isInstanceOf(TwinMappingException.class);
    }

    @Test
    void theStatusHasThreeDigitsAndTellsSuccess() {
        assertThat(new MethodResponse(299, JsonNull.INSTANCE).isSuccess()).isTrue();
        assertThat(new MethodResponse(300, JsonNull.INSTANCE).isSuccess()).isFalse();
        assertThat(new MethodResponse(199, JsonNull.INSTANCE).isSuccess()).isFalse();
        assertThat(new MethodResponse(999, JsonNull.INSTANCE).status()).isEqualTo(999);
        assertThatThrownBy(() -> new MethodResponse(99, JsonNull.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three digits");
        assertThatThrownBy(() -> new MethodResponse(1000, JsonNull.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestMapsItsPayload() {
        MethodRequest request = new MethodRequest("report", JsonValue.parse("{\"outcome\":\"x\",\"codes\":[]}"));
        assertThat(request.payloadAs(Result.class)).isEqualTo(new Result("x", List.of()));
        assertThatThrownBy(() -> new MethodRequest("report", JsonValue.parse("[1]")).payloadAs(Result.class))
                .isInstanceOf(TwinMappingException.class);
    }
}
