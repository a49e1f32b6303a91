package io.twinkit.emulator.internal.config;

import io.twinkit.core.TwinPath;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.util.Objects;

/**
 * One property a configuration writes: a path below {@code properties.desired} and the value merged there, never a
 * non-empty object (content is flattened to its leaves): a scalar, an array, an empty object, or {@code null}, which
 * removes the property.
 *
 * @param path the property's path inside the desired section, never the root
 * @param value the value
 */
public record Setting(TwinPath path, JsonValue value) {

    /** Checks the path and the value. */
    public Setting {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        if (path.isRoot()) {
            throw new IllegalArgumentException("a setting names a property, not the whole desired section");
        }
        if (value instanceof JsonObject object && !object.isEmpty()) {
            throw new IllegalArgumentException("a setting's value is a leaf, not the object " + value);
        }
    }

    /** Returns whether this setting and {@code other} write the same property, or one inside the other. */
    public boolean overlaps(Setting other) {
        return overlaps(path, other.path);
    }

    /** Returns whether {@code a} and {@code b} are the same path or one is inside the other. */
    public static boolean overlaps(TwinPath a, TwinPath b) {
        return a.startsWith(b) || b.startsWith(a);
    }
}
