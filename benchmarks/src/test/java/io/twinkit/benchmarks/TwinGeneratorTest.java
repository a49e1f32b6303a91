package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.benchmarks.TwinGenerator.Size;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinSection;
import io.twinkit.core.validation.TwinLimits;
import io.twinkit.core.validation.TwinValidationException;
import io.twinkit.core.validation.TwinValidator;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TwinGeneratorTest {

    @ParameterizedTest
    @EnumSource(Size.class)
    void serializedTwinIsWithinFivePercentOfItsTargetSize(Size size) {
        int length = TwinGenerator.twin(size).toJsonBytes().length;

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
        byte[] first = TwinGenerator.twin(size, 42).toJsonBytes();
        byte[] again = TwinGenerator.twin(size, 42).toJsonBytes();
        byte[] other = TwinGenerator.twin(size, 43).toJsonBytes();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }
}
