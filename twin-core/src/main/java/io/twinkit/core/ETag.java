package io.twinkit.core;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An entity tag, as in a twin's {@code etag} and {@code deviceEtag}: an opaque, case-sensitive string without
 * quotes. IoT Hub's twin etags are the base64 of an 8-byte big-endian counter ({@code AAAAAAAAAAE=} is 1), which
 * {@link #ofCounter(long)} and {@link #counter()} encode and decode.
 *
 * <p>{@link #matchesIfMatch(String)} compares against an {@code If-Match} header in every form real clients send:
 * raw, quoted, weak ({@code W/"..."}) and the wildcard {@code *}. Immutable and thread-safe.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-device-twins#optimistic-concurrency">Optimistic concurrency</a>
 */
public final class ETag {

    private final String value;

    private ETag(String value) {
        this.value = value;
    }

    /**
     * Returns the etag {@code value}, given without surrounding quotes.
     *
     * @throws InvalidIdException if it is empty, or holds a double quote, a control character or whitespace
     */
    public static ETag of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new InvalidIdException("an etag must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || Character.isISOControl(c) || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)) {
                throw new InvalidIdException("etag '" + value + "' has a quote, control character or whitespace at"
                        + " index " + i + "; pass the etag without quotes (use matchesIfMatch for header values)");
            }
        }
        return new ETag(value);
    }

    /**
     * Returns the twin etag for an etag counter: base64 of the counter as an 8-byte big-endian integer.
     *
     * @throws IllegalArgumentException if {@code counter} is negative
     */
    public static ETag ofCounter(long counter) {
        if (counter < 0) {
            throw new IllegalArgumentException("an etag counter must not be negative: " + counter);
        }
        return new ETag(Base64.getEncoder().encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(counter).array()));
    }

    /** Returns the text of the etag, without quotes. */
    public String value() {
        return value;
    }

    /**
     * Returns the counter this etag encodes, if it is exactly what {@link #ofCounter(long)} gives for some counter
     * (as IoT Hub twin etags are).
     */
    public OptionalLong counter() {
        if (value.length() != 12) {
            return OptionalLong.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            if (bytes.length != Long.BYTES) {
                return OptionalLong.empty();
            }
            long counter = ByteBuffer.wrap(bytes).getLong();
            // the decoder ignores stray bits in the last character, so "AAAAAAAAAAF=" would otherwise decode to 1
            return counter >= 0 && ofCounter(counter).value.equals(value) ? OptionalLong.of(counter)
                    : OptionalLong.empty();
        } catch (IllegalArgumentException notBase64) {
            return OptionalLong.empty();
        }
    }

    /**
     * Returns whether an {@code If-Match} header value lets a write through against this etag. The header is
     * trimmed, a leading {@code W/} dropped, then one pair of surrounding double quotes; {@code *} matches anything,
     * anything else must equal this etag exactly. A missing header ({@code null}) matches too.
     */
    public boolean matchesIfMatch(@Nullable String ifMatch) {
        if (ifMatch == null) {
            return true;
        }
        String candidate = normalizeIfMatch(ifMatch);
        return candidate.equals("*") || candidate.equals(value);
    }

    /**
     * Returns the bare etag (or {@code *}) that an {@code If-Match} header value names: trimmed, without a leading
     * {@code W/} and without one pair of surrounding double quotes.
     */
    public static String normalizeIfMatch(String ifMatch) {
        String candidate = ifMatch.trim();
        if (candidate.startsWith("W/")) {
            candidate = candidate.substring(2);
        }
        if (candidate.length() >= 2 && candidate.startsWith("\"") && candidate.endsWith("\"")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        return candidate;
    }

    /** Returns the etag quoted, as an HTTP {@code ETag} or {@code If-Match} header carries it. */
    public String quoted() {
        return '"' + value + '"';
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof ETag other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Returns the text of the etag, without quotes. */
    @Override
    public String toString() {
        return value;
    }
}
