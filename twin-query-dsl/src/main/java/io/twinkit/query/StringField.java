package io.twinkit.query;

import io.twinkit.query.ast.ComparisonOperator;
import io.twinkit.query.ast.Expression;
import io.twinkit.query.ast.QueryFunction;
import io.twinkit.query.ast.QueryPath;
import io.twinkit.query.sql.SqlWriter;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A twin field that holds a string, such as {@code deviceId()}, {@code moduleId()}, {@code etag()} or
 * {@code modelId()}: it compares with strings only.
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
public final class StringField implements TwinField {

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

    /** Returns {@code this = 'value'}, with {@code value} as a string literal. */
    public Condition eq(String value) {
        return compare(ComparisonOperator.EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this = other}. */
    public Condition eq(StringField other) {
        return compare(ComparisonOperator.EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this = other}; undefined where {@code other} is not a string. */
    public Condition eq(Field other) {
        return compare(ComparisonOperator.EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this != 'value'}, with {@code value} as a string literal. */
    public Condition ne(String value) {
        return compare(ComparisonOperator.NOT_EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this != other}. */
    public Condition ne(StringField other) {
        return compare(ComparisonOperator.NOT_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this != other}; undefined where {@code other} is not a string. */
    public Condition ne(Field other) {
        return compare(ComparisonOperator.NOT_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this < 'value'}, with {@code value} as a string literal. */
    public Condition lt(String value) {
        return compare(ComparisonOperator.LESS, DslSupport.string(value));
    }

    /** Returns {@code this < other}. */
    public Condition lt(StringField other) {
        return compare(ComparisonOperator.LESS, DslSupport.operand(other));
    }

    /** Returns {@code this < other}; undefined where {@code other} is not a string. */
    public Condition lt(Field other) {
        return compare(ComparisonOperator.LESS, DslSupport.operand(other));
    }

    /** Returns {@code this <= 'value'}, with {@code value} as a string literal. */
    public Condition le(String value) {
        return compare(ComparisonOperator.LESS_OR_EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this <= other}. */
    public Condition le(StringField other) {
        return compare(ComparisonOperator.LESS_OR_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this <= other}; undefined where {@code other} is not a string. */
    public Condition le(Field other) {
        return compare(ComparisonOperator.LESS_OR_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this > 'value'}, with {@code value} as a string literal. */
    public Condition gt(String value) {
        return compare(ComparisonOperator.GREATER, DslSupport.string(value));
    }

    /** Returns {@code this > other}. */
    public Condition gt(StringField other) {
        return compare(ComparisonOperator.GREATER, DslSupport.operand(other));
    }

    /** Returns {@code this > other}; undefined where {@code other} is not a string. */
    public Condition gt(Field other) {
        return compare(ComparisonOperator.GREATER, DslSupport.operand(other));
    }

    /** Returns {@code this >= 'value'}, with {@code value} as a string literal. */
    public Condition ge(String value) {
        return compare(ComparisonOperator.GREATER_OR_EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this >= other}. */
    public Condition ge(StringField other) {
        return compare(ComparisonOperator.GREATER_OR_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this >= other}; undefined where {@code other} is not a string. */
    public Condition ge(Field other) {
        return compare(ComparisonOperator.GREATER_OR_EQUAL, DslSupport.operand(other));
    }

    /**
     * Returns {@code this IN ['v1', ...]}; a single value gives {@code this = 'v1'}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    public Condition in(String... values) {
        return DslSupport.membership(path, false, DslSupport.strings(values));
    }

    /**
     * Returns {@code this IN ['v1', ...]} for the values in iteration order; a single value gives {@code this = 'v1'}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    public Condition in(Collection<String> values) {
        return DslSupport.membership(path, false, DslSupport.strings(values));
    }

    /**
     * Returns {@code this NIN ['v1', ...]}, which is {@code NOT (this IN [...])}; a single value gives
     * {@code this != 'v1'}, which means the same. Undefined, so not matching, where the field is missing.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    public Condition nin(String... values) {
        return DslSupport.membership(path, true, DslSupport.strings(values));
    }

    /**
     * Returns {@code this NIN ['v1', ...]} for the values in iteration order; a single value gives
     * {@code this != 'v1'}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    public Condition nin(Collection<String> values) {
        return DslSupport.membership(path, true, DslSupport.strings(values));
    }

    /** Returns {@code STARTSWITH(this, 'prefix')}, case-sensitive; {@code startsWith("")} matches every string. */
    public Condition startsWith(String prefix) {
        return DslSupport.call(QueryFunction.STARTSWITH, path, prefix);
    }

    /**
     * Returns {@code ENDSWITH(this, 'suffix')}, case-sensitive. <b>Experimental:</b> IoT Hub documents
     * {@code ENDSWITH} for message routing only and {@linkplain QueryFunction#mayBeRejectedByService() may reject} it
     * in twin queries.
     */
    public Condition endsWith(String suffix) {
        return DslSupport.call(QueryFunction.ENDSWITH, path, suffix);
    }

    /**
     * Returns {@code CONTAINS(this, 'part')}, case-sensitive. <b>Experimental:</b> IoT Hub documents
     * {@code CONTAINS} for message routing only and {@linkplain QueryFunction#mayBeRejectedByService() may reject} it
     * in twin queries.
     */
    public Condition contains(String part) {
        return DslSupport.call(QueryFunction.CONTAINS, path, part);
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
