package io.twinkit.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the ids of the identity registry share: the text, checked against {@link IdRules} when made, case-sensitive
 * order and equality (never equal to an id of another kind), and the text as the string form.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the id type itself, so that ids compare only with ids of their own kind
 */
abstract class RegistryId<T extends RegistryId<T>> implements Comparable<T> {

    private final String value;

    /** Checks {@code value} as an id of {@code kind} ({@code device id}, {@code module id}). */
    RegistryId(String kind, String value) {
        Objects.requireNonNull(value, "value");
        this.value = IdRules.check(kind, value);
    }

    /** Returns the id text. */
    public final String value() {
        return value;
    }

    @Override
    public final int compareTo(T other) {
        return value.compareTo(other.value());
    }

    @Override
    public final boolean equals(@Nullable Object obj) {
        return this == obj || obj != null && obj.getClass() == getClass() && value.equals(((RegistryId<?>) obj).value);
    }

    @Override
    public final int hashCode() {
        return value.hashCode();
    }

    /** Returns the id text. */
    @Override
    public final String toString() {
        return value;
    }
}
