package io.twinkit.core.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Unpaired UTF-16 surrogates through the databind bridge: user types carry them into twinkit values and back, and a
 * twinkit value written by a user's mapper through {@link TwinkitModule} escapes them as the text writer of the tree
 * does, instead of letting Jackson's UTF-8 writer merge one with the char after it.
 */
class TwinJsonSurrogateTest {

    private static final TwinJson JSON = TwinJson.standard();

    /** A user type holding a twinkit value. */
    record Holder(JsonValue value) {
    }

    @Test
    void userTypesCarryUnpairedSurrogatesBothWays() {
        JsonValue value = JSON.toJsonValue(Map.of("k\udbff", "\ud800a"));
        assertThat(value).isEqualTo(JsonObject.of("k\udbff", JsonString.of("\ud800a")));
        assertThat(JSON.fromJsonValue(value, Map.class)).isEqualTo(Map.of("k\udbff", "\ud800a"));
        assertThat(JsonValue.parse(value.toJsonBytes())).isEqualTo(value);
    }

    @Test
    void aUserMapperWritesTwinkitValuesWithUnpairedSurrogatesAsEscapes() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new TwinkitModule());
        JsonObject value = JsonObject.of("k\udbff", JsonString.of("\ud800a"));

        byte[] written = mapper.writeValueAsBytes(new Holder(value));

        assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"value\":{\"k\\uDBFF\":\"\\uD800a\"}}");
        assertThat(mapper.readValue(written, Holder.class).value()).isEqualTo(value);
    }
}
