package io.twinkit.core.pnp;

import io.twinkit.core.TwinMappingException;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An IoT Plug and Play writable-property acknowledgement: the wrapper a device reports under the name of a writable
 * property to say which value is in effect and how it answered a desired value.
 *
 * <pre>{@code
 * // "reported": {"targetTemperature": {"value": 21.3, "ac": 200, "av": 3, "ad": "complete"}}
 * WritablePropertyAck ack = WritablePropertyAck.of(JsonNumber.of(21.3), AckCodes.ACCEPTED, 3, "complete");
 *
 * // {"value": 20.0, "ac": 203, "av": 0, "ad": "initialize"}
 * WritablePropertyAck initial = WritablePropertyAck.deviceDefault(JsonNumber.of(20.0), "initialize");
 *
 * // {"value": {"mode": "eco"}, "ac": 200, "av": 7}
 * WritablePropertyAck typed = WritablePropertyAck.acceptedValue(new Settings("eco"), 7);
 * Settings settings = typed.valueAs(Settings.class);
 * }</pre>
 *
 * <ul>
 *   <li>{@code value} ({@link #value()}): the value now in effect, normally the desired value. It holds no JSON
 *       {@code null} anywhere, because in a reported patch a {@code null} deletes instead of storing.</li>
 *   <li>{@code ac} ({@link #code()}): an HTTP-style status from 100 to 599, see {@link AckCodes}.</li>
 *   <li>{@code av} ({@link #version()}): the desired {@code $version} answered, {@code 0} when none is.</li>
 *   <li>{@code ad} ({@link #description()}): an optional human-readable description.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe. Equality compares the four fields, the value by JSON equality (so {@code 20} equals
 * {@code 20.0}). Members other than these four are ignored when reading and not kept.
 */
public final class WritablePropertyAck {

    /** The member that holds the value in effect. */
    public static final String VALUE = "value";
    /** The member that holds the acknowledgement code. */
    public static final String CODE = "ac";
    /** The member that holds the answered desired version. */
    public static final String VERSION = "av";
    /** The member that holds the optional description. */
    public static final String DESCRIPTION = "ad";

    private final JsonValue value;
    private final int code;
    private final long version;
    private final @Nullable String description;

    private WritablePropertyAck(JsonValue value, int code, long version, @Nullable String description) {
        this.value = value;
        this.code = code;
        this.version = version;
        this.description = description;
    }

    /**
     * Returns an ack with any code.
     *
     * @param value the value in effect
     * @param code the acknowledgement code, from 100 to 599
     * @param version the desired {@code $version} answered, or {@code 0}
     * @param description the description, or {@code null} for none
     * @throws IllegalArgumentException if {@code code} is outside 100..599, {@code version} is negative, or
     *     {@code value} is or holds a JSON {@code null}
     */
    public static WritablePropertyAck of(JsonValue value, int code, long version, @Nullable String description) {
        Objects.requireNonNull(value, "value");
        if (code < AckCodes.MIN || code > AckCodes.MAX) {
            throw new IllegalArgumentException("ack code (ac) must be an HTTP-style status from " + AckCodes.MIN
                    + " to " + AckCodes.MAX + " but is " + code);
        }
        if (version < 0) {
            throw new IllegalArgumentException("ack version (av) must not be negative but is " + version);
        }
        requireNoNull(value, VALUE);
        return new WritablePropertyAck(value, code, version, description);
    }

    /**
     * Returns a {@code 200} ack: the device applied the desired value of {@code desiredVersion}.
     *
     * @throws IllegalArgumentException if {@code desiredVersion} is negative or {@code value} holds a JSON
     *     {@code null}
     */
    public static WritablePropertyAck accepted(JsonValue value, long desiredVersion) {
        return of(value, AckCodes.ACCEPTED, desiredVersion, null);
    }

    /**
     * Returns a {@code 202} ack: the device is still applying the desired value of {@code desiredVersion}.
     *
     * @throws IllegalArgumentException if {@code desiredVersion} is negative or {@code value} holds a JSON
     *     {@code null}
     */
    public static WritablePropertyAck inProgress(JsonValue value, long desiredVersion, @Nullable String description) {
        return of(value, AckCodes.IN_PROGRESS, desiredVersion, description);
    }

    /**
     * Returns a {@code 203} ack with {@code av} {@code 0}: the device set the value itself, answering no desired
     * value, e.g. {@code {"value":20.0,"ac":203,"av":0,"ad":"initialize"}}.
     *
     * @throws IllegalArgumentException if {@code value} holds a JSON {@code null}
     */
    public static WritablePropertyAck deviceDefault(JsonValue value, @Nullable String description) {
        return of(value, AckCodes.DEVICE_DEFAULT, 0, description);
    }

    /**
     * Returns a {@code 400} ack: the device rejected the desired value of {@code desiredVersion} and uses
     * {@code value} instead.
     *
     * @throws IllegalArgumentException if {@code desiredVersion} is negative or {@code value} holds a JSON
     *     {@code null}
     */
    public static WritablePropertyAck rejected(JsonValue value, long desiredVersion, String description) {
        return of(value, AckCodes.REJECTED, desiredVersion, Objects.requireNonNull(description, "description"));
    }

    /**
     * Returns a {@code 500} ack: applying the desired value of {@code desiredVersion} failed and the device uses
     * {@code value}.
     *
     * @throws IllegalArgumentException if {@code desiredVersion} is negative or {@code value} holds a JSON
     *     {@code null}
     */
    public static WritablePropertyAck failed(JsonValue value, long desiredVersion, String description) {
        return of(value, AckCodes.FAILED, desiredVersion, Objects.requireNonNull(description, "description"));
    }

    /**
     * Returns a {@code 200} ack whose value is a record, POJO, map, list or scalar converted through
     * {@link TwinJson#standard()}.
     *
     * @throws TwinMappingException if {@code value} cannot be converted to JSON
     * @throws IllegalArgumentException if {@code desiredVersion} is negative or the converted value holds a JSON
     *     {@code null}
     */
    public static WritablePropertyAck acceptedValue(Object value, long desiredVersion) {
        return ofValue(value, AckCodes.ACCEPTED, desiredVersion, null);
    }

    /**
     * Returns an ack with any code whose value is converted through {@link TwinJson#standard()}.
     *
     * @throws TwinMappingException if {@code value} cannot be converted to JSON
     * @throws IllegalArgumentException as {@link #of(JsonValue, int, long, String)} does
     */
    public static WritablePropertyAck ofValue(Object value, int code, long version, @Nullable String description) {
        Objects.requireNonNull(value, "value");
        return of(TwinJson.standard().toJsonValue(value), code, version, description);
    }

    /**
     * Reads an ack from its JSON form.
     *
     * @throws IllegalArgumentException naming the problem if {@code json} is not an object, has no {@code value},
     *     has a {@code null} in {@code value}, has no {@code ac} or {@code av}, {@code ac} is not an integer from
     *     100 to 599, {@code av} is not a non-negative integer, or {@code ad} is neither a string nor {@code null}
     */
    public static WritablePropertyAck fromJson(JsonValue json) {
        Objects.requireNonNull(json, "json");
        // Strict parsing throws instead of returning null.
        return Objects.requireNonNull(parse(json, true));
    }

    /**
     * Reads an ack from its JSON form, or returns empty when {@code json} is not a valid ack (for example a plain
     * reported value, or an object without {@code ac}). Never throws for any JSON value.
     */
    public static Optional<WritablePropertyAck> tryParse(JsonValue json) {
        Objects.requireNonNull(json, "json");
        return Optional.ofNullable(parse(json, false));
    }

    /** Returns the ack; when {@code json} is none, throws if {@code strict} and returns {@code null} if not. */
    private static @Nullable WritablePropertyAck parse(JsonValue json, boolean strict) {
        if (!(json instanceof JsonObject object)) {
            return invalid(strict, json, "an ack must be a JSON object but found " + json.type());
        }
        JsonValue value = object.valueOrNull(VALUE);
        if (value == null) {
            return invalid(strict, json, "member 'value' is missing");
        }
        String nullAt = findNull(value, VALUE);
        if (nullAt != null) {
            return invalid(strict, json, "'" + nullAt + "' is null");
        }
        JsonValue code = object.valueOrNull(CODE);
        if (code == null) {
            return invalid(strict, json, "member 'ac' is missing");
        }
        Long codeValue = integer(code);
        if (codeValue == null) {
            return invalid(strict, json, "'ac' must be an integer but is " + code);
        }
        if (codeValue < AckCodes.MIN || codeValue > AckCodes.MAX) {
            return invalid(strict, json, "'ac' must be from " + AckCodes.MIN + " to " + AckCodes.MAX + " but is "
                    + code);
        }
        JsonValue version = object.valueOrNull(VERSION);
        if (version == null) {
            return invalid(strict, json, "member 'av' is missing");
        }
        Long versionValue = integer(version);
        if (versionValue == null || versionValue < 0) {
            return invalid(strict, json, "'av' must be a non-negative integer but is " + version);
        }
        JsonValue description = object.valueOrNull(DESCRIPTION);
        String text = null;
        if (description instanceof JsonString string) {
            text = string.value();
        } else if (description != null && !description.isNull()) {
            // A null 'ad' is what ackPatch writes to clear a stale description, so it reads as "no description".
            return invalid(strict, json, "'ad' must be a string but is " + description);
        }
        return new WritablePropertyAck(value, codeValue.intValue(), versionValue, text);
    }

    private static @Nullable WritablePropertyAck invalid(boolean strict, JsonValue json, String problem) {
        if (strict) {
            throw new IllegalArgumentException("not a writable-property ack: " + problem + " in " + json);
        }
        return null;
    }

    private static @Nullable Long integer(JsonValue json) {
        if (!(json instanceof JsonNumber number)) {
            return null;
        }
        try {
            // Integral doubles (200.0) are accepted: some device stacks write every number as a double.
            return number.longValue();
        } catch (ArithmeticException notAnInteger) {
            return null;
        }
    }

    private static void requireNoNull(JsonValue value, String path) {
        String nullAt = findNull(value, path);
        if (nullAt != null) {
            throw new IllegalArgumentException("an ack value holds no JSON null, because a null in a reported patch"
                    + " deletes the key, but '" + nullAt + "' is null");
        }
    }

    private static @Nullable String findNull(JsonValue value, String path) {
        if (value.isNull()) {
            return path;
        }
        if (value instanceof JsonObject object) {
            for (int i = 0; i < object.size(); i++) {
                String found = findNull(object.valueAt(i), path + "." + object.keyAt(i));
                if (found != null) {
                    return found;
                }
            }
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                String found = findNull(array.get(i), path + "." + i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Returns the value in effect ({@code value}). */
    public JsonValue value() {
        return value;
    }

    /**
     * Converts the value to a user type through {@link TwinJson#standard()}.
     *
     * @throws TwinMappingException if databind cannot build {@code type} from the value
     */
    public <T> T valueAs(Class<T> type) {
        return TwinJson.standard().fromJsonValue(value, type);
    }

    /** Returns the acknowledgement code ({@code ac}). */
    public int code() {
        return code;
    }

    /** Returns the answered desired {@code $version} ({@code av}); {@code 0} when the ack answers none. */
    public long version() {
        return version;
    }

    /** Returns the description ({@code ad}), if any. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /**
     * Returns the JSON form {@code {"value":…,"ac":…,"av":…,"ad":…}}, without {@code ad} when there is none.
     */
    public JsonObject toJson() {
        JsonObject.Builder builder = JsonObject.builder(4)
                .put(VALUE, value)
                .put(CODE, code)
                .put(VERSION, version);
        if (description != null) {
            builder.put(DESCRIPTION, description);
        }
        return builder.build();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof WritablePropertyAck other
                && code == other.code
                && version == other.version
                && value.equals(other.value)
                && Objects.equals(description, other.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, code, version, description);
    }

    /** Returns the compact JSON text of {@link #toJson()}. */
    @Override
    public String toString() {
        return toJson().toString();
    }
}
