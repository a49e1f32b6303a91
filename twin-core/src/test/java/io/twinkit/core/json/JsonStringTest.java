package io.twinkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.Test;

class JsonStringTest {

    @Test
    void equalsAndHashCodeFollowTheRecordContract() {
        // the canonical constructor rejects null, so null fields cannot occur
        EqualsVerifier.forClass(JsonString.class).suppress(Warning.NULL_FIELDS).verify();
    }

    @Test
    void ofReturnsTheValueAndSharesTheEmptyString() {
        assertThat(JsonString.of("abc").value()).isEqualTo("abc");
        assertThat(JsonString.of("")).isSameAs(JsonString.of(""));
        assertThat(JsonString.of("")).isEqualTo(new JsonString(""));
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> new JsonString(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> JsonString.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void comparesCodeUnitsWithoutNormalisation() {
        String composed = "\u00e9";
        String decomposed = "e\u0301";
        assertThat(JsonString.of(composed)).isNotEqualTo(JsonString.of(decomposed));
        assertThat(JsonString.of("Temp")).isNotEqualTo(JsonString.of("temp"));
        assertThat(JsonString.of("\uD83D\uDE00")).isEqualTo(JsonString.of(new String(Character.toChars(0x1F600))));
    }

    @Test
    void isOnlyEqualToStrings() {
        assertThat(JsonString.of("1")).isNotEqualTo(JsonNumber.of(1)).isNotEqualTo("1");
        assertThat(JsonString.of("true")).isNotEqualTo(JsonBoolean.TRUE);
        assertThat(JsonString.of("null")).isNotEqualTo(JsonNull.INSTANCE);
    }

    @Test
    void toStringIsQuotedAndEscapedJson() {
        assertThat(JsonString.of("a\"b\\c").toString()).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(JsonString.of("line\nnext\u0001").toString()).isEqualTo("\"line\\nnext\\u0001\"");
        assertThat(JsonString.of("M\u00fcnchen \uD83D\uDE00").toString()).isEqualTo("\"M\u00fcnchen \uD83D\uDE00\"");
    }

    @Test
    void typeAndAccessors() {
        JsonValue value = JsonString.of("x");
        assertThat(value.type()).isEqualTo(JsonType.STRING);
        assertThat(value.isString()).isTrue();
        assertThat(value.asString()).isEqualTo("x");
    }
}
