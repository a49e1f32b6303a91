package io.twinkit.benchmarks;

import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/** Derives the next version of a twin's desired properties for the diff and apply benchmarks, from a seed. */
public final class DesiredChanges {

    private DesiredChanges() {
    }

    /**
     * Returns the next desired state after {@code properties}: 10% of the leaves (rounded, at least one) are touched,
     * one in five of them (at least one of two or more) being removed and the others getting a new value of the same kind, and one new leaf per
     * ten touched ones (at least one once there are ten leaves) is added to a random object. The result shares no
     * instance with the input.
     */
    public static JsonObject next(JsonObject properties, long seed) {
        Objects.requireNonNull(properties, "properties");
        Random random = new Random(seed ^ 0x5DEECE66DL);
        int leaves = TwinGenerator.leafCount(properties);
        int touched = Math.max(1, Math.round(leaves * 0.10f));
        int removed = touched >= 2 ? Math.max(1, touched / 5) : 0;
        int added = leaves >= 10 ? Math.max(1, touched / 10) : 0;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        Edits edits = new Edits(leaves, objectCount(properties));
        for (int i = 0; i < touched; i++) {
            edits.leafEdits[order.get(i)] = i < removed ? Edits.REMOVE : Edits.CHANGE;
        }
        for (int i = 0; i < added; i++) {
            edits.additions[random.nextInt(edits.additions.length)]++;
        }
        return next(properties, random, edits);
    }

    /** What {@link #next(JsonObject, long)} does to each leaf and object, by position in document order. */
    private static final class Edits {
        static final byte CHANGE = 1;
        static final byte REMOVE = 2;
        final byte[] leafEdits;
        final int[] additions;
        int nextLeaf;
        int nextObject;

        Edits(int leaves, int objects) {
            this.leafEdits = new byte[leaves];
            this.additions = new int[objects];
        }
    }

    private static JsonObject next(JsonObject object, Random random, Edits edits) {
        int additions = edits.additions[edits.nextObject++];
        JsonObject.Builder out = JsonObject.builder(object.size() + additions);
        for (int i = 0; i < object.size(); i++) {
            String key = object.keyAt(i);
            JsonValue value = object.valueAt(i);
            if (value instanceof JsonObject nested) {
                out.put(key, next(nested, random, edits));
                continue;
            }
            byte edit = edits.leafEdits[edits.nextLeaf++];
            if (edit == Edits.CHANGE) {
                out.put(key, changed(value, random));
            } else if (edit != Edits.REMOVE) {
                out.put(key, copy(value));
            }
        }
        for (int i = 0; i < additions; i++) {
            String key = TwinGenerator.word(random);
            while (object.contains(key) || out.valueOrNull(key) != null) {
                key = TwinGenerator.word(random) + random.nextInt(100);
            }
            out.put(key, TwinGenerator.leaf(random));
        }
        return out.build();
    }

    private static int objectCount(JsonObject object) {
        int objects = 1;
        for (int i = 0; i < object.size(); i++) {
            if (object.valueAt(i) instanceof JsonObject nested) {
                objects += objectCount(nested);
            }
        }
        return objects;
    }

    /** A new value of the same kind as {@code value}, never equal to it. */
    private static JsonValue changed(JsonValue value, Random random) {
        if (value instanceof JsonNumber number) {
            return number.isIntegral() ? JsonNumber.of(number.longValue() + 1 + random.nextInt(100))
                    : JsonNumber.of(number.doubleValue() + 0.25 + random.nextInt(100));
        }
        if (value instanceof JsonString text) {
            return JsonString.of(text.value() + "-" + random.nextInt(10));
        }
        if (value instanceof JsonBoolean bool) {
            return JsonBoolean.of(!bool.value());
        }
        JsonArray.Builder array = JsonArray.builder();
        for (JsonValue element : (JsonArray) value) {
            array.add(element);
        }
        array.add(JsonNumber.of(random.nextInt(1000)));
        return array.build();
    }

    /** A fresh instance equal to {@code value}, so the next state shares nothing with the one it came from. */
    private static JsonValue copy(JsonValue value) {
        return JsonValue.parse(value.toJsonBytes());
    }
}
