package io.twinkit.query;

import io.twinkit.query.ast.ComparisonOperator;
import io.twinkit.query.ast.Expression;
import io.twinkit.query.ast.QueryPath;
import io.twinkit.query.sql.SqlWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A twin field that holds a string, such as {@code deviceId()}, {@code moduleId()}, {@code etag()} or
 * {@code modelId()}: it compares with strings only: the methods of {@link StringComparisons}, and of
 * {@link FieldComparisons} with another string field.
 *
 * <pre>{@code
 * deviceId().eq("sensor-01")                  // deviceId = 'sensor-01'
 * deviceId().in("a", "b")                     // deviceId IN ['a', 'b']
 * deviceId().startsWith("sensor-")            // STARTSWITH(deviceId, 'sensor-')
 * modelId().eq("")                            // modelId = ''
 * }</pre>
 *
 * <p>Strings compare by code point, case-sensitively ({@code 'B' < 'a'}). Values are literals, escaped when rendered,
 * so no value can change the query. Immutable and thread-safe. Equality compares the paths; {@code toString()} is the
 * SQL text of the path.
 */
public final class StringField implements TwinField, StringComparisons, FieldComparisons<StringField> {

    private final QueryPath path;

    StringField(QueryPath path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Returns the path from the twin root. */
    @Override
    public QueryPath path() {
        return path;
    }

    private Condition compare(ComparisonOperator operator, Expression right) {
        return DslSupport.compare(path, operator, right);
    }

    /** Returns {@code this = other}; undefined where {@code other} is not a string. */
    public Condition eq(Field other) {
        return compare(ComparisonOperator.EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this != other}; undefined where {@code other} is not a string. */
    public Condition ne(Field other) {
        return compare(ComparisonOperator.NOT_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this < other}; undefined where {@code other} is not a string. */
    public Condition lt(Field other) {
        return compare(ComparisonOperator.LESS, DslSupport.operand(other));
    }

    /** Returns {@code this <= other}; undefined where {@code other} is not a string. */
    public Condition le(Field other) {
        return compare(ComparisonOperator.LESS_OR_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this > other}; undefined where {@code other} is not a string. */
    public Condition gt(Field other) {
        return compare(ComparisonOperator.GREATER, DslSupport.operand(other));
    }

    /** Returns {@code this >= other}; undefined where {@code other} is not a string. */
    public Condition ge(Field other) {
        return compare(ComparisonOperator.GREATER_OR_EQUAL, DslSupport.operand(other));
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof StringField other && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    /** Returns the SQL text of the path, such as {@code deviceId}. */
    @Override
    public String toString() {
        return SqlWriter.render(path);
    }
}
