package io.twinkit.query;

import java.util.Locale;
import java.util.Optional;

/**
 * The functions a twin query may call. Only {@link #IS_DEFINED} is documented for twin queries, and
 * {@link #STARTSWITH} is used by Microsoft's own tools; {@link #ENDSWITH} and {@link #CONTAINS} are documented for
 * message routing only and {@linkplain #mayBeRejectedByService() may be rejected} by the service.
 */
public enum QueryFunction {
    /** {@code IS_DEFINED(x)}: whether a property exists. */
    IS_DEFINED(1, false),
    /** {@code STARTSWITH(s, prefix)}, case-sensitive. */
    STARTSWITH(2, false),
    /** {@code ENDSWITH(s, suffix)}, case-sensitive. Experimental: documented for routing queries only. */
    ENDSWITH(2, true),
    /** {@code CONTAINS(s, part)}, case-sensitive. Experimental: documented for routing queries only. */
    CONTAINS(2, true);

    private final int arity;
    private final boolean experimental;

    QueryFunction(int arity, boolean experimental) {
        this.arity = arity;
        this.experimental = experimental;
    }

    /** Returns the number of arguments. */
    public int arity() {
        return arity;
    }

    /** Returns whether IoT Hub may reject the function in twin queries (it is documented for routing only). */
    public boolean mayBeRejectedByService() {
        return experimental;
    }

    /** Returns the function named {@code name}, ignoring case ({@code Is_Defined} is {@link #IS_DEFINED}). */
    public static Optional<QueryFunction> byName(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
