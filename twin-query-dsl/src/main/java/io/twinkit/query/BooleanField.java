package io.twinkit.query;

import io.twinkit.query.ast.ComparisonOperator;
import io.twinkit.query.ast.Literal;
import io.twinkit.query.ast.QueryPath;
import io.twinkit.query.sql.SqlWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
public final class BooleanField implements TwinField {

    private final QueryPath path;

    BooleanField(QueryPath path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Returns the path from the twin root. */
    @Override
    public QueryPath path() {
        return path;
    }

    /** Returns {@code this = value}. */
    public Condition eq(boolean value) {
        return DslSupport.compare(path, ComparisonOperator.EQUAL, Literal.of(value));
    }

    /** Returns {@code this != value}; undefined, so not matching, where the field is missing. */
    public Condition ne(boolean value) {
        return DslSupport.compare(path, ComparisonOperator.NOT_EQUAL, Literal.of(value));
    }

    /** Returns {@code this = true}. */
    public Condition isTrue() {
        return eq(true);
    }

    /** Returns {@code this = false}. */
    public Condition isFalse() {
        return eq(false);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof BooleanField other && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    /** Returns the SQL text of the path, such as {@code capabilities.iotEdge}. */
    @Override
    public String toString() {
        return SqlWriter.render(path);
    }
}
