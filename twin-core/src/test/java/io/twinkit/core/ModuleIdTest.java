package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinkit.core.error.IotHubErrorCode;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ModuleIdTest {

    /** The characters IoT Hub allows besides ASCII letters and digits, from the service swagger. */
    static final String SPECIALS = "-:.+%_#*?!(),=@;$'";

    static IntStream specials() {
        return SPECIALS.chars();
    }

    static IntStream asciiCharacters() {
        return IntStream.range(0, 128);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specials")
    void everyAllowedSpecialCharacterIsAccepted(int c) {
        String id = "dev" + (char) c + "1";

        assertThat(ModuleId.of(id).value()).isEqualTo(id);
        assertThat(ModuleId.of(String.valueOf((char) c)).value()).isEqualTo(String.valueOf((char) c));
    }

    @ParameterizedTest(name = "U+{0}")
    @MethodSource("asciiCharacters")
    void asciiCharacterIsAcceptedExactlyWhenLetterDigitOrSpecial(int c) {
        String id = "ab" + (char) c;
        boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || SPECIALS.indexOf(c) >= 0;

        if (allowed) {
            assertThat(ModuleId.of(id).value()).isEqualTo(id);
        } else {
            assertThatThrownBy(() -> ModuleId.of(id)).isInstanceOf(InvalidIdException.class)
                    .hasMessageContaining("index 2");
        }
    }

    @Test
    void lettersAndDigitsAreAccepted() {
        String all = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + SPECIALS;

        assertThat(ModuleId.of(all).value()).isEqualTo(all);
    }

    @Test
    void lengthIsLimitedTo128Characters() {
        String max = "d".repeat(128);

        assertThat(ModuleId.of(max).value()).hasSize(128);
        InvalidIdException e = catchThrowableOfType(InvalidIdException.class, () -> ModuleId.of(max + "d"));
        assertThat(e.getMessage()).contains("129").contains("128");
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID);
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void emptyAndNullAreRejected() {
        assertThatThrownBy(() -> ModuleId.of("")).isInstanceOf(InvalidIdException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ModuleId.of(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'my device'|2|\\u0020",
            "dev/1|3|/",
            "M\u00fcnchen|1|\\u00FC",
            "caf\u00e9|3|\\u00E9",
            "tab\there|3|\\u0009",
            "a\\b|1|\\",
            "\ud83d\ude00x|0|\\uD83D",
            "\u0430bc|0|\\u0430"})
    void forbiddenCharacterIsNamedWithItsIndex(String id, int index, String shown) {
        InvalidIdException e = catchThrowableOfType(InvalidIdException.class, () -> ModuleId.of(id));

        assertThat(e).as("accepted %s", id).isNotNull();
        assertThat(e.getMessage()).contains("module id").contains("at index " + index)
                .contains("'" + shown + "'");
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID);
    }

    @Test
    void edgeSystemModuleIdsAreAccepted() {
        assertThat(ModuleId.of("$edgeAgent").value()).isEqualTo("$edgeAgent");
        assertThat(ModuleId.of("$edgeHub").value()).isEqualTo("$edgeHub");
    }

    @Test
    void moduleAndDeviceIdsAreDifferentTypes() {
        assertThat((Object) ModuleId.of("m1")).isNotEqualTo(DeviceId.of("m1"));
    }

    @Test
    void equalityAndOrderAreCaseSensitive() {
        assertThat(ModuleId.of("Dev1")).isEqualTo(ModuleId.of("Dev1")).hasSameHashCodeAs(ModuleId.of("Dev1"));
        assertThat(ModuleId.of("Dev1")).isNotEqualTo(ModuleId.of("dev1"));
        assertThat(ModuleId.of("a").compareTo(ModuleId.of("b"))).isNegative();
        assertThat(ModuleId.of("B").compareTo(ModuleId.of("a"))).isNegative();
        assertThat(ModuleId.of("a").compareTo(ModuleId.of("a"))).isZero();
        assertThat(ModuleId.of("dev-1").toString()).isEqualTo("dev-1");
    }
}
