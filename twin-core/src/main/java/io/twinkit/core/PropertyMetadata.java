package io.twinkit.core;

import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One node of a section's {@code $metadata} tree: when a value (or object) was last updated, by which section
 * {@code $version}, and, for values written by an automatic device configuration, by which configuration.
 *
 * <p>The tree mirrors the section: {@link #child(String)} is the node of a member. The service keeps a node for every
 * object and leaf and updates every ancestor of a written value; a partial tree (as in some stored twins) is
 * simply missing nodes. The node keeps its JSON form, so unknown {@code $} members survive a round trip;
 * timestamps are parsed when asked for.
 *
 * <p>Immutable and thread-safe; equality is JSON equality of {@link #toJson()}.
 */
public final class PropertyMetadata {

    static final String LAST_UPDATED = "$lastUpdated";
    static final String LAST_UPDATED_VERSION = "$lastUpdatedVersion";
    static final String LAST_UPDATED_BY = "$lastUpdatedBy";
    static final String LAST_UPDATED_BY_DIGEST = "$lastUpdatedByDigest";

    private final JsonObject json;
    private final String path;

    private PropertyMetadata(JsonObject json, String path) {
        this.json = json;
        this.path = path;
    }

    /**
     * Returns the metadata node whose JSON form is {@code json}.
     *
     * @throws TwinJsonException if a known {@code $} member has the wrong type or a child is not an object
     */
    public static PropertyMetadata of(JsonObject json) {
        return of(json, "$metadata");
    }

    static PropertyMetadata of(JsonObject json, String path) {
        Objects.requireNonNull(json, "json");
        check(json, path);
        return new PropertyMetadata(json, path);
    }

    /**
     * Returns a leaf node stamped at {@code lastUpdated}, with {@code lastUpdatedVersion} when it is not negative
     * (desired sections carry it, reported sections do not).
     */
    public static PropertyMetadata stamped(Instant lastUpdated, long lastUpdatedVersion) {
        JsonObject.Builder builder = JsonObject.builder()
                .put(LAST_UPDATED, TwinTime.format(lastUpdated));
        if (lastUpdatedVersion >= 0) {
            builder.put(LAST_UPDATED_VERSION, lastUpdatedVersion);
        }
        return new PropertyMetadata(builder.build(), "$metadata");
    }

    private static void check(JsonObject json, String path) {
        check(json, path, new ArrayList<>(8));
    }

    /** Checks the node at {@code root} followed by {@code below}; the path text is built only for an error. */
    private static void check(JsonObject json, String root, List<String> below) {
        for (int i = 0, size = json.size(); i < size; i++) {
            String key = json.keyAt(i);
            JsonValue value = json.valueAt(i);
            // names read from text are interned, so the service's own members are mostly recognised by identity
            if (key == LAST_UPDATED) {
                if (!(value instanceof JsonString)) {
                    throw new TwinJsonException(key + " must be a string but is " + value.type(),
                            pathOf(root, below, key));
                }
            } else if (!key.isEmpty() && key.charAt(0) == '$') {
                // the service's own members; other $ members are kept unchecked
                if (key.equals(LAST_UPDATED) || key.equals(LAST_UPDATED_BY) || key.equals(LAST_UPDATED_BY_DIGEST)) {
                    if (!(value instanceof JsonString)) {
                        throw new TwinJsonException(key + " must be a string but is " + value.type(),
                                pathOf(root, below, key));
                    }
                } else if (key.equals(LAST_UPDATED_VERSION)) {
                    if (!(value instanceof JsonNumber number) || !number.fitsInLong()) {
                        throw new TwinJsonException(key + " must be an integer but is " + value,
                                pathOf(root, below, key));
                    }
                }
            } else if (value instanceof JsonObject child) {
                below.add(key);
                check(child, root, below);
                below.remove(below.size() - 1);
            } else {
                throw new TwinJsonException("a metadata node must be an object but is " + value.type(),
                        pathOf(root, below, key));
            }
        }
    }

    private static String pathOf(String root, List<String> below, String key) {
        StringBuilder path = new StringBuilder(root);
        for (String segment : below) {
            path.append('.').append(segment);
        }
        return path.append('.').append(key).toString();
    }

    /**
     * Returns {@code $lastUpdated}, if present.
     *
     * @throws TwinJsonException if it is not an ISO-8601 timestamp
     */
    public Optional<Instant> lastUpdated() {
        JsonValue value = json.valueOrNull(LAST_UPDATED);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TwinTime.parse(value.asString()));
        } catch (DateTimeParseException e) {
            throw new TwinJsonException("$lastUpdated is not an ISO-8601 timestamp: " + value, path + "." + LAST_UPDATED);
        }
    }

    /** Returns {@code $lastUpdatedVersion}, the desired {@code $version} that last wrote this node, if present. */
    public OptionalLong lastUpdatedVersion() {
        JsonValue value = json.valueOrNull(LAST_UPDATED_VERSION);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value.asNumber().longValue());
    }

    /** Returns {@code $lastUpdatedBy}, the id of the configuration that wrote the value, if present. */
    public Optional<String> lastUpdatedBy() {
        return Optional.ofNullable(json.valueOrNull(LAST_UPDATED_BY)).map(JsonValue::asString);
    }

    /** Returns {@code $lastUpdatedByDigest}, which goes with {@link #lastUpdatedBy()}, if present. */
    public Optional<String> lastUpdatedByDigest() {
        return Optional.ofNullable(json.valueOrNull(LAST_UPDATED_BY_DIGEST)).map(JsonValue::asString);
    }

    /** Returns the node of member {@code key}, if the tree has one. */
    public Optional<PropertyMetadata> child(String key) {
        return Optional.ofNullable(childOrNull(key));
    }

    private @Nullable PropertyMetadata childOrNull(String key) {
        if (key.startsWith("$")) {
            return null;
        }
        JsonValue value = json.valueOrNull(key);
        return value instanceof JsonObject child ? new PropertyMetadata(child, path + "." + key) : null;
    }

    /** Returns the node at {@code path} below this one, if the tree has one; the root path gives this node. */
    public Optional<PropertyMetadata> at(TwinPath path) {
        PropertyMetadata node = this;
        for (int i = 0; i < path.size() && node != null; i++) {
            node = node.childOrNull(path.segment(i));
        }
        return Optional.ofNullable(node);
    }

    /**
     * Returns the deepest node on {@code path} (this one, or a descendant) that carries {@code $lastUpdated}; for a
     * partial tree this is the nearest ancestor that was stamped.
     */
    public PropertyMetadata nearest(TwinPath path) {
        PropertyMetadata best = this;
        PropertyMetadata node = this;
        for (int i = 0; i < path.size(); i++) {
            node = node.childOrNull(path.segment(i));
            if (node == null) {
                break;
            }
            if (node.json.contains(LAST_UPDATED)) {
                best = node;
            }
        }
        return best;
    }

    /** Returns the names of the members that have child nodes, in member order. */
    public List<String> childNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            if (!json.keyAt(i).startsWith("$")) {
                names.add(json.keyAt(i));
            }
        }
        return List.copyOf(names);
    }

    /** Returns a copy with {@code child} as the node of member {@code key}. */
    public PropertyMetadata withChild(String key, PropertyMetadata child) {
        if (key.startsWith("$")) {
            throw new IllegalArgumentException("metadata children are named after property keys, which never start with"
                    + " '$': " + key);
        }
        return new PropertyMetadata(json.with(key, child.json), path);
    }

    /** Returns the JSON form of the node and its subtree. */
    public JsonObject toJson() {
        return json;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof PropertyMetadata other && json.equals(other.json);
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
}
