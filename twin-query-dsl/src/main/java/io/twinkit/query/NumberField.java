package io.twinkit.query;

/**
 * A twin field that holds a number, such as {@code version()} or {@code cloudToDeviceMessageCount()}: it compares
 * with numbers and takes part in arithmetic (the methods of {@link Numeric}), and is the natural argument of
 * {@code avg}, {@code sum}, {@code min} and {@code max}.
 *
 * <pre>{@code
 * version().gt(5)                             // version > 5
 * cloudToDeviceMessageCount().in(0, 1)        // cloudToDeviceMessageCount IN [0, 1]
 * version().mod(2).eq(0)                      // (version % 2) = 0
 * }</pre>
 *
 * <p>Immutable and thread-safe. Equality compares the paths; {@code toString()} is the SQL text of the path.
 */
public final class NumberField extends PathField implements Numeric {

    NumberField(QueryPath path) {
        super(path);
    }

    /** Returns the path, as a query-tree expression. */
    @Override
    public Expression expression() {
        return path();
    }
}
