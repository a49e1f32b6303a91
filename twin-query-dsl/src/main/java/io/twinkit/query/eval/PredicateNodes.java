package io.twinkit.query.eval;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.ComparisonOperator;
import io.twinkit.query.QueryFunction;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The compiled comparisons, membership tests and functions. */
final class PredicateNodes {

    private PredicateNodes() {
    }

    /** {@code left op right}, as {@link Values#compare}. */
    static final class Comparison extends Node.ConditionNode {
        private final Node left;
        private final ComparisonOperator operator;
        private final Node right;

        Comparison(Node left, ComparisonOperator operator, Node right) {
            this.left = left;
            this.operator = operator;
            this.right = right;
        }

        @Override
        int test(TwinDocument twin) {
            return Values.compare(left.value(twin), operator, right.value(twin));
        }
    }

    /**
     * {@code x IN [...]}, the Or of {@code x = v} over the list, and {@code NIN}, its negation. The list is split by
     * type once: {@code x} can equal only the elements of its own type, and any element of another type makes a
     * non-matching result undefined rather than false.
     */
    static final class In extends Node.ConditionNode {
        private final Node operand;
        private final boolean negated;
        private final Set<String> strings = new HashSet<>();
        private final Set<JsonNumber> numbers = new HashSet<>();
        private final boolean hasTrue;
        private final boolean hasFalse;
        private final int stringCount;
        private final int numberCount;
        private final int booleanCount;
        private final int size;

        In(Node operand, boolean negated, JsonArray values) {
            this.operand = operand;
            this.negated = negated;
            boolean sawTrue = false;
            boolean sawFalse = false;
            int stringElements = 0;
            int numberElements = 0;
            int booleanElements = 0;
            for (JsonValue value : values) {
                if (value instanceof JsonString text) {
                    strings.add(text.value());
                    stringElements++;
                } else if (value instanceof JsonNumber number) {
                    numbers.add(number);
                    numberElements++;
                } else if (value instanceof JsonBoolean bool) {
                    sawTrue |= bool.value();
                    sawFalse |= !bool.value();
                    booleanElements++;
                }
            }
            this.hasTrue = sawTrue;
            this.hasFalse = sawFalse;
            this.stringCount = stringElements;
            this.numberCount = numberElements;
            this.booleanCount = booleanElements;
            this.size = values.size();
        }

        @Override
        int test(TwinDocument twin) {
            int truth = in(operand.value(twin));
            return negated ? LogicNodes.Not.not(truth) : truth;
        }

        private int in(@Nullable JsonValue value) {
            if (value instanceof JsonString text) {
                return strings.contains(text.value()) ? TRUE : missing(stringCount);
            }
            if (value instanceof JsonNumber number) {
                return numbers.contains(number) ? TRUE : missing(numberCount);
            }
            if (value instanceof JsonBoolean bool) {
                return (bool.value() ? hasTrue : hasFalse) ? TRUE : missing(booleanCount);
            }
            return UNDEFINED; // undefined, null, objects and arrays compare with nothing
        }

        // equal to none of the `sameType` elements of its type: false, unless other elements made it undefined
        private int missing(int sameType) {
            return sameType == size ? FALSE : UNDEFINED;
        }
    }

    /** {@code IS_DEFINED(x)}: true when {@code x} has a value, false otherwise; never undefined. */
    static final class IsDefined extends Node.ConditionNode {
        private final Node argument;

        IsDefined(Node argument) {
            this.argument = argument;
        }

        @Override
        int test(TwinDocument twin) {
            return argument.value(twin) != null ? TRUE : FALSE;
        }
    }

    /** {@code STARTSWITH}, {@code ENDSWITH}, {@code CONTAINS}: case-sensitive, undefined unless both are strings. */
    static final class StringFunction extends Node.ConditionNode {
        private final QueryFunction function;
        private final Node text;
        private final Node part;

        StringFunction(QueryFunction function, Node text, Node part) {
            this.function = function;
            this.text = text;
            this.part = part;
        }

        @Override
        int test(TwinDocument twin) {
            if (!(text.value(twin) instanceof JsonString s) || !(part.value(twin) instanceof JsonString p)) {
                return UNDEFINED;
            }
            boolean result = switch (function) {
                case STARTSWITH -> s.value().startsWith(p.value());
                case ENDSWITH -> s.value().endsWith(p.value());
                case CONTAINS -> s.value().contains(p.value());
                case IS_DEFINED -> throw new IllegalStateException("IS_DEFINED is not a string function");
            };
            return result ? TRUE : FALSE;
        }
    }
}
