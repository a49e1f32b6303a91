package io.twinkit.query;

/**
 * A twin field that holds a timestamp, such as {@code lastActivityTime()} or {@code statusUpdateTime()}: it compares
 * with {@link java.time.Instant}s (the methods of {@link TimeComparisons}).
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
public final class TimeField extends PathField implements TimeComparisons, FieldComparisons<TimeField> {

    TimeField(QueryPath path) {
        super(path);
    }
}
