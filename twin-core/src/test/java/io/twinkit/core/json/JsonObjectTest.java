package io.twinkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Equality ignores member order and compares values by JSON equality, so EqualsVerifier (which compares field by
 * field) does not apply; the contract is checked explicitly, including a permutation property.
 */
class JsonObjectTest {

    /** Builds {@code {"k0":0,"k1":1,...}} with a distinct value instance per member. */
    private static JsonObject sized(int size) {
        JsonObject.Builder builder = JsonObject.builder();
        for (int i = 0; i < size; i++) {
            builder.put("k" + i, JsonString.of("v" + i));
        }
        return builder.build();
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {1, 8, 9, 1000})
    void lookupsFindEveryMemberBelowAndAboveTheIndexThreshold(int size) {
        JsonObject object = sized(size);
        assertThat(object.size()).isEqualTo(size);
        for (int i = 0; i < size; i++) {
            String key = "k" + i;
            assertThat(object.indexOf(key)).isEqualTo(i);
            assertThat(object.contains(key)).isTrue();
            assertThat(object.valueOrNull(key)).isEqualTo(JsonString.of("v" + i));
            assertThat(object.get(key)).contains(JsonString.of("v" + i));
            assertThat(object.keyAt(i)).isEqualTo(key);
            assertThat(object.valueAt(i)).isSameAs(object.valueOrNull(key));
        }
        for (String missing : List.of("k" + size, "k-1", "", "K0", "v0")) {
            assertThat(object.indexOf(missing)).isEqualTo(-1);
            assertThat(object.contains(missing)).isFalse();
            assertThat(object.valueOrNull(missing)).isNull();
            assertThat(object.get(missing)).isEmpty();
        }
    }

    @Test
    void withoutFindsTheMemberBeforeAndAfterTheObjectIsIndexed() {
        JsonObject fresh = sized(20);
        assertThat(fresh.without("k7").keys()).hasSize(19).doesNotContain("k7");
        assertThat(fresh.without("nope")).isSameAs(fresh);
        JsonObject indexed = sized(20);
        assertThat(indexed.indexOf("k3")).isEqualTo(3);
        assertThat(indexed.indexOf("k19")).isEqualTo(19);
        assertThat(indexed.without("k19").without("k0").keys()).hasSize(18).doesNotContain("k0", "k19");
        assertThat(indexed.without("k20")).isSameAs(indexed);
    }

    @Test
    void indexHandlesKeysWithCollidingHashCodes() {
        // "Aa" and "BB" share a hash code, as do all concatenations of them
        List<String> colliding = List.of("AaAa", "AaBB", "BBAa", "BBBB");
        JsonObject.Builder builder = JsonObject.builder();
        for (int i = 0; i < 12; i++) {
            builder.put("filler" + i, i);
        }
        colliding.forEach(key -> builder.put(key, key));
        JsonObject object = builder.build();
        for (String key : colliding) {
            assertThat(object.valueOrNull(key)).isEqualTo(JsonString.of(key));
        }
        assertThat(object.contains("BBBA")).isFalse();
    }

    @Test
    void lazyIndexIsSafeUnderConcurrentFirstUse() throws Exception {
        JsonObject object = sized(1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 999; i >= 0; i--) {
                        if (object.indexOf("k" + i) != i) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void positionalAccessChecksBounds() {
        JsonObject object = sized(2);
        assertThatThrownBy(() -> object.keyAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> object.valueAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> JsonObject.empty().keyAt(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {3, 20})
    void withSharesUntouchedMembersAndKeepsPositions(int size) {
        JsonObject original = sized(size);
        JsonObject replaced = original.with("k1", JsonNumber.of(7));
        assertThat(replaced.keys()).isEqualTo(original.keys());
        assertThat(replaced.valueOrNull("k1")).isEqualTo(JsonNumber.of(7));
        assertThat(original.valueOrNull("k1")).isEqualTo(JsonString.of("v1"));
        for (int i = 0; i < size; i++) {
            if (i != 1) {
                assertThat(replaced.valueAt(i)).isSameAs(original.valueAt(i));
            }
        }

        JsonObject added = original.with("new", JsonBoolean.TRUE);
        assertThat(added.size()).isEqualTo(size + 1);
        assertThat(added.keyAt(size)).isEqualTo("new");
        assertThat(added.valueOrNull("new")).isSameAs(JsonBoolean.TRUE);
        assertThat(original.contains("new")).isFalse();
        for (int i = 0; i < size; i++) {
            assertThat(added.valueAt(i)).isSameAs(original.valueAt(i));
        }
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {3, 20})
    void withoutKeepsOrderAndSharesTheRest(int size) {
        JsonObject original = sized(size);
        JsonObject removed = original.without("k1");
        assertThat(removed.size()).isEqualTo(size - 1);
        assertThat(removed.contains("k1")).isFalse();
        assertThat(original.contains("k1")).isTrue();
        List<String> expectedKeys = new ArrayList<>(original.keys());
        expectedKeys.remove("k1");
        assertThat(removed.keys()).isEqualTo(expectedKeys);
        for (String key : expectedKeys) {
            assertThat(removed.valueOrNull(key)).isSameAs(original.valueOrNull(key));
        }
        assertThat(original.without("absent")).isSameAs(original);
    }

    @Test
    void withoutTheLastMemberGivesTheEmptyObject() {
        assertThat(JsonObject.of("a", JsonNumber.of(1)).without("a")).isSameAs(JsonObject.empty());
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {3, 20})
    void toBuilderStartsFromTheMembersAndLeavesTheOriginalAlone(int size) {
        JsonObject original = sized(size);
        JsonObject.Builder builder = original.toBuilder();
        assertThat(builder.size()).isEqualTo(size);
        assertThat(builder.valueOrNull("k0")).isSameAs(original.valueOrNull("k0"));
        builder.put("k0", "changed").remove("k2").put("extra", 1L);
        JsonObject changed = builder.build();
        assertThat(original).isEqualTo(sized(size));
        assertThat(changed.keyAt(0)).isEqualTo("k0");
        assertThat(changed.valueOrNull("k0")).isEqualTo(JsonString.of("changed"));
        assertThat(changed.contains("k2")).isFalse();
        assertThat(changed.keyAt(changed.size() - 1)).isEqualTo("extra");
        assertThat(changed.valueOrNull("k1")).isSameAs(original.valueOrNull("k1"));
    }

    @Test
    void builderPutReplacesInPlaceAndRemoveKeepsOrder() {
        JsonObject object = JsonObject.builder().put("a", 1L).put("b", 2L).put("c", 3L).put("a", 10L)
                .remove("b").put("d", 4L).remove("missing").build();
        assertThat(object.keys()).containsExactly("a", "c", "d");
        assertThat(object).hasToString("{\"a\":10,\"c\":3,\"d\":4}");
    }

    @ParameterizedTest(name = "{0} members before reuse")
    @ValueSource(ints = {2, 8, 12})
    void builderReuseAfterBuildDoesNotMutateTheBuiltObject(int size) {
        JsonObject.Builder builder = JsonObject.builder();
        for (int i = 0; i < size; i++) {
            builder.put("k" + i, "v" + i);
        }
        JsonObject first = builder.build();
        String firstText = first.toString();
        builder.put("k0", "replaced");
        JsonObject second = builder.build();
        builder.remove("k1").put("added", true);
        JsonObject third = builder.build();
        builder.put("late", 1L);

        assertThat(first).hasToString(firstText);
        assertThat(first.valueOrNull("k0")).isEqualTo(JsonString.of("v0"));
        assertThat(first.contains("added")).isFalse();
        assertThat(first.contains("late")).isFalse();
        assertThat(second.valueOrNull("k0")).isEqualTo(JsonString.of("replaced"));
        assertThat(second.contains("k1")).isTrue();
        assertThat(third.contains("k1")).isFalse();
        assertThat(third.contains("late")).isFalse();
        assertThat(third.keyAt(third.size() - 1)).isEqualTo("added");
        assertThat(builder.build().keyAt(size)).isEqualTo("late");
    }

    @Test
    void builderPrimitivePutsAndLookup() {
        JsonObject.Builder builder = JsonObject.builder(2).put("s", "x").put("i", 3L).put("d", 3.0).put("b", false);
        assertThat(builder.valueOrNull("i")).isEqualTo(JsonNumber.of(3));
        assertThat(builder.valueOrNull("nope")).isNull();
        JsonObject object = builder.build();
        assertThat(object).hasToString("{\"s\":\"x\",\"i\":3,\"d\":3.0,\"b\":false}");
        assertThat(JsonObject.builder().build()).isSameAs(JsonObject.empty());
    }

    @Test
    void nullKeysAndValuesAreRejected() {
        assertThatThrownBy(() -> JsonObject.builder().put(null, JsonNull.INSTANCE))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> JsonObject.builder().put("a", (JsonValue) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("'a'")
                .hasMessageContaining("JsonNull.INSTANCE");
        assertThatThrownBy(() -> JsonObject.empty().valueOrNull(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sized(20).contains(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void factoriesKeepTheLastValueOfARepeatedKey() {
        JsonObject two = JsonObject.of("a", JsonNumber.of(1), "a", JsonNumber.of(2));
        assertThat(two).hasToString("{\"a\":2}");
        JsonObject three = JsonObject.of("a", JsonNumber.of(1), "b", JsonNumber.of(2), "a", JsonNumber.of(3));
        assertThat(three).hasToString("{\"a\":3,\"b\":2}");
    }

    @Test
    void copyOfKeepsMapIterationOrder() {
        Map<String, JsonValue> map = new LinkedHashMap<>();
        map.put("z", JsonNumber.of(1));
        map.put("a", JsonNumber.of(2));
        map.put("m", JsonNumber.of(3));
        JsonObject object = JsonObject.copyOf(map);
        assertThat(object.keys()).containsExactly("z", "a", "m");
        map.put("late", JsonNumber.of(4));
        assertThat(object.size()).isEqualTo(3);
    }

    @Test
    void keysAndForEachFollowMemberOrder() {
        JsonObject object = JsonObject.of("b", JsonNumber.of(1), "a", JsonNumber.of(2), "c", JsonNumber.of(3));
        assertThat(object.keys()).containsExactly("b", "a", "c");
        List<String> visited = new ArrayList<>();
        object.forEach((key, value) -> visited.add(key + "=" + value));
        assertThat(visited).containsExactly("b=1", "a=2", "c=3");
        assertThatThrownBy(() -> object.keys().add("d")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> object.keys().set(0, "d")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(sized(20).keys()).hasSize(20).startsWith("k0", "k1").endsWith("k19");
    }

    @Test
    void membersIsAnOrderedReadOnlyMapView() {
        JsonObject object = JsonObject.of("b", JsonNumber.of(1), "a", JsonString.of("x"));
        Map<String, JsonValue> members = object.members();
        assertThat(members).hasSize(2).containsEntry("b", JsonNumber.of(1)).containsEntry("a", JsonString.of("x"));
        assertThat(members.keySet()).containsExactly("b", "a");
        assertThat(members.get("missing")).isNull();
        assertThat(members.containsKey(42)).isFalse();
        assertThat(members.get(42)).isNull();
        assertThat(members).isEqualTo(Map.of("a", JsonString.of("x"), "b", JsonNumber.of(1.0)));
        assertThat(sized(20).members()).hasSize(20).containsEntry("k13", JsonString.of("v13"));

        assertThatThrownBy(() -> members.put("c", JsonNull.INSTANCE)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> members.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(members::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> members.keySet().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> members.values().remove(JsonNumber.of(1)))
                .isInstanceOf(UnsupportedOperationException.class);
        Map.Entry<String, JsonValue> entry = members.entrySet().iterator().next();
        assertThatThrownBy(() -> entry.setValue(JsonNull.INSTANCE)).isInstanceOf(UnsupportedOperationException.class);
        Iterator<Map.Entry<String, JsonValue>> iterator = members.entrySet().iterator();
        iterator.next();
        assertThatThrownBy(iterator::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThat(object.size()).isEqualTo(2);
    }

    @Test
    void equalityIgnoresMemberOrder() {
        JsonObject ab = JsonObject.of("a", JsonNumber.of(1), "b", JsonObject.of("x", JsonBoolean.TRUE));
        JsonObject ba = JsonObject.of("b", JsonObject.of("x", JsonBoolean.TRUE), "a", JsonNumber.of(1.0));
        assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
        assertThat(ba).isEqualTo(ab);
    }

    @Test
    void largeObjectsInDifferentOrdersAreEqual() {
        JsonObject forward = sized(50);
        JsonObject.Builder reversed = JsonObject.builder();
        for (int i = 49; i >= 0; i--) {
            reversed.put("k" + i, "v" + i);
        }
        assertThat(forward).isEqualTo(reversed.build()).hasSameHashCodeAs(reversed.build());
        assertThat(forward).isNotEqualTo(forward.with("k25", JsonString.of("other")));
    }

    @Test
    void inequality() {
        JsonObject base = JsonObject.of("a", JsonNumber.of(1), "b", JsonNumber.of(2));
        assertThat(base).isNotEqualTo(JsonObject.of("a", JsonNumber.of(1), "c", JsonNumber.of(2)));
        assertThat(base).isNotEqualTo(JsonObject.of("a", JsonNumber.of(1), "b", JsonString.of("2")));
        assertThat(base).isNotEqualTo(JsonObject.of("a", JsonNumber.of(1)));
        assertThat(base).isNotEqualTo(base.with("c", JsonNull.INSTANCE));
        assertThat(JsonObject.of("a", JsonNull.INSTANCE)).isNotEqualTo(JsonObject.empty());
        assertThat(base).isNotEqualTo(base.members()).isNotEqualTo(null);
    }

    @Test
    void equalityStillWorksAfterHashCodesAreCached() {
        JsonObject a = JsonObject.of("x", JsonNumber.of(1), "y", JsonNumber.of(2));
        JsonObject b = JsonObject.of("y", JsonNumber.of(2), "x", JsonNumber.of(1));
        JsonObject c = JsonObject.of("x", JsonNumber.of(2), "y", JsonNumber.of(1));
        a.hashCode();
        b.hashCode();
        c.hashCode();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(JsonObject.empty().hashCode()).isEqualTo(JsonObject.empty().hashCode());
    }

    @Property(tries = 200)
    void anyPermutationOfMembersIsEqualWithTheSameHashCode(
            @ForAll @Size(max = 30) Map<String, Integer> content, @ForAll long seed) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(content.entrySet());
        JsonObject.Builder original = JsonObject.builder();
        entries.forEach(e -> original.put(e.getKey(), e.getValue()));
        Collections.shuffle(entries, new Random(seed));
        JsonObject.Builder shuffled = JsonObject.builder();
        entries.forEach(e -> shuffled.put(e.getKey(), (double) e.getValue()));
        JsonObject a = original.build();
        JsonObject b = shuffled.build();
        assertThat(a).isEqualTo(b);
        assertThat(b).isEqualTo(a);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a.members()).isEqualTo(new HashMap<>(b.members()));
    }

    @Test
    void toStringIsCompactJsonInMemberOrder() {
        JsonObject object = JsonObject.of("b", JsonArray.of(JsonNumber.of(1)), "a", JsonObject.empty(),
                "\u00fc", JsonString.of("\"q\""));
        assertThat(object).hasToString("{\"b\":[1],\"a\":{},\"\u00fc\":\"\\\"q\\\"\"}");
        assertThat(JsonObject.empty()).hasToString("{}");
        assertThat(JsonObject.empty().isEmpty()).isTrue();
        assertThat(object.type()).isEqualTo(JsonType.OBJECT);
    }

    @Test
    void objectsThatDifferOnlyInKeyAndValueTogetherHashApart() {
        JsonObject a = JsonObject.of("a", JsonNumber.of(1));
        JsonObject b = JsonObject.of("b", JsonNumber.of(2));

        assertThat(a).isNotEqualTo(b);
        assertThat(a.hashCode()).isNotEqualTo(b.hashCode());
    }
}
