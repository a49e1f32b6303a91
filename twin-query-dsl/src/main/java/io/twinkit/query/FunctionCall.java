package io.twinkit.query;

import java.util.List;
import java.util.Objects;

/**
 * A call of a {@link QueryFunction}, such as {@code STARTSWITH(deviceId, 'sensor-')}.
 *
 * @param function the function
 * @param arguments its arguments, as many as its arity
 */
public record FunctionCall(QueryFunction function, List<Expression> arguments) implements Expression {

    /**
     * Creates a call.
     *
     * @throws InvalidQueryException if the number of arguments does not match the function
     */
    public FunctionCall {
        Objects.requireNonNull(function, "function");
        arguments = List.copyOf(arguments);
        if (arguments.size() != function.arity()) {
            throw new InvalidQueryException(function + " takes " + function.arity() + " argument"
                    + (function.arity() == 1 ? "" : "s") + " but was given " + arguments.size());
        }
    }

    /** Returns a call of {@code function} with {@code arguments}. */
    public static FunctionCall of(QueryFunction function, Expression... arguments) {
        return new FunctionCall(function, List.of(arguments));
    }

    /** Returns the SQL text. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
