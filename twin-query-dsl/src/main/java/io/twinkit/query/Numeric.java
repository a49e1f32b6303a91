package io.twinkit.query;

import java.util.Objects;

/**
 * A value that compares with numbers and takes part in arithmetic: a {@link NumberField} such as {@code version()},
 * an untyped {@link Field} (which may hold a number), or arithmetic such as
 * {@code reported("temperature").times(9).dividedBy(5).plus(32)}, whose result is again {@code Numeric}.
 *
 * <pre>{@code
 * reported("temperature").times(2).gt(60)     // (properties.reported.temperature * 2) > 60
 * version().ge(desired("minVersion"))         // version >= properties.desired.minVersion
 * }</pre>
 *
 * <p>Numbers compare by value ({@code 3 = 3.0}). A comparison of values of different types, or with a missing property
 * or with arithmetic that has no result (a non-number operand, a zero divisor), is undefined and so does not match.
 * Operands of arithmetic and comparisons are parenthesised when rendered, so the text never depends on operator
 * precedence.
 */
public sealed interface Numeric permits Field, NumberField, NumberExpression {

    /** Returns the query tree of this number. */
    Expression expression();

    /** Returns {@code this = value}. */
    default Condition eq(long value) {
        return DslSupport.compare(expression(), ComparisonOperator.EQUAL, Literal.of(value));
    }

    /**
     * Returns {@code this = value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default Condition eq(double value) {
        return DslSupport.compare(expression(), ComparisonOperator.EQUAL, Literal.of(value));
    }

    /** Returns {@code this = other}; undefined where the two have different types. */
    default Condition eq(Numeric other) {
        return DslSupport.compare(expression(), ComparisonOperator.EQUAL,
                Objects.requireNonNull(other, "other").expression());
    }

    /** Returns {@code this != value}. */
    default Condition ne(long value) {
        return DslSupport.compare(expression(), ComparisonOperator.NOT_EQUAL, Literal.of(value));
    }

    /**
     * Returns {@code this != value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default Condition ne(double value) {
        return DslSupport.compare(expression(), ComparisonOperator.NOT_EQUAL, Literal.of(value));
    }

    /** Returns {@code this != other}; undefined where the two have different types. */
    default Condition ne(Numeric other) {
        return DslSupport.compare(expression(), ComparisonOperator.NOT_EQUAL,
                Objects.requireNonNull(other, "other").expression());
    }

    /** Returns {@code this < value}. */
    default Condition lt(long value) {
        return DslSupport.compare(expression(), ComparisonOperator.LESS, Literal.of(value));
    }

    /**
     * Returns {@code this < value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default Condition lt(double value) {
        return DslSupport.compare(expression(), ComparisonOperator.LESS, Literal.of(value));
    }

    /** Returns {@code this < other}; undefined where the two have different types. */
    default Condition lt(Numeric other) {
        return DslSupport.compare(expression(), ComparisonOperator.LESS,
                Objects.requireNonNull(other, "other").expression());
    }

    /** Returns {@code this <= value}. */
    default Condition le(long value) {
        return DslSupport.compare(expression(), ComparisonOperator.LESS_OR_EQUAL, Literal.of(value));
    }

    /**
     * Returns {@code this <= value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default Condition le(double value) {
        return DslSupport.compare(expression(), ComparisonOperator.LESS_OR_EQUAL, Literal.of(value));
    }

    /** Returns {@code this <= other}; undefined where the two have different types. */
    default Condition le(Numeric other) {
        return DslSupport.compare(expression(), ComparisonOperator.LESS_OR_EQUAL,
                Objects.requireNonNull(other, "other").expression());
    }

    /** Returns {@code this > value}. */
    default Condition gt(long value) {
        return DslSupport.compare(expression(), ComparisonOperator.GREATER, Literal.of(value));
    }

    /**
     * Returns {@code this > value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default Condition gt(double value) {
        return DslSupport.compare(expression(), ComparisonOperator.GREATER, Literal.of(value));
    }

    /** Returns {@code this > other}; undefined where the two have different types. */
    default Condition gt(Numeric other) {
        return DslSupport.compare(expression(), ComparisonOperator.GREATER,
                Objects.requireNonNull(other, "other").expression());
    }

    /** Returns {@code this >= value}. */
    default Condition ge(long value) {
        return DslSupport.compare(expression(), ComparisonOperator.GREATER_OR_EQUAL, Literal.of(value));
    }

    /**
     * Returns {@code this >= value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default Condition ge(double value) {
        return DslSupport.compare(expression(), ComparisonOperator.GREATER_OR_EQUAL, Literal.of(value));
    }

    /** Returns {@code this >= other}; undefined where the two have different types. */
    default Condition ge(Numeric other) {
        return DslSupport.compare(expression(), ComparisonOperator.GREATER_OR_EQUAL,
                Objects.requireNonNull(other, "other").expression());
    }

    /**
     * Returns {@code this IN [values]}; a single value gives {@code this = value}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    default Condition in(long... values) {
        return DslSupport.membership(expression(), false, DslSupport.longs(values));
    }

    /**
     * Returns {@code this IN [values]}; a single value gives {@code this = value}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     * @throws IllegalArgumentException if a value is NaN or infinite
     */
    default Condition in(double... values) {
        return DslSupport.membership(expression(), false, DslSupport.doubles(values));
    }

    /**
     * Returns {@code this NIN [values]}, that is {@code NOT (this IN [values])}; a single value gives
     * {@code this != value}, which means the same. Undefined, so not matching, where this is not a number.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    default Condition nin(long... values) {
        return DslSupport.membership(expression(), true, DslSupport.longs(values));
    }

    /**
     * Returns {@code this NIN [values]}; a single value gives {@code this != value}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     * @throws IllegalArgumentException if a value is NaN or infinite
     */
    default Condition nin(double... values) {
        return DslSupport.membership(expression(), true, DslSupport.doubles(values));
    }

    /** Returns {@code this + value}. */
    default NumberExpression plus(long value) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.ADD, Literal.of(value));
    }

    /**
     * Returns {@code this + value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default NumberExpression plus(double value) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.ADD, Literal.of(value));
    }

    /** Returns {@code this + other}. */
    default NumberExpression plus(Numeric other) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.ADD,
                Objects.requireNonNull(other, "other").expression());
    }

    /** Returns {@code this - value}. */
    default NumberExpression minus(long value) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.SUBTRACT, Literal.of(value));
    }

    /**
     * Returns {@code this - value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default NumberExpression minus(double value) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.SUBTRACT, Literal.of(value));
    }

    /** Returns {@code this - other}. */
    default NumberExpression minus(Numeric other) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.SUBTRACT,
                Objects.requireNonNull(other, "other").expression());
    }

    /** Returns {@code this * value}. */
    default NumberExpression times(long value) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.MULTIPLY, Literal.of(value));
    }

    /**
     * Returns {@code this * value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default NumberExpression times(double value) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.MULTIPLY, Literal.of(value));
    }

    /** Returns {@code this * other}. */
    default NumberExpression times(Numeric other) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.MULTIPLY,
                Objects.requireNonNull(other, "other").expression());
    }

    /** Returns {@code this / value}; undefined for a zero divisor. */
    default NumberExpression dividedBy(long value) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.DIVIDE, Literal.of(value));
    }

    /**
     * Returns {@code this / value}; undefined for a zero divisor.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default NumberExpression dividedBy(double value) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.DIVIDE, Literal.of(value));
    }

    /** Returns {@code this / other}; undefined for a zero divisor. */
    default NumberExpression dividedBy(Numeric other) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.DIVIDE,
                Objects.requireNonNull(other, "other").expression());
    }

    /** Returns {@code this % value}; undefined for a zero divisor. */
    default NumberExpression mod(long value) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.MODULO, Literal.of(value));
    }

    /**
     * Returns {@code this % value}; undefined for a zero divisor.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    default NumberExpression mod(double value) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.MODULO, Literal.of(value));
    }

    /** Returns {@code this % other}; undefined for a zero divisor. */
    default NumberExpression mod(Numeric other) {
        return DslSupport.arithmetic(expression(), ArithmeticOperator.MODULO,
                Objects.requireNonNull(other, "other").expression());
    }

    /** Returns {@code -(this)}. */
    default NumberExpression negate() {
        return new NumberExpression(new Negation(expression()));
    }
}
