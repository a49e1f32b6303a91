package io.twinkit.core.json;

/**
 * A builder that stores JSON values under a name: the one place where a Java {@code String}, {@code long},
 * {@code double} or {@code boolean} becomes the {@link JsonValue} a builder stores. Each overload converts its
 * argument and calls {@link #put(String, JsonValue)}, so they all validate and fail exactly as that method does.
 *
 * <p>What the name means is the implementing builder's: a member name for {@link JsonObject.Builder}, a dotted path
 * for {@link io.twinkit.core.PropertySet.Builder} and {@link io.twinkit.core.MergePatch.Builder}. Implementations
 * are not required to be thread-safe.
 *
 * @param <B> the builder type, returned by every method for chaining
 */
public interface JsonValueSink<B extends JsonValueSink<B>> {

    /**
     * Stores {@code value} under {@code name}.
     *
     * @return this builder
     */
    B put(String name, JsonValue value);

    /**
     * Stores the string {@code value} under {@code name}.
     *
     * @return this builder
     */
    default B put(String name, String value) {
        return put(name, JsonString.of(value));
    }

    /**
     * Stores the integer {@code value} under {@code name}.
     *
     * @return this builder
     */
    default B put(String name, long value) {
        return put(name, JsonNumber.of(value));
    }

    /**
     * Stores the double {@code value} under {@code name}.
     *
     * @return this builder
     */
    default B put(String name, double value) {
        return put(name, JsonNumber.of(value));
    }

    /**
     * Stores the boolean {@code value} under {@code name}.
     *
     * @return this builder
     */
    default B put(String name, boolean value) {
        return put(name, JsonBoolean.of(value));
    }
}
