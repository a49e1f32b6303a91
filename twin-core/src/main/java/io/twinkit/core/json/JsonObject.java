package io.twinkit.core.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable JSON object: an ordered set of members with unique names.
 *
 * <p>Member order is kept for output but ignored by {@link #equals(Object)}. Lookups by name are constant time
 * (objects with more than a few members carry a hash index, built when they are looked up a second time).
 * {@link #with(String, JsonValue)}, {@link #without(String)} and {@link #toBuilder()} return new objects that share
 * every unchanged member value with this one.
 */
public final class JsonObject implements JsonValue {

    private static final int INDEX_THRESHOLD = 8;
    private static final String[] NO_KEYS = new String[0];
    private static final JsonValue[] NO_VALUES = new JsonValue[0];
    private static final JsonObject EMPTY = new JsonObject(NO_KEYS, NO_VALUES, 0);

    private final String[] keys;
    private final JsonValue[] values;
    private final int size;
    private @Nullable Index index;
    private int hash;

    /** Takes the arrays, which nobody else may change, as they are; {@code size} counts the members. */
    JsonObject(String[] keys, JsonValue[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    /** Returns the empty object. */
    public static JsonObject empty() {
        return EMPTY;
    }

    /** Returns an object with one member. */
    public static JsonObject of(String key, JsonValue value) {
        return builder().put(key, value).build();
    }

    /** Returns an object with two members; a repeated key keeps the last value. */
    public static JsonObject of(String k1, JsonValue v1, String k2, JsonValue v2) {
        return builder().put(k1, v1).put(k2, v2).build();
    }

    /** Returns an object with three members; a repeated key keeps the last value. */
    public static JsonObject of(String k1, JsonValue v1, String k2, JsonValue v2, String k3, JsonValue v3) {
        return builder().put(k1, v1).put(k2, v2).put(k3, v3).build();
    }

    /** Returns an object with the members of {@code map}, in its iteration order. */
    public static JsonObject copyOf(Map<String, ? extends JsonValue> map) {
        Builder builder = new Builder(map.size());
        map.forEach(builder::put);
        return builder.build();
    }

    /** Returns a new, empty builder. */
    public static Builder builder() {
        return new Builder(4);
    }

    /** Returns a new, empty builder sized for {@code expectedSize} members. */
    public static Builder builder(int expectedSize) {
        return new Builder(Math.max(expectedSize, 1));
    }

    @Override
    public JsonType type() {
        return JsonType.OBJECT;
    }

    /** Returns the number of members. */
    public int size() {
        return size;
    }

    /** Returns whether the object has no members. */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Returns the name of the member at {@code position}, in member order.
     *
     * @throws IndexOutOfBoundsException if {@code position} is outside {@code [0, size())}
     */
    public String keyAt(int position) {
        Objects.checkIndex(position, size);
        return keys[position];
    }

    /**
     * Returns the value of the member at {@code position}, in member order.
     *
     * @throws IndexOutOfBoundsException if {@code position} is outside {@code [0, size())}
     */
    public JsonValue valueAt(int position) {
        Objects.checkIndex(position, size);
        return values[position];
    }

    /** Returns the value of member {@code key}, if present. */
    public Optional<JsonValue> get(String key) {
        return Optional.ofNullable(valueOrNull(key));
    }

    /**
     * Returns the value of member {@code key}, or {@code null} when there is no such member. For hot paths that
     * cannot afford an {@link Optional}.
     */
    public @Nullable JsonValue valueOrNull(String key) {
        int position = indexOf(key);
        return position < 0 ? null : values[position];
    }

    /** Returns whether there is a member named {@code key}. */
    public boolean contains(String key) {
        return indexOf(key) >= 0;
    }

    /** Returns the position of member {@code key} in member order, or {@code -1}. */
    public int indexOf(String key) {
        Objects.requireNonNull(key, "key");
        if (size <= INDEX_THRESHOLD) {
            return scan(key);
        }
        Index idx = index;
        if (idx == null) {
            // an object looked up once (a document read and taken apart) is not worth an index
            index = Index.PROBED;
            return scan(key);
        }
        if (idx == Index.PROBED) {
            idx = new Index(keys, size);
            index = idx;
        }
        return idx.find(keys, key);
    }

    private int scanFromEnd(String key) {
        for (int i = size - 1; i >= 0; i--) {
            if (key.equals(keys[i])) {
                return i;
            }
        }
        return -1;
    }

    private int scan(String key) {
        for (int i = 0; i < size; i++) {
            if (key.equals(keys[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the member names, in member order. */
    public List<String> keys() {
        return Collections.unmodifiableList(Arrays.asList(keys).subList(0, size));
    }

    /** Returns an unmodifiable map view of the members, iterating in member order. */
    public Map<String, JsonValue> members() {
        return new MembersView();
    }

    /** Calls {@code action} for each member, in member order. */
    public void forEach(BiConsumer<? super String, ? super JsonValue> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    /** Returns a copy with member {@code key} set to {@code value}, added at the end if it is new. */
    public JsonObject with(String key, JsonValue value) {
        return toBuilder().put(key, value).build();
    }

    /** Returns a copy without member {@code key}, or this object if it has no such member. */
    public JsonObject without(String key) {
        Objects.requireNonNull(key, "key");
        Index idx = index;
        // the copy costs a pass over the members anyway, so no index is built for it; the scan starts from the end,
        // where the members that are taken off a document ($version, $metadata) usually are
        int position = idx == null || idx == Index.PROBED ? scanFromEnd(key) : idx.find(keys, key);
        if (position < 0) {
            return this;
        }
        if (size == 1) {
            return EMPTY;
        }
        int remaining = size - 1;
        String[] newKeys = new String[remaining];
        JsonValue[] newValues = new JsonValue[remaining];
        System.arraycopy(keys, 0, newKeys, 0, position);
        System.arraycopy(values, 0, newValues, 0, position);
        System.arraycopy(keys, position + 1, newKeys, position, remaining - position);
        System.arraycopy(values, position + 1, newValues, position, remaining - position);
        return new JsonObject(newKeys, newValues, remaining);
    }

    /** Returns a builder that starts with the members of this object. */
    public Builder toBuilder() {
        Builder builder = new Builder(Math.max(size + 2, 4));
        System.arraycopy(keys, 0, builder.keys, 0, size);
        System.arraycopy(values, 0, builder.values, 0, size);
        builder.size = size;
        if (size > INDEX_THRESHOLD) {
            builder.rebuildLookup();
        }
        return builder;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof JsonObject other) || other.size != size) {
            return false;
        }
        int h = hash;
        int oh = other.hash;
        if (h != 0 && oh != 0 && h != oh) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            String key = keys[i];
            // fast path: same member order
            JsonValue otherValue = key.equals(other.keys[i]) ? other.values[i] : other.valueOrNull(key);
            if (otherValue == null || !values[i].equals(otherValue)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = 0; i < size; i++) {
                // a sum keeps the hash independent of member order; the multiplier keeps {"a":1} and {"b":2} apart,
                // which a plain key ^ value (as Map.Entry does) would not
                h += keys[i].hashCode() * 0x9E3779B1 ^ values[i].hashCode();
            }
            h = h == 0 ? 1 : h;
            hash = h;
        }
        return h;
    }

    /** Returns the compact JSON text. */
    @Override
    public String toString() {
        return JsonWriter.toText(this);
    }

    /** Open-addressing hash index from member name to position; immutable once constructed. */
    private static final class Index {
        /** Marks an object looked up once without an index; the next lookup builds one. */
        static final Index PROBED = new Index(new String[0], 0);

        private final int[] slots;

        Index(String[] keys, int size) {
            int capacity = Integer.highestOneBit(size * 2 - 1) << 1;
            int[] table = new int[capacity];
            int mask = capacity - 1;
            for (int i = 0; i < size; i++) {
                int slot = spread(keys[i].hashCode()) & mask;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = i + 1;
            }
            this.slots = table;
        }

        int find(String[] keys, String key) {
            int[] table = slots;
            int mask = table.length - 1;
            int slot = spread(key.hashCode()) & mask;
            while (true) {
                int entry = table[slot];
                if (entry == 0) {
                    return -1;
                }
                if (key.equals(keys[entry - 1])) {
                    return entry - 1;
                }
                slot = (slot + 1) & mask;
            }
        }

        static int spread(int h) {
            return h ^ (h >>> 16);
        }
    }

    private final class MembersView extends AbstractMap<String, JsonValue> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String k && contains(k);
        }

        @Override
        public @Nullable JsonValue get(Object key) {
            return key instanceof String k ? valueOrNull(k) : null;
        }

        @Override
        public Set<Entry<String, JsonValue>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public Iterator<Entry<String, JsonValue>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Entry<String, JsonValue> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(keys[i], values[i]);
                        }
                    };
                }
            };
        }
    }

    /**
     * Collects members into a {@link JsonObject}. {@link #put} replaces the value of an existing member in place
     * and appends a new one; the string, number and boolean overloads come from {@link JsonValueSink}. Not thread-safe; the builder may keep being used after {@link #build()}.
     */
    public static final class Builder implements JsonValueSink<Builder> {
        private String[] keys;
        private JsonValue[] values;
        private int size;
        // open-addressing hash table from member name to position + 1 (0 = free), as Index, once size passes
        // INDEX_THRESHOLD; kept at most half full
        private int @Nullable [] lookup;
        private boolean shared;

        private Builder(int capacity) {
            keys = new String[capacity];
            values = new JsonValue[capacity];
        }

        /** Returns the number of members so far. */
        public int size() {
            return size;
        }

        /** Returns the value of member {@code key} so far, or {@code null}. */
        public @Nullable JsonValue valueOrNull(String key) {
            int position = find(key);
            return position < 0 ? null : values[position];
        }

        /** Sets member {@code key} to {@code value}. */
        @Override
        public Builder put(String key, JsonValue value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, () -> "value of member '" + key + "'; use JsonNull.INSTANCE for a JSON null");
            unshare();
            int position = find(key);
            if (position >= 0) {
                values[position] = value;
                return this;
            }
            if (size == keys.length) {
                int capacity = size * 2;
                keys = Arrays.copyOf(keys, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            keys[size] = key;
            values[size] = value;
            size++;
            int[] table = lookup;
            if (table != null && size * 2 <= table.length) {
                insert(table, key, size - 1);
            } else if (size > INDEX_THRESHOLD) {
                rebuildLookup();
            }
            return this;
        }

        /** Removes member {@code key} if present; later members keep their order. */
        public Builder remove(String key) {
            int position = find(key);
            if (position < 0) {
                return this;
            }
            unshare();
            int tail = size - position - 1;
            System.arraycopy(keys, position + 1, keys, position, tail);
            System.arraycopy(values, position + 1, values, position, tail);
            size--;
            keys[size] = null;
            values[size] = null;
            if (lookup != null) {
                rebuildLookup();
            }
            return this;
        }

        /** Returns the object built so far. */
        public JsonObject build() {
            if (size == 0) {
                return EMPTY;
            }
            shared = true;
            return new JsonObject(keys, values, size);
        }

        private int find(String key) {
            int[] table = lookup;
            if (table != null) {
                int mask = table.length - 1;
                int slot = Index.spread(key.hashCode()) & mask;
                while (true) {
                    int entry = table[slot];
                    if (entry == 0) {
                        return -1;
                    }
                    if (key.equals(keys[entry - 1])) {
                        return entry - 1;
                    }
                    slot = (slot + 1) & mask;
                }
            }
            for (int i = 0; i < size; i++) {
                if (key.equals(keys[i])) {
                    return i;
                }
            }
            return -1;
        }

        private void unshare() {
            if (shared) {
                keys = keys.clone();
                values = values.clone();
                shared = false;
            }
        }

        private void rebuildLookup() {
            int[] table = new int[Integer.highestOneBit(Math.max(size, 1) * 2 - 1) << 1];
            for (int i = 0; i < size; i++) {
                insert(table, keys[i], i);
            }
            lookup = table;
        }

        private static void insert(int[] table, String key, int position) {
            int mask = table.length - 1;
            int slot = Index.spread(key.hashCode()) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = position + 1;
        }
    }
}
