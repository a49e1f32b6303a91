package io.twinkit.query.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.And;
import io.twinkit.query.Comparison;
import io.twinkit.query.ComparisonOperator;
import io.twinkit.query.Expression;
import io.twinkit.query.FunctionCall;
import io.twinkit.query.InList;
import io.twinkit.query.Literal;
import io.twinkit.query.Not;
import io.twinkit.query.Or;
import io.twinkit.query.QueryFunction;
import io.twinkit.query.QueryPath;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Three-valued logic, comparisons, IN/NIN and the functions, on literals and on paths of one twin. */
class LogicAndComparisonTest {

    private static final TwinDocument TWIN = TwinDocument.fromJson(JsonValue.parse("""
            {"deviceId": "d1",
             "x509Thumbprint": {"primaryThumbprint": null, "secondaryThumbprint": "AB"},
             "tags": {"s": "abc", "n": 5, "d": 5.0, "b": true, "o": {"k": 1}, "a": [1, 2], "empty": ""}}
            """).asObject());

    private static final Literal T = Literal.of(true);
    private static final Literal F = Literal.of(false);
    private static final Literal U = Literal.undefined();

    /** The truth of an expression: "true", "false" or "undefined" for anything else. */
    static String truth(Expression expression) {
        Optional<JsonValue> value = CompiledQuery.evaluate(expression, TWIN);
        if (value.isEmpty()) {
            return "undefined";
        }
        return value.get() instanceof JsonBoolean b ? String.valueOf(b.value()) : "value " + value.get();
    }

    private static QueryPath tag(String... below) {
        String[] segments = new String[below.length + 1];
        segments[0] = "tags";
        System.arraycopy(below, 0, segments, 1, below.length);
        return QueryPath.of(segments);
    }

    private static Comparison cmp(Expression left, ComparisonOperator op, Expression right) {
        return new Comparison(left, op, right);
    }

    static Stream<Arguments> andTable() {
        return Stream.of(
                Arguments.of(T, T, "true"), Arguments.of(T, F, "false"), Arguments.of(T, U, "undefined"),
                Arguments.of(F, T, "false"), Arguments.of(F, F, "false"), Arguments.of(F, U, "false"),
                Arguments.of(U, T, "undefined"), Arguments.of(U, F, "false"), Arguments.of(U, U, "undefined"));
    }

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @MethodSource("andTable")
    void andIsKleeneConjunction(Literal a, Literal b, String expected) {
        assertThat(truth(And.of(a, b))).isEqualTo(expected);
    }

    static Stream<Arguments> orTable() {
        return Stream.of(
                Arguments.of(T, T, "true"), Arguments.of(T, F, "true"), Arguments.of(T, U, "true"),
                Arguments.of(F, T, "true"), Arguments.of(F, F, "false"), Arguments.of(F, U, "undefined"),
                Arguments.of(U, T, "true"), Arguments.of(U, F, "undefined"), Arguments.of(U, U, "undefined"));
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @MethodSource("orTable")
    void orIsKleeneDisjunction(Literal a, Literal b, String expected) {
        assertThat(truth(Or.of(a, b))).isEqualTo(expected);
    }

    @Test
    void notSwapsTrueAndFalseAndKeepsUndefined() {
        assertThat(truth(new Not(T))).isEqualTo("false");
        assertThat(truth(new Not(F))).isEqualTo("true");
        assertThat(truth(new Not(U))).isEqualTo("undefined");
        assertThat(truth(new Not(new Not(U)))).isEqualTo("undefined");
        assertThat(truth(new Not(And.of(U, F)))).isEqualTo("true");
    }

    @Test
    void nonBooleanOperandsOfLogicCountAsUndefined() {
        assertThat(truth(And.of(T, Literal.of("yes")))).isEqualTo("undefined");
        assertThat(truth(And.of(Literal.of(1), F))).isEqualTo("false");
        assertThat(truth(Or.of(Literal.of(1), F))).isEqualTo("undefined");
        assertThat(truth(Or.of(tag("o"), T))).isEqualTo("true");
        assertThat(truth(new Not(Literal.of(0)))).isEqualTo("undefined");
        assertThat(truth(new Not(Literal.nullValue()))).isEqualTo("undefined");
        assertThat(truth(new Not(tag("b")))).isEqualTo("false");
    }

    @Test
    void nAryLogicConsidersEveryOperand() {
        assertThat(truth(And.of(T, T, T, U))).isEqualTo("undefined");
        assertThat(truth(And.of(U, T, F))).isEqualTo("false");
        assertThat(truth(Or.of(F, F, U, F))).isEqualTo("undefined");
        assertThat(truth(Or.of(U, F, T))).isEqualTo("true");
        assertThat(truth(Or.of(F, F, F))).isEqualTo("false");
    }

    @Test
    void numbersCompareNumericallyAcrossIntegersAndDoubles() {
        assertThat(truth(cmp(Literal.of(3), ComparisonOperator.EQUAL, Literal.of(3.0)))).isEqualTo("true");
        assertThat(truth(cmp(tag("n"), ComparisonOperator.EQUAL, tag("d")))).isEqualTo("true");
        assertThat(truth(cmp(Literal.of(2), ComparisonOperator.LESS, Literal.of(2.5)))).isEqualTo("true");
        assertThat(truth(cmp(Literal.of(-1), ComparisonOperator.GREATER_OR_EQUAL, Literal.of(-0.5))))
                .isEqualTo("false");
        assertThat(truth(cmp(Literal.of(9007199254740993L), ComparisonOperator.GREATER,
                Literal.of(9007199254740992.0)))).isEqualTo("true");
        assertThat(truth(cmp(Literal.of(0.0), ComparisonOperator.EQUAL, Literal.of(-0.0)))).isEqualTo("true");
        assertThat(truth(cmp(Literal.of(1), ComparisonOperator.NOT_EQUAL, Literal.of(1.0)))).isEqualTo("false");
    }

    static Stream<Arguments> everyOperator() {
        return Stream.of(ComparisonOperator.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOperator")
    void comparisonsWithUndefinedOrAcrossTypesAreUndefined(ComparisonOperator op) {
        Literal[] values = {Literal.of("5"), Literal.of(5), Literal.of(true), Literal.nullValue()};
        for (Literal left : values) {
            for (Literal right : values) {
                if (left != right) {
                    assertThat(truth(cmp(left, op, right))).as(left + " " + op + " " + right)
                            .isEqualTo("undefined");
                }
            }
            assertThat(truth(cmp(left, op, U))).isEqualTo("undefined");
            assertThat(truth(cmp(U, op, left))).isEqualTo("undefined");
            assertThat(truth(cmp(left, op, tag("missing")))).isEqualTo("undefined");
        }
        assertThat(truth(cmp(U, op, U))).isEqualTo("undefined");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOperator")
    void objectsAndArraysNeverCompare(ComparisonOperator op) {
        assertThat(truth(cmp(tag("o"), op, tag("o")))).isEqualTo("undefined");
        assertThat(truth(cmp(tag("a"), op, tag("a")))).isEqualTo("undefined");
        assertThat(truth(cmp(tag("o", "k"), op, Literal.of(1)))).isNotEqualTo("undefined");
    }

    @Test
    void booleansSupportOnlyEqualityAndInequality() {
        assertThat(truth(cmp(tag("b"), ComparisonOperator.EQUAL, T))).isEqualTo("true");
        assertThat(truth(cmp(tag("b"), ComparisonOperator.NOT_EQUAL, T))).isEqualTo("false");
        assertThat(truth(cmp(F, ComparisonOperator.NOT_EQUAL, T))).isEqualTo("true");
        assertThat(truth(cmp(F, ComparisonOperator.LESS, T))).isEqualTo("undefined");
        assertThat(truth(cmp(T, ComparisonOperator.GREATER_OR_EQUAL, T))).isEqualTo("undefined");
    }

    @Test
    void nullEqualsNullButHasNoOrder() {
        QueryPath primary = QueryPath.of("x509Thumbprint", "primaryThumbprint");
        assertThat(truth(cmp(primary, ComparisonOperator.EQUAL, Literal.nullValue()))).isEqualTo("true");
        assertThat(truth(cmp(primary, ComparisonOperator.NOT_EQUAL, Literal.nullValue()))).isEqualTo("false");
        assertThat(truth(cmp(primary, ComparisonOperator.LESS_OR_EQUAL, Literal.nullValue())))
                .isEqualTo("undefined");
        assertThat(truth(cmp(QueryPath.of("x509Thumbprint", "secondaryThumbprint"), ComparisonOperator.EQUAL,
                Literal.nullValue()))).isEqualTo("undefined");
    }

    @Test
    void stringsCompareOrdinallyAndCaseSensitively() {
        assertThat(truth(cmp(Literal.of("B"), ComparisonOperator.LESS, Literal.of("a")))).isEqualTo("true");
        assertThat(truth(cmp(Literal.of("\u00e9"), ComparisonOperator.GREATER, Literal.of("z")))).isEqualTo("true");
        assertThat(truth(cmp(Literal.of("abc"), ComparisonOperator.EQUAL, Literal.of("ABC")))).isEqualTo("false");
        assertThat(truth(cmp(Literal.of("ab"), ComparisonOperator.LESS, Literal.of("abc")))).isEqualTo("true");
        assertThat(truth(cmp(Literal.of("2024-03-01T00:00:00Z"), ComparisonOperator.LESS,
                Literal.of("2024-10-01T00:00:00Z")))).isEqualTo("true");
    }

    @Test
    void stringsCompareByCodePointNotByUtf16Unit() {
        String supplementary = "\uD83D\uDE00"; // U+1F600, stored as a surrogate pair starting 0xD83D
        String lastBmp = "\uFFFF";
        assertThat(supplementary.compareTo(lastBmp)).as("String.compareTo orders by UTF-16 unit").isNegative();
        assertThat(truth(cmp(Literal.of(supplementary), ComparisonOperator.GREATER, Literal.of(lastBmp))))
                .isEqualTo("true");
        assertThat(truth(cmp(Literal.of("a" + lastBmp), ComparisonOperator.LESS, Literal.of("a" + supplementary))))
                .isEqualTo("true");
        assertThat(truth(cmp(Literal.of("\uE000"), ComparisonOperator.LESS, Literal.of("\uD800\uDC00"))))
                .isEqualTo("true");
        assertThat(truth(cmp(Literal.of("\uD83D\uDE00"), ComparisonOperator.LESS, Literal.of("\uD83D\uDE01"))))
                .isEqualTo("true");
        assertThat(truth(cmp(Literal.of("\uD7FF"), ComparisonOperator.LESS, Literal.of("\uD800\uDC00"))))
                .isEqualTo("true");
    }

    @Test
    void inIsTheOrOfEqualities() {
        JsonArray mixed = JsonArray.of(JsonNumber.of(5), JsonString.of("5"));
        assertThat(truth(new InList(Literal.of(5), false, mixed))).isEqualTo("true");
        assertThat(truth(new InList(Literal.of(5.0), false, mixed))).isEqualTo("true");
        assertThat(truth(new InList(Literal.of("5"), false, mixed))).isEqualTo("true");
        assertThat(truth(new InList(Literal.of(6), false, mixed))).isEqualTo("undefined");
        JsonArray numbers = JsonArray.of(JsonNumber.of(1), JsonNumber.of(2.5), JsonNumber.of(1));
        assertThat(truth(new InList(Literal.of(2.5), false, numbers))).isEqualTo("true");
        assertThat(truth(new InList(Literal.of(3), false, numbers))).isEqualTo("false");
        assertThat(truth(new InList(Literal.of("1"), false, numbers))).isEqualTo("undefined");
        assertThat(truth(new InList(tag("missing"), false, numbers))).isEqualTo("undefined");
        assertThat(truth(new InList(tag("o"), false, numbers))).isEqualTo("undefined");
        JsonArray booleans = JsonArray.of(JsonBoolean.TRUE);
        assertThat(truth(new InList(tag("b"), false, booleans))).isEqualTo("true");
        assertThat(truth(new InList(F, false, booleans))).isEqualTo("false");
        assertThat(truth(new InList(Literal.nullValue(), false, booleans))).isEqualTo("undefined");
    }

    @Test
    void ninIsTheNegationOfIn() {
        JsonArray numbers = JsonArray.of(JsonNumber.of(1), JsonNumber.of(2));
        assertThat(truth(new InList(Literal.of("5"), true, numbers))).isEqualTo("undefined");
        assertThat(truth(new InList(Literal.of(2.0), true, numbers))).isEqualTo("false");
        assertThat(truth(new InList(Literal.of(3), true, numbers))).isEqualTo("true");
        assertThat(truth(new InList(tag("missing"), true, numbers))).isEqualTo("undefined");
        JsonArray strings = JsonArray.of(JsonString.of("abc"), JsonString.of("x"));
        assertThat(truth(new InList(tag("s"), true, strings))).isEqualTo("false");
        assertThat(truth(new InList(tag("s"), true, JsonArray.of(JsonString.of("ABC"))))).isEqualTo("true");
    }

    @Test
    void isDefinedIsNeverUndefined() {
        assertThat(truth(FunctionCall.of(QueryFunction.IS_DEFINED, tag("s")))).isEqualTo("true");
        assertThat(truth(FunctionCall.of(QueryFunction.IS_DEFINED, tag("o")))).isEqualTo("true");
        assertThat(truth(FunctionCall.of(QueryFunction.IS_DEFINED, tag("missing")))).isEqualTo("false");
        assertThat(truth(FunctionCall.of(QueryFunction.IS_DEFINED, tag("s", "below")))).isEqualTo("false");
        assertThat(truth(FunctionCall.of(QueryFunction.IS_DEFINED, U))).isEqualTo("false");
        assertThat(truth(FunctionCall.of(QueryFunction.IS_DEFINED, Literal.nullValue()))).isEqualTo("true");
        assertThat(truth(FunctionCall.of(QueryFunction.IS_DEFINED,
                QueryPath.of("x509Thumbprint", "primaryThumbprint")))).isEqualTo("true");
        assertThat(truth(new Not(FunctionCall.of(QueryFunction.IS_DEFINED, tag("missing"))))).isEqualTo("true");
        assertThat(truth(FunctionCall.of(QueryFunction.IS_DEFINED,
                cmp(tag("missing"), ComparisonOperator.EQUAL, Literal.of(1))))).isEqualTo("false");
    }

    @Test
    void stringFunctionsAreCaseSensitive() {
        assertThat(truth(FunctionCall.of(QueryFunction.STARTSWITH, tag("s"), Literal.of("ab")))).isEqualTo("true");
        assertThat(truth(FunctionCall.of(QueryFunction.STARTSWITH, tag("s"), Literal.of("AB")))).isEqualTo("false");
        assertThat(truth(FunctionCall.of(QueryFunction.ENDSWITH, tag("s"), Literal.of("bc")))).isEqualTo("true");
        assertThat(truth(FunctionCall.of(QueryFunction.ENDSWITH, tag("s"), Literal.of("ab")))).isEqualTo("false");
        assertThat(truth(FunctionCall.of(QueryFunction.CONTAINS, tag("s"), Literal.of("b")))).isEqualTo("true");
        assertThat(truth(FunctionCall.of(QueryFunction.CONTAINS, tag("s"), Literal.of("B")))).isEqualTo("false");
        assertThat(truth(FunctionCall.of(QueryFunction.CONTAINS, Literal.of("ab"), Literal.of("abc"))))
                .isEqualTo("false");
    }

    @Test
    void emptyPrefixSuffixAndPartMatchEveryString() {
        for (QueryFunction function : new QueryFunction[] {
                QueryFunction.STARTSWITH, QueryFunction.ENDSWITH, QueryFunction.CONTAINS}) {
            assertThat(truth(FunctionCall.of(function, tag("s"), Literal.of("")))).isEqualTo("true");
            assertThat(truth(FunctionCall.of(function, tag("empty"), Literal.of("")))).isEqualTo("true");
            assertThat(truth(FunctionCall.of(function, tag("empty"), Literal.of("a")))).isEqualTo("false");
        }
    }

    @Test
    void stringFunctionsOnNonStringsAreUndefined() {
        Expression[] nonStrings = {tag("n"), tag("b"), tag("o"), tag("a"), tag("missing"), Literal.nullValue(), U};
        for (QueryFunction function : new QueryFunction[] {
                QueryFunction.STARTSWITH, QueryFunction.ENDSWITH, QueryFunction.CONTAINS}) {
            for (Expression nonString : nonStrings) {
                assertThat(truth(FunctionCall.of(function, nonString, Literal.of("")))).as(function + " " + nonString)
                        .isEqualTo("undefined");
                assertThat(truth(FunctionCall.of(function, tag("s"), nonString))).as(function + " " + nonString)
                        .isEqualTo("undefined");
            }
            assertThat(truth(new Not(FunctionCall.of(function, tag("n"), Literal.of("5"))))).isEqualTo("undefined");
        }
    }

    @Test
    void aBooleanPathIsACondition() {
        assertThat(truth(tag("b"))).isEqualTo("true");
        assertThat(truth(And.of(tag("b"), tag("s")))).isEqualTo("undefined");
        assertThat(truth(tag("o"))).isEqualTo("value " + JsonObject.of("k", JsonNumber.of(1)));
        assertThat(CompiledQuery.evaluate(Literal.nullValue(), TWIN)).contains(JsonNull.INSTANCE);
    }
}
