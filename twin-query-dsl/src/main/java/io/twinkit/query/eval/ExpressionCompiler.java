package io.twinkit.query.eval;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.query.And;
import io.twinkit.query.Arithmetic;
import io.twinkit.query.Comparison;
import io.twinkit.query.Expression;
import io.twinkit.query.FunctionCall;
import io.twinkit.query.InList;
import io.twinkit.query.Literal;
import io.twinkit.query.Negation;
import io.twinkit.query.Not;
import io.twinkit.query.Or;
import io.twinkit.query.QueryFunction;
import io.twinkit.query.QueryPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a query tree into {@link Node}s, once per query. Arithmetic and unary minus over constants are folded into
 * constants here, so that their cost is paid once per query rather than once per twin.
 */
final class ExpressionCompiler {

    private ExpressionCompiler() {
    }

    /** Compiles {@code expression} and everything below it. */
    static Node compile(Expression expression) {
        if (expression instanceof Literal literal) {
            return new ValueNodes.Constant(literal.valueOrNull());
        }
        if (expression instanceof QueryPath path) {
            return PathNode.of(path);
        }
        if (expression instanceof Comparison comparison) {
            return new PredicateNodes.Comparison(compile(comparison.left()), comparison.operator(),
                    compile(comparison.right()));
        }
        if (expression instanceof InList in) {
            return new PredicateNodes.In(compile(in.operand()), in.negated(), in.values());
        }
        if (expression instanceof And and) {
            return new LogicNodes.And(compileAll(and.operands()));
        }
        if (expression instanceof Or or) {
            return new LogicNodes.Or(compileAll(or.operands()));
        }
        if (expression instanceof Not not) {
            return new LogicNodes.Not(compile(not.operand()));
        }
        if (expression instanceof Arithmetic arithmetic) {
            Node left = compile(arithmetic.left());
            Node right = compile(arithmetic.right());
            if (left instanceof ValueNodes.Constant a && right instanceof ValueNodes.Constant b) {
                // folded once here rather than computed again for every twin: 1 + 1 + ... costs one number
                return new ValueNodes.Constant(a.valueOrNull() instanceof JsonNumber x
                        && b.valueOrNull() instanceof JsonNumber y ? Numbers.apply(arithmetic.operator(), x, y) : null);
            }
            return new ValueNodes.Arithmetic(left, arithmetic.operator(), right);
        }
        if (expression instanceof Negation negation) {
            Node operand = compile(negation.operand());
            if (operand instanceof ValueNodes.Constant constant) {
                return new ValueNodes.Constant(constant.valueOrNull() instanceof JsonNumber number
                        ? Numbers.negate(number) : null);
            }
            return new ValueNodes.Negation(operand);
        }
        if (expression instanceof FunctionCall call) {
            List<Expression> arguments = call.arguments();
            if (call.function() == QueryFunction.IS_DEFINED) {
                return new PredicateNodes.IsDefined(compile(arguments.get(0)));
            }
            return new PredicateNodes.StringFunction(call.function(), compile(arguments.get(0)),
                    compile(arguments.get(1)));
        }
        throw new IllegalStateException("unknown expression " + expression.getClass().getName());
    }

    private static List<Node> compileAll(List<Expression> expressions) {
        List<Node> nodes = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            nodes.add(compile(expression));
        }
        return nodes;
    }
}
