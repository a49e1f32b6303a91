package io.twinkit.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinSection;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case of {@code patch.json} through {@link TwinValidator#apply}. */
class PatchConformanceTest {

    private final TwinValidator validator = TwinValidator.standard();

    static List<VectorCase> cases() {
        return ConformanceVectors.cases("patch.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void patch(VectorCase vector) {
        TwinSection section = TwinSection.fromShortName(vector.get("section").asString());
        JsonObject targetJson = vector.get("target").asObject();
        PropertySet target = PropertySet.of(targetJson);
        MergePatch patch = MergePatch.of(vector.get("patch").asObject());

        if (vector.has("result")) {
            PropertySet result = validator.apply(section, target, patch);
            assertThat(result.toJson()).isEqualTo(vector.get("result"));
        } else {
            JsonObject expected = vector.get("error").asObject();
            TwinValidationException error = catchThrowableOfType(TwinValidationException.class,
                    () -> validator.apply(section, target, patch));
            assertThat(error).as("expected a validation error").isNotNull();
            assertThat(error.httpStatus()).isEqualTo(expected.valueOrNull("status").asNumber().longValue());
            assertThat(error.errorCode().code()).isEqualTo(expected.valueOrNull("errorCode").asNumber().longValue());
            assertThat(target).isEqualTo(PropertySet.of(targetJson));
        }
    }
}
