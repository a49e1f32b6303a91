package io.twinkit.query.eval;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.ArithmeticOperator;
import org.jspecify.annotations.Nullable;

/** The compiled constants and arithmetic. */
final class ValueNodes {

    private ValueNodes() {
    }

    /** A constant; {@code null} for {@code undefined}. */
    static final class Constant extends Node.ValueNode {
        private final @Nullable JsonValue value;

        Constant(@Nullable JsonValue value) {
            this.value = value;
        }

        @Override
        @Nullable JsonValue value(TwinDocument twin) {
            return value;
        }

        /** Returns the constant; {@code null} for {@code undefined}. */
        @Nullable JsonValue valueOrNull() {
            return value;
        }
    }

    /** {@code left op right} on two numbers; undefined otherwise. */
    static final class Arithmetic extends Node.ValueNode {
        private final Node left;
        private final ArithmeticOperator operator;
        private final Node right;

        Arithmetic(Node left, ArithmeticOperator operator, Node right) {
            this.left = left;
            this.operator = operator;
            this.right = right;
        }

        @Override
        @Nullable JsonValue value(TwinDocument twin) {
            if (left.value(twin) instanceof JsonNumber a && right.value(twin) instanceof JsonNumber b) {
                return Numbers.apply(operator, a, b);
            }
            return null;
        }
    }

    /** {@code -operand} of a number; undefined otherwise. */
    static final class Negation extends Node.ValueNode {
        private final Node operand;

        Negation(Node operand) {
            this.operand = operand;
        }

        @Override
        @Nullable JsonValue value(TwinDocument twin) {
            return operand.value(twin) instanceof JsonNumber number ? Numbers.negate(number) : null;
        }
    }
}
