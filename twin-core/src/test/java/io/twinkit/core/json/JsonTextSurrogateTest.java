package io.twinkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unpaired UTF-16 surrogates, which JSON text can spell as escapes and Java strings can hold. Jackson's UTF-8 writer
 * merges such a surrogate with the char after it (a string of D800 0061 came out as D800 DC61, losing the 'a'), so
 * that a twin read from the wire was stored and served as a different value. The text writer writes them as escapes:
 * what it reads, or is given, it writes as text that reads back as the same value.
 */
class JsonTextSurrogateTest {

    private static final String B = "\\";

    @ParameterizedTest
    @ValueSource(strings = {"ud800", "ud800a", "ud800" + B + "u0000", "ud800" + B + "ud800", "udc00",
            "udfff" + B + "ud800", "ud800" + B + "\"", "ud800\u00e9"})
    void aStringWithAnUnpairedSurrogateReadsAndWritesBackUnchanged(String escapes) {
        String json = "{\"k" + B + escapes + "\":[\"x" + B + escapes + "\",\"\u00e9\"]}";
        JsonValue read = JsonValue.parse(json);
        byte[] written = read.toJsonBytes();
        assertThat(JsonValue.parse(written)).isEqualTo(read);
        assertThat(JsonValue.parse(read.toString())).isEqualTo(read);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        read.writeTo(out);
        assertThat(JsonValue.parse(out.toByteArray())).isEqualTo(read);
    }

    @Test
    void theMergeThatLostACharacterNoLongerHappens() {
        JsonObject value = JsonObject.of("k", JsonString.of("\ud800a"));
        String written = value.toString();
        assertThat(written).isEqualTo("{\"k\":\"" + B + "uD800a\"}");
        assertThat(((JsonString) JsonValue.parseObject(written).valueOrNull("k")).value()).isEqualTo("\ud800a");
    }

    @Test
    void onlyTheStringWithTheUnpairedSurrogateIsEscapedEverythingElseStaysRawUtf8() {
        JsonObject value = JsonObject.of("\u00e9t\u00e9", JsonArray.of(JsonString.of("caf\u00e9 \ud83d\ude00"),
                JsonString.of("\udc00\u00e9")), "after", JsonString.of("\u00fc"));
        String written = value.toString();
        assertThat(written).isEqualTo("{\"\u00e9t\u00e9\":[\"caf\u00e9 \ud83d\ude00\",\"" + B + "uDC00" + B
                + "u00E9\"],\"after\":\"\u00fc\"}");
        assertThat(JsonValue.parseObject(written.getBytes(StandardCharsets.UTF_8))).isEqualTo(value);
    }
}
