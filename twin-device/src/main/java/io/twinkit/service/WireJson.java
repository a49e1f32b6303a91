package io.twinkit.service;

import io.twinkit.core.TwinTime;
import io.twinkit.core.WireNamed;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reading the members of the JSON the hub sends for jobs and configurations, leniently: a member of another type than
 * expected counts as absent, so an answer with a field the client does not need in an unexpected shape still reads.
 */
final class WireJson {

    private WireJson() {
    }

    /** Returns the string member {@code key}, if it is one. */
    static Optional<String> string(JsonObject json, String key) {
        return json.valueOrNull(key) instanceof JsonString string ? Optional.of(string.value()) : Optional.empty();
    }

    /** Returns the constant of {@code type} the string member {@code key} names (in any case), else {@code fallback}. */
    static <E extends Enum<E> & WireNamed> E constant(JsonObject json, String key, Class<E> type, E fallback) {
        Optional<String> name = string(json, key);
        if (name.isEmpty()) {
            return fallback;
        }
        try {
            return WireNamed.fromWireName(type, name.get());
        } catch (IllegalArgumentException unknown) {
            return fallback;
        }
    }

    /** Returns the object member {@code key}, or an empty object. */
    static JsonObject object(JsonObject json, String key) {
        return json.valueOrNull(key) instanceof JsonObject object ? object : JsonObject.empty();
    }

    /** Returns the integer member {@code key} if it is one that fits in a long, else {@code fallback}. */
    static long integer(JsonObject json, String key, long fallback) {
        JsonValue value = json.valueOrNull(key);
        return value instanceof JsonNumber number && number.isIntegral() && number.fitsInLong() ? number.longValue()
                : fallback;
    }

    /**
     * Returns the timestamp member {@code key}: ISO-8601 with {@code Z} or an offset, or without either, as
     * configurations write it ({@code 2030-01-01T00:00:00.123}), read as UTC; absent when it is missing, unreadable or
     * the service's "never" ({@code 0001-01-01T00:00:00}).
     */
    static @Nullable Instant time(JsonObject json, String key) {
        Optional<String> text = string(json, key);
        if (text.isEmpty()) {
            return null;
        }
        Instant time;
        try {
            time = TwinTime.parse(text.get());
        } catch (DateTimeParseException withoutZone) {
            try {
                time = TwinTime.parse(text.get() + "Z");
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
        return time.equals(TwinTime.NEVER) ? null : time;
    }
}
