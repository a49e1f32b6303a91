package io.twinkit.query;

import io.twinkit.core.TwinTime;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The tree building shared by the DSL types. Values become {@link Literal}s or {@link InList}s here and nowhere else,
 * so the only text the DSL ever produces comes from {@code SqlWriter} and {@code SqlText}.
 */
final class DslSupport {

    private DslSupport() {
    }

    static Condition compare(Expression left, ComparisonOperator operator, Expression right) {
        return Condition.of(new Comparison(left, operator, right));
    }

    static Literal string(String value) {
        return Literal.of(Objects.requireNonNull(value, "value"));
    }

    /**
     * Returns the timestamp literal as the service stores timestamps: at most seven fractional digits (100 ns ticks,
     * finer precision truncated), trailing zeros trimmed.
     */
    static Literal time(Instant instant) {
        return Literal.of(TwinTime.format(TwinTime.toTicks(Objects.requireNonNull(instant, "instant"))));
    }

    static Expression operand(TwinField field) {
        return Objects.requireNonNull(field, "other").path();
    }

    static NumberExpression arithmetic(Expression left, ArithmeticOperator operator, Expression right) {
        return new NumberExpression(new Arithmetic(left, operator, right));
    }

    static Condition isDefined(QueryPath path) {
        return Condition.of(FunctionCall.of(QueryFunction.IS_DEFINED, path));
    }

    static Condition isNotDefined(QueryPath path) {
        return Condition.of(new Not(FunctionCall.of(QueryFunction.IS_DEFINED, path)));
    }

    static Condition call(QueryFunction function, QueryPath path, String argument) {
        return Condition.of(FunctionCall.of(function, path, string(Objects.requireNonNull(argument, "argument"))));
    }

    /**
     * Returns {@code operand IN values} or {@code operand NIN values}. A single value becomes {@code =} or {@code !=}
     * (the service's grammar asks for two or more elements, and the meaning is the same, three-valued logic
     * included); an empty list is rejected rather than sent.
     */
    static Condition membership(Expression operand, boolean negated, List<JsonValue> values) {
        if (values.isEmpty()) {
            throw new InvalidQueryException(SqlWriter.render(operand) + (negated
                    ? " NIN []: an empty list excludes nothing; leave the condition out"
                    : " IN []: an empty list can never match; leave the query out instead of sending it"));
        }
        if (values.size() == 1) {
            return compare(operand, negated ? ComparisonOperator.NOT_EQUAL : ComparisonOperator.EQUAL,
                    Literal.of(values.get(0)));
        }
        return Condition.of(new InList(operand, negated, JsonArray.copyOf(values)));
    }

    static List<JsonValue> strings(String... values) {
        Objects.requireNonNull(values, "values");
        List<JsonValue> list = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            list.add(JsonString.of(Objects.requireNonNull(values[i], "values[" + i + "]")));
        }
        return list;
    }

    static List<JsonValue> strings(Collection<String> values) {
        return strings(Objects.requireNonNull(values, "values").toArray(new String[0]));
    }

    static List<JsonValue> longs(long... values) {
        Objects.requireNonNull(values, "values");
        List<JsonValue> list = new ArrayList<>(values.length);
        for (long value : values) {
            list.add(JsonNumber.of(value));
        }
        return list;
    }

    static List<JsonValue> doubles(double... values) {
        Objects.requireNonNull(values, "values");
        List<JsonValue> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(JsonNumber.of(value));
        }
        return list;
    }
}
