package io.twinkit.core;

import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * {@code properties.desired} or {@code properties.reported} as the service returns it: the user properties plus the
 * read-only {@code $version} and {@code $metadata}.
 *
 * <pre>{@code
 * PropertySection desired = twin.desired();
 * long version = desired.version().orElseThrow();                            // "$version"
 * Optional<Instant> when = desired.lastUpdated(TwinPath.parse("telemetryConfig.sendFrequency"));
 * }</pre>
 *
 * <p>{@code $version} and {@code $metadata} are optional because the device-side MQTT GET carries no metadata and
 * some query projections carry neither. Immutable and thread-safe; equality covers all three parts.
 */
public final class PropertySection {

    /** The member that holds the section version. */
    public static final String VERSION = "$version";
    /** The member that holds the metadata tree. */
    public static final String METADATA = "$metadata";

    private static final PropertySection EMPTY = new PropertySection(PropertySet.empty(), -1, null);

    private final PropertySet properties;
    private final long version;
    private final @Nullable PropertyMetadata metadata;

    private PropertySection(PropertySet properties, long version, @Nullable PropertyMetadata metadata) {
        this.properties = properties;
        this.version = version;
        this.metadata = metadata;
    }

    /** Returns a section with no properties, no version and no metadata. */
    public static PropertySection empty() {
        return EMPTY;
    }

    /** Returns a section with {@code properties} and no version or metadata. */
    public static PropertySection of(PropertySet properties) {
        return new PropertySection(Objects.requireNonNull(properties, "properties"), -1, null);
    }

    /**
     * Returns a section with {@code properties} at {@code version}.
     *
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public static PropertySection of(PropertySet properties, long version) {
        return EMPTY.withProperties(properties).withVersion(version);
    }

    /**
     * Reads a section from its service JSON form.
     *
     * @throws TwinJsonException if {@code $version} is not a non-negative integer, {@code $metadata} is malformed, or
     *     a property is {@code null}
     */
    public static PropertySection fromJson(JsonObject json) {
        return fromJson(json, "properties");
    }

    static PropertySection fromJson(JsonObject json, String path) {
        Objects.requireNonNull(json, "json");
        // one pass over the names rather than two lookups: the service writes both members last
        JsonValue versionValue = null;
        JsonValue metadataValue = null;
        for (int i = json.size() - 1; i >= 0; i--) {
            String key = json.keyAt(i);
            if (!key.isEmpty() && key.charAt(0) == '$') {
                if (key.equals(VERSION)) {
                    versionValue = json.valueAt(i);
                } else if (key.equals(METADATA)) {
                    metadataValue = json.valueAt(i);
                }
            }
        }
        long version = -1;
        if (versionValue != null) {
            if (!(versionValue instanceof JsonNumber number) || !number.fitsInLong() || number.longValue() < 0) {
                throw new TwinJsonException("$version must be a non-negative integer but is " + versionValue,
                        path + "." + VERSION);
            }
            version = number.longValue();
        }
        PropertyMetadata metadata = null;
        if (metadataValue != null) {
            if (!(metadataValue instanceof JsonObject metadataObject)) {
                throw new TwinJsonException("$metadata must be an object but is " + metadataValue.type(),
                        path + "." + METADATA);
            }
            metadata = PropertyMetadata.of(metadataObject, path + "." + METADATA);
        }
        JsonObject user = json;
        if (versionValue != null || metadataValue != null) {
            user = json.without(VERSION).without(METADATA);
        }
        String nullPath = PropertySet.findNull(user, path);
        if (nullPath != null) {
            throw new TwinJsonException(PropertySet.nullMessage(nullPath), nullPath);
        }
        return new PropertySection(PropertySet.trusted(user), version, metadata);
    }

    /** Returns the user properties, without {@code $version} and {@code $metadata}. */
    public PropertySet properties() {
        return properties;
    }

    /** Returns the value at a path of the user properties ({@link TwinPath#parse text form}), if present. */
    public Optional<JsonValue> get(String path) {
        return properties.get(path);
    }

    /** Returns {@code $version}, if present. */
    public OptionalLong version() {
        return version < 0 ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /** Returns the root of the {@code $metadata} tree, if present. */
    public Optional<PropertyMetadata> metadata() {
        return Optional.ofNullable(metadata);
    }

    /** Returns the metadata node of the value at {@code path}, if the tree has one. */
    public Optional<PropertyMetadata> metadataAt(TwinPath path) {
        return metadata == null ? Optional.empty() : metadata.at(path);
    }

    /**
     * Returns when the value at {@code path} was last updated: the {@code $lastUpdated} of its metadata node or, for a
     * partial tree, of its nearest stamped ancestor. Empty when the section has no metadata.
     */
    public Optional<Instant> lastUpdated(TwinPath path) {
        return metadata == null ? Optional.empty() : metadata.nearest(path).lastUpdated();
    }

    /**
     * Returns the desired {@code $version} that last wrote the value at {@code path}: {@code $lastUpdatedVersion} of
     * its node or nearest stamped ancestor. Empty when the metadata does not say (reported sections never do).
     */
    public OptionalLong lastUpdatedVersion(TwinPath path) {
        return metadata == null ? OptionalLong.empty() : metadata.nearest(path).lastUpdatedVersion();
    }

    /** Returns a copy with other properties. */
    public PropertySection withProperties(PropertySet properties) {
        return new PropertySection(Objects.requireNonNull(properties, "properties"), version, metadata);
    }

    /**
     * Returns a copy at another {@code $version}.
     *
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public PropertySection withVersion(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("$version must not be negative: " + version);
        }
        return new PropertySection(properties, version, metadata);
    }

    /** Returns a copy with another metadata tree, or none. */
    public PropertySection withMetadata(@Nullable PropertyMetadata metadata) {
        return new PropertySection(properties, version, metadata);
    }

    /** Returns a copy without {@code $metadata} but with {@code $version}, the shape of the device-side GET. */
    public PropertySection withoutMetadata() {
        return metadata == null ? this : new PropertySection(properties, version, null);
    }

    /** Returns the service JSON form: the properties, then {@code $metadata} and {@code $version} when present. */
    public JsonObject toJson() {
        if (metadata == null && version < 0) {
            return properties.toJson();
        }
        JsonObject.Builder builder = properties.toJson().toBuilder();
        if (metadata != null) {
            builder.put(METADATA, metadata.toJson());
        }
        if (version >= 0) {
            builder.put(VERSION, version);
        }
        return builder.build();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof PropertySection other
                && version == other.version
                && properties.equals(other.properties)
                && Objects.equals(metadata, other.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(properties, version, metadata);
    }

    /** Returns the compact JSON text of the service form. */
    @Override
    public String toString() {
        return toJson().toString();
    }
}
