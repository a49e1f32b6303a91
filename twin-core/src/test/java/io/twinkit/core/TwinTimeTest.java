package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwinTimeTest {

    /** Seconds of 0001-01-01T00:00:00Z and of 9999-12-31T23:59:59Z, the range of four-digit years. */
    private static final long FIRST_SECOND = -62_135_596_800L;
    private static final long LAST_SECOND = 253_402_300_799L;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2024-01-01T00:00:00.1234567Z, 2024-01-01T00:00:00.1234567Z",
            "2021-09-10T17:03:18.9761939Z, 2021-09-10T17:03:18.9761939Z",
            "2021-09-20T21:58:00.886330Z, 2021-09-20T21:58:00.88633Z",
            "2024-01-01T00:00:05.500Z, 2024-01-01T00:00:05.5Z",
            "2024-01-01T00:00:05.000Z, 2024-01-01T00:00:05Z",
            "2024-01-01T00:00:00.0000001Z, 2024-01-01T00:00:00.0000001Z",
            "2024-02-29T23:59:59.9999999Z, 2024-02-29T23:59:59.9999999Z",
            "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
            "0001-01-01T00:00:00.1Z, 0001-01-01T00:00:00.1Z",
            "0999-12-31T23:59:59Z, 0999-12-31T23:59:59Z",
            "9999-12-31T23:59:59.9999999Z, 9999-12-31T23:59:59.9999999Z"})
    void formatTrimsTrailingZeros(String instant, String expected) {
        assertThat(TwinTime.format(Instant.parse(instant))).isEqualTo(expected);
    }

    @Test
    void neverIsYearOne() {
        assertThat(TwinTime.NEVER).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(TwinTime.format(TwinTime.NEVER)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(TwinTime.parse("0001-01-01T00:00:00Z")).isEqualTo(TwinTime.NEVER);
    }

    @ParameterizedTest(name = "{0} nanos")
    @CsvSource({
            "123456789, 2024-01-01T00:00:00.123456789Z",
            "123456780, 2024-01-01T00:00:00.12345678Z",
            "1, 2024-01-01T00:00:00.000000001Z",
            "10, 2024-01-01T00:00:00.00000001Z",
            "100, 2024-01-01T00:00:00.0000001Z"})
    void nanosBeyondTicksAreWrittenRatherThanLost(int nanos, String expected) {
        Instant instant = Instant.parse("2024-01-01T00:00:00Z").plusNanos(nanos);

        assertThat(TwinTime.format(instant)).isEqualTo(expected);
        assertThat(TwinTime.parse(expected)).isEqualTo(instant);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2024-01-01T02:00:00+02:00, 2024-01-01T00:00:00Z",
            "2023-12-31T19:30:00.5-04:30, 2024-01-01T00:00:00.5Z",
            "2024-01-01T00:00:00.1234567+00:00, 2024-01-01T00:00:00.1234567Z",
            "2024-01-01T00:00:00.1234567Z, 2024-01-01T00:00:00.1234567Z"})
    void parseAcceptsUtcAndOffsets(String text, String utc) {
        assertThat(TwinTime.parse(text)).isEqualTo(Instant.parse(utc));
    }

    @ParameterizedTest
    @CsvSource({"2024-01-01T00:00:00", "2024-01-01", "yesterday", "''", "2024-13-01T00:00:00Z",
            "2024-01-01 00:00:00Z", "1704067200"})
    void parseRejectsOtherText(String text) {
        assertThatThrownBy(() -> TwinTime.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void toTicksDropsSubTickNanos() {
        Instant base = Instant.parse("2024-01-01T00:00:00Z");

        assertThat(TwinTime.toTicks(base.plusNanos(123_456_789))).isEqualTo(base.plusNanos(123_456_700));
        assertThat(TwinTime.toTicks(base.plusNanos(99))).isEqualTo(base);
        assertThat(TwinTime.toTicks(base.plusNanos(100))).isEqualTo(base.plusNanos(100));
        assertThat(TwinTime.toTicks(TwinTime.NEVER)).isEqualTo(TwinTime.NEVER);
        assertThat(TwinTime.format(TwinTime.toTicks(base.plusNanos(999_999_999))))
                .isEqualTo("2024-01-01T00:00:00.9999999Z");
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> TwinTime.format(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TwinTime.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Property
    void tickInstantsFormatWithAtMostSevenDigitsAndParseBack(
            @ForAll @LongRange(min = FIRST_SECOND, max = LAST_SECOND) long second,
            @ForAll @IntRange(min = 0, max = 9_999_999) int ticks) {
        Instant instant = Instant.ofEpochSecond(second, ticks * 100L);

        String text = TwinTime.format(instant);

        assertThat(text).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{0,6}[1-9])?Z");
        assertThat(TwinTime.parse(text)).isEqualTo(instant);
        assertThat(TwinTime.toTicks(instant)).isEqualTo(instant);
    }

    @Property
    void serviceShapedTextParsesAsTheIsoParserReadsIt(
            @ForAll @IntRange(min = 0, max = 9999) int year, @ForAll @IntRange(min = 0, max = 13) int month,
            @ForAll @IntRange(min = 0, max = 32) int day, @ForAll @IntRange(min = 0, max = 24) int hour,
            @ForAll @IntRange(min = 0, max = 60) int minute, @ForAll @IntRange(min = 0, max = 60) int second,
            @ForAll @IntRange(min = 0, max = 10) int fractionDigits, @ForAll @IntRange(min = 0) int fraction) {
        String digits = fractionDigits == 0 ? "" : "." + String.format("%010d", fraction).substring(10 - fractionDigits);
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", year, month, day, hour, minute, second, digits);

        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> TwinTime.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(TwinTime.parse(text)).as(text).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
            "2024-01-01T00:00:00.1234567890Z", "2024-0a-01T00:00:00Z"})
    void invalidServiceShapedTextIsStillRejected(String text) {
        assertThatThrownBy(() -> TwinTime.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Property
    void formatWritesWhatIsoInstantWritesWithTheFractionTrimmed(
            @ForAll @LongRange(min = -70_000_000_000L, max = 260_000_000_000L) long second,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant instant = Instant.ofEpochSecond(second, nanos);
        String iso = instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String fraction = nanos == 0 ? "" : ("." + String.format("%09d", nanos)).replaceAll("0+$", "");

        assertThat(TwinTime.format(instant)).isEqualTo(iso.substring(0, iso.length() - 1) + fraction + "Z");
    }
}
