package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergePatchTest {

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }

    private static MergePatch patch(String text) {
        return MergePatch.of(json(text));
    }

    @Test
    void builderSetsAndDeletesAtNestedPaths() {
        MergePatch patch = MergePatch.builder()
                .set("location.plant", "Redmond43")
                .set("location.floor", 2L)
                .set("ratio", 0.5)
                .set("enabled", true)
                .set(TwinPath.of("limits", "list"), JsonArray.of(JsonNumber.of(1)))
                .delete("location.room")
                .delete(TwinPath.of("legacy"))
                .build();
        assertThat(patch.toJson()).isEqualTo(json("{\"location\":{\"plant\":\"Redmond43\",\"floor\":2,"
                + "\"room\":null},\"ratio\":0.5,\"enabled\":true,\"limits\":{\"list\":[1]},\"legacy\":null}"));
        assertThat(patch.toJson().valueOrNull("ratio").asNumber().isIntegral()).isFalse();
        assertThat(patch).hasToString("{\"location\":{\"plant\":\"Redmond43\",\"floor\":2,\"room\":null},"
                + "\"ratio\":0.5,\"enabled\":true,\"limits\":{\"list\":[1]},\"legacy\":null}");
    }

    @Test
    void laterBuilderCallsWin() {
        assertThat(MergePatch.builder().set("a", 1L).set("a", 2L).build()).isEqualTo(patch("{\"a\":2}"));
        assertThat(MergePatch.builder().set("a", 1L).delete("a").build()).isEqualTo(patch("{\"a\":null}"));
        assertThat(MergePatch.builder().delete("a").set("a.b", 1L).build()).isEqualTo(patch("{\"a\":{\"b\":1}}"));
        assertThat(MergePatch.builder().set("a", "x").set("a.b.c", 1L).build())
                .isEqualTo(patch("{\"a\":{\"b\":{\"c\":1}}}"));
        assertThat(MergePatch.builder().set("a.b", 1L).set("a", "x").build()).isEqualTo(patch("{\"a\":\"x\"}"));
        assertThat(MergePatch.builder().set("a", JsonNull.INSTANCE).build())
                .isEqualTo(MergePatch.builder().delete("a").build());
    }

    @Test
    void builderRejectsTheRoot() {
        assertThatThrownBy(() -> MergePatch.builder().set(TwinPath.root(), JsonObject.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole section");
        assertThatThrownBy(() -> MergePatch.builder().set("a..b", 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MergePatch.builder().set("a", (JsonValue) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void emptyPatches() {
        assertThat(MergePatch.builder().build()).isSameAs(MergePatch.empty());
        assertThat(MergePatch.of(JsonObject.empty())).isSameAs(MergePatch.empty());
        assertThat(MergePatch.empty().isEmpty()).isTrue();
        assertThat(MergePatch.empty().changes()).isEmpty();
        assertThat(patch("{\"a\":{}}").isEmpty()).isFalse();
    }

    @Test
    void changesListLeafOperationsInMemberOrder() {
        MergePatch patch = patch("{\"a\":{\"b\":1,\"c\":null,\"d\":{\"e\":[true]}},\"f\":null,\"g\":{},\"h\":\"x\"}");
        assertThat(patch.changes()).containsExactly(
                new MergePatch.Change(TwinPath.parse("a.b"), JsonNumber.of(1)),
                new MergePatch.Change(TwinPath.parse("a.c"), null),
                new MergePatch.Change(TwinPath.parse("a.d.e"), JsonArray.of(JsonValue.of(true))),
                new MergePatch.Change(TwinPath.parse("f"), null),
                new MergePatch.Change(TwinPath.parse("g"), JsonObject.empty()),
                new MergePatch.Change(TwinPath.parse("h"), JsonString.of("x")));
        assertThat(patch.changes().get(1).isDeletion()).isTrue();
        assertThat(patch.changes().get(4).isDeletion()).isFalse();
        assertThatThrownBy(() -> patch.changes().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void changeIsAValueRecord() {
        EqualsVerifier.forClass(MergePatch.Change.class)
                .withPrefabValues(JsonValue.class, JsonString.of("red"), JsonString.of("blue"))
                .withNonnullFields("path")
                .verify();
        assertThatThrownBy(() -> new MergePatch.Change(null, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("path");
    }

    @Test
    void valueAtDistinguishesAbsentFromDelete() {
        MergePatch patch = patch("{\"a\":{\"b\":null,\"c\":1},\"d\":null,\"e\":[1]}");
        assertThat(patch.valueAt(TwinPath.parse("a.b"))).contains(JsonNull.INSTANCE);
        assertThat(patch.deletes(TwinPath.parse("a.b"))).isTrue();
        assertThat(patch.deletes(TwinPath.parse("d"))).isTrue();

        assertThat(patch.valueAt(TwinPath.parse("a.x"))).isEmpty();
        assertThat(patch.deletes(TwinPath.parse("a.x"))).isFalse();
        assertThat(patch.valueAt(TwinPath.parse("zz"))).isEmpty();
        assertThat(patch.deletes(TwinPath.parse("zz"))).isFalse();

        assertThat(patch.valueAt(TwinPath.parse("a.c"))).contains(JsonNumber.of(1));
        assertThat(patch.deletes(TwinPath.parse("a.c"))).isFalse();
        assertThat(patch.valueAt(TwinPath.parse("a"))).contains(json("{\"b\":null,\"c\":1}"));
        assertThat(patch.valueAt(TwinPath.parse("e.0"))).as("paths do not index arrays").isEmpty();
        assertThat(patch.valueAt(TwinPath.parse("d.x"))).as("below a deletion").isEmpty();
        assertThat(patch.valueAt(TwinPath.root())).contains(patch.toJson());
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1}                    | {\"b\":2}                 | {\"a\":1,\"b\":2}",
        "{\"a\":1,\"b\":2}            | {\"a\":null}              | {\"b\":2}",
        "{\"a\":1}                    | {\"x\":null}              | {\"a\":1}",
        "{\"a\":{\"b\":1,\"c\":2}}    | {\"a\":{\"b\":9}}         | {\"a\":{\"b\":9,\"c\":2}}",
        "{}                           | {\"a\":{\"b\":null}}      | {\"a\":{}}",
        "{\"a\":\"s\"}                | {\"a\":{\"b\":1}}         | {\"a\":{\"b\":1}}",
        "{\"a\":[1,2,3]}              | {\"a\":[4]}               | {\"a\":[4]}",
        "{\"a\":{\"b\":1}}            | {\"a\":{\"b\":null}}      | {\"a\":{}}",
        "{\"a\":{\"b\":1}}            | {\"a\":{}}                | {\"a\":{\"b\":1}}",
        "{\"a\":{\"b\":1}}            | {\"a\":[{\"b\":2}]}       | {\"a\":[{\"b\":2}]}",
        "{\"a\":1}                    | {\"a\":1.0}               | {\"a\":1.0}",
    })
    void applyFollowsTheMergeRules(String target, String patch, String expected) {
        JsonObject result = patch(patch).applyTo(json(target));
        assertThat(result).isEqualTo(json(expected));
        assertThat(result).hasToString(json(expected).toString());
    }

    @Test
    void applyKeepsTheTargetUnchanged() {
        JsonObject target = json("{\"a\":{\"b\":1},\"c\":[1]}");
        String before = target.toString();
        patch("{\"a\":{\"b\":null,\"x\":2},\"c\":null,\"d\":true}").applyTo(target);
        assertThat(target).hasToString(before);
    }

    @Test
    void applyReturnsTheSameInstanceWhenNothingChanges() {
        JsonObject target = json("{\"a\":{\"b\":\"text\",\"n\":123456789,\"d\":2.5,\"z\":0.0},\"c\":[1],\"t\":true}");
        for (String noOp : List.of("{}", "{\"missing\":null}", "{\"a\":{}}", "{\"a\":{\"missing\":null}}",
                "{\"a\":{\"b\":\"text\"}}", "{\"a\":{\"n\":123456789,\"d\":2.5,\"z\":0.0}}", "{\"t\":true}")) {
            assertThat(patch(noOp).applyTo(target)).as(noOp).isSameAs(target);
        }
        assertThat(MergePatch.empty().applyTo(target)).isSameAs(target);
    }

    @Test
    void applyKeepsTheKindOfANumberFromThePatch() {
        JsonObject target = json("{\"n\":1,\"z\":0.0}");
        JsonObject result = patch("{\"n\":1.0,\"z\":-0.0}").applyTo(target);
        assertThat(result).isNotSameAs(target).isEqualTo(target);
        assertThat(result).hasToString("{\"n\":1.0,\"z\":-0.0}");
    }

    @Test
    void applySharesUntouchedSubtrees() {
        JsonObject target = json("{\"keep\":{\"deep\":{\"x\":[1,2]}},\"change\":{\"a\":{\"b\":1},\"c\":{\"d\":2}},"
                + "\"list\":[{\"k\":1}]}");
        JsonObject result = patch("{\"change\":{\"c\":{\"d\":3}},\"new\":1}").applyTo(target);
        JsonObject change = result.valueOrNull("change").asObject();
        assertThat(result.valueOrNull("keep")).isSameAs(target.valueOrNull("keep"));
        assertThat(result.valueOrNull("list")).isSameAs(target.valueOrNull("list"));
        assertThat(change.valueOrNull("a")).isSameAs(target.valueOrNull("change").asObject().valueOrNull("a"));
        assertThat(change.valueOrNull("c")).isEqualTo(json("{\"d\":3}"));
        assertThat(result.keys()).containsExactly("keep", "change", "list", "new");
    }

    @Test
    void applyToPropertySet() {
        PropertySet target = PropertySet.parse("{\"a\":{\"b\":1},\"c\":2}");
        PropertySet result = patch("{\"a\":{\"b\":null,\"x\":[{\"y\":1}]},\"c\":null}").applyTo(target);
        assertThat(result).isEqualTo(PropertySet.parse("{\"a\":{\"x\":[{\"y\":1}]}}"));
        assertThat(target.merge(MergePatch.empty())).isEqualTo(target);
    }

    @Test
    void applyToPropertySetRejectsNullInsideArrays() {
        PropertySet target = PropertySet.parse("{\"a\":1}");
        assertThatThrownBy(() -> patch("{\"list\":[1,null]}").applyTo(target))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("list.1");
        assertThatThrownBy(() -> patch("{\"o\":{\"list\":[[null]]}}").applyTo(target))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("o.list.0.0");
        assertThatThrownBy(() -> patch("{\"list\":[{\"k\":null}]}").applyTo(target))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("list.0.k");
        assertThat(patch("{\"list\":[1,null]}").applyTo(target.toJson()).valueOrNull("list"))
                .as("a raw JSON object may hold it").isEqualTo(JsonArray.of(JsonNumber.of(1), JsonNull.INSTANCE));
    }

    @Test
    void equalityIsJsonEqualityOfThePatch() {
        MergePatch a = patch("{\"x\":1,\"y\":{\"z\":null}}");
        MergePatch b = patch("{\"y\":{\"z\":null},\"x\":1.0}");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(patch("{\"x\":1}")).isNotEqualTo(patch("{\"x\":1,\"y\":{}}"))
                .isNotEqualTo(a.toJson());
        assertThat(a.hashCode()).isEqualTo(a.toJson().hashCode());
        EqualsVerifier.forClass(MergePatch.class)
                .withPrefabValues(JsonObject.class, json("{\"red\":1}"), json("{\"blue\":null}"))
                .withNonnullFields("json")
                .verify();
    }

    @Test
    void computeExamples() {
        JsonObject from = json("{\"location\":{\"region\":\"US\",\"plant\":\"Redmond43\",\"floor\":2},"
                + "\"owner\":\"ops\",\"legacy\":{\"x\":1}}");
        JsonObject to = json("{\"location\":{\"region\":\"US\",\"plant\":\"Redmond44\",\"room\":\"B\"},"
                + "\"owner\":\"ops\",\"contact\":\"iot\"}");
        MergePatch patch = MergePatch.compute(from, to);
        assertThat(patch).isEqualTo(patch("{\"location\":{\"plant\":\"Redmond44\",\"floor\":null,\"room\":\"B\"},"
                + "\"legacy\":null,\"contact\":\"iot\"}"));
        assertThat(patch.applyTo(from)).isEqualTo(to);

        assertThat(MergePatch.compute(from, from)).isSameAs(MergePatch.empty());
        assertThat(MergePatch.compute(json("{\"a\":{\"b\":1,\"c\":2}}"), json("{\"a\":{}}")))
                .isEqualTo(patch("{\"a\":{\"b\":null,\"c\":null}}"));
        assertThat(MergePatch.compute(json("{\"a\":1,\"b\":[1,2]}"), json("{\"b\":[1.0,2.0],\"a\":1.0}")).isEmpty())
                .isTrue();
        assertThat(MergePatch.compute(json("{\"a\":[1,2]}"), json("{\"a\":[2,1]}")))
                .isEqualTo(patch("{\"a\":[2,1]}"));
        assertThat(MergePatch.compute(json("{\"a\":true}"), json("{\"a\":1}"))).isEqualTo(patch("{\"a\":1}"));
    }

    @Test
    void computeBetweenPropertySets() {
        PropertySet from = PropertySet.parse("{\"a\":1,\"b\":{\"c\":2}}");
        PropertySet to = PropertySet.parse("{\"b\":{\"c\":3},\"d\":[true]}");
        MergePatch patch = MergePatch.compute(from, to);
        assertThat(patch).isEqualTo(patch("{\"a\":null,\"b\":{\"c\":3},\"d\":[true]}"));
        assertThat(from.diff(to)).isEqualTo(patch);
        assertThat(from.merge(patch)).isEqualTo(to);
    }

    @Test
    void computeAfterApplyRecoversTheEffectivePatch() {
        JsonObject target = json("{\"a\":{\"b\":1,\"c\":2},\"d\":\"x\"}");
        MergePatch applied = patch("{\"a\":{\"b\":1,\"c\":null,\"e\":5},\"d\":null,\"gone\":null}");
        JsonObject result = applied.applyTo(target);
        assertThat(MergePatch.compute(target, result)).isEqualTo(patch("{\"a\":{\"c\":null,\"e\":5},\"d\":null}"));
    }

    @Test
    void aPatchReadFromTextKeepsItsDeletionMarkers() {
        MergePatch patch = MergePatch.of(JsonValue.parseObject("{\"a\":null,\"b\":{\"c\":1}}"));
        assertThat(patch.toJson().valueOrNull("a")).isSameAs(JsonNull.INSTANCE);
        assertThat(MergePatch.of(JsonValue.parseObject(
                "{\"a\":null}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).isEqualTo(
                MergePatch.builder().delete("a").build());
        assertThat(MergePatch.of(JsonValue.parseObject("{}"))).isSameAs(MergePatch.empty());
    }
}
