package io.twinkit.query;

import io.twinkit.core.TwinPath;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.Token.Kind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The recursive-descent grammar of conditions and paths, shared by the {@code WHERE} clause, function arguments,
 * projections and {@code GROUP BY}. {@code And} and {@code Or} are built n-ary, as the tree flattens them, so that a
 * rendered condition reads back into an equal tree.
 */
final class ConditionParser {

    private static final String VALUE = "a literal, path, function call or '('";
    private static final String SEGMENT = "a path segment (an identifier that is not a reserved word, or [[key]])";
    private static final String FUNCTIONS = Arrays.stream(QueryFunction.values()).map(Enum::name)
            .collect(Collectors.joining(", ", "a function (", ")"));

    private final TokenStream tokens;

    ConditionParser(TokenStream tokens) {
        this.tokens = tokens;
    }

    /** Reads a condition: {@code OR} of {@code AND} of {@code NOT} of predicates. */
    Expression condition() {
        List<Expression> operands = new ArrayList<>();
        operands.add(conjunction());
        while (tokens.acceptKeyword("OR")) {
            operands.add(conjunction());
        }
        return operands.size() == 1 ? operands.get(0) : new Or(operands);
    }

    private Expression conjunction() {
        List<Expression> operands = new ArrayList<>();
        operands.add(negation());
        while (tokens.acceptKeyword("AND")) {
            operands.add(negation());
        }
        return operands.size() == 1 ? operands.get(0) : new And(operands);
    }

    private Expression negation() {
        Token token = tokens.peek();
        if (!token.isKeyword("NOT")) {
            return predicate();
        }
        tokens.next();
        tokens.enter(token);
        Expression operand = negation();
        tokens.leave();
        return new Not(operand);
    }

    private Expression predicate() {
        Expression left = additive();
        Token token = tokens.peek();
        ComparisonOperator operator = comparisonOperator(token);
        if (operator != null) {
            tokens.next();
            return new Comparison(left, operator, additive());
        }
        if (token.isKeyword("IN") || token.isKeyword("NIN")) {
            tokens.next();
            return new InList(left, token.isKeyword("NIN"), list());
        }
        return left;
    }

    private static @Nullable ComparisonOperator comparisonOperator(Token token) {
        if (token.kind() != Kind.SYMBOL) {
            return null;
        }
        return switch (token.raw()) {
            case "=" -> ComparisonOperator.EQUAL;
            case "!=", "<>" -> ComparisonOperator.NOT_EQUAL;
            case "<" -> ComparisonOperator.LESS;
            case "<=" -> ComparisonOperator.LESS_OR_EQUAL;
            case ">" -> ComparisonOperator.GREATER;
            case ">=" -> ComparisonOperator.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private JsonArray list() {
        tokens.expectSymbol("[", "'[' starting a list of literals");
        JsonArray.Builder values = JsonArray.builder();
        do {
            Token token = tokens.next();
            JsonValue value;
            if (token.kind() == Kind.STRING) {
                value = JsonString.of(Objects.requireNonNull(token.content()));
            } else if (token.kind() == Kind.NUMBER) {
                value = Objects.requireNonNull(token.number());
            } else if (token.isSymbol("-") && tokens.peek().kind() == Kind.NUMBER) {
                value = negate(Objects.requireNonNull(tokens.next().number()));
            } else if (token.isKeyword("true") || token.isKeyword("false")) {
                value = JsonBoolean.of(token.isKeyword("true"));
            } else {
                throw TokenStream.error(token, "a string, number or boolean");
            }
            values.add(value);
        } while (tokens.acceptSymbol(","));
        tokens.expectSymbol("]", "',' or ']'");
        return values.build();
    }

    /*
     * A chain a + b + c is read in a loop but makes a left-deep tree, one level per operator, and everything that
     * walks the tree (the compiler, the evaluator, SqlWriter, equals) recurses: so each operator of a chain counts
     * one level of nesting until the chain ends, and 3000 operators are a syntax error, not a StackOverflowError.
     */
    private Expression additive() {
        Expression left = multiplicative();
        int levels = 0;
        while (true) {
            Token token = tokens.peek();
            ArithmeticOperator operator = token.isSymbol("+") ? ArithmeticOperator.ADD
                    : token.isSymbol("-") ? ArithmeticOperator.SUBTRACT : null;
            if (operator == null) {
                tokens.leave(levels);
                return left;
            }
            tokens.next();
            tokens.enter(token);
            levels++;
            left = new Arithmetic(left, operator, multiplicative());
        }
    }

    private Expression multiplicative() {
        Expression left = unary();
        int levels = 0;
        while (true) {
            Token token = tokens.peek();
            ArithmeticOperator operator = token.isSymbol("*") ? ArithmeticOperator.MULTIPLY
                    : token.isSymbol("/") ? ArithmeticOperator.DIVIDE
                    : token.isSymbol("%") ? ArithmeticOperator.MODULO : null;
            if (operator == null) {
                tokens.leave(levels);
                return left;
            }
            tokens.next();
            tokens.enter(token);
            levels++;
            left = new Arithmetic(left, operator, unary());
        }
    }

    private Expression unary() {
        Token token = tokens.peek();
        if (!token.isSymbol("-")) {
            return primary();
        }
        tokens.next();
        if (tokens.peek().kind() == Kind.NUMBER) {
            return Literal.of(negate(Objects.requireNonNull(tokens.next().number())));
        }
        tokens.enter(token);
        Expression operand = unary();
        tokens.leave();
        return new Negation(operand);
    }

    private static JsonNumber negate(JsonNumber number) {
        BigInteger integer = number.bigIntegerValueOrNull();
        return integer != null ? JsonNumber.of(integer.negate()) : JsonNumber.of(-number.doubleValue());
    }

    private Expression primary() {
        Token token = tokens.peek();
        switch (token.kind()) {
            case STRING -> {
                tokens.next();
                return Literal.of(Objects.requireNonNull(token.content()));
            }
            case NUMBER -> {
                tokens.next();
                return Literal.of(Objects.requireNonNull(token.number()));
            }
            case SEGMENT -> {
                return path();
            }
            case WORD -> {
                return word(token);
            }
            default -> {
                if (!token.isSymbol("(")) {
                    throw TokenStream.error(token, VALUE);
                }
                tokens.next();
                tokens.enter(token);
                Expression inner = condition();
                tokens.expectSymbol(")", "an operator or ')'");
                tokens.leave();
                return inner;
            }
        }
    }

    private Expression word(Token token) {
        if (token.isKeyword("true") || token.isKeyword("false")) {
            tokens.next();
            return Literal.of(token.isKeyword("true"));
        }
        if (token.isKeyword("null")) {
            tokens.next();
            return Literal.nullValue();
        }
        if (token.isKeyword("undefined")) {
            tokens.next();
            return Literal.undefined();
        }
        if (tokens.peek(1).isSymbol("(")) {
            return functionCall();
        }
        if (token.isReservedWord()) {
            throw TokenStream.error(token, VALUE);
        }
        return path();
    }

    private Expression functionCall() {
        Token name = tokens.next();
        tokens.next();
        QueryFunction function = QueryFunction.byName(name.raw()).orElseThrow(() -> TokenStream.error(name, FUNCTIONS));
        tokens.enter(name);
        List<Expression> arguments = new ArrayList<>();
        if (!tokens.acceptSymbol(")")) {
            do {
                arguments.add(condition());
            } while (tokens.acceptSymbol(","));
            tokens.expectSymbol(")", "an operator, ',' or ')'");
        }
        tokens.leave();
        if (arguments.size() != function.arity()) {
            throw new QuerySyntaxException(name.start(), function + " with " + arguments(function.arity()),
                    arguments(arguments.size()));
        }
        return new FunctionCall(function, arguments);
    }

    private static String arguments(int count) {
        return count + (count == 1 ? " argument" : " arguments");
    }

    /** Reads a path, dropping a bare collection prefix. */
    QueryPath path() {
        List<Token> parts = new ArrayList<>();
        parts.add(segment());
        while (tokens.acceptSymbol(".")) {
            parts.add(segment());
        }
        int first = 0;
        // the collection prefix is only a prefix when written bare: [[devices]] is a key named devices
        if (parts.size() > 1 && parts.get(0).isKeyword("devices")) {
            first = 1;
            if (parts.size() > 2 && (parts.get(1).isKeyword("modules") || parts.get(1).isKeyword("jobs"))) {
                first = 2;
            }
        }
        List<String> segments = new ArrayList<>();
        for (Token token : parts.subList(first, parts.size())) {
            String segment = Objects.requireNonNull(token.content());
            try {
                SqlText.checkSegment(segment);
            } catch (InvalidQueryException unwritable) {
                throw new QuerySyntaxException(token.start(), "a path segment that a twin key can hold",
                        token.describe() + " (" + unwritable.getMessage() + ")");
            }
            segments.add(segment);
        }
        return new QueryPath(TwinPath.of(segments));
    }

    private Token segment() {
        Token token = tokens.next();
        if (token.kind() == Kind.SEGMENT || token.kind() == Kind.WORD && !token.isReservedWord()) {
            return token;
        }
        throw TokenStream.error(token, SEGMENT);
    }
}
