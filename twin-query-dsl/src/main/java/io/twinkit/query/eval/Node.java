package io.twinkit.query.eval;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A compiled expression. Every node can produce a value ({@code null} for undefined) and a three-valued truth
 * ({@link #TRUE}, {@link #FALSE} or {@link #UNDEFINED}); conditions compute the truth without boxing and values compute
 * the value, and each derives the other form from it.
 */
abstract class Node {

    /** The truth of a condition that holds. */
    static final int TRUE = 1;
    /** The truth of a condition that does not hold. */
    static final int FALSE = 0;
    /** The truth of anything that is not a boolean: a missing value, a string, a number, an object. */
    static final int UNDEFINED = -1;

    /** Returns the value of this node for {@code twin}, or {@code null} when it is undefined. */
    abstract @Nullable JsonValue value(TwinDocument twin);

    /** Returns {@link #TRUE}, {@link #FALSE} or {@link #UNDEFINED}: the value read as a condition. */
    abstract int test(TwinDocument twin);

    /** Returns the truth of a value: booleans are true or false, everything else is undefined. */
    static int truthOf(@Nullable JsonValue value) {
        return value instanceof JsonBoolean bool ? (bool.value() ? TRUE : FALSE) : UNDEFINED;
    }

    /** Returns the value of a truth: a boolean, or {@code null} for undefined. */
    static @Nullable JsonValue valueOf(int truth) {
        return truth == UNDEFINED ? null : JsonBoolean.of(truth == TRUE);
    }

    /** A node whose natural result is a value (a path, literal, arithmetic). */
    abstract static class ValueNode extends Node {
        @Override
        final int test(TwinDocument twin) {
            return truthOf(value(twin));
        }
    }

    /** A node whose natural result is a truth (a comparison, logic, a function). */
    abstract static class ConditionNode extends Node {
        @Override
        final @Nullable JsonValue value(TwinDocument twin) {
            return valueOf(test(twin));
        }
    }
}
