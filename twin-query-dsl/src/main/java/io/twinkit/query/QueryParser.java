package io.twinkit.query;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.query.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Reads IoT Hub query text into a {@link Query} or a condition tree: the reverse of {@link SqlWriter}, so that
 * {@code QueryParser.parse(query.toSql())} equals {@code query}.
 *
 * <p>The grammar is the service's: {@code SELECT [TOP n] (* | projections) FROM devices|devices.modules|devices.jobs
 * [WHERE condition] [GROUP BY path]}, keywords in any case. In conditions {@code OR} binds loosest, then {@code AND},
 * {@code NOT}, the comparisons and {@code IN}/{@code NIN}, {@code + -}, {@code * / %} and unary minus, so
 * {@code NOT a = 1 AND b = 2} is {@code (NOT (a = 1)) AND (b = 2)}. Strings take single or double quotes and only the
 * escapes {@code \'}, {@code \"}, {@code \\} and {@code \}{@code uHHHH}; numbers are decimal (an integer without
 * fraction and exponent, else a double) or {@code 0x} hexadecimal, and a minus sign directly before a number makes a
 * negative literal. Paths are identifiers or {@code [[key]]} segments joined by dots. An identifier is a letter,
 * {@code _} or {@code $}, then letters, digits, {@code _}, {@code $}, and {@code -} signs that have a word character
 * right after them: {@code properties.desired.key-4c5a} is one segment, as real hubs read the keys the SDKs' e2e tests
 * query ({@code KeyQuery<uuid>}), and so is {@code tags.a-5}; write {@code tags.a - 5} (a space on either side) to
 * subtract. Aliases follow the same rule ({@code AS key-4c5a}). A reserved word must be
 * bracketed ({@code tags.[[group]]}), and a leading {@code devices.} (then {@code modules.} or {@code jobs.}) is
 * dropped. Nesting of parentheses, function calls, {@code NOT} and unary minus is limited to 256 levels, and each
 * operator of an arithmetic chain counts one level until the chain ends ({@code a + b + c} makes a tree two levels
 * deep), so that hostile text cannot exhaust the stack of the parser or of anything that walks the tree.
 *
 * <p>Stateless and thread-safe.
 */
final class QueryParser {

    private final TokenStream tokens;
    private final ConditionParser conditions;

    private QueryParser(String sql) {
        this.tokens = new TokenStream(sql);
        this.conditions = new ConditionParser(tokens);
    }

    /**
     * Reads a whole query, such as {@code SELECT * FROM devices WHERE tags.location.plant = 'Redmond43'}.
     *
     * @param sql the query text
     * @return the query
     * @throws QuerySyntaxException if the text is not a query of the language, naming the position and what was
     *     expected there
     * @throws InvalidQueryException if the text is longer than {@value Query#MAX_LENGTH} characters, or the query
     *     breaks a rule of the service (for example an aggregate beside a plain path without {@code GROUP BY})
     */
    public static Query parse(String sql) {
        checkLength(Objects.requireNonNull(sql, "sql"));
        return new QueryParser(sql).query();
    }

    /**
     * Reads a bare condition, the text of a {@code WHERE} clause such as {@code tags.location.region IN ['US', 'EU']}.
     *
     * @param sql the condition text
     * @return its tree
     * @throws QuerySyntaxException if the text is not a condition of the language
     * @throws InvalidQueryException if the text is longer than {@value Query#MAX_LENGTH} characters
     */
    public static Expression parseCondition(String sql) {
        checkLength(Objects.requireNonNull(sql, "sql"));
        QueryParser parser = new QueryParser(sql);
        Expression condition = parser.conditions.condition();
        parser.tokens.expectEnd("an operator or end of condition");
        return condition;
    }

    private static void checkLength(String sql) {
        if (sql.length() > Query.MAX_LENGTH) {
            int characters = sql.codePointCount(0, sql.length());
            if (characters > Query.MAX_LENGTH) {
                throw new InvalidQueryException("the query has " + characters + " characters; IoT Hub accepts at most "
                        + Query.MAX_LENGTH);
            }
        }
    }

    private Query query() {
        tokens.expectKeyword("SELECT", "SELECT");
        OptionalLong top = OptionalLong.empty();
        if (tokens.acceptKeyword("TOP")) {
            top = OptionalLong.of(topCount());
        }
        List<Projection> projections = new ArrayList<>();
        if (!tokens.acceptSymbol("*")) {
            projections.add(projection("*, a path or an aggregate"));
            while (tokens.acceptSymbol(",")) {
                projections.add(projection("a path or an aggregate"));
            }
        }
        tokens.expectKeyword("FROM", projections.isEmpty() ? "FROM" : "',' or FROM");
        QuerySource source = source();
        Expression where = null;
        if (tokens.acceptKeyword("WHERE")) {
            where = conditions.condition();
        }
        QueryPath groupBy = null;
        if (tokens.acceptKeyword("GROUP")) {
            tokens.expectKeyword("BY", "BY");
            groupBy = conditions.path();
        }
        tokens.expectEnd(groupBy != null ? "end of query"
                : where != null ? "an operator, GROUP BY or end of query" : "WHERE, GROUP BY or end of query");
        return Query.of(source, projections, where, groupBy, top);
    }

    private long topCount() {
        Token token = tokens.next();
        JsonNumber number = token.number();
        if (number == null || !number.fitsInLong()) {
            throw TokenStream.error(token, "the number of results (a whole number) after TOP");
        }
        return number.longValue();
    }

    private Projection projection(String expected) {
        Token token = tokens.peek();
        Selectable target;
        if (token.kind() == Kind.WORD && tokens.peek(1).isSymbol("(")
                && AggregateFunction.byName(token.raw()).isPresent()) {
            AggregateFunction function = AggregateFunction.byName(token.raw()).orElseThrow();
            tokens.next();
            tokens.next();
            QueryPath argument = function.takesPath() ? conditions.path() : null;
            tokens.expectSymbol(")", function.takesPath() ? "')'" : "')' (COUNT takes no argument)");
            target = new Aggregate(function, argument);
        } else if (token.kind() == Kind.SEGMENT || token.kind() == Kind.WORD && !token.isReservedWord()) {
            target = conditions.path();
        } else {
            throw TokenStream.error(token, expected);
        }
        String alias = null;
        if (tokens.acceptKeyword("AS")) {
            Token name = tokens.next();
            if (name.kind() != Kind.WORD || !SqlText.isIdentifier(name.raw())) {
                throw TokenStream.error(name, "an alias ([A-Za-z_][A-Za-z0-9_]* with inner single hyphens, not a"
                        + " reserved word)");
            }
            alias = name.raw();
        }
        return new Projection(target, alias);
    }

    private QuerySource source() {
        Token collection = tokens.next();
        if (!collection.isKeyword("devices")) {
            throw TokenStream.error(collection, "devices, devices.modules or devices.jobs");
        }
        if (!tokens.acceptSymbol(".")) {
            return QuerySource.DEVICES;
        }
        Token sub = tokens.next();
        if (sub.isKeyword("modules")) {
            return QuerySource.MODULES;
        }
        if (sub.isKeyword("jobs")) {
            return QuerySource.JOBS;
        }
        throw TokenStream.error(sub, "modules or jobs");
    }
}
