package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TwinSectionTest {

    @Test
    void namesMatchTheTwinDocumentAndTheVectors() {
        assertThat(TwinSection.values()).containsExactly(TwinSection.TAGS, TwinSection.DESIRED, TwinSection.REPORTED);
        assertThat(TwinSection.TAGS.jsonPath()).isEqualTo("tags");
        assertThat(TwinSection.DESIRED.jsonPath()).isEqualTo("properties.desired");
        assertThat(TwinSection.REPORTED.jsonPath()).isEqualTo("properties.reported");
        assertThat(TwinSection.TAGS.shortName()).isEqualTo("tags");
        assertThat(TwinSection.DESIRED.shortName()).isEqualTo("desired");
        assertThat(TwinSection.REPORTED.shortName()).isEqualTo("reported");
    }

    @ParameterizedTest
    @EnumSource(TwinSection.class)
    void shortNameRoundTrips(TwinSection section) {
        assertThat(TwinSection.fromShortName(section.shortName())).isSameAs(section);
        assertThat(section.jsonPath()).endsWith(section.shortName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Desired", "TAGS", "properties.desired", "", " reported"})
    void unknownNamesAreRejectedListingTheAcceptedOnes(String name) {
        assertThatThrownBy(() -> TwinSection.fromShortName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + name + "' is not a twin section; expected one of tags, desired, reported");
    }

    @Test
    void nullNameIsRejected() {
        assertThatThrownBy(() -> TwinSection.fromShortName(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }
}
