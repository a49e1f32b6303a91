package io.twinkit.core.json;

import io.twinkit.core.jackson.TwinJson;

/**
 * An immutable JSON value.
 *
 * <p>The implementations are exactly {@link JsonObject}, {@link JsonArray}, {@link JsonString}, {@link JsonNumber},
 * {@link JsonBoolean} and {@link JsonNull}, so a {@code switch} over them is exhaustive. {@code equals} is JSON
 * equality: object member order is ignored, array order matters, and numbers compare by value ({@code 1} equals
 * {@code 1.0}). {@code toString()} is the compact JSON text.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** Returns the kind of this value. */
    JsonType type();

    /** Returns whether this is an object. */
    default boolean isObject() {
        return this instanceof JsonObject;
    }

    /** Returns whether this is an array. */
    default boolean isArray() {
        return this instanceof JsonArray;
    }

    /** Returns whether this is a string. */
    default boolean isString() {
        return this instanceof JsonString;
    }

    /** Returns whether this is a number. */
    default boolean isNumber() {
        return this instanceof JsonNumber;
    }

    /** Returns whether this is a boolean. */
    default boolean isBoolean() {
        return this instanceof JsonBoolean;
    }

    /** Returns whether this is {@code null}. */
    default boolean isNull() {
        return this == JsonNull.INSTANCE;
    }

    /**
     * Returns this value as an object.
     *
     * @throws IllegalStateException if it is not an object
     */
    default JsonObject asObject() {
        if (this instanceof JsonObject o) {
            return o;
        }
        throw new IllegalStateException("expected a JSON object but found " + type());
    }

    /**
     * Returns this value as an array.
     *
     * @throws IllegalStateException if it is not an array
     */
    default JsonArray asArray() {
        if (this instanceof JsonArray a) {
            return a;
        }
        throw new IllegalStateException("expected a JSON array but found " + type());
    }

    /**
     * Returns the text of this string value.
     *
     * @throws IllegalStateException if it is not a string
     */
    default String asString() {
        if (this instanceof JsonString s) {
            return s.value();
        }
        throw new IllegalStateException("expected a JSON string but found " + type());
    }

    /**
     * Returns this value as a number.
     *
     * @throws IllegalStateException if it is not a number
     */
    default JsonNumber asNumber() {
        if (this instanceof JsonNumber n) {
            return n;
        }
        throw new IllegalStateException("expected a JSON number but found " + type());
    }

    /**
     * Returns this boolean value.
     *
     * @throws IllegalStateException if it is not a boolean
     */
    default boolean asBoolean() {
        if (this instanceof JsonBoolean b) {
            return b.value();
        }
        throw new IllegalStateException("expected a JSON boolean but found " + type());
    }

    /** Returns the JSON string value for {@code value}. */
    static JsonString of(String value) {
        return JsonString.of(value);
    }

    /** Returns the JSON integer value for {@code value}. */
    static JsonNumber of(long value) {
        return JsonNumber.of(value);
    }

    /**
     * Returns the JSON double value for {@code value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite, which JSON cannot represent
     */
    static JsonNumber of(double value) {
        return JsonNumber.of(value);
    }

    /** Returns the JSON boolean value for {@code value}. */
    static JsonBoolean of(boolean value) {
        return JsonBoolean.of(value);
    }

    /**
     * Parses JSON text into a value.
     *
     * @throws io.twinkit.core.error.TwinJsonException if the text is not well-formed JSON, with its line and column
     */
    static JsonValue parse(String json) {
        return TwinJson.standard().readValue(json);
    }
}
