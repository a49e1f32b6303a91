package io.twinkit.query;

/**
 * A node of a {@code WHERE} condition: a value ({@link Literal}, {@link QueryPath}, {@link Arithmetic},
 * {@link Negation}, {@link FunctionCall}) or a condition ({@link Comparison}, {@link InList}, {@link And},
 * {@link Or}, {@link Not}). The language does not separate the two: a boolean path is a condition, and a condition
 * evaluates to a value (true, false or undefined).
 */
public sealed interface Expression
        permits Literal, QueryPath, Comparison, InList, And, Or, Not, Arithmetic, Negation, FunctionCall {
}
