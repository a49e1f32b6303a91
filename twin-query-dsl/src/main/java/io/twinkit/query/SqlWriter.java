package io.twinkit.query;

import java.util.List;

/**
 * Renders query trees as IoT Hub SQL: keywords in upper case, single spaces, every literal through
 * {@link SqlText#appendLiteral} and every path through {@link SqlText#path}, and parentheses wherever the reading
 * would otherwise depend on precedence.
 *
 * <p>The text is deterministic and {@link QueryParser#parse(String)} reads it back into an equal tree:
 * <ul>
 *   <li>comparisons, {@code IN} and function calls are written bare: {@code tags.location.plant = 'Redmond43'};
 *   <li>the operands of {@code AND} and {@code OR} are written bare unless they are themselves an {@code OR} or
 *       {@code AND}: {@code a = 1 AND (b = 2 OR c = 3)};
 *   <li>{@code NOT} always parenthesises: {@code NOT (a = 1)};
 *   <li>an operand of a comparison or of arithmetic is parenthesised unless it is a literal, a path or a function
 *       call: {@code (properties.reported.temperature * 2) > 60}; a unary minus is written {@code -(x)}. The one
 *       exception is the left operand of arithmetic that is itself arithmetic binding at least as tightly, which
 *       reads the same bare: {@code tags.a - tags.b - tags.c}, {@code tags.a * 2 + 1}. So a long chain reads back
 *       as the chain it was, not as one pair of parentheses per operator.
 * </ul>
 */
final class SqlWriter {

    private SqlWriter() {
    }

    /** Returns the SQL text of a query, without checking its length. */
    public static String render(Query query) {
        StringBuilder out = new StringBuilder(128).append("SELECT ");
        query.top().ifPresent(top -> out.append("TOP ").append(top).append(' '));
        List<Projection> projections = query.projections();
        if (projections.isEmpty()) {
            out.append('*');
        } else {
            for (int i = 0; i < projections.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                projection(out, projections.get(i));
            }
        }
        out.append(" FROM ").append(query.source().sql());
        query.where().ifPresent(where -> {
            out.append(" WHERE ");
            expression(out, where);
        });
        query.groupBy().ifPresent(path -> out.append(" GROUP BY ").append(SqlText.path(path.twinPath())));
        return out.toString();
    }

    /** Returns the SQL text of an expression. */
    public static String render(Expression expression) {
        StringBuilder out = new StringBuilder();
        expression(out, expression);
        return out.toString();
    }

    /** Returns the SQL text of a projection. */
    public static String render(Projection projection) {
        StringBuilder out = new StringBuilder();
        projection(out, projection);
        return out.toString();
    }

    /** Returns the SQL text of an aggregate. */
    public static String render(Aggregate aggregate) {
        StringBuilder out = new StringBuilder();
        aggregate(out, aggregate);
        return out.toString();
    }

    private static void projection(StringBuilder out, Projection projection) {
        if (projection.target() instanceof QueryPath path) {
            out.append(SqlText.path(path.twinPath()));
        } else {
            aggregate(out, (Aggregate) projection.target());
        }
        projection.aliasName().ifPresent(alias -> out.append(" AS ").append(alias));
    }

    private static void aggregate(StringBuilder out, Aggregate aggregate) {
        out.append(aggregate.function().name()).append('(');
        aggregate.argument().ifPresent(path -> out.append(SqlText.path(path.twinPath())));
        out.append(')');
    }

    private static void expression(StringBuilder out, Expression expression) {
        if (expression instanceof Literal literal) {
            if (literal.isUndefined()) {
                out.append("undefined");
            } else {
                SqlText.appendLiteral(out, literal.valueOrNull());
            }
        } else if (expression instanceof QueryPath path) {
            out.append(SqlText.path(path.twinPath()));
        } else if (expression instanceof Comparison comparison) {
            operand(out, comparison.left());
            out.append(' ').append(comparison.operator().symbol()).append(' ');
            operand(out, comparison.right());
        } else if (expression instanceof InList in) {
            operand(out, in.operand());
            out.append(in.negated() ? " NIN " : " IN ");
            SqlText.appendLiteral(out, in.values());
        } else if (expression instanceof And and) {
            logical(out, and.operands(), " AND ");
        } else if (expression instanceof Or or) {
            logical(out, or.operands(), " OR ");
        } else if (expression instanceof Not not) {
            out.append("NOT (");
            expression(out, not.operand());
            out.append(')');
        } else if (expression instanceof Arithmetic arithmetic) {
            if (arithmetic.left() instanceof Arithmetic left
                    && precedence(left.operator()) >= precedence(arithmetic.operator())) {
                expression(out, left);
            } else {
                operand(out, arithmetic.left());
            }
            out.append(' ').append(arithmetic.operator().symbol()).append(' ');
            operand(out, arithmetic.right());
        } else if (expression instanceof Negation negation) {
            out.append("-(");
            expression(out, negation.operand());
            out.append(')');
        } else if (expression instanceof FunctionCall call) {
            out.append(call.function().name()).append('(');
            for (int i = 0; i < call.arguments().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                expression(out, call.arguments().get(i));
            }
            out.append(')');
        } else {
            throw new IllegalStateException("unknown expression " + expression.getClass());
        }
    }

    private static void logical(StringBuilder out, List<Expression> operands, String keyword) {
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                out.append(keyword);
            }
            Expression operand = operands.get(i);
            boolean wrap = operand instanceof And || operand instanceof Or || operand instanceof Arithmetic;
            if (wrap) {
                out.append('(');
            }
            expression(out, operand);
            if (wrap) {
                out.append(')');
            }
        }
    }

    private static int precedence(ArithmeticOperator operator) {
        return operator == ArithmeticOperator.ADD || operator == ArithmeticOperator.SUBTRACT ? 1 : 2;
    }

    private static void operand(StringBuilder out, Expression operand) {
        boolean bare = operand instanceof Literal || operand instanceof QueryPath || operand instanceof FunctionCall;
        if (!bare) {
            out.append('(');
        }
        expression(out, operand);
        if (!bare) {
            out.append(')');
        }
    }
}
