package io.twinkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonNullTest {

    @Test
    void isTheOnlyNull() {
        assertThat(JsonValue.parse("null")).isSameAs(JsonNull.INSTANCE);
        assertThat(JsonNull.INSTANCE.isNull()).isTrue();
        assertThat(JsonNull.INSTANCE.type()).isEqualTo(JsonType.NULL);
        assertThat(JsonNull.INSTANCE).hasToString("null");
    }

    @Test
    void isNotEqualToOtherFalsyValues() {
        assertThat(JsonNull.INSTANCE).isNotEqualTo(JsonBoolean.FALSE).isNotEqualTo(JsonNumber.of(0))
                .isNotEqualTo(JsonString.of("")).isNotEqualTo(JsonString.of("null"))
                .isNotEqualTo(JsonObject.empty()).isNotEqualTo(JsonArray.empty());
    }

    @Test
    void hasNoOtherShape() {
        assertThat(JsonNull.INSTANCE.isObject()).isFalse();
        assertThat(JsonNull.INSTANCE.isString()).isFalse();
        assertThatThrownBy(JsonNull.INSTANCE::asObject).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NULL");
    }

    @Test
    void nullMembersAndElementsAreKept() {
        JsonObject object = JsonObject.of("a", JsonNull.INSTANCE);
        assertThat(object.valueOrNull("a")).isSameAs(JsonNull.INSTANCE);
        assertThat(object).hasToString("{\"a\":null}");
        assertThat(object).isNotEqualTo(JsonObject.empty());
        assertThat(JsonArray.of(JsonNull.INSTANCE)).hasToString("[null]");
    }
}
