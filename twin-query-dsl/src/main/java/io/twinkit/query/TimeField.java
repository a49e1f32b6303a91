package io.twinkit.query;

import io.twinkit.query.ast.ComparisonOperator;
import io.twinkit.query.ast.Expression;
import io.twinkit.query.ast.QueryPath;
import io.twinkit.query.sql.SqlWriter;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A twin field that holds a timestamp, such as {@code lastActivityTime()} or {@code statusUpdateTime()}: it compares
 * with {@link Instant}s.
 *
 * <pre>{@code
 * lastActivityTime().gt(Instant.parse("2024-05-01T08:30:00.1234567Z"))
 *                         // lastActivityTime > '2024-05-01T08:30:00.1234567Z'
 * statusUpdateTime().eq(TwinTime.NEVER)
 *                         // statusUpdateTime = '0001-01-01T00:00:00Z'
 * }</pre>
 *
 * <p>The service stores timestamps as strings and compares them as strings, by code point. An instant is therefore
 * written the way the service writes timestamps ({@code TwinTime.format}): UTC, at most seven fractional digits (100 ns
 * ticks; finer precision is truncated), trailing zeros trimmed. String order matches time order only between values
 * with the same number of fractional digits: {@code '...:00.5Z' < '...:00Z'} although it is later. Microsoft advises
 * against relying on {@code lastActivityTime}, and reports {@code 0001-01-01T00:00:00Z} for "never".
 *
 * <p>Immutable and thread-safe. Equality compares the paths; {@code toString()} is the SQL text of the path.
 */
public final class TimeField implements TwinField {

    private final QueryPath path;

    TimeField(QueryPath path) {
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

    /** Returns {@code this = 'timestamp'}, with the instant written as the service stores timestamps. */
    public Condition eq(Instant value) {
        return compare(ComparisonOperator.EQUAL, DslSupport.time(value));
    }

    /** Returns {@code this = other}, compared as strings. */
    public Condition eq(TimeField other) {
        return compare(ComparisonOperator.EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this != 'timestamp'}, with the instant written as the service stores timestamps. */
    public Condition ne(Instant value) {
        return compare(ComparisonOperator.NOT_EQUAL, DslSupport.time(value));
    }

    /** Returns {@code this != other}, compared as strings. */
    public Condition ne(TimeField other) {
        return compare(ComparisonOperator.NOT_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this < 'timestamp'}, with the instant written as the service stores timestamps. */
    public Condition lt(Instant value) {
        return compare(ComparisonOperator.LESS, DslSupport.time(value));
    }

    /** Returns {@code this < other}, compared as strings. */
    public Condition lt(TimeField other) {
        return compare(ComparisonOperator.LESS, DslSupport.operand(other));
    }

    /** Returns {@code this <= 'timestamp'}, with the instant written as the service stores timestamps. */
    public Condition le(Instant value) {
        return compare(ComparisonOperator.LESS_OR_EQUAL, DslSupport.time(value));
    }

    /** Returns {@code this <= other}, compared as strings. */
    public Condition le(TimeField other) {
        return compare(ComparisonOperator.LESS_OR_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this > 'timestamp'}, with the instant written as the service stores timestamps. */
    public Condition gt(Instant value) {
        return compare(ComparisonOperator.GREATER, DslSupport.time(value));
    }

    /** Returns {@code this > other}, compared as strings. */
    public Condition gt(TimeField other) {
        return compare(ComparisonOperator.GREATER, DslSupport.operand(other));
    }

    /** Returns {@code this >= 'timestamp'}, with the instant written as the service stores timestamps. */
    public Condition ge(Instant value) {
        return compare(ComparisonOperator.GREATER_OR_EQUAL, DslSupport.time(value));
    }

    /** Returns {@code this >= other}, compared as strings. */
    public Condition ge(TimeField other) {
        return compare(ComparisonOperator.GREATER_OR_EQUAL, DslSupport.operand(other));
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof TimeField other && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    /** Returns the SQL text of the path, such as {@code lastActivityTime}. */
    @Override
    public String toString() {
        return SqlWriter.render(path);
    }
}
