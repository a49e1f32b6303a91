package io.twinkit.core;

import io.twinkit.core.testing.JsonArbitraries;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MergePatchPropertiesTest {

    @Provide
    Arbitrary<JsonObject> documents() {
        return JsonArbitraries.documents();
    }

    @Provide
    Arbitrary<JsonObject> patches() {
        return JsonArbitraries.patches();
    }

    @Property(tries = 400)
    void applyingTheComputedPatchGivesTheTarget(@ForAll("documents") JsonObject a, @ForAll("documents") JsonObject b) {
        MergePatch patch = MergePatch.compute(a, b);
        assertThat(patch.applyTo(a)).isEqualTo(b);
    }

    @Property(tries = 300)
    void aDocumentDiffedWithItselfOrADeepCopyGivesTheEmptyPatch(@ForAll("documents") JsonObject a) {
        assertThat(MergePatch.compute(a, a).isEmpty()).isTrue();
        JsonObject copy = JsonValue.parseObject(a.toString());
        assertThat(copy).isEqualTo(a);
        assertThat(MergePatch.compute(a, copy)).isSameAs(MergePatch.empty());
        assertThat(MergePatch.compute(copy, a).isEmpty()).isTrue();
    }

    @Property(tries = 400)
    void theComputedPatchReproducesAnyPatchedDocument(@ForAll("documents") JsonObject a,
                                                     @ForAll("patches") JsonObject patchJson) {
        JsonObject patched = MergePatch.of(patchJson).applyTo(a);
        MergePatch computed = MergePatch.compute(a, patched);
        assertThat(computed.applyTo(a)).isEqualTo(patched);
        // the recomputed patch never touches a path that the original patch left alone
        Set<List<String>> mentioned = new HashSet<>();
        collectPaths(patchJson, new ArrayList<>(), mentioned);
        for (MergePatch.Change change : computed.changes()) {
            assertThat(mentioned).as("%s in %s", change.path(), patchJson).contains(change.path().segments());
        }
    }

    @Property(tries = 400)
    void everyComputedChangeIsNeeded(@ForAll("documents") JsonObject a, @ForAll("documents") JsonObject b) {
        for (MergePatch.Change change : MergePatch.compute(a, b).changes()) {
            JsonValue before = PropertySet.find(a, change.path());
            JsonValue after = PropertySet.find(b, change.path());
            if (change.isDeletion()) {
                assertThat(before).as("deleted %s", change.path()).isNotNull();
                assertThat(after).as("deleted %s", change.path()).isNull();
            } else {
                assertThat(after).as("set %s", change.path()).isEqualTo(change.value());
                assertThat(before).as("set %s", change.path()).isNotEqualTo(change.value());
                if (change.value() instanceof JsonObject object && object.isEmpty()) {
                    assertThat(before instanceof JsonObject).as("new empty object at %s", change.path()).isFalse();
                }
            }
        }
    }

    @Property(tries = 400)
    void diffAgainstThePatchedSuccessorOnlyVisitsPatchedPaths(@ForAll("documents") JsonObject a,
                                                             @ForAll("patches") JsonObject patchJson) {
        JsonObject b = MergePatch.of(patchJson).applyTo(a);
        Set<List<String>> mentioned = new HashSet<>();
        collectPaths(patchJson, new ArrayList<>(), mentioned);
        List<List<String>> visited = new ArrayList<>();
        MergePatch computed = MergePatch.compute(a, b, visited::add);

        for (List<String> path : visited) {
            assertThat(mentioned.stream().anyMatch(p -> isPrefix(path, p)))
                    .as("visited %s, which %s does not mention", path, patchJson).isTrue();
        }
        assertThat(computed).isEqualTo(MergePatch.compute(a, b));
    }

    private static void collectPaths(JsonObject patch, List<String> at, Set<List<String>> out) {
        out.add(List.copyOf(at));
        for (int i = 0; i < patch.size(); i++) {
            at.add(patch.keyAt(i));
            if (patch.valueAt(i) instanceof JsonObject nested) {
                collectPaths(nested, at, out);
            } else {
                out.add(List.copyOf(at));
            }
            at.remove(at.size() - 1);
        }
    }

    private static boolean isPrefix(List<String> prefix, List<String> path) {
        return prefix.size() <= path.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    @Test
    void diffOfATenThousandLeafDocumentAfterOneLeafChangeComparesOnlyThatPath() {
        JsonObject.Builder root = JsonObject.builder();
        for (int g = 0; g < 10; g++) {
            JsonObject.Builder group = JsonObject.builder();
            for (int s = 0; s < 10; s++) {
                JsonObject.Builder leaves = JsonObject.builder();
                for (int l = 0; l < 100; l++) {
                    leaves.put("l" + l, "value-" + g + "-" + s + "-" + l);
                }
                group.put("s" + s, leaves.build());
            }
            root.put("g" + g, group.build());
        }
        JsonObject document = root.build();
        MergePatch patch = MergePatch.builder().set("g3.s7.l42", "changed").build();
        JsonObject patched = patch.applyTo(document);

        List<List<String>> visited = new ArrayList<>();
        MergePatch computed = MergePatch.compute(document, patched, visited::add);

        int depth = 3;
        assertThat(visited).hasSizeLessThanOrEqualTo(depth + 1);
        assertThat(visited).containsExactly(List.of(), List.of("g3"), List.of("g3", "s7"), List.of("g3", "s7", "l42"));
        assertThat(computed).isEqualTo(patch);
        assertThat(PropertySet.find(patched, TwinPath.parse("g3.s7.l42"))).isEqualTo(JsonString.of("changed"));
    }

    @Test
    void diffOfEqualButDistinctDocumentsComparesEveryDistinctPair() {
        // small integers are cached instances, so 100000 is used to force a comparison
        JsonObject a = JsonValue.parseObject("{\"x\":{\"y\":100000,\"z\":[1],\"c\":1},\"w\":\"s\"}");
        JsonObject b = JsonValue.parseObject("{\"w\":\"s\",\"x\":{\"z\":[1.0],\"c\":1,\"y\":100000}}");
        List<List<String>> visited = new ArrayList<>();
        assertThat(MergePatch.compute(a, b, visited::add).isEmpty()).isTrue();
        assertThat(visited).containsExactlyInAnyOrder(List.of(), List.of("x"), List.of("x", "y"), List.of("x", "z"),
                List.of("w"));
    }
}
