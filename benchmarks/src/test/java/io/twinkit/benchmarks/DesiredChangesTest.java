package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.benchmarks.TwinGenerator.Size;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DesiredChangesTest {

    @ParameterizedTest
    @EnumSource(Size.class)
    void nextDesiredStateChangesAboutTenPercentOfTheLeavesAddingAndRemovingSome(Size size) {
        JsonObject v1 = TwinDocument.fromJson(TwinGenerator.twin(size)).desired().properties().toJson();
        JsonObject v2 = DesiredChanges.next(v1, 7);

        MergePatch patch = MergePatch.compute(v1, v2);
        long removed = patch.changes().stream().filter(MergePatch.Change::isDeletion).count();
        long added = patch.changes().stream()
                .filter(change -> !change.isDeletion() && PropertySet.of(v1).get(change.path().toString()).isEmpty())
                .count();
        int leaves = TwinGenerator.leafCount(v1);
        int touched = Math.max(1, Math.round(leaves * 0.10f));

        assertThat(patch.changes().size() - added).isEqualTo(touched);
        assertThat(removed).isEqualTo(touched >= 2 ? Math.max(1, touched / 5) : 0);
        assertThat(added).isEqualTo(leaves >= 10 ? Math.max(1, touched / 10) : 0);
        if (size != Size.SMALL) {
            assertThat(removed).isPositive();
            assertThat(added).isPositive();
        }
        assertThat(DesiredChanges.next(v1, 7).toJsonBytes()).isEqualTo(v2.toJsonBytes());
    }
}
