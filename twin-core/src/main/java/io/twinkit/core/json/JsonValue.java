package io.twinkit.core.json;

import io.twinkit.core.error.TwinJsonException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.util.Objects;

/**
 * An immutable JSON value.
 *
 * <p>The implementations are exactly {@link JsonObject}, {@link JsonArray}, {@link JsonString}, {@link JsonNumber},
 * {@link JsonBoolean} and {@link JsonNull}, so a {@code switch} over them is exhaustive. {@code equals} is JSON
 * equality: object member order is ignored, array order matters, and numbers compare by value ({@code 1} equals
 * {@code 1.0}).
 *
 * <p>This interface is also the one way in and out of JSON text: {@link #parse(String)} and its overloads read a
 * value from text, UTF-8 bytes or a stream, {@link #parseObject(String)} and its overloads read an object, and every
 * value writes itself as compact JSON with {@link #toString()}, {@link #toJsonBytes()} and
 * {@link #writeTo(OutputStream)}.
 *
 * <pre>{@code
 * JsonObject body = JsonValue.parseObject(request.body());        // bytes, text or a stream
 * byte[] reply = body.with("seen", JsonValue.of(true)).toJsonBytes();
 * }</pre>
 *
 * <p>Reading builds the immutable values straight from the token stream, keeps integers and doubles apart and never
 * rounds a large integer. Malformed input, an empty document, trailing content, a repeated member name, a number
 * outside the range of a double, and input beyond the streaming limits (objects and arrays nested more than 1,000
 * deep, numbers of more than 1,000 digits, strings of more than 20,000,000 chars, member names of more than 50,000
 * chars) raise {@link io.twinkit.core.error.TwinJsonException} with the line and column; nothing is returned for such
 * input. Writing produces compact UTF-8 JSON in the service format, non-ASCII unescaped; a string or member name that
 * holds an unpaired UTF-16 surrogate, which JSON text can only spell as an escape, is written with escapes for its
 * non-ASCII chars, so that everything read writes back as text that reads as the same value.
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
     * @throws io.twinkit.core.error.TwinJsonException if the text is not one well-formed JSON value (malformed,
     *     empty, trailing content, a repeated member name), with its line and column
     */
    static JsonValue parse(String json) {
        return JsonReader.read(Objects.requireNonNull(json, "json"));
    }

    /**
     * Parses one JSON value from UTF-8 (or UTF-16/32, detected) bytes.
     *
     * @throws io.twinkit.core.error.TwinJsonException if the bytes are not one well-formed JSON value
     */
    static JsonValue parse(byte[] json) {
        return JsonReader.read(Objects.requireNonNull(json, "json"));
    }

    /**
     * Parses one JSON value from a byte stream (UTF-8, or UTF-16/32, detected), which is read to its end but not
     * closed.
     *
     * @throws io.twinkit.core.error.TwinJsonException if the content is not one well-formed JSON value
     * @throws java.io.UncheckedIOException if reading the stream fails
     */
    static JsonValue parse(InputStream json) {
        return JsonReader.read(Objects.requireNonNull(json, "json"));
    }

    /**
     * Parses one JSON value from a character stream, which is read to its end but not closed.
     *
     * @throws io.twinkit.core.error.TwinJsonException if the content is not one well-formed JSON value
     * @throws java.io.UncheckedIOException if reading fails
     */
    static JsonValue parse(Reader json) {
        return JsonReader.read(Objects.requireNonNull(json, "json"));
    }

    /**
     * Parses JSON text that must be an object.
     *
     * @throws io.twinkit.core.error.TwinJsonException if the text is not one well-formed JSON value, or is a value
     *     other than an object
     */
    static JsonObject parseObject(String json) {
        return JsonReader.requireObject(parse(json));
    }

    /**
     * Parses UTF-8 (or UTF-16/32, detected) bytes that must hold an object.
     *
     * @throws io.twinkit.core.error.TwinJsonException if the bytes are not one well-formed JSON value, or hold a
     *     value other than an object
     */
    static JsonObject parseObject(byte[] json) {
        return JsonReader.requireObject(parse(json));
    }

    /**
     * Parses a byte stream that must hold an object; the stream is read to its end but not closed.
     *
     * @throws io.twinkit.core.error.TwinJsonException if the content is not one well-formed JSON value, or is a
     *     value other than an object
     * @throws java.io.UncheckedIOException if reading the stream fails
     */
    static JsonObject parseObject(InputStream json) {
        return JsonReader.requireObject(parse(json));
    }

    /** Returns the compact UTF-8 JSON of this value. */
    default byte[] toJsonBytes() {
        return JsonWriter.toBytes(this);
    }

    /**
     * Writes the compact UTF-8 JSON of this value to {@code out}, which is flushed but not closed.
     *
     * @throws java.io.UncheckedIOException if writing fails
     */
    default void writeTo(OutputStream out) {
        JsonWriter.write(this, Objects.requireNonNull(out, "out"));
    }

    /** Returns the compact JSON text of this value. */
    @Override
    String toString();
}
