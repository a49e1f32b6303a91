package io.twinkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Elements compare by JSON equality (1 equals 1.0), so the equals/hashCode contract is checked explicitly. */
class JsonArrayTest {

    private static final JsonNumber ONE = JsonNumber.of(1);
    private static final JsonNumber TWO = JsonNumber.of(2);

    @Test
    void orderMatters() {
        assertThat(JsonArray.of(ONE, TWO)).isNotEqualTo(JsonArray.of(TWO, ONE));
        assertThat(JsonArray.of(ONE, TWO)).isEqualTo(JsonArray.of(ONE, TWO));
    }

    @Test
    void elementsCompareUnderJsonEquality() {
        JsonArray ints = JsonArray.of(ONE, JsonObject.of("x", ONE, "y", TWO));
        JsonArray doubles = JsonArray.of(JsonNumber.of(1.0), JsonObject.of("y", JsonNumber.of(2.0), "x", ONE));
        assertThat(ints).isEqualTo(doubles).hasSameHashCodeAs(doubles);
        assertThat(doubles).isEqualTo(ints);
    }

    @Test
    void lengthAndContentMatter() {
        assertThat(JsonArray.of(ONE)).isNotEqualTo(JsonArray.of(ONE, ONE));
        assertThat(JsonArray.of(ONE, TWO)).isNotEqualTo(JsonArray.of(ONE, JsonString.of("2")));
        assertThat(JsonArray.of(JsonArray.of(ONE))).isNotEqualTo(JsonArray.of(ONE));
        assertThat(JsonArray.empty()).isNotEqualTo(JsonObject.empty()).isNotEqualTo(List.of());
    }

    @Test
    void hashCodeIsStableAndConsistentAfterCaching() {
        JsonArray a = JsonArray.of(JsonString.of("x"), JsonNumber.of(9007199254740992L));
        JsonArray b = JsonArray.of(JsonString.of("x"), JsonNumber.of(9007199254740992.0));
        int first = a.hashCode();
        assertThat(a.hashCode()).isEqualTo(first);
        assertThat(a).isEqualTo(b);
        assertThat(b.hashCode()).isEqualTo(first);
        assertThat(a).isNotEqualTo(JsonArray.of(JsonString.of("x"), JsonNumber.of(9007199254740993L)));
    }

    @Test
    void accessors() {
        JsonArray array = JsonArray.of(ONE, JsonString.of("a"), JsonBoolean.TRUE);
        assertThat(array.size()).isEqualTo(3);
        assertThat(array.isEmpty()).isFalse();
        assertThat(array.get(1)).isEqualTo(JsonString.of("a"));
        assertThat(array.values()).containsExactly(ONE, JsonString.of("a"), JsonBoolean.TRUE);
        assertThat(array.stream()).containsExactly(ONE, JsonString.of("a"), JsonBoolean.TRUE);
        assertThat(array).containsExactly(ONE, JsonString.of("a"), JsonBoolean.TRUE);
        assertThat(array.type()).isEqualTo(JsonType.ARRAY);
        assertThatThrownBy(() -> array.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> array.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void emptyArraysAreShared() {
        assertThat(JsonArray.of()).isSameAs(JsonArray.empty());
        assertThat(JsonArray.copyOf(List.of())).isSameAs(JsonArray.empty());
        assertThat(JsonArray.builder().build()).isSameAs(JsonArray.empty());
        assertThat(JsonArray.empty().isEmpty()).isTrue();
        assertThat(JsonArray.empty()).hasToString("[]");
    }

    @Test
    void ofCopiesItsArgumentArray() {
        JsonValue[] elements = {ONE, TWO};
        JsonArray array = JsonArray.of(elements);
        elements[0] = JsonString.of("changed");
        assertThat(array.get(0)).isSameAs(ONE);
    }

    @Test
    void copyOfCopiesItsSourceAndReturnsArraysAsTheyAre() {
        List<JsonValue> source = new ArrayList<>(List.of(ONE, TWO));
        JsonArray array = JsonArray.copyOf(source);
        source.add(ONE);
        assertThat(array.size()).isEqualTo(2);
        assertThat(JsonArray.copyOf(array)).isSameAs(array);
    }

    @Test
    void javaNullElementsAreRejectedWithTheirIndex() {
        assertThatThrownBy(() -> JsonArray.of(ONE, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("element 1").hasMessageContaining("JsonNull.INSTANCE");
        assertThatThrownBy(() -> JsonArray.copyOf(Arrays.asList(null, ONE))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("element 0");
        assertThatThrownBy(() -> JsonArray.builder().add((JsonValue) null)).isInstanceOf(NullPointerException.class);
        assertThat(JsonArray.of(JsonNull.INSTANCE).get(0)).isSameAs(JsonNull.INSTANCE);
    }

    @Test
    void viewsAreUnmodifiable() {
        JsonArray array = JsonArray.of(ONE, TWO);
        assertThatThrownBy(() -> array.values().add(ONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> array.values().set(0, TWO)).isInstanceOf(UnsupportedOperationException.class);
        Iterator<JsonValue> iterator = array.iterator();
        iterator.next();
        assertThatThrownBy(iterator::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThat(array).containsExactly(ONE, TWO);
    }

    @Test
    void builderAppendsEveryKind() {
        JsonArray array = JsonArray.builder().add("s").add(3L).add(3.0).add(true).add(JsonNull.INSTANCE).build();
        assertThat(array).hasToString("[\"s\",3,3.0,true,null]");
        assertThat(array.get(1).asNumber().isIntegral()).isTrue();
        assertThat(array.get(2).asNumber().isIntegral()).isFalse();
    }

    @Test
    void builderReuseDoesNotChangeBuiltArrays() {
        JsonArray.Builder builder = JsonArray.builder().add(1L);
        JsonArray first = builder.build();
        builder.add(2L);
        assertThat(first).containsExactly(ONE);
        assertThat(builder.build()).containsExactly(ONE, TWO);
    }

    @Test
    void toStringIsCompactJson() {
        assertThat(JsonArray.of(ONE, JsonArray.of(JsonString.of("x")), JsonObject.empty()))
                .hasToString("[1,[\"x\"],{}]");
    }
}
