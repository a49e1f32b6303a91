package io.twinkit.query;

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
public final class StringField extends PathField
        implements StringValued, StringComparisons, FieldComparisons<StringValued> {

    StringField(QueryPath path) {
        super(path);
    }
}
