package io.twinkit.core;

import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.json.JsonValueSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JSON merge patch (RFC 7386) over a twin section, with IoT Hub's rules: a {@code null} member deletes the key
 * (deleting a missing key does nothing), an object member merges recursively (starting from {@code {}} when the
 * target has no object there), and any other value, arrays included, replaces the target value whole.
 *
 * <p>"Absent" and "delete" are different things: a key that is not in the patch is left alone, a key that maps to
 * {@code null} is removed. {@link Builder#delete(String)} says the latter explicitly.
 *
 * <pre>{@code
 * MergePatch patch = MergePatch.builder()
 *         .set("location.plant", "Redmond43")   // {"location":{"plant":"Redmond43","floor":null}}
 *         .delete("location.floor")
 *         .build();
 * JsonObject updated = patch.applyTo(tags);
 * MergePatch back = MergePatch.compute(updated, tags);   // the minimal patch that undoes it
 * }</pre>
 *
 * <p>{@link #applyTo(JsonObject)} shares every untouched subtree with its input, and {@link #compute} skips any pair
 * of subtrees that are the same instance, so diffing a document against its patched successor costs time in
 * proportion to what changed. Otherwise {@code compute} is linear in the size of both documents.
 *
 * <p>A patch is immutable and thread-safe; equality is JSON equality of {@link #toJson()}. Applying does not check
 * IoT Hub's limits: use {@link io.twinkit.core.validation.TwinValidator} for that.
 */
public final class MergePatch {

    private static final MergePatch EMPTY = new MergePatch(JsonObject.empty());

    private final JsonObject json;

    private MergePatch(JsonObject json) {
        this.json = json;
    }

    /** Returns the patch that changes nothing. */
    public static MergePatch empty() {
        return EMPTY;
    }

    /** Returns the patch whose JSON form is {@code json}. */
    public static MergePatch of(JsonObject json) {
        Objects.requireNonNull(json, "json");
        return json.isEmpty() ? EMPTY : new MergePatch(json);
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Computes the minimal patch that turns {@code from} into {@code to}: removed keys map to {@code null}, added
     * keys to their new value, objects on both sides are diffed recursively (and left out when equal), and any
     * other pair is included only when the values differ under JSON equality. {@code apply(from, compute(from, to))}
     * equals {@code to}.
     */
    public static MergePatch compute(JsonObject from, JsonObject to) {
        return of(diff(from, to, null, null));
    }

    /** Computes the minimal patch between two property sets. */
    public static MergePatch compute(PropertySet from, PropertySet to) {
        return compute(from.toJson(), to.toJson());
    }

    /** Visible for tests: the same as {@link #compute} but reports every pair of values it actually compares. */
    static MergePatch compute(JsonObject from, JsonObject to, DiffProbe probe) {
        return of(diff(from, to, probe, new ArrayList<>()));
    }

    /** Receives each path at which {@link #compute} compares two distinct value instances. */
    interface DiffProbe {
        void compared(List<String> path);
    }

    /** Returns the JSON form of the patch, with {@code null} members as deletion markers. */
    public JsonObject toJson() {
        return json;
    }

    /** Returns whether this patch changes nothing. */
    public boolean isEmpty() {
        return json.isEmpty();
    }

    /**
     * Returns the raw patch value at {@code path}: {@link JsonNull#INSTANCE} for a deletion, an object for a nested
     * merge, or the replacement value; empty when the patch does not mention the path.
     */
    public Optional<JsonValue> valueAt(TwinPath path) {
        return Optional.ofNullable(PropertySet.find(json, path));
    }

    /** Returns whether this patch deletes the key at {@code path}. */
    public boolean deletes(TwinPath path) {
        return valueAt(path).map(JsonValue::isNull).orElse(false);
    }

    /**
     * Returns the leaf operations of this patch in member order: one per deleted key and one per replaced value.
     * A nested object that holds no member (as in {@code {"a":{}}}) is reported as setting {@code {}}, which is what
     * it does when the target has no object there.
     */
    public List<Change> changes() {
        List<Change> changes = new ArrayList<>();
        collect(TwinPath.root(), json, changes);
        return List.copyOf(changes);
    }

    private static void collect(TwinPath at, JsonObject object, List<Change> out) {
        for (int i = 0; i < object.size(); i++) {
            TwinPath path = at.child(object.keyAt(i));
            JsonValue value = object.valueAt(i);
            if (value instanceof JsonObject nested && !nested.isEmpty()) {
                collect(path, nested, out);
            } else {
                out.add(new Change(path, value.isNull() ? null : value));
            }
        }
    }

    /**
     * Applies this patch to {@code target}, returning the result; {@code target} itself is unchanged and every
     * subtree the patch does not touch is shared with the result. Returns {@code target} when nothing changes.
     */
    public JsonObject applyTo(JsonObject target) {
        Objects.requireNonNull(target, "target");
        return apply(target, json);
    }

    /**
     * Applies this patch to a property set.
     *
     * @throws IllegalArgumentException if the patch puts a {@code null} inside an array, which a property set cannot
     *     hold
     */
    public PropertySet applyTo(PropertySet target) {
        PropertySet.requireNoNullInArrays(json, "");
        return PropertySet.trusted(apply(target.toJson(), json));
    }

    static JsonObject apply(JsonObject target, JsonObject patch) {
        int size = patch.size();
        if (size == 0) {
            return target;
        }
        JsonObject.Builder builder = null;
        for (int i = 0; i < size; i++) {
            String key = patch.keyAt(i);
            JsonValue change = patch.valueAt(i);
            JsonValue current = builder == null ? target.valueOrNull(key) : builder.valueOrNull(key);
            JsonValue next;
            if (change.isNull()) {
                if (current == null) {
                    continue;
                }
                if (builder == null) {
                    builder = target.toBuilder();
                }
                builder.remove(key);
                continue;
            } else if (change instanceof JsonObject nested) {
                JsonObject base = current instanceof JsonObject existing ? existing : JsonObject.empty();
                next = apply(base, nested);
            } else {
                next = change;
            }
            if (!sameScalar(current, next)) {
                if (builder == null) {
                    builder = target.toBuilder();
                }
                builder.put(key, next);
            }
        }
        return builder == null ? target : builder.build();
    }

    /**
     * Whether storing {@code next} in place of {@code current} would change nothing at all. A patch read from JSON
     * carries fresh instances, so identity alone would copy the target for every re-sent value; numbers must also
     * keep their kind (integer or double) and the sign of a zero, which JSON equality ignores.
     */
    private static boolean sameScalar(@Nullable JsonValue current, JsonValue next) {
        if (current == next) {
            return true;
        }
        if (current instanceof JsonString) {
            return current.equals(next);
        }
        if (current instanceof JsonNumber a && next instanceof JsonNumber b && a.isIntegral() == b.isIntegral()) {
            return a.isIntegral()
                    ? a.equals(b)
                    : Double.doubleToLongBits(a.doubleValue()) == Double.doubleToLongBits(b.doubleValue());
        }
        return false;
    }

    private static JsonObject diff(JsonObject from, JsonObject to, @Nullable DiffProbe probe,
                                   @Nullable List<String> path) {
        if (from == to) {
            return JsonObject.empty();
        }
        if (probe != null) {
            probe.compared(List.copyOf(path));
        }
        JsonObject.Builder out = null;
        int fromSize = from.size();
        int toSize = to.size();
        boolean sameLayout = fromSize == toSize;
        for (int i = 0; i < fromSize; i++) {
            String key = from.keyAt(i);
            JsonValue before = from.valueAt(i);
            JsonValue after;
            if (i < toSize && key.equals(to.keyAt(i))) {
                after = to.valueAt(i);
            } else {
                sameLayout = false;
                after = to.valueOrNull(key);
            }
            if (after == before) {
                continue;
            }
            JsonValue change;
            if (after == null) {
                change = JsonNull.INSTANCE;
            } else if (before instanceof JsonObject beforeObject && after instanceof JsonObject afterObject) {
                if (path != null) {
                    path.add(key);
                }
                JsonObject nested = diff(beforeObject, afterObject, probe, path);
                if (path != null) {
                    path.remove(path.size() - 1);
                }
                if (nested.isEmpty()) {
                    continue;
                }
                change = nested;
            } else {
                if (probe != null) {
                    path.add(key);
                    probe.compared(List.copyOf(path));
                    path.remove(path.size() - 1);
                }
                if (before.equals(after)) {
                    continue;
                }
                change = after;
            }
            if (out == null) {
                out = JsonObject.builder();
            }
            out.put(key, change);
        }
        if (!sameLayout) {
            for (int i = 0; i < toSize; i++) {
                String key = to.keyAt(i);
                if (!from.contains(key)) {
                    if (out == null) {
                        out = JsonObject.builder();
                    }
                    out.put(key, to.valueAt(i));
                }
            }
        }
        return out == null ? JsonObject.empty() : out.build();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof MergePatch other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** Returns the compact JSON text of the patch. */
    @Override
    public String toString() {
        return json.toString();
    }

    /**
     * One leaf operation of a patch.
     *
     * @param path where it applies
     * @param value the new value, or {@code null} when the key is deleted
     */
    public record Change(TwinPath path, @Nullable JsonValue value) {
        /** Creates a change. */
        public Change {
            Objects.requireNonNull(path, "path");
        }

        /** Returns whether this change deletes the key. */
        public boolean isDeletion() {
            return value == null;
        }
    }

    /**
     * Builds a patch path by path. A later call wins over an earlier one for the same path; setting a value below a
     * path that an earlier call deleted or replaced turns that entry into a nested merge. {@code put} is another name
     * for {@code set}, which lets the builder take its string, number and boolean conversions from
     * {@link JsonValueSink}. A path given as a {@code String} is read with {@link TwinPath#parse(String)}; a malformed
     * one throws {@link IllegalArgumentException}. Not thread-safe.
     */
    public static final class Builder implements JsonValueSink<Builder> {
        private JsonObject json = JsonObject.empty();

        private Builder() {
        }

        /** Sets the value at a path in {@linkplain TwinPath#parse text form}. */
        public Builder set(String path, JsonValue value) {
            return set(TwinPath.parse(path), value);
        }

        /** Sets the value at {@code path}; {@link JsonNull#INSTANCE} deletes, like {@link #delete(TwinPath)}. */
        public Builder set(TwinPath path, JsonValue value) {
            Objects.requireNonNull(value, "value");
            if (path.isRoot()) {
                throw new IllegalArgumentException("a merge patch cannot replace the whole section; name a key");
            }
            json = PropertySet.putAt(json, path, 0, value);
            return this;
        }

        /** Sets the value at a path in {@linkplain TwinPath#parse text form}, the same as {@link #set(String, JsonValue)}. */
        @Override
        public Builder put(String path, JsonValue value) {
            return set(path, value);
        }

        /** Sets a string at a path in {@linkplain TwinPath#parse text form}. */
        public Builder set(String path, String value) {
            return put(path, value);
        }

        /** Sets an integer at a path in {@linkplain TwinPath#parse text form}. */
        public Builder set(String path, long value) {
            return put(path, value);
        }

        /** Sets a double at a path in {@linkplain TwinPath#parse text form}. */
        public Builder set(String path, double value) {
            return put(path, value);
        }

        /** Sets a boolean at a path in {@linkplain TwinPath#parse text form}. */
        public Builder set(String path, boolean value) {
            return put(path, value);
        }

        /** Deletes the key at a path in {@linkplain TwinPath#parse text form}. */
        public Builder delete(String path) {
            return set(path, JsonNull.INSTANCE);
        }

        /** Deletes the key at {@code path}. */
        public Builder delete(TwinPath path) {
            return set(path, JsonNull.INSTANCE);
        }

        /** Returns the patch built so far. */
        public MergePatch build() {
            return of(json);
        }
    }
}
