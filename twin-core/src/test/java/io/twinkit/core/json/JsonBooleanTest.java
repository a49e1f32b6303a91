package io.twinkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonBooleanTest {

    @Test
    void ofReturnsTheTwoInstances() {
        assertThat(JsonBoolean.of(true)).isSameAs(JsonBoolean.TRUE);
        assertThat(JsonBoolean.of(false)).isSameAs(JsonBoolean.FALSE);
        assertThat(JsonValue.of(true)).isSameAs(JsonBoolean.TRUE);
    }

    @Test
    void valueAndText() {
        assertThat(JsonBoolean.TRUE.value()).isTrue();
        assertThat(JsonBoolean.FALSE.value()).isFalse();
        assertThat(JsonBoolean.TRUE).hasToString("true");
        assertThat(JsonBoolean.FALSE).hasToString("false");
        assertThat(JsonBoolean.TRUE.asBoolean()).isTrue();
        assertThat(JsonBoolean.FALSE.type()).isEqualTo(JsonType.BOOLEAN);
    }

    @Test
    void booleansAreNotNumbers() {
        assertThat(JsonBoolean.TRUE).isNotEqualTo(JsonNumber.of(1));
        assertThat(JsonBoolean.FALSE).isNotEqualTo(JsonNumber.of(0));
        assertThat(JsonNumber.of(1)).isNotEqualTo(JsonBoolean.TRUE);
        assertThat(JsonBoolean.TRUE).isNotEqualTo(JsonBoolean.FALSE);
    }

    @Test
    void parsedBooleansAreTheInstances() {
        assertThat(JsonValue.parse("true")).isSameAs(JsonBoolean.TRUE);
        assertThat(JsonValue.parse("false")).isSameAs(JsonBoolean.FALSE);
    }
}
