package io.twinkit.emulator.internal.hub;

import io.twinkit.core.PropertyMetadata;
import io.twinkit.core.TwinTime;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Stamps a section's {@code $metadata} tree the way the service does. A write stamps {@code $lastUpdated} (and, in
 * desired, {@code $lastUpdatedVersion}) on every node it writes and on every ancestor up to the section root;
 * untouched siblings keep their stamps, deleted keys lose their node, a replaced value gets a fresh node (its old
 * children go), and a replace re-stamps the whole section. Objects inside arrays get no nodes: an array is a leaf.
 */
final class MetadataStamper {

    private static final String LAST_UPDATED = "$lastUpdated";
    private static final String LAST_UPDATED_VERSION = "$lastUpdatedVersion";

    private final JsonString time;
    private final @Nullable JsonNumber version;

    /**
     * Creates a stamper for one write.
     *
     * @param time when the write happened, already at the service's 100 ns precision
     * @param version the new desired {@code $version}, or a negative number for reported (which carries none)
     */
    MetadataStamper(Instant time, long version) {
        this.time = JsonString.of(TwinTime.format(time));
        this.version = version < 0 ? null : JsonNumber.of(version);
    }

    /**
     * Returns the metadata after applying {@code patch} to a section whose properties were {@code before}.
     *
     * @param metadata the metadata before, or empty when the section has none (an imported twin): the result then
     *     holds only the nodes this write stamps
     */
    PropertyMetadata afterPatch(Optional<PropertyMetadata> metadata, JsonObject before, JsonObject patch) {
        return PropertyMetadata.of(patchNode(metadata.map(PropertyMetadata::toJson).orElse(null), before, patch));
    }

    /** Returns the metadata of a section replaced by {@code document}: every node stamped. */
    PropertyMetadata afterReplace(JsonObject document) {
        return PropertyMetadata.of(fullNode(document));
    }

    private JsonObject patchNode(@Nullable JsonObject node, @Nullable JsonObject before, JsonObject patch) {
        JsonObject.Builder out = stamp(node == null ? JsonObject.builder() : node.toBuilder());
        for (int i = 0; i < patch.size(); i++) {
            String key = patch.keyAt(i);
            JsonValue change = patch.valueAt(i);
            if (change.isNull()) {
                out.remove(key);
            } else if (change instanceof JsonObject nested) {
                JsonValue old = before == null ? null : before.valueOrNull(key);
                JsonObject oldObject = old instanceof JsonObject object ? object : null;
                // a leaf that becomes an object starts a fresh node, so no stale child can survive
                JsonValue oldNode = oldObject == null ? null : out.valueOrNull(key);
                out.put(key, patchNode(oldNode instanceof JsonObject n ? n : null, oldObject, nested));
            } else {
                out.put(key, leaf());
            }
        }
        return out.build();
    }

    private JsonObject fullNode(JsonObject value) {
        JsonObject.Builder out = stamp(JsonObject.builder(value.size() + 2));
        for (int i = 0; i < value.size(); i++) {
            JsonValue member = value.valueAt(i);
            out.put(value.keyAt(i), member instanceof JsonObject object ? fullNode(object) : leaf());
        }
        return out.build();
    }

    private JsonObject leaf() {
        return stamp(JsonObject.builder(2)).build();
    }

    private JsonObject.Builder stamp(JsonObject.Builder node) {
        node.put(LAST_UPDATED, time);
        if (version != null) {
            node.put(LAST_UPDATED_VERSION, version);
        }
        return node;
    }
}
