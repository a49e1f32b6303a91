package io.twinkit.emulator.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of sas.json: signing cases by signature and token text, verification cases by outcome and reason. */
class SasConformanceTest {

    static List<VectorCase> cases() {
        return ConformanceVectors.cases("sas.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signsOrVerifiesAsTheVectorSays(VectorCase vector) {
        String key = vector.get("key").asString();
        if (vector.has("signature")) {
            String sr = vector.get("sr").asString();
            long se = vector.get("se").asNumber().longValue();
            String skn = vector.has("skn") ? vector.get("skn").asString() : null;
            assertThat(SharedAccessSignature.sign(key, sr, se)).isEqualTo(vector.get("signature").asString());
            assertThat(SharedAccessSignature.create(key, sr, se, skn)).isEqualTo(vector.get("token").asString());
            return;
        }
        String token = vector.get("token").asString();
        String resource = vector.get("resource").asString();
        Instant now = Instant.ofEpochSecond(vector.get("now").asNumber().longValue());
        if (vector.get("valid").asBoolean()) {
            assertThatCode(() -> SasToken.parse(token).verify(key, resource, now)).doesNotThrowAnyException();
        } else {
            SasTokenException failure = catchThrowableOfType(
                    () -> SasToken.parse(token).verify(key, resource, now), SasTokenException.class);
            assertThat(failure).as("the token is refused").isNotNull();
            assertThat(failure.reason().name().toLowerCase(Locale.ROOT)).isEqualTo(vector.get("reason").asString());
            assertThat(failure.httpStatus()).isEqualTo(401);
            assertThat(failure.errorCode().code()).isEqualTo(401002);
        }
    }
}
