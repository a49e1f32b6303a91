package io.twinkit.core.pnp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WritablePropertyStateTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "200, ACCEPTED", "201, ACCEPTED", "203, ACCEPTED", "299, ACCEPTED",
        "202, IN_PROGRESS",
        "400, REJECTED", "401, REJECTED", "499, REJECTED",
        "500, FAILED", "599, FAILED", "100, FAILED", "199, FAILED", "300, FAILED", "399, FAILED"})
    void codeMapsToState(int code, WritablePropertyState expected) {
        assertThat(WritablePropertyState.ofCode(code)).isEqualTo(expected);
    }

    @Test
    void namedCodesHaveTheConventionValuesAndStates() {
        assertThat(AckCodes.ACCEPTED).isEqualTo(200);
        assertThat(AckCodes.IN_PROGRESS).isEqualTo(202);
        assertThat(AckCodes.DEVICE_DEFAULT).isEqualTo(203);
        assertThat(AckCodes.REJECTED).isEqualTo(400);
        assertThat(AckCodes.FAILED).isEqualTo(500);
        assertThat(WritablePropertyState.ofCode(AckCodes.ACCEPTED)).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(WritablePropertyState.ofCode(AckCodes.IN_PROGRESS)).isEqualTo(WritablePropertyState.IN_PROGRESS);
        assertThat(WritablePropertyState.ofCode(AckCodes.DEVICE_DEFAULT)).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(WritablePropertyState.ofCode(AckCodes.REJECTED)).isEqualTo(WritablePropertyState.REJECTED);
        assertThat(WritablePropertyState.ofCode(AckCodes.FAILED)).isEqualTo(WritablePropertyState.FAILED);
    }
}
