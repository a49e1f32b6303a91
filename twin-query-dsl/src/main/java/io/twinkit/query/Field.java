package io.twinkit.query;

import io.twinkit.query.ast.ComparisonOperator;
import io.twinkit.query.ast.Expression;
import io.twinkit.query.ast.Literal;
import io.twinkit.query.ast.QueryFunction;
import io.twinkit.query.ast.QueryPath;
import io.twinkit.query.sql.SqlWriter;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An untyped property of a twin, such as {@code tag("location.plant")} or {@code reported("connectivity.type")}: it
 * may hold any JSON value, so it compares with strings, numbers, booleans, timestamps and other paths, and takes part
 * in arithmetic. Typed root fields ({@link StringField}, {@link NumberField}, ...) offer only what suits their type.
 *
 * <pre>{@code
 * tag("location.plant").eq("Redmond43")           // tags.location.plant = 'Redmond43'
 * tag("owner").eq("O'Brien")                      // tags.owner = 'O\'Brien'
 * reported("temperature").gt(72.5)                // properties.reported.temperature > 72.5
 * tag("floor").in(1, 2)                           // tags.floor IN [1, 2]
 * desired("fw").ne(reported("fw"))                // properties.desired.fw != properties.reported.fw
 * reported("temperature").times(2).gt(60)         // (properties.reported.temperature * 2) > 60
 * reported("lastSeen").lt(Instant.parse("2024-05-01T00:00:00Z"))
 *                                                 // properties.reported.lastSeen < '2024-05-01T00:00:00Z'
 * }</pre>
 *
 * <p>Another {@code Field} or a {@link NumberField} compares through the {@link Numeric} methods
 * ({@code desired("fw").ne(reported("fw"))}); to compare with a typed {@link StringField} or {@link TimeField}, start
 * from the typed side: {@code deviceId().eq(tag("primaryDevice"))}.
 *
 * <p>Comparisons follow the service's three-valued logic: they are undefined, and so do not match, when the property
 * is missing or its value has another type than the operand ({@code tags.floor = 3} does not match {@code "3"});
 * strings compare by code point, case-sensitively; booleans only with {@code =} and {@code !=}. An
 * {@link Instant} is written as the service stores timestamps ({@code 2024-05-01T08:30:00.1234567Z}: at most seven
 * fractional digits, finer precision truncated, trailing zeros trimmed) and compared as a string, which orders
 * correctly only against stored values with the same number of fractional digits.
 *
 * <p>Immutable and thread-safe. Equality compares the paths; {@code toString()} is the SQL text of the path.
 */
public final class Field implements TwinField, Numeric {

    private final QueryPath path;

    Field(QueryPath path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Returns the path from the twin root. */
    @Override
    public QueryPath path() {
        return path;
    }

    /** Returns the path, as a query-tree expression. */
    @Override
    public Expression expression() {
        return path;
    }

    private Condition compare(ComparisonOperator operator, Expression right) {
        return DslSupport.compare(path, operator, right);
    }

    /** Returns {@code this = 'value'}, with {@code value} as a string literal. */
    public Condition eq(String value) {
        return compare(ComparisonOperator.EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this = true} or {@code this = false}. */
    public Condition eq(boolean value) {
        return compare(ComparisonOperator.EQUAL, Literal.of(value));
    }

    /** Returns {@code this = 'timestamp'}, compared as strings as the service does (see the class description). */
    public Condition eq(Instant value) {
        return compare(ComparisonOperator.EQUAL, DslSupport.time(value));
    }

    /** Returns {@code this != 'value'}, with {@code value} as a string literal. */
    public Condition ne(String value) {
        return compare(ComparisonOperator.NOT_EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this != true} or {@code this != false}. */
    public Condition ne(boolean value) {
        return compare(ComparisonOperator.NOT_EQUAL, Literal.of(value));
    }

    /** Returns {@code this != 'timestamp'}, compared as strings as the service does (see the class description). */
    public Condition ne(Instant value) {
        return compare(ComparisonOperator.NOT_EQUAL, DslSupport.time(value));
    }

    /** Returns {@code this < 'value'}, with {@code value} as a string literal. */
    public Condition lt(String value) {
        return compare(ComparisonOperator.LESS, DslSupport.string(value));
    }

    /** Returns {@code this < 'timestamp'}, compared as strings as the service does (see the class description). */
    public Condition lt(Instant value) {
        return compare(ComparisonOperator.LESS, DslSupport.time(value));
    }

    /** Returns {@code this <= 'value'}, with {@code value} as a string literal. */
    public Condition le(String value) {
        return compare(ComparisonOperator.LESS_OR_EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this <= 'timestamp'}, compared as strings as the service does (see the class description). */
    public Condition le(Instant value) {
        return compare(ComparisonOperator.LESS_OR_EQUAL, DslSupport.time(value));
    }

    /** Returns {@code this > 'value'}, with {@code value} as a string literal. */
    public Condition gt(String value) {
        return compare(ComparisonOperator.GREATER, DslSupport.string(value));
    }

    /** Returns {@code this > 'timestamp'}, compared as strings as the service does (see the class description). */
    public Condition gt(Instant value) {
        return compare(ComparisonOperator.GREATER, DslSupport.time(value));
    }

    /** Returns {@code this >= 'value'}, with {@code value} as a string literal. */
    public Condition ge(String value) {
        return compare(ComparisonOperator.GREATER_OR_EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this >= 'timestamp'}, compared as strings as the service does (see the class description). */
    public Condition ge(Instant value) {
        return compare(ComparisonOperator.GREATER_OR_EQUAL, DslSupport.time(value));
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
     * {@code this != 'v1'}, which means the same. Both are undefined, so not matching, where the property is missing
     * or is not a string.
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

    /** Returns {@code STARTSWITH(this, 'prefix')}: case-sensitive; undefined unless the property is a string. */
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
        return this == obj || obj instanceof Field other && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    /** Returns the SQL text of the path, such as {@code tags.location.plant}. */
    @Override
    public String toString() {
        return SqlWriter.render(path);
    }
}
