package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PropertySetTest {

    private static PropertySet set(String json) {
        return PropertySet.parse(json);
    }

    private static final PropertySet SAMPLE = set("{\"name\":\"pump\",\"count\":42,\"ratio\":1.5,\"whole\":2.0,"
            + "\"big\":123456789012345678901234567890,\"on\":true,\"location\":{\"region\":\"US\",\"floor\":3},"
            + "\"list\":[1,\"a\"]}");

    // ---------------------------------------------------------------- builder

    @Test
    void putCreatesIntermediateObjects() {
        PropertySet built = PropertySet.builder()
                .put("location.region", "US")
                .put("location.plant", "Redmond43")
                .put("location.floor", 3)
                .put("location.area", 12.5)
                .put("active", true)
                .put("deep.a.b.c", JsonArray.of(JsonNumber.of(1), JsonString.of("x")))
                .build();

        assertThat(built.toJson()).isEqualTo(JsonValue.parseObject(
                "{\"location\":{\"region\":\"US\",\"plant\":\"Redmond43\","
                + "\"floor\":3,\"area\":12.5},\"active\":true,\"deep\":{\"a\":{\"b\":{\"c\":[1,\"x\"]}}}}"));
        assertThat(built.get("location.floor").orElseThrow().asNumber().isIntegral()).isTrue();
        assertThat(built.get("location.area").orElseThrow().asNumber().isIntegral()).isFalse();
        assertThat(built.keys()).containsExactly("location", "active", "deep");
    }

    @Test
    void putReplacesNonObjectsOnTheWayAndOverwritesLeaves() {
        PropertySet built = PropertySet.builder(set("{\"a\":1,\"b\":{\"c\":1}}"))
                .put("a.x", "nested")
                .put("b.c", "replaced")
                .put("b", JsonObject.of("d", JsonNumber.of(4)))
                .build();

        assertThat(built.toJson()).isEqualTo(JsonValue.parseObject("{\"a\":{\"x\":\"nested\"},\"b\":{\"d\":4}}"));
    }

    @Test
    void putRejectsTheRootAndNullsNamingThePath() {
        PropertySet.Builder builder = PropertySet.builder();

        assertThatThrownBy(() -> builder.put("", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root");
        assertThatThrownBy(() -> builder.put(TwinPath.root(), JsonString.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.put("a.b", JsonValue.parseObject("{\"c\":[{\"d\":null}]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a.b.c.0.d'");
        assertThatThrownBy(() -> builder.put("a", JsonValue.parse("null")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
        assertThatThrownBy(() -> builder.put("a..b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.build()).isEqualTo(PropertySet.empty());
    }

    @Test
    void removeDeletesALeafAndKeepsTheEmptyParent() {
        PropertySet removed = PropertySet.builder(set("{\"a\":{\"b\":1},\"c\":2}")).remove("a.b").remove("c").build();

        assertThat(removed.toJson()).isEqualTo(JsonValue.parseObject("{\"a\":{}}"));
    }

    @Test
    void removeUnderAMissingParentDoesNotCreateIt() {
        PropertySet base = set("{\"a\":1,\"x\":{\"y\":1}}");
        PropertySet removed = PropertySet.builder(base).remove("missing.child").remove("x.missing.deeper")
                .remove("a.b").remove("nothing").remove("").build();

        assertThat(removed).isEqualTo(base);
        assertThat(removed.contains("missing")).isFalse();
        assertThat(removed.contains("x.missing")).isFalse();
        assertThat(removed.toJson()).isSameAs(base.toJson());
    }

    @Test
    void builderBuildsSnapshots() {
        PropertySet.Builder builder = PropertySet.builder().put("a", 1);
        PropertySet first = builder.build();
        PropertySet second = builder.put("b", 2).build();

        assertThat(first.toJson()).isEqualTo(JsonValue.parseObject("{\"a\":1}"));
        assertThat(second.toJson()).isEqualTo(JsonValue.parseObject("{\"a\":1,\"b\":2}"));
        assertThat(PropertySet.builder().build()).isSameAs(PropertySet.empty());
    }

    // ---------------------------------------------------------------- reading

    @Test
    void typedGettersReturnValuesOfTheirType() {
        assertThat(SAMPLE.get("location.region")).contains(JsonString.of("US"));
        assertThat(SAMPLE.get(TwinPath.of("location", "floor"))).contains(JsonNumber.of(3));
        assertThat(SAMPLE.get(TwinPath.root())).contains(SAMPLE.toJson());
        assertThat(SAMPLE.getString("name")).contains("pump");
        assertThat(SAMPLE.getLong("count")).hasValue(42);
        assertThat(SAMPLE.getLong("location.floor")).hasValue(3);
        assertThat(SAMPLE.getDouble("ratio")).hasValue(1.5);
        assertThat(SAMPLE.getDouble("count")).hasValue(42.0);
        assertThat(SAMPLE.getBoolean("on")).contains(true);
        assertThat(SAMPLE.getObject("location")).contains(set("{\"region\":\"US\",\"floor\":3}"));
        assertThat(SAMPLE.getObject("location").orElseThrow().getLong("floor")).hasValue(3);
    }

    @Test
    void getLongIsEmptyForFractionsAndHugeIntegers() {
        assertThat(SAMPLE.getLong("ratio")).isEmpty();
        assertThat(SAMPLE.getLong("big")).isEmpty();
        assertThat(SAMPLE.getDouble("big")).hasValue(1.2345678901234568E29);
    }

    @ParameterizedTest
    @CsvSource({"name", "count", "ratio", "on", "location", "list", "missing", "location.missing", "name.deeper",
            "list.0"})
    void gettersOfAnotherTypeOrAMissingPathAreEmpty(String path) {
        JsonValue value = SAMPLE.get(path).orElse(null);

        assertThat(SAMPLE.contains(path)).isEqualTo(value != null);
        assertThat(SAMPLE.getString(path).isPresent()).isEqualTo(value != null && value.isString());
        assertThat(SAMPLE.getBoolean(path).isPresent()).isEqualTo(value != null && value.isBoolean());
        assertThat(SAMPLE.getDouble(path).isPresent()).isEqualTo(value != null && value.isNumber());
        assertThat(SAMPLE.getObject(path).isPresent()).isEqualTo(value != null && value.isObject());
        assertThat(SAMPLE.getLong(path).isPresent())
                .isEqualTo(value != null && value.isNumber() && value.asNumber().fitsInLong());
    }

    @Test
    void sizeKeysAndEmptiness() {
        assertThat(SAMPLE.size()).isEqualTo(8);
        assertThat(SAMPLE.isEmpty()).isFalse();
        assertThat(PropertySet.empty().isEmpty()).isTrue();
        assertThat(PropertySet.empty().size()).isZero();
        assertThat(PropertySet.of(JsonObject.empty())).isSameAs(PropertySet.empty());
        assertThatThrownBy(() -> SAMPLE.keys().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---------------------------------------------------------------- copies

    @Test
    void withAndWithoutLeaveTheOriginalAndShareUntouchedSubtrees() {
        PropertySet base = set("{\"a\":{\"x\":1},\"b\":{\"y\":{\"z\":2}}}");
        JsonObject untouched = base.toJson().valueOrNull("b").asObject();

        PropertySet with = base.with("a.w", JsonString.of("new"));
        PropertySet without = base.without("a.x");

        assertThat(with.toJson()).isEqualTo(JsonValue.parseObject(
                "{\"a\":{\"x\":1,\"w\":\"new\"},\"b\":{\"y\":{\"z\":2}}}"));
        assertThat(without.toJson()).isEqualTo(JsonValue.parseObject("{\"a\":{},\"b\":{\"y\":{\"z\":2}}}"));
        assertThat(base.toJson()).isEqualTo(JsonValue.parseObject("{\"a\":{\"x\":1},\"b\":{\"y\":{\"z\":2}}}"));
        assertThat(with.toJson().valueOrNull("b")).isSameAs(untouched);
        assertThat(without.toJson().valueOrNull("b")).isSameAs(untouched);
        assertThat(base.without("a.nothing")).isEqualTo(base);
        assertThat(base.without("a.nothing").toJson()).isSameAs(base.toJson());
        assertThatThrownBy(() -> base.with("a", JsonObject.of("n", JsonValue.parse("null"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a.n'");
    }

    // ---------------------------------------------------------------- of / parse

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":null}|a",
            "{\"a\":{\"b\":{\"c\":null}}}|a.b.c",
            "{\"a\":[1,null]}|a.1",
            "{\"a\":[[1],[2,null]]}|a.1.1",
            "{\"a\":[{\"b\":null}]}|a.0.b",
            "{\"ok\":1,\"a\":{\"b\":1,\"c\":null}}|a.c"})
    void ofRejectsNullAnywhereNamingThePath(String json, String path) {
        JsonObject object = JsonValue.parseObject(json);

        assertThatThrownBy(() -> PropertySet.of(object))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + path + "'")
                .hasMessageContaining("MergePatch");
        assertThatThrownBy(() -> PropertySet.parse(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseRejectsMalformedTextAndNonObjects() {
        assertThatThrownBy(() -> PropertySet.parse("{\"a\":")).isInstanceOf(TwinJsonException.class);
        assertThatThrownBy(() -> PropertySet.parse("[1]")).isInstanceOf(TwinJsonException.class);
        assertThatThrownBy(() -> PropertySet.parse("{\"a\":1,\"a\":2}")).isInstanceOf(TwinJsonException.class);
    }

    // ---------------------------------------------------------------- patches

    @Test
    void mergeAppliesAMergePatch() {
        PropertySet base = set("{\"a\":{\"b\":1,\"c\":2},\"d\":[1,2]}");
        MergePatch patch = MergePatch.of(JsonValue.parseObject(
                "{\"a\":{\"b\":null,\"e\":3},\"d\":[3],\"f\":{\"g\":null}}"));

        assertThat(base.merge(patch).toJson())
                .isEqualTo(JsonValue.parseObject("{\"a\":{\"c\":2,\"e\":3},\"d\":[3],\"f\":{}}"));
        assertThat(base.merge(MergePatch.empty())).isEqualTo(base);
    }

    @Test
    void diffIsTheMinimalPatchAndMergesBack() {
        PropertySet from = set("{\"a\":{\"b\":1,\"c\":2},\"keep\":1,\"gone\":true}");
        PropertySet to = set("{\"a\":{},\"keep\":1.0,\"new\":\"x\"}");

        MergePatch patch = from.diff(to);

        assertThat(patch.toJson())
                .isEqualTo(JsonValue.parseObject("{\"a\":{\"b\":null,\"c\":null},\"gone\":null,\"new\":\"x\"}"));
        assertThat(patch).isEqualTo(MergePatch.compute(from, to));
        assertThat(from.merge(patch)).isEqualTo(to);
        assertThat(to.diff(to)).isEqualTo(MergePatch.empty());
    }

    // ---------------------------------------------------------------- equality

    @Test
    void equalityIsJsonEquality() {
        PropertySet a = set("{\"x\":1,\"y\":{\"z\":[1,2]}}");
        PropertySet b = set("{\"y\":{\"z\":[1.0,2]},\"x\":1.0}");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(set("{\"x\":1,\"y\":{\"z\":[2,1]}}"));
        assertThat(a).isNotEqualTo(set("{\"x\":true,\"y\":{\"z\":[1,2]}}"));
        assertThat(a.toString()).isEqualTo("{\"x\":1,\"y\":{\"z\":[1,2]}}");
    }
}
