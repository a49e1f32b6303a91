package io.twinkit.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinkit.core.TwinPath;
import io.twinkit.core.TwinSection;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case of {@code validation.json} against {@link TwinValidator#standard()}. */
class ValidationConformanceTest {

    private final TwinValidator validator = TwinValidator.standard();

    static List<VectorCase> cases() {
        return ConformanceVectors.cases("validation.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validation(VectorCase vector) {
        TwinSection section = TwinSection.fromShortName(vector.get("section").asString());
        JsonObject document = vector.get("document").asObject();

        if (vector.get("valid").asBoolean()) {
            assertThatCode(() -> validator.validateDocument(section, document)).doesNotThrowAnyException();
            assertThat(validator.size(document)).isEqualTo(vector.get("size").asNumber().longValue());
        } else {
            TwinValidationException error = catchThrowableOfType(TwinValidationException.class,
                    () -> validator.validateDocument(section, document));
            assertThat(error).as("expected a validation error").isNotNull();
            assertThat(error.errorCode().code()).isEqualTo(vector.get("errorCode").asNumber().longValue());
            assertThat(error.httpStatus()).isEqualTo(400);
            assertThat(error.section()).isEqualTo(section);
            // the vectors write a path as its segments joined with '.', verbatim (a lossy display form)
            assertThat(String.join(".", error.path().segments())).isEqualTo(vector.get("path").asString());
            assertThat(TwinPath.parse(error.path().toString())).isEqualTo(error.path());
        }
    }
}
