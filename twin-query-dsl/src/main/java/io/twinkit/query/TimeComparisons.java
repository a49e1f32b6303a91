package io.twinkit.query;

import java.time.Instant;

/**
 * The comparisons with {@link Instant}s, written once for every field that may hold a timestamp: a {@link TimeField}
 * such as {@code lastActivityTime()}, and an untyped {@link Field} such as {@code reported("lastSeen")}.
 *
 * <pre>{@code
 * lastActivityTime().gt(Instant.parse("2024-05-01T08:30:00.1234567Z"))
 *                         // lastActivityTime > '2024-05-01T08:30:00.1234567Z'
 * }</pre>
 *
 * <p>The service stores timestamps as strings and compares them as strings, by code point. An instant is therefore
 * written the way the service writes timestamps ({@code TwinTime.format}): UTC, at most seven fractional digits (100 ns
 * ticks; finer precision is truncated), trailing zeros trimmed. String order matches time order only between values
 * with the same number of fractional digits.
 */
public sealed interface TimeComparisons permits Field, TimeField {

    /** Returns the path of the field from the twin root. */
    QueryPath path();

    /** Returns {@code this = 'timestamp'}, with the instant written as the service stores timestamps. */
    default Condition eq(Instant value) {
        return DslSupport.compare(path(), ComparisonOperator.EQUAL, DslSupport.time(value));
    }

    /** Returns {@code this != 'timestamp'}, with the instant written as the service stores timestamps. */
    default Condition ne(Instant value) {
        return DslSupport.compare(path(), ComparisonOperator.NOT_EQUAL, DslSupport.time(value));
    }

    /** Returns {@code this < 'timestamp'}, with the instant written as the service stores timestamps. */
    default Condition lt(Instant value) {
        return DslSupport.compare(path(), ComparisonOperator.LESS, DslSupport.time(value));
    }

    /** Returns {@code this <= 'timestamp'}, with the instant written as the service stores timestamps. */
    default Condition le(Instant value) {
        return DslSupport.compare(path(), ComparisonOperator.LESS_OR_EQUAL, DslSupport.time(value));
    }

    /** Returns {@code this > 'timestamp'}, with the instant written as the service stores timestamps. */
    default Condition gt(Instant value) {
        return DslSupport.compare(path(), ComparisonOperator.GREATER, DslSupport.time(value));
    }

    /** Returns {@code this >= 'timestamp'}, with the instant written as the service stores timestamps. */
    default Condition ge(Instant value) {
        return DslSupport.compare(path(), ComparisonOperator.GREATER_OR_EQUAL, DslSupport.time(value));
    }
}
