package io.twinkit.query;

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
 * strings compare by code point, case-sensitively; booleans only with {@code =} and {@code !=}. An instant is
 * written as the service stores timestamps ({@code 2024-05-01T08:30:00.1234567Z}: at most seven fractional digits,
 * finer precision truncated, trailing zeros trimmed) and compared as a string, which orders correctly only against
 * stored values with the same number of fractional digits. The comparisons with strings and instants are those of
 * {@link StringComparisons} and {@link TimeComparisons}; those with numbers and other fields, of {@link Numeric}.
 *
 * <p>Immutable and thread-safe. Equality compares the paths; {@code toString()} is the SQL text of the path.
 */
public final class Field extends PathField implements StringValued, Numeric, StringComparisons, TimeComparisons {

    Field(QueryPath path) {
        super(path);
    }

    /** Returns the path, as a query-tree expression. */
    @Override
    public Expression expression() {
        return path();
    }

    /** Returns {@code this = true} or {@code this = false}. */
    public Condition eq(boolean value) {
        return compare(ComparisonOperator.EQUAL, Literal.of(value));
    }

    /** Returns {@code this != true} or {@code this != false}. */
    public Condition ne(boolean value) {
        return compare(ComparisonOperator.NOT_EQUAL, Literal.of(value));
    }
}
