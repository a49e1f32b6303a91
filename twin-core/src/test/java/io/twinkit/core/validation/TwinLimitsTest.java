package io.twinkit.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinSection;
import java.util.function.Consumer;
import java.util.stream.Stream;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TwinLimitsTest {

    @Test
    void serviceDefaultsAreTheCurrentServiceLimits() {
        TwinLimits limits = TwinLimits.service();
        assertThat(limits.maxKeyBytes()).isEqualTo(1024);
        assertThat(limits.maxStringBytes()).isEqualTo(4096);
        assertThat(limits.maxDepth()).isEqualTo(10);
        assertThat(limits.minInteger()).isEqualTo(-4503599627370496L).isEqualTo(-(long) Math.pow(2, 52));
        assertThat(limits.maxInteger()).isEqualTo(4503599627370495L).isEqualTo((long) Math.pow(2, 52) - 1);
        assertThat(limits.maxTagsSize()).isEqualTo(8192);
        assertThat(limits.maxDesiredSize()).isEqualTo(32768);
        assertThat(limits.maxReportedSize()).isEqualTo(32768);
    }

    @Test
    void maxSizeSelectsTheSectionLimit() {
        TwinLimits limits = TwinLimits.builder().maxTagsSize(1).maxDesiredSize(2).maxReportedSize(3).build();
        assertThat(limits.maxSize(TwinSection.TAGS)).isEqualTo(1);
        assertThat(limits.maxSize(TwinSection.DESIRED)).isEqualTo(2);
        assertThat(limits.maxSize(TwinSection.REPORTED)).isEqualTo(3);
        assertThatThrownBy(() -> limits.maxSize(null)).isInstanceOf(NullPointerException.class).hasMessage("section");
    }

    @Test
    void builderStartsFromTheServiceDefaults() {
        assertThat(TwinLimits.builder().build()).isEqualTo(TwinLimits.service());
        assertThat(TwinLimits.service().toBuilder().build()).isEqualTo(TwinLimits.service());
    }

    @Test
    void eachSetterChangesOnlyItsOwnLimit() {
        TwinLimits custom = TwinLimits.builder().maxKeyBytes(64).maxStringBytes(512).maxDepth(5).minInteger(-7)
                .maxInteger(7).maxTagsSize(100).maxDesiredSize(200).maxReportedSize(300).build();
        assertThat(custom.maxKeyBytes()).isEqualTo(64);
        assertThat(custom.maxStringBytes()).isEqualTo(512);
        assertThat(custom.maxDepth()).isEqualTo(5);
        assertThat(custom.minInteger()).isEqualTo(-7);
        assertThat(custom.maxInteger()).isEqualTo(7);
        assertThat(custom.maxTagsSize()).isEqualTo(100);
        assertThat(custom.maxDesiredSize()).isEqualTo(200);
        assertThat(custom.maxReportedSize()).isEqualTo(300);
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        TwinLimits onlyDepth = TwinLimits.service().toBuilder().maxDepth(5).build();
        assertThat(onlyDepth).isNotEqualTo(TwinLimits.service());
        assertThat(onlyDepth.toBuilder().maxDepth(10).build()).isEqualTo(TwinLimits.service());
    }

    static Stream<Arguments> setters() {
        return Stream.of(
                Arguments.of("maxKeyBytes", (Consumer<TwinLimits.Builder>) b -> b.maxKeyBytes(0)),
                Arguments.of("maxStringBytes", (Consumer<TwinLimits.Builder>) b -> b.maxStringBytes(0)),
                Arguments.of("maxDepth", (Consumer<TwinLimits.Builder>) b -> b.maxDepth(0)),
                Arguments.of("maxTagsSize", (Consumer<TwinLimits.Builder>) b -> b.maxTagsSize(0)),
                Arguments.of("maxDesiredSize", (Consumer<TwinLimits.Builder>) b -> b.maxDesiredSize(0)),
                Arguments.of("maxReportedSize", (Consumer<TwinLimits.Builder>) b -> b.maxReportedSize(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setters")
    void settersRejectZero(String name, Consumer<TwinLimits.Builder> setter) {
        assertThatThrownBy(() -> setter.accept(TwinLimits.builder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + " must be positive, but got 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE})
    void settersRejectNegativeValues(int value) {
        assertThatThrownBy(() -> TwinLimits.builder().maxDepth(value)).hasMessageContaining("maxDepth")
                .hasMessageContaining(Integer.toString(value));
        assertThatThrownBy(() -> TwinLimits.builder().maxKeyBytes(value))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwinLimits.builder().maxStringBytes(value))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwinLimits.builder().maxReportedSize(value))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void integerRangeMustNotBeEmpty() {
        assertThatThrownBy(() -> TwinLimits.builder().minInteger(5).maxInteger(5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minInteger (5) must be below maxInteger (5)");
        assertThatThrownBy(() -> TwinLimits.builder().minInteger(10).maxInteger(-10).build())
                .isInstanceOf(IllegalArgumentException.class);
        // the range is checked at build time, so the bounds can be moved in either order
        TwinLimits shifted = TwinLimits.builder().minInteger(1L << 53).maxInteger(1L << 54).build();
        assertThat(shifted.minInteger()).isEqualTo(1L << 53);
        assertThat(TwinLimits.builder().minInteger(0).maxInteger(1).build().maxInteger()).isEqualTo(1);
    }

    @Test
    void toStringListsEveryLimit() {
        assertThat(TwinLimits.service().toString()).isEqualTo("TwinLimits{maxKeyBytes=1024, maxStringBytes=4096,"
                + " maxDepth=10, integers=[-4503599627370496, 4503599627370495], maxTagsSize=8192,"
                + " maxDesiredSize=32768, maxReportedSize=32768}");
    }

    @Test
    void equalityComparesEveryLimit() {
        EqualsVerifier.forClass(TwinLimits.class).verify();
    }
}
