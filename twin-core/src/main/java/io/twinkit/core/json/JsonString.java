package io.twinkit.core.json;

import java.util.Objects;

/**
 * A JSON string. Strings compare code unit by code unit, with no Unicode normalisation.
 *
 * @param value the text
 */
public record JsonString(String value) implements JsonValue {

    private static final JsonString EMPTY = new JsonString("");

    /** Creates a string value; prefer {@link #of(String)}. */
    public JsonString {
        Objects.requireNonNull(value, "value");
    }

    /** Returns the JSON string for {@code value}. */
    public static JsonString of(String value) {
        return value.isEmpty() ? EMPTY : new JsonString(value);
    }

    @Override
    public JsonType type() {
        return JsonType.STRING;
    }

    /** Returns the JSON text of this string, quoted and escaped. */
    @Override
    public String toString() {
        return JsonWriter.toText(this);
    }
}
