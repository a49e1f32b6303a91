package io.twinkit.core.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinJsonException;
import io.twinkit.core.TwinMappingException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unpaired UTF-16 surrogates, which JSON text can spell as escapes: Jackson's UTF-8 writer would merge such a
 * surrogate with the char after it (a string read as D800 0061 was written back as D800 DC61), so what the codec read
 * it could not write back. The codec refuses them both ways; paired surrogates (emoji) pass untouched.
 */
class TwinJsonSurrogateTest {

    private static final TwinJson JSON = TwinJson.standard();
    private static final String B = "\\";

    @ParameterizedTest
    @ValueSource(strings = {"ud800", "ud800a", "ud800" + B + "u0000", "ud800" + B + "ud800", "udc00", "udfff" + B
            + "ud800"})
    void aStringWithAnUnpairedSurrogateIsAFormatErrorWithItsPlace(String escapes) {
        String json = "{\"a\":{\"b\":\"x" + B + escapes + "\"}}";
        assertThatThrownBy(() -> JSON.readValue(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TwinJsonException.class)
                .hasMessageContaining("unpaired UTF-16 surrogate")
                .satisfies(e -> {
                    TwinJsonException error = (TwinJsonException) e;
                    assertThat(error.errorCode().code()).isEqualTo(400006);
                    assertThat(error.path()).isEqualTo("a.b");
                    assertThat(error.line()).isEqualTo(1);
                });
        assertThatThrownBy(() -> JSON.readValue(json)).isInstanceOf(TwinJsonException.class);
    }

    @Test
    void aMemberNameWithAnUnpairedSurrogateIsAFormatError() {
        assertThatThrownBy(() -> JSON.readObject("{\"k" + B + "ud800\":1}"))
                .isInstanceOf(TwinJsonException.class)
                .hasMessageContaining("member name holds an unpaired UTF-16 surrogate U+D800");
    }

    @Test
    void pairedSurrogatesAsEscapesOrAsUtf8ReadAndWriteBackUnchanged() {
        JsonObject read = JSON.readObject("{\"" + B + "ud83d" + B + "ude00\":\"a" + B + "ud83d" + B + "ude00b\","
                + "\"raw\":\"\ud83d\ude00\"}");
        assertThat(read).isEqualTo(JsonObject.of("\ud83d\ude00", JsonString.of("a\ud83d\ude00b"), "raw",
                JsonString.of("\ud83d\ude00")));
        assertThat(JSON.readObject(JSON.writeValueAsBytes(read))).isEqualTo(read);
    }

    @Test
    void aValueBuiltInCodeWithAnUnpairedSurrogateIsRefusedRatherThanWrittenAsOtherText() {
        assertThatThrownBy(() -> JSON.writeValueAsBytes(JsonObject.of("k", JsonString.of("\ud800a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired UTF-16 surrogate U+D800 at index 0");
        assertThatThrownBy(() -> JSON.writeValueAsString(JsonObject.of("\udc00", JsonString.of("v"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userTypesWithAnUnpairedSurrogateFailAsMappingErrors() {
        assertThatThrownBy(() -> JSON.toJsonValue(Map.of("k", "\ud800a")))
                .isInstanceOf(TwinMappingException.class)
                .hasMessageContaining("unpaired UTF-16 surrogate");
    }
}
