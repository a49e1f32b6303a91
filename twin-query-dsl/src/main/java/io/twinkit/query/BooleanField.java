package io.twinkit.query;

/**
 * A twin field that holds a boolean, such as {@code iotEdge()} ({@code capabilities.iotEdge}): it compares with
 * {@code true} and {@code false}, with {@code =} and {@code !=} only, as the service does.
 *
 * <pre>{@code
 * iotEdge().isTrue()                          // capabilities.iotEdge = true
 * iotEdge().ne(true)                          // capabilities.iotEdge != true
 * }</pre>
 *
 * <p>Module twins have no {@code capabilities}, so these conditions are undefined, and do not match, for them.
 * Immutable and thread-safe. Equality compares the paths; {@code toString()} is the SQL text of the path.
 */
public final class BooleanField extends PathField {

    BooleanField(QueryPath path) {
        super(path);
    }

    /** Returns {@code this = value}. */
    public Condition eq(boolean value) {
        return compare(ComparisonOperator.EQUAL, Literal.of(value));
    }

    /** Returns {@code this != value}; undefined, so not matching, where the field is missing. */
    public Condition ne(boolean value) {
        return compare(ComparisonOperator.NOT_EQUAL, Literal.of(value));
    }

    /** Returns {@code this = true}. */
    public Condition isTrue() {
        return eq(true);
    }

    /** Returns {@code this = false}. */
    public Condition isFalse() {
        return eq(false);
    }
}
