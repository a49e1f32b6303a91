package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.benchmarks.TwinGenerator.Size;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinSection;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.validation.TwinLimits;
import io.twinkit.core.validation.TwinValidationException;
import io.twinkit.core.validation.TwinValidator;
import io.twinkit.emulator.IotHub;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TwinGeneratorTest {

    private static final TwinJson JSON = TwinJson.standard();

    @ParameterizedTest
    @EnumSource(Size.class)
    void serializedTwinIsWithinFivePercentOfItsTargetSize(Size size) {
        int length = JSON.writeValueAsBytes(TwinGenerator.twin(size)).length;

        assertThat(length).isBetween((int) (size.targetBytes() * 0.95), (int) (size.targetBytes() * 1.05));
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void deepestObjectIsAtTheSizesNestingLevelAndTheServiceCountsItSo(Size size) {
        TwinDocument twin = TwinDocument.fromJson(TwinGenerator.twin(size));
        int deepest = IntStream.of(TwinGenerator.maxDepth(twin.tags().toJson()),
                TwinGenerator.maxDepth(twin.desired().properties().toJson()),
                TwinGenerator.maxDepth(twin.reported().properties().toJson())).max().orElseThrow();

        assertThat(deepest).isEqualTo(size.maxDepth());
        TwinValidator exact = TwinValidator.of(TwinLimits.service().toBuilder().maxDepth(size.maxDepth()).build());
        exact.validateDocument(TwinSection.TAGS, twin.tags());
        exact.validateDocument(TwinSection.DESIRED, twin.desired().properties());
        exact.validateDocument(TwinSection.REPORTED, twin.reported().properties());
        TwinValidator shallower = TwinValidator.of(TwinLimits.service().toBuilder().maxDepth(size.maxDepth() - 1)
                .build());
        assertThatThrownBy(() -> shallower.validateDocument(TwinSection.TAGS, twin.tags()))
                .isInstanceOf(TwinValidationException.class);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void twinHasMetadataOnBothSectionsAndMeetsTheServiceLimits(Size size) {
        TwinDocument twin = TwinDocument.fromJson(TwinGenerator.twin(size));

        assertThat(twin.desired().metadata()).isPresent();
        assertThat(twin.reported().metadata()).isPresent();
        assertThat(twin.desired().version()).isPresent();
        assertThat(twin.desired().properties().toJson().size()).isPositive();
        assertThat(twin.reported().properties().toJson().size()).isPositive();
        TwinValidator.standard().validateDocument(TwinSection.TAGS, twin.tags());
        TwinValidator.standard().validateDocument(TwinSection.DESIRED, twin.desired().properties());
        TwinValidator.standard().validateDocument(TwinSection.REPORTED, twin.reported().properties());
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void sameSeedGivesTheSameBytesAndAnotherSeedOtherBytes(Size size) {
        byte[] first = JSON.writeValueAsBytes(TwinGenerator.twin(size, 42));
        byte[] again = JSON.writeValueAsBytes(TwinGenerator.twin(size, 42));
        byte[] other = JSON.writeValueAsBytes(TwinGenerator.twin(size, 43));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void nextDesiredStateChangesAboutTenPercentOfTheLeavesAddingAndRemovingSome(Size size) {
        JsonObject v1 = TwinDocument.fromJson(TwinGenerator.twin(size)).desired().properties().toJson();
        JsonObject v2 = TwinGenerator.evolve(v1, 7);

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
        assertThat(JSON.writeValueAsBytes(TwinGenerator.evolve(v1, 7))).isEqualTo(JSON.writeValueAsBytes(v2));
    }

    @Test
    void fleetTwinsAreSmallDistinctAndImportableIntoTheEmulator() {
        try (IotHub hub = IotHub.create()) {
            for (int i = 0; i < 50; i++) {
                hub.twins().importTwin(TwinDocument.fromJson(TwinGenerator.fleetTwin(i)));
            }
            assertThat(hub.registry().list()).hasSize(50);
        }
        int length = JSON.writeValueAsBytes(TwinGenerator.fleetTwin(12345)).length;
        assertThat(length).isBetween(1100, 1300);
        assertThat(TwinGenerator.fleetTwin(7)).isEqualTo(TwinGenerator.fleetTwin(7)).isNotEqualTo(
                TwinGenerator.fleetTwin(8));
    }
}
