package io.twinkit.core;

import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.json.JsonValueSink;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The content of a twin section ({@code tags}, or the user keys of {@code properties.desired} or
 * {@code properties.reported}): an immutable JSON object with path navigation.
 *
 * <p>A property set is a stored document, so it never holds {@code null}: a key is either present with a value or
 * absent. Deleting is what a {@link MergePatch} does. Construction checks that invariant once; IoT Hub's limits
 * (key characters, sizes, depth) are checked separately by {@link io.twinkit.core.validation.TwinValidator}, so a
 * set read from the service is never rejected by a stale client-side rule.
 *
 * <pre>{@code
 * PropertySet tags = PropertySet.builder()
 *         .put("location.region", "US")
 *         .put("location.plant", "Redmond43")
 *         .build();                                   // {"location":{"region":"US","plant":"Redmond43"}}
 * tags.getString("location.plant");                   // Optional[Redmond43]
 * }</pre>
 *
 * <p>A path given as a {@code String} is read with {@link TwinPath#parse(String)} ({@code location.plant}, or
 * {@code a['key.with.dots']} for a key that is not a plain name) and a malformed one throws
 * {@link IllegalArgumentException}.
 *
 * <p>Records and POJOs map to and from property sets through the databind bridge,
 * {@code io.twinkit.core.jackson.TwinJson} ({@code toPropertySet}, {@code toValue}, {@code toJsonValue}), which
 * depends on this package and not the other way round.
 *
 * <p>Immutable and thread-safe; equality is JSON equality of {@link #toJson()}.
 */
public final class PropertySet {

    private static final PropertySet EMPTY = new PropertySet(JsonObject.empty());

    private final JsonObject json;

    private PropertySet(JsonObject json) {
        this.json = json;
    }

    /** Returns the empty property set. */
    public static PropertySet empty() {
        return EMPTY;
    }

    /**
     * Returns the property set whose JSON form is {@code json}.
     *
     * @throws IllegalArgumentException if {@code json} holds a {@code null} anywhere, naming its path
     */
    public static PropertySet of(JsonObject json) {
        requireNoNulls(json, "");
        return trusted(json);
    }

    /**
     * Parses a property set from JSON text.
     *
     * @throws TwinJsonException if the text is malformed or not an object
     * @throws IllegalArgumentException if it holds a {@code null}
     */
    public static PropertySet parse(String json) {
        return of(JsonValue.parseObject(json));
    }

    /** Returns a new, empty builder. */
    public static Builder builder() {
        return new Builder(JsonObject.empty());
    }

    static PropertySet trusted(JsonObject json) {
        return json.isEmpty() ? EMPTY : new PropertySet(json);
    }

    /** Returns the JSON object form. */
    public JsonObject toJson() {
        return json;
    }

    /** Returns whether there are no properties. */
    public boolean isEmpty() {
        return json.isEmpty();
    }

    /** Returns the number of top-level keys. */
    public int size() {
        return json.size();
    }

    /** Returns the top-level keys, in member order. */
    public List<String> keys() {
        return json.keys();
    }

    /** Returns the value at a path in {@linkplain TwinPath#parse text form}, if present. */
    public Optional<JsonValue> get(String path) {
        return get(TwinPath.parse(path));
    }

    /** Returns the value at {@code path}, if present; the root path gives the whole object. */
    public Optional<JsonValue> get(TwinPath path) {
        return Optional.ofNullable(find(json, path));
    }

    /** Returns whether a value is present at a path in {@linkplain TwinPath#parse text form}. */
    public boolean contains(String path) {
        return find(json, TwinPath.parse(path)) != null;
    }

    /** Returns the string at a path in {@linkplain TwinPath#parse text form}, if there is a string there. */
    public Optional<String> getString(String path) {
        return get(path).filter(JsonValue::isString).map(JsonValue::asString);
    }

    /**
     * Returns the number at a path in {@linkplain TwinPath#parse text form} as a {@code long}, if its value is integral and fits (the double
     * {@code 2.0} gives 2; {@code 2.5} gives nothing).
     */
    public OptionalLong getLong(String path) {
        JsonValue value = find(json, TwinPath.parse(path));
        if (value instanceof JsonNumber number) {
            try {
                return OptionalLong.of(number.longValue());
            } catch (ArithmeticException notIntegral) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** Returns the number at a path in {@linkplain TwinPath#parse text form} as a double, if there is a number there. */
    public OptionalDouble getDouble(String path) {
        JsonValue value = find(json, TwinPath.parse(path));
        return value instanceof JsonNumber number ? OptionalDouble.of(number.doubleValue()) : OptionalDouble.empty();
    }

    /** Returns the boolean at a path in {@linkplain TwinPath#parse text form}, if there is a boolean there. */
    public Optional<Boolean> getBoolean(String path) {
        return get(path).filter(JsonValue::isBoolean).map(JsonValue::asBoolean);
    }

    /** Returns the object at a path in {@linkplain TwinPath#parse text form} as a property set, if there is an object there. */
    public Optional<PropertySet> getObject(String path) {
        return get(path).filter(JsonValue::isObject).map(value -> trusted(value.asObject()));
    }

    /**
     * Returns a copy with {@code value} at {@code path}, creating (or replacing non-objects by) intermediate objects.
     *
     * @throws IllegalArgumentException if {@code value} holds a {@code null}, or {@code path} is the root
     */
    public PropertySet with(String path, JsonValue value) {
        return builder(this).put(path, value).build();
    }

    /** Returns a copy without the value at a path in {@linkplain TwinPath#parse text form}; the same set if there is none. */
    public PropertySet without(String path) {
        return builder(this).remove(path).build();
    }

    /** Returns this set with {@code patch} applied (see {@link MergePatch#applyTo(PropertySet)}). */
    public PropertySet merge(MergePatch patch) {
        return patch.applyTo(this);
    }

    /** Returns the minimal patch that turns this set into {@code target}. */
    public MergePatch diff(PropertySet target) {
        return MergePatch.compute(this, target);
    }

    /** Returns a builder that starts from {@code base}. */
    public static Builder builder(PropertySet base) {
        return new Builder(base.json);
    }

    /**
     * Returns the value at {@code path} below {@code root} ({@code root} itself for the root path), or {@code null}
     * when a key is missing or a segment would step into a non-object. The one path lookup of property sets and of
     * {@link MergePatch#valueAt}.
     */
    static @Nullable JsonValue find(JsonObject root, TwinPath path) {
        JsonValue current = root;
        for (int i = 0; i < path.size(); i++) {
            if (!(current instanceof JsonObject object)) {
                return null;
            }
            current = object.valueOrNull(path.segment(i));
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** Returns {@code object} with {@code value} at {@code path} (from segment {@code depth} on), sharing the rest. */
    static JsonObject putAt(JsonObject object, TwinPath path, int depth, JsonValue value) {
        String key = path.segment(depth);
        if (depth == path.size() - 1) {
            return object.with(key, value);
        }
        JsonValue existing = object.valueOrNull(key);
        JsonObject child = existing instanceof JsonObject nested ? nested : JsonObject.empty();
        return object.with(key, putAt(child, path, depth + 1, value));
    }

    private static JsonObject removeAt(JsonObject object, TwinPath path, int depth) {
        String key = path.segment(depth);
        if (depth == path.size() - 1) {
            return object.without(key);
        }
        JsonValue existing = object.valueOrNull(key);
        if (!(existing instanceof JsonObject nested)) {
            return object;
        }
        JsonObject updated = removeAt(nested, path, depth + 1);
        return updated == nested ? object : object.with(key, updated);
    }

    private static void requireNoNulls(JsonValue value, String path) {
        String nullPath = findNull(value, path);
        if (nullPath != null) {
            throw new IllegalArgumentException(nullMessage(nullPath));
        }
    }

    /** Returns the path of the first {@code null} inside {@code value}, which sits at {@code path}; null if none. */
    static @Nullable String findNull(JsonValue value, String path) {
        return holdsNull(value, true) ? pathOfNull(value, path, true) : null;
    }

    static String nullMessage(String path) {
        return "a property set holds no null, but '" + path + "' is null; to delete a key, apply a MergePatch";
    }

    /** Checks that no array inside {@code value} holds a null, so that applying a patch yields a valid set. */
    static void requireNoNullInArrays(JsonValue value, String path) {
        if (holdsNull(value, false)) {
            throw new IllegalArgumentException("a property set holds no null, but '" + pathOfNull(value, path, false)
                    + "' is null inside an array; IoT Hub rejects null in arrays");
        }
    }

    /** Returns whether {@code value} holds a null: anywhere, or (when {@code outsideArrays} is false) in an array. */
    private static boolean holdsNull(JsonValue value, boolean outsideArrays) {
        if (value instanceof JsonObject object) {
            for (int i = 0; i < object.size(); i++) {
                if (holdsNull(object.valueAt(i), outsideArrays)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (holdsNull(array.get(i), true)) {
                    return true;
                }
            }
            return false;
        }
        return outsideArrays && value.isNull();
    }

    /** Returns the path of the first null {@link #holdsNull} finds; only called when there is one. */
    private static String pathOfNull(JsonValue value, String path, boolean outsideArrays) {
        if (value instanceof JsonObject object) {
            for (int i = 0; i < object.size(); i++) {
                if (holdsNull(object.valueAt(i), outsideArrays)) {
                    return pathOfNull(object.valueAt(i), join(path, object.keyAt(i)), outsideArrays);
                }
            }
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (holdsNull(array.get(i), true)) {
                    return pathOfNull(array.get(i), join(path, Integer.toString(i)), true);
                }
            }
        }
        return path;
    }

    private static String join(String path, String segment) {
        return path.isEmpty() ? segment : path + "." + segment;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof PropertySet other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** Returns the compact JSON text. */
    @Override
    public String toString() {
        return json.toString();
    }

    /**
     * Builds a property set path by path; the string, number and boolean overloads of {@code put} come from
     * {@link JsonValueSink}. Not thread-safe.
     */
    public static final class Builder implements JsonValueSink<Builder> {
        private JsonObject json;

        private Builder(JsonObject json) {
            this.json = json;
        }

        /**
         * Puts {@code value} at a path in {@linkplain TwinPath#parse text form}, creating intermediate objects (and replacing non-object values on the
         * way).
         *
         * @throws IllegalArgumentException if {@code value} holds a {@code null} or the path is empty
         */
        @Override
        public Builder put(String path, JsonValue value) {
            return put(TwinPath.parse(path), value);
        }

        /**
         * Puts {@code value} at {@code path}.
         *
         * @throws IllegalArgumentException if {@code value} holds a {@code null} or the path is the root
         */
        public Builder put(TwinPath path, JsonValue value) {
            Objects.requireNonNull(value, "value");
            if (path.isRoot()) {
                throw new IllegalArgumentException("cannot put a value at the root of a property set; name a key");
            }
            requireNoNulls(value, path.toString());
            json = putAt(json, path, 0, value);
            return this;
        }

        /** Removes the value at a path in {@linkplain TwinPath#parse text form}, if any. */
        public Builder remove(String path) {
            TwinPath parsed = TwinPath.parse(path);
            if (!parsed.isRoot()) {
                json = removeAt(json, parsed, 0);
            }
            return this;
        }

        /** Returns the property set built so far. */
        public PropertySet build() {
            return trusted(json);
        }

    }
}
