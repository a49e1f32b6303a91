package io.twinkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.error.TwinJsonException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonValueTest {

    private static final JsonObject OBJECT = JsonObject.of("a", JsonNumber.of(1));
    private static final JsonArray ARRAY = JsonArray.of(JsonNumber.of(1));
    private static final JsonString STRING = JsonString.of("s");
    private static final JsonNumber NUMBER = JsonNumber.of(1);

    @Test
    void theSixTypesAreTheOnlyImplementations() {
        assertThat(JsonValue.class.isSealed()).isTrue();
        assertThat(JsonValue.class.getPermittedSubclasses()).containsExactlyInAnyOrder(JsonObject.class,
                JsonArray.class, JsonString.class, JsonNumber.class, JsonBoolean.class, JsonNull.class);
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(OBJECT, JsonType.OBJECT),
                Arguments.of(ARRAY, JsonType.ARRAY),
                Arguments.of(STRING, JsonType.STRING),
                Arguments.of(NUMBER, JsonType.NUMBER),
                Arguments.of(JsonBoolean.TRUE, JsonType.BOOLEAN),
                Arguments.of(JsonNull.INSTANCE, JsonType.NULL));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("values")
    void exactlyOnePredicateHoldsAndItMatchesTheType(JsonValue value, JsonType type) {
        assertThat(value.type()).isEqualTo(type);
        List<Boolean> predicates = List.of(value.isObject(), value.isArray(), value.isString(), value.isNumber(),
                value.isBoolean(), value.isNull());
        assertThat(predicates).containsOnlyOnce(true);
        assertThat(predicates.get(type.ordinal())).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("values")
    void accessorsOfOtherTypesThrowNamingBothTypes(JsonValue value, JsonType type) {
        List<Function<JsonValue, Object>> accessors = List.of(JsonValue::asObject, JsonValue::asArray,
                JsonValue::asString, JsonValue::asNumber, JsonValue::asBoolean);
        List<JsonType> targets = List.of(JsonType.OBJECT, JsonType.ARRAY, JsonType.STRING, JsonType.NUMBER,
                JsonType.BOOLEAN);
        for (int i = 0; i < accessors.size(); i++) {
            Function<JsonValue, Object> accessor = accessors.get(i);
            if (targets.get(i) == type) {
                assertThat(accessor.apply(value)).isNotNull();
            } else {
                assertThatThrownBy(() -> accessor.apply(value)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(targets.get(i).name().toLowerCase(java.util.Locale.ROOT))
                        .hasMessageContaining(type.name());
            }
        }
    }

    @Test
    void accessorsReturnTheSameObjects() {
        JsonValue object = OBJECT;
        JsonValue array = ARRAY;
        JsonValue number = NUMBER;
        assertThat(object.asObject()).isSameAs(OBJECT);
        assertThat(array.asArray()).isSameAs(ARRAY);
        assertThat(number.asNumber()).isSameAs(NUMBER);
        assertThat(((JsonValue) STRING).asString()).isEqualTo("s");
        assertThat(((JsonValue) JsonBoolean.FALSE).asBoolean()).isFalse();
    }

    @Test
    void factoriesPickTheKind() {
        assertThat(JsonValue.of("x")).isEqualTo(JsonString.of("x"));
        assertThat(JsonValue.of(5L).isIntegral()).isTrue();
        assertThat(JsonValue.of(5.0).isIntegral()).isFalse();
        assertThat(JsonValue.of(5L)).isEqualTo(JsonValue.of(5.0));
        assertThat(JsonValue.of(false)).isSameAs(JsonBoolean.FALSE);
    }

    @Test
    void parseReadsAnyValueAndReportsMalformedText() {
        assertThat(JsonValue.parse("{\"a\":[1,2.5,\"x\",true,null,{}]}")).isEqualTo(JsonObject.of("a",
                JsonArray.of(JsonNumber.of(1), JsonNumber.of(2.5), JsonString.of("x"), JsonBoolean.TRUE,
                        JsonNull.INSTANCE, JsonObject.empty())));
        assertThat(JsonValue.parse(" 42 ")).isEqualTo(JsonNumber.of(42));
        assertThatThrownBy(() -> JsonValue.parse("{\"a\":}")).isInstanceOf(TwinJsonException.class);
    }

    @Test
    void toStringIsCompactJsonThatParsesBack() {
        JsonValue value = JsonValue.parse("{ \"b\" : [ 1 , 2.0 ] , \"a\" : { \"c\" : \"x\" } }");
        assertThat(value).hasToString("{\"b\":[1,2.0],\"a\":{\"c\":\"x\"}}");
        assertThat(JsonValue.parse(value.toString())).isEqualTo(value);
    }

    @Test
    void differentTypesAreNeverEqual() {
        List<JsonValue> all = List.of(JsonObject.empty(), JsonArray.empty(), JsonString.of(""), JsonNumber.of(0),
                JsonBoolean.FALSE, JsonNull.INSTANCE);
        for (int i = 0; i < all.size(); i++) {
            for (int j = 0; j < all.size(); j++) {
                assertThat(all.get(i).equals(all.get(j))).as("%s vs %s", all.get(i), all.get(j)).isEqualTo(i == j);
            }
        }
    }
}
