package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case of {@code diff.json}: the minimal merge patch between two stored documents. */
class DiffConformanceTest {

    static List<VectorCase> cases() {
        return ConformanceVectors.cases("diff.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void computesTheMinimalPatchAndTheExpectedPatchLeadsToTheTarget(VectorCase vector) {
        JsonObject from = vector.get("from").asObject();
        JsonObject to = vector.get("to").asObject();
        JsonObject expected = vector.get("patch").asObject();

        assertThat(MergePatch.compute(from, to).toJson()).as("computed patch").isEqualTo(expected);
        assertThat(MergePatch.of(expected).applyTo(from)).as("expected patch applied to from").isEqualTo(to);

        List<List<String>> visited = new ArrayList<>();
        assertThat(MergePatch.compute(from, to, visited::add).toJson()).as("computed with a probe")
                .isEqualTo(expected);
        assertThat(MergePatch.compute(to, from).applyTo(to)).as("reverse patch applied to to").isEqualTo(from);
    }
}
