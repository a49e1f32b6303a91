package io.twinkit.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * IoT Hub's timestamp format: UTC ISO-8601 with up to seven fractional digits (100 ns ticks) and trailing zeros
 * trimmed, e.g. {@code 2021-09-10T17:03:18.9761939Z}, {@code 2021-09-20T21:58:00.88633Z},
 * {@code 0001-01-01T00:00:00Z}.
 */
public final class TwinTime {

    /** {@code 0001-01-01T00:00:00Z}, which the service reports for "never". */
    public static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

    private TwinTime() {
    }

    /**
     * Formats an instant as the service does. Sub-tick precision, which the service never produces, is written
     * rather than lost: an instant with nanoseconds gets up to nine digits.
     */
    public static String format(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        String text = instant.truncatedTo(ChronoUnit.SECONDS).toString(); // ...:ssZ, year padded as ISO needs
        int nanos = instant.getNano();
        if (nanos == 0) {
            return text;
        }
        StringBuilder fraction = new StringBuilder(10).append('.');
        String digits = Integer.toString(nanos + 1_000_000_000).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        fraction.append(digits, 0, end);
        return text.substring(0, text.length() - 1) + fraction + 'Z';
    }

    /**
     * Parses an ISO-8601 timestamp in UTC ({@code Z}) or with an offset.
     *
     * @throws DateTimeParseException if the text is not such a timestamp
     */
    public static Instant parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** Truncates an instant to the service's precision of 100 ns. */
    public static Instant toTicks(Instant instant) {
        return instant.minusNanos(instant.getNano() % 100);
    }
}
