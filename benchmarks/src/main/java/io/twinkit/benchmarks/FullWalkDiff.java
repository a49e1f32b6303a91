package io.twinkit.benchmarks;

import io.twinkit.core.MergePatch;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.util.Objects;

/**
 * The anchor of the successor-diff benchmark: a merge diff over twinkit's JSON model that visits every node of both
 * documents, the way a diff without structural sharing has to. It computes the same patch as
 * {@link MergePatch#compute(JsonObject, JsonObject)} (removed keys map to {@code null}, objects are diffed
 * recursively, any other pair is included when not JSON-equal) but never skips a pair of subtrees because they are the
 * same instance: objects are walked member by member and arrays element by element down to the leaves.
 *
 * <p>It is a fair full walk, not a strawman: member lookups use the objects' hash index, members in the same position
 * are matched without a lookup, and nothing is allocated unless something changed.
 */
public final class FullWalkDiff {

    private FullWalkDiff() {
    }

    /** Returns the merge patch that turns {@code from} into {@code to}, after visiting every node of both. */
    public static MergePatch compute(JsonObject from, JsonObject to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return MergePatch.of(diff(from, to));
    }

    private static JsonObject diff(JsonObject from, JsonObject to) {
        JsonObject.Builder out = null;
        int fromSize = from.size();
        int toSize = to.size();
        for (int i = 0; i < fromSize; i++) {
            String key = from.keyAt(i);
            JsonValue before = from.valueAt(i);
            JsonValue after = i < toSize && key.equals(to.keyAt(i)) ? to.valueAt(i) : to.valueOrNull(key);
            JsonValue change;
            if (after == null) {
                change = JsonNull.INSTANCE;
            } else if (before instanceof JsonObject beforeObject && after instanceof JsonObject afterObject) {
                JsonObject nested = diff(beforeObject, afterObject);
                if (nested.isEmpty()) {
                    continue;
                }
                change = nested;
            } else if (deepEquals(before, after)) {
                continue;
            } else {
                change = after;
            }
            if (out == null) {
                out = JsonObject.builder();
            }
            out.put(key, change);
        }
        for (int i = 0; i < toSize; i++) {
            String key = to.keyAt(i);
            if (!(i < fromSize && key.equals(from.keyAt(i))) && !from.contains(key)) {
                if (out == null) {
                    out = JsonObject.builder();
                }
                out.put(key, to.valueAt(i));
            }
        }
        return out == null ? JsonObject.empty() : out.build();
    }

    /** JSON equality that walks both values to their leaves, whether or not they are the same instance. */
    static boolean deepEquals(JsonValue a, JsonValue b) {
        if (a instanceof JsonObject objectA) {
            if (!(b instanceof JsonObject objectB) || objectA.size() != objectB.size()) {
                return false;
            }
            for (int i = 0; i < objectA.size(); i++) {
                JsonValue other = objectB.valueOrNull(objectA.keyAt(i));
                if (other == null || !deepEquals(objectA.valueAt(i), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof JsonArray arrayA) {
            if (!(b instanceof JsonArray arrayB) || arrayA.size() != arrayB.size()) {
                return false;
            }
            for (int i = 0; i < arrayA.size(); i++) {
                if (!deepEquals(arrayA.get(i), arrayB.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
