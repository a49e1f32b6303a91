package io.twinkit.core.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * An immutable JSON array. Elements are never Java {@code null} (a JSON {@code null} element is
 * {@link JsonNull#INSTANCE}); equality is element-wise JSON equality, in order.
 */
public final class JsonArray implements JsonValue, Iterable<JsonValue> {

    private static final JsonValue[] NO_VALUES = new JsonValue[0];
    private static final JsonArray EMPTY = new JsonArray(NO_VALUES);

    private final JsonValue[] values;
    private int hash;

    /** Takes the array, which nobody else may change, as it is. */
    JsonArray(JsonValue[] values) {
        this.values = values;
    }

    /** Returns the empty array. */
    public static JsonArray empty() {
        return EMPTY;
    }

    /** Returns an array of the given elements. */
    public static JsonArray of(JsonValue... values) {
        return values.length == 0 ? EMPTY : new JsonArray(checked(values.clone()));
    }

    /** Returns an array of the given elements, in iteration order. */
    public static JsonArray copyOf(Iterable<? extends JsonValue> values) {
        if (values instanceof JsonArray array) {
            return array;
        }
        List<JsonValue> list = new ArrayList<>();
        values.forEach(list::add);
        return list.isEmpty() ? EMPTY : new JsonArray(checked(list.toArray(NO_VALUES)));
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    private static JsonValue[] checked(JsonValue[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException("array element " + i + " is null; use JsonNull.INSTANCE for a JSON null");
            }
        }
        return values;
    }

    @Override
    public JsonType type() {
        return JsonType.ARRAY;
    }

    /** Returns the number of elements. */
    public int size() {
        return values.length;
    }

    /** Returns whether the array has no elements. */
    public boolean isEmpty() {
        return values.length == 0;
    }

    /**
     * Returns the element at {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    public JsonValue get(int index) {
        Objects.checkIndex(index, values.length);
        return values[index];
    }

    /** Returns an unmodifiable list view of the elements. */
    public List<JsonValue> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** Returns a sequential stream of the elements. */
    public Stream<JsonValue> stream() {
        return Arrays.stream(values);
    }

    @Override
    public Iterator<JsonValue> iterator() {
        return values().iterator();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof JsonArray other) || other.values.length != values.length) {
            return false;
        }
        int h = hash;
        int oh = other.hash;
        if (h != 0 && oh != 0 && h != oh) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!values[i].equals(other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 1;
            for (JsonValue value : values) {
                h = 31 * h + value.hashCode();
            }
            hash = h;
        }
        return h;
    }

    /** Returns the compact JSON text. */
    @Override
    public String toString() {
        return JsonWriter.toText(this);
    }

    /** Collects elements into a {@link JsonArray}. Not thread-safe; build once. */
    public static final class Builder {
        private final List<JsonValue> values = new ArrayList<>();

        private Builder() {
        }

        /** Appends an element. */
        public Builder add(JsonValue value) {
            values.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Appends a string element. */
        public Builder add(String value) {
            return add(JsonString.of(value));
        }

        /** Appends an integer element. */
        public Builder add(long value) {
            return add(JsonNumber.of(value));
        }

        /** Appends a double element. */
        public Builder add(double value) {
            return add(JsonNumber.of(value));
        }

        /** Appends a boolean element. */
        public Builder add(boolean value) {
            return add(JsonBoolean.of(value));
        }

        /** Returns the array built so far. */
        public JsonArray build() {
            return values.isEmpty() ? EMPTY : new JsonArray(values.toArray(NO_VALUES));
        }
    }
}
