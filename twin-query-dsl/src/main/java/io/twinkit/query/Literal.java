package io.twinkit.query;

import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A constant: a string, number (integer or double), {@code true}, {@code false}, {@code null}, or
 * {@code undefined}. {@code 'O\'Brien'} is {@code Literal.of("O'Brien")}: escaping happens only when rendering.
 */
public final class Literal implements Expression {

    private static final Literal UNDEFINED = new Literal(null);
    private static final Literal NULL = new Literal(JsonNull.INSTANCE);

    private final @Nullable JsonValue value;

    private Literal(@Nullable JsonValue value) {
        this.value = value;
    }

    /**
     * Returns the literal for a JSON scalar.
     *
     * @throws IllegalArgumentException for an object or array, which the language has no literal for
     */
    public static Literal of(JsonValue value) {
        Objects.requireNonNull(value, "value");
        if (value.isObject() || value.isArray()) {
            throw new IllegalArgumentException("a query literal is a string, number, boolean or null, not "
                    + value.type());
        }
        return value.isNull() ? NULL : new Literal(value);
    }

    /** Returns the string literal {@code value}. */
    public static Literal of(String value) {
        return new Literal(JsonString.of(value));
    }

    /** Returns the integer literal {@code value}. */
    public static Literal of(long value) {
        return new Literal(JsonNumber.of(value));
    }

    /**
     * Returns the double literal {@code value}.
     *
     * @throws IllegalArgumentException if it is NaN or infinite
     */
    public static Literal of(double value) {
        return new Literal(JsonNumber.of(value));
    }

    /** Returns {@code true} or {@code false}. */
    public static Literal of(boolean value) {
        return new Literal(JsonBoolean.of(value));
    }

    /** Returns {@code null}. */
    public static Literal nullValue() {
        return NULL;
    }

    /** Returns {@code undefined}, the value of a missing property. */
    public static Literal undefined() {
        return UNDEFINED;
    }

    /** Returns the value; empty for {@code undefined}. */
    public Optional<JsonValue> value() {
        return Optional.ofNullable(value);
    }

    /** Returns the value, or {@code null} for {@code undefined}; for evaluators. */
    public @Nullable JsonValue valueOrNull() {
        return value;
    }

    /** Returns whether this is {@code undefined}. */
    public boolean isUndefined() {
        return value == null;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof Literal other && Objects.equals(value, other.value)
                && (value == null || sameKind(value, other.value));
    }

    private static boolean sameKind(JsonValue a, @Nullable JsonValue b) {
        // 1 and 1.0 render differently, so as tree nodes they differ even though they compare equal as values
        return !(a instanceof JsonNumber x && b instanceof JsonNumber y) || x.isIntegral() == y.isIntegral();
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    /** Returns the SQL text of the literal. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
