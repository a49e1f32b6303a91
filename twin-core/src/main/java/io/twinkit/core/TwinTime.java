package io.twinkit.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * IoT Hub's timestamp format: UTC ISO-8601 with up to seven fractional digits (100 ns ticks) and trailing zeros
 * trimmed, e.g. {@code 2021-09-10T17:03:18.9761939Z}, {@code 2021-09-20T21:58:00.88633Z},
 * {@code 0001-01-01T00:00:00Z}.
 */
public final class TwinTime {

    /** {@code 0001-01-01T00:00:00Z}, which the service reports for "never". */
    public static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

    private static final long FIRST_FOUR_DIGIT_YEAR_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long FIRST_FIVE_DIGIT_YEAR_SECOND = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    private TwinTime() {
    }

    /**
     * Formats an instant as the service does. Sub-tick precision, which the service never produces, is written
     * rather than lost: an instant with nanoseconds gets up to nine digits.
     */
    public static String format(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        long seconds = instant.getEpochSecond();
        StringBuilder text = new StringBuilder(30);
        if (seconds >= FIRST_FOUR_DIGIT_YEAR_SECOND && seconds < FIRST_FIVE_DIGIT_YEAR_SECOND) {
            // the service's years: written here rather than by ISO_INSTANT, which is slow for a value so common
            LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
            int secondOfDay = (int) Math.floorMod(seconds, 86_400);
            pad(text, date.getYear(), 4).append('-');
            pad(text, date.getMonthValue(), 2).append('-');
            pad(text, date.getDayOfMonth(), 2).append('T');
            pad(text, secondOfDay / 3_600, 2).append(':');
            pad(text, secondOfDay / 60 % 60, 2).append(':');
            pad(text, secondOfDay % 60, 2);
        } else {
            String iso = instant.truncatedTo(ChronoUnit.SECONDS).toString(); // ...:ssZ, year padded as ISO needs
            text.append(iso, 0, iso.length() - 1);
        }
        int nanos = instant.getNano();
        if (nanos != 0) {
            String digits = Integer.toString(nanos + 1_000_000_000).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        return text.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        for (int digits = value == 0 ? 1 : (int) Math.log10(value) + 1; digits < width; digits++) {
            text.append('0');
        }
        return text.append(value);
    }

    /**
     * Parses an ISO-8601 timestamp in UTC ({@code Z}) or with an offset.
     *
     * @throws DateTimeParseException if the text is not such a timestamp
     */
    public static Instant parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        Instant utc = parseServiceFormat(text);
        if (utc != null) {
            return utc;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /**
     * Parses the service's own shape, {@code yyyy-MM-ddTHH:mm:ss} with an optional fraction of one to nine digits and
     * {@code Z}, without the general-purpose formatter (twins carry many timestamps); {@code null} for any other text,
     * including invalid dates and leap seconds, which the general parser then accepts or rejects.
     */
    private static @Nullable Instant parseServiceFormat(CharSequence text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} decimal digits at {@code start}, or -1 if one of them is not a digit. */
    private static int digits(CharSequence text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Truncates an instant to the service's precision of 100 ns. */
    public static Instant toTicks(Instant instant) {
        return instant.minusNanos(instant.getNano() % 100);
    }
}
