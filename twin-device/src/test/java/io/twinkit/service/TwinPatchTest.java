package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.MergePatch;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

class TwinPatchTest {

    private static final MergePatch SET = MergePatch.builder().set("a", 1).build();

    @Test
    void isEmptyOnlyWhenBothPartsAre() {
        assertThat(TwinPatch.empty().isEmpty()).isTrue();
        assertThat(TwinPatch.ofTags(SET).isEmpty()).isFalse();
        assertThat(TwinPatch.ofDesired(SET).isEmpty()).isFalse();
        assertThat(TwinPatch.ofDesired(SET).tags().isEmpty()).isTrue();
        assertThat(TwinPatch.ofTags(SET).tags()).isEqualTo(SET);
    }

    @Test
    void rejectsNullParts() {
        assertThatThrownBy(() -> new TwinPatch(null, SET)).isInstanceOf(NullPointerException.class)
                .hasMessage("tags");
    }

    @Test
    void equalityIsByValue() {
        EqualsVerifier.forClass(TwinPatch.class).withNonnullFields("tags", "desired")
                .withPrefabValues(MergePatch.class, SET, MergePatch.builder().delete("b").build()).verify();
    }

    record Config(int rate, String mode, Limits limits) {
    }

    record Limits(Integer max, Integer min) {
    }

    @Test
    void typedChangesCarryOnlyTheMinimalDiff() {
        Config before = new Config(5, "eco", new Limits(10, 1));
        Config after = new Config(5, "boost", new Limits(10, null));

        TwinPatch desired = TwinPatch.desiredChange(before, after);
        TwinPatch tags = TwinPatch.tagsChange(before, after);

        assertThat(desired.desired().toString()).isEqualTo("{\"mode\":\"boost\",\"limits\":{\"min\":null}}");
        assertThat(desired.tags().isEmpty()).isTrue();
        assertThat(tags.tags()).isEqualTo(desired.desired());
        assertThat(TwinPatch.desiredChange(before, before).isEmpty()).isTrue();
    }
}
