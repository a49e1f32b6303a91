package io.twinkit.query;

import java.util.Locale;
import java.util.Optional;

/** An aggregate of the {@code SELECT} list; allowed on {@code devices} only. */
public enum AggregateFunction {
    /** {@code COUNT()}: the number of twins. */
    COUNT,
    /** {@code AVG(path)} over the numeric values. */
    AVG,
    /** {@code SUM(path)} over the numeric values. */
    SUM,
    /** {@code MIN(path)} over the numeric values. */
    MIN,
    /** {@code MAX(path)} over the numeric values. */
    MAX;

    /** Returns whether the aggregate takes a path argument (all but {@code COUNT}). */
    public boolean takesPath() {
        return this != COUNT;
    }

    /** Returns the aggregate named {@code name}, ignoring case. */
    public static Optional<AggregateFunction> byName(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
