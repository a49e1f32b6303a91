package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValueSink;
import org.junit.jupiter.api.Test;

/**
 * The three builders take their string, number and boolean overloads from one place, {@link JsonValueSink}, and
 * each overload stores what the {@code JsonValue} overload would, with that overload's checks.
 */
class JsonValueSinkTest {

    private static final JsonObject EXPECTED = JsonObject.of(
            "s", JsonString.of("text"),
            "n", JsonObject.of("l", JsonNumber.of(7), "d", JsonNumber.of(2.5)),
            "b", JsonBoolean.TRUE);

    /** Fills any of the builders through the interface alone. */
    private static <B extends JsonValueSink<B>> B fill(B sink) {
        return sink.put("s", "text").put(nested("l"), 7L).put(nested("d"), 2.5).put("b", true);
    }

    private static String nested(String key) {
        return "n." + key;
    }

    @Test
    void everyBuilderConvertsThroughTheSameOverloads() {
        assertThat(fill(PropertySet.builder()).build().toJson()).isEqualTo(EXPECTED);
        assertThat(fill(MergePatch.builder()).build().toJson()).isEqualTo(EXPECTED);
        JsonObject flat = fill(JsonObject.builder()).build();
        assertThat(flat.valueOrNull("n.l")).isEqualTo(JsonNumber.of(7));
        assertThat(flat.valueOrNull("n.d")).isEqualTo(JsonNumber.of(2.5));
        assertThat(flat.valueOrNull("s")).isEqualTo(JsonString.of("text"));
        assertThat(flat.valueOrNull("b")).isEqualTo(JsonBoolean.TRUE);
    }

    @Test
    void integersStayIntegralAndDoublesStayDoubles() {
        JsonObject viaSet = MergePatch.builder().set("i", 1).set("d", 1.0).build().toJson();
        JsonObject viaPut = PropertySet.builder().put("i", 1).put("d", 1.0).build().toJson();
        for (JsonObject json : new JsonObject[] {viaSet, viaPut}) {
            assertThat(((JsonNumber) json.valueOrNull("i")).isIntegral()).isTrue();
            assertThat(((JsonNumber) json.valueOrNull("d")).isIntegral()).isFalse();
        }
    }

    @Test
    void convertedOverloadsKeepTheBuildersChecks() {
        assertThatThrownBy(() -> MergePatch.builder().set("", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a merge patch cannot replace the whole section");
        assertThatThrownBy(() -> PropertySet.builder().put("", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot put a value at the root of a property set");
        assertThatThrownBy(() -> JsonObject.builder().put(null, 1L))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
    }
}
