package io.twinkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonString;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser: every query of {@code query.json}, each grammar feature, precedence, and the errors it reports. */
class QueryParserTest {

    private static final OptionalLong NO_TOP = OptionalLong.empty();

    private static final String WHERE = "SELECT * FROM devices WHERE ";
    private static final String ALIAS = "an alias ([A-Za-z_][A-Za-z0-9_]* with inner single hyphens, not a reserved"
            + " word)";
    private static final QueryPath A = QueryPath.of("tags", "a");
    private static final QueryPath B = QueryPath.of("tags", "b");
    private static final QueryPath C = QueryPath.of("tags", "c");

    static List<VectorCase> queryCases() {
        return ConformanceVectors.cases("query.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryCases")
    void everyQueryOfTheVectorsParsesOrIsRejectedAsExpected(VectorCase vector) {
        String sql = vector.get("sql").asString();
        if (vector.has("error")) {
            assertThatThrownBy(() -> QueryParser.parse(sql)).isInstanceOf(InvalidQueryException.class);
            return;
        }
        Query query = QueryParser.parse(sql);
        assertThat(query.isSelectAll()).as("SELECT * exactly for the deviceIds cases")
                .isEqualTo(vector.has("deviceIds"));
        assertThat(query.source()).isEqualTo(sql.contains("FROM devices.modules") ? QuerySource.MODULES
                : QuerySource.DEVICES);
        assertThat(QueryParser.parse(query.toString())).as("reparsed from %s", query).isEqualTo(query);
    }

    private static Expression where(String condition) {
        return QueryParser.parse(WHERE + condition).where().orElseThrow();
    }

    private static Literal integer(long value) {
        return Literal.of(value);
    }

    @Nested
    class Precedence {

        @Test
        void andBindsTighterThanOr() {
            assertThat(where("tags.a = 1 OR tags.b = 2 AND tags.c = 3")).isEqualTo(Or.of(
                    new Comparison(A, ComparisonOperator.EQUAL, integer(1)),
                    And.of(new Comparison(B, ComparisonOperator.EQUAL, integer(2)),
                            new Comparison(C, ComparisonOperator.EQUAL, integer(3)))));
        }

        @Test
        void notAppliesToTheWholeComparisonAndBindsTighterThanAnd() {
            assertThat(where("NOT tags.a = 1 AND tags.b = 2")).isEqualTo(And.of(
                    new Not(new Comparison(A, ComparisonOperator.EQUAL, integer(1))),
                    new Comparison(B, ComparisonOperator.EQUAL, integer(2))));
            assertThat(where("NOT NOT tags.a")).isEqualTo(new Not(new Not(A)));
        }

        @Test
        void parenthesesOverridePrecedence() {
            assertThat(where("(tags.a = 1 OR tags.b = 2) AND tags.c = 3")).isEqualTo(And.of(
                    Or.of(new Comparison(A, ComparisonOperator.EQUAL, integer(1)),
                            new Comparison(B, ComparisonOperator.EQUAL, integer(2))),
                    new Comparison(C, ComparisonOperator.EQUAL, integer(3))));
            assertThat(where("NOT (tags.a OR tags.b)")).isEqualTo(new Not(Or.of(A, B)));
        }

        @Test
        void andAndOrAreBuiltFlatWhateverTheGrouping() {
            Expression left = where("(tags.a AND tags.b) AND tags.c");
            Expression right = where("tags.a AND (tags.b AND tags.c)");
            assertThat(left).isEqualTo(right).isEqualTo(new And(List.of(A, B, C)));
            assertThat(((And) left).operands()).hasSize(3);
            assertThat(((Or) where("tags.a OR (tags.b OR tags.c)")).operands()).containsExactly(A, B, C);
        }

        @Test
        void multiplicationBindsTighterThanAdditionAndComparisonsLoosest() {
            assertThat(where("tags.a + tags.b * 2 > 100")).isEqualTo(new Comparison(
                    new Arithmetic(A, ArithmeticOperator.ADD, new Arithmetic(B, ArithmeticOperator.MULTIPLY,
                            integer(2))),
                    ComparisonOperator.GREATER, integer(100)));
            assertThat(where("tags.a % 2 = tags.b / 3 - 1")).isEqualTo(new Comparison(
                    new Arithmetic(A, ArithmeticOperator.MODULO, integer(2)), ComparisonOperator.EQUAL,
                    new Arithmetic(new Arithmetic(B, ArithmeticOperator.DIVIDE, integer(3)),
                            ArithmeticOperator.SUBTRACT, integer(1))));
        }

        @Test
        void arithmeticIsLeftAssociative() {
            assertThat(where("tags.a - tags.b - tags.c")).isEqualTo(new Arithmetic(
                    new Arithmetic(A, ArithmeticOperator.SUBTRACT, B), ArithmeticOperator.SUBTRACT, C));
            assertThat(where("tags.a / tags.b * tags.c")).isEqualTo(new Arithmetic(
                    new Arithmetic(A, ArithmeticOperator.DIVIDE, B), ArithmeticOperator.MULTIPLY, C));
        }

        @Test
        void inAppliesToTheWholeSum() {
            assertThat(where("tags.a + 1 IN [2, 3]")).isEqualTo(new InList(
                    new Arithmetic(A, ArithmeticOperator.ADD, integer(1)), false,
                    JsonArray.of(JsonNumber.of(2), JsonNumber.of(3))));
        }

        @Test
        void aMinusBeforeANumberIsPartOfTheLiteralAndOtherwiseANegation() {
            assertThat(where("tags.a < -70")).isEqualTo(new Comparison(A, ComparisonOperator.LESS, integer(-70)));
            assertThat(where("tags.a < - 70")).isEqualTo(new Comparison(A, ComparisonOperator.LESS, integer(-70)));
            assertThat(where("-2.5 * tags.a")).isEqualTo(new Arithmetic(Literal.of(-2.5),
                    ArithmeticOperator.MULTIPLY, A));
            assertThat(where("-tags.a * 2")).isEqualTo(new Arithmetic(new Negation(A), ArithmeticOperator.MULTIPLY,
                    integer(2)));
            assertThat(where("-(5)")).isEqualTo(new Negation(integer(5)));
            assertThat(where("--5")).isEqualTo(new Negation(integer(-5)));
            assertThat(where("tags.a - 5")).isEqualTo(new Arithmetic(A, ArithmeticOperator.SUBTRACT, integer(5)));
            assertThat(where("tags.a -5")).isEqualTo(new Arithmetic(A, ArithmeticOperator.SUBTRACT, integer(5)));
            assertThat(where("tags.a- 5")).isEqualTo(new Arithmetic(A, ArithmeticOperator.SUBTRACT, integer(5)));
            assertThat(where("tags.a--5")).isEqualTo(new Arithmetic(A, ArithmeticOperator.SUBTRACT, integer(-5)));
            assertThat(where("tags.[[a]]-5")).isEqualTo(new Arithmetic(A, ArithmeticOperator.SUBTRACT, integer(5)));
            assertThat(where("5-tags.a")).isEqualTo(new Arithmetic(integer(5), ArithmeticOperator.SUBTRACT, A));
        }

        @Test
        void aMinusBetweenTwoWordCharactersIsPartOfTheIdentifier() {
            assertThat(where("tags.a-5")).isEqualTo(QueryPath.of("tags", "a-5"));
            assertThat(where("properties.desired.KeyQuery1b4e28ba-2fa1-11d2-883f-0016d3cca427 = 'v'"))
                    .isEqualTo(new Comparison(QueryPath.of("properties", "desired",
                            "KeyQuery1b4e28ba-2fa1-11d2-883f-0016d3cca427"), ComparisonOperator.EQUAL,
                            Literal.of("v")));
            assertThat(where("tags.a-b - tags.c")).isEqualTo(new Arithmetic(QueryPath.of("tags", "a-b"),
                    ArithmeticOperator.SUBTRACT, C));
            assertThat(where("tags.a-b.c-d")).isEqualTo(QueryPath.of("tags", "a-b", "c-d"));
            assertThat(where("tags.a - -5")).isEqualTo(new Arithmetic(A, ArithmeticOperator.SUBTRACT, integer(-5)));
        }
    }

    static Stream<Arguments> literalForms() {
        String raw = "M\u00fcnchen \uD83D\uDE00 \"x\" line\nbreak\ttab";
        return Stream.of(
                Arguments.of("'O\\'Brien'", Literal.of("O'Brien")),
                Arguments.of("\"O'Brien\"", Literal.of("O'Brien")),
                Arguments.of("\"the \\\"big\\\" one\"", Literal.of("the \"big\" one")),
                Arguments.of("'say \\\"hi\\\"'", Literal.of("say \"hi\"")),
                Arguments.of("'C:\\\\data'", Literal.of("C:\\data")),
                Arguments.of("'M\\u00fcnchen'", Literal.of("M\u00fcnchen")),
                Arguments.of("'M\\u00FCnchen'", Literal.of("M\u00fcnchen")),
                Arguments.of("'\\uD83D\\uDE00\\u000A'", Literal.of("\uD83D\uDE00\n")),
                Arguments.of("'\\u00410'", Literal.of("A0")),
                Arguments.of("'" + raw + "'", Literal.of(raw)),
                Arguments.of("\"it's\"", Literal.of("it's")),
                Arguments.of("''", Literal.of("")),
                Arguments.of("42", Literal.of(42)),
                Arguments.of("007", Literal.of(7)),
                Arguments.of("9223372036854775807", Literal.of(Long.MAX_VALUE)),
                Arguments.of("-9223372036854775808", Literal.of(Long.MIN_VALUE)),
                Arguments.of("123456789012345678901234567890",
                        Literal.of(JsonNumber.of(new BigInteger("123456789012345678901234567890")))),
                Arguments.of("-123456789012345678901234567890",
                        Literal.of(JsonNumber.of(new BigInteger("-123456789012345678901234567890")))),
                Arguments.of("1.0", Literal.of(1.0)),
                Arguments.of("1e3", Literal.of(1000.0)),
                Arguments.of("2.5E-3", Literal.of(0.0025)),
                Arguments.of("1e+2", Literal.of(100.0)),
                Arguments.of("0.30000000000000004", Literal.of(0.30000000000000004)),
                Arguments.of("-0.0", Literal.of(0.0)),
                Arguments.of("0xFF", Literal.of(255)),
                Arguments.of("0Xff", Literal.of(255)),
                Arguments.of("-0x10", Literal.of(-16)),
                Arguments.of("0x10000000000000000", Literal.of(JsonNumber.of(BigInteger.ONE.shiftLeft(64)))),
                Arguments.of("TRUE", Literal.of(true)),
                Arguments.of("False", Literal.of(false)),
                Arguments.of("NULL", Literal.nullValue()),
                Arguments.of("Undefined", Literal.undefined()));
    }

    /** Literal equality includes the number kind, so {@code 1.0} must read as a double and {@code 42} as an integer. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("literalForms")
    void everyLiteralFormIsRead(String text, Literal expected) {
        Comparison comparison = (Comparison) where("tags.a = " + text);
        assertThat(comparison.right()).isEqualTo(expected);
        assertThat(comparison.left()).isEqualTo(A);
    }

    @Test
    void inAndNinListsHoldStringsNumbersAndBooleans() {
        assertThat(where("tags.a IN ['US', \"EU\", -1, 0x2, 2.5, true]")).isEqualTo(new InList(A, false,
                JsonArray.of(JsonString.of("US"), JsonString.of("EU"), JsonNumber.of(-1), JsonNumber.of(2),
                        JsonNumber.of(2.5), JsonBoolean.TRUE)));
        assertThat(where("tags.a nin ['x']")).isEqualTo(new InList(A, true, JsonArray.of(JsonString.of("x"))));
    }

    static Stream<Arguments> pathForms() {
        return Stream.of(
                Arguments.of("tags.[[group]]", List.of("tags", "group")),
                Arguments.of("properties.desired.[[temp\u00e9rature]].[[a:b@c]].[[1st]].[[my-key]]",
                        List.of("properties", "desired", "temp\u00e9rature", "a:b@c", "1st", "my-key")),
                Arguments.of("tags.[[a]b]]", List.of("tags", "a]b")),
                Arguments.of("tags.[[[x]]", List.of("tags", "[x")),
                Arguments.of("[[tags]].[[x]]", List.of("tags", "x")),
                Arguments.of("tags._private.a_1.group1.order", List.of("tags", "_private", "a_1", "group1", "order")),
                Arguments.of("DeviceId", List.of("deviceId")),
                Arguments.of("TAGS.Location.Plant", List.of("tags", "Location", "Plant")),
                Arguments.of("devices.deviceId", List.of("deviceId")),
                Arguments.of("Devices.tags.x", List.of("tags", "x")),
                Arguments.of("devices.modules.moduleId", List.of("moduleId")),
                Arguments.of("devices.jobs.jobId", List.of("jobId")),
                Arguments.of("devices.modules", List.of("modules")),
                Arguments.of("devices", List.of("devices")),
                Arguments.of("[[devices]].x", List.of("devices", "x")),
                Arguments.of("devices.[[modules]].x", List.of("modules", "x")));
    }

    /** Root fields take the service's casing, the rest stays as written; a bare collection prefix is dropped. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("pathForms")
    void everyPathFormIsRead(String text, List<String> segments) {
        assertThat(where(text)).isInstanceOf(QueryPath.class);
        assertThat(((QueryPath) where(text)).twinPath().segments()).isEqualTo(segments);
    }

    @Nested
    class Comparisons {

        @ParameterizedTest
        @ValueSource(strings = {"=", "!=", "<>", "<", "<=", ">", ">="})
        void everyOperatorIsReadAndAngleBracketsMeanNotEqual(String symbol) {
            Comparison comparison = (Comparison) where("tags.a " + symbol + " 1");
            ComparisonOperator expected = symbol.equals("<>") ? ComparisonOperator.NOT_EQUAL
                    : Stream.of(ComparisonOperator.values()).filter(op -> op.symbol().equals(symbol)).findFirst()
                            .orElseThrow();
            assertThat(comparison).isEqualTo(new Comparison(A, expected, integer(1)));
            assertThat(comparison.toString()).isEqualTo("tags.a " + expected.symbol() + " 1");
        }

        @Test
        void whitespaceIsOptionalBetweenSymbols() {
            assertThat(where("tags.a<=1")).isEqualTo(where("tags.a <= 1"));
            assertThat(where("tags.a<>'x'")).isEqualTo(new Comparison(A, ComparisonOperator.NOT_EQUAL,
                    Literal.of("x")));
            assertThat(QueryParser.parse("SELECT*FROM devices WHERE(tags.a)=1")).isEqualTo(
                    QueryParser.parse(WHERE + "tags.a = 1"));
        }
    }

    @Nested
    class Functions {

        @Test
        void namesAreCaseInsensitiveAndArgumentsAreConditions() {
            assertThat(where("Is_Defined(tags.[[group]])")).isEqualTo(
                    FunctionCall.of(QueryFunction.IS_DEFINED, QueryPath.of("tags", "group")));
            assertThat(where("startswith(devices.deviceId, 'cam-')")).isEqualTo(
                    FunctionCall.of(QueryFunction.STARTSWITH, QueryPath.of("deviceId"), Literal.of("cam-")));
            assertThat(where("IS_DEFINED(tags.a AND NOT tags.b = 1)")).isEqualTo(FunctionCall.of(
                    QueryFunction.IS_DEFINED, And.of(A, new Not(new Comparison(B, ComparisonOperator.EQUAL,
                            integer(1))))));
            assertThat(where("ENDSWITH(tags.a, 'x') AND CONTAINS(tags.b, tags.c + 'y')")).isEqualTo(And.of(
                    FunctionCall.of(QueryFunction.ENDSWITH, A, Literal.of("x")),
                    FunctionCall.of(QueryFunction.CONTAINS, B,
                            new Arithmetic(C, ArithmeticOperator.ADD, Literal.of("y")))));
        }

        @Test
        void aFunctionCallIsAnOperand() {
            assertThat(where("NOT IS_DEFINED(tags.a) = false")).isEqualTo(new Not(new Comparison(
                    FunctionCall.of(QueryFunction.IS_DEFINED, A), ComparisonOperator.EQUAL, Literal.of(false))));
        }
    }

    @Nested
    class Queries {

        @Test
        void selectStarFromEachCollection() {
            assertThat(QueryParser.parse("SELECT * FROM devices")).isEqualTo(
                    Query.of(QuerySource.DEVICES, List.of(), null, null, NO_TOP));
            assertThat(QueryParser.parse("select * from DEVICES.Modules").source()).isEqualTo(QuerySource.MODULES);
            assertThat(QueryParser.parse("SELECT * FROM devices.jobs").source()).isEqualTo(QuerySource.JOBS);
        }

        @Test
        void topProjectionsAliasesAggregatesAndGroupBy() {
            Query query = QueryParser.parse("SeLeCt ToP 5 tags.location.region AS region, COUNT() as n,"
                    + " AVG(properties.reported.temperature) AS avgTemp FROM devices WHERE tags.a = 1"
                    + " group by tags.location.region");
            QueryPath region = QueryPath.of("tags", "location", "region");
            assertThat(query).isEqualTo(Query.of(QuerySource.DEVICES, List.of(
                    new Projection(region, "region"),
                    new Projection(Aggregate.count(), "n"),
                    new Projection(new Aggregate(AggregateFunction.AVG,
                            QueryPath.of("properties", "reported", "temperature")), "avgTemp")),
                    new Comparison(A, ComparisonOperator.EQUAL, integer(1)), region, OptionalLong.of(5)));
            assertThat(query.top()).hasValue(5);
        }

        @Test
        void plainProjectionsKeepTheirDefaultNames() {
            Query query = QueryParser.parse("SELECT DeviceId, devices.LastActivityTime, tags.[[group]] FROM devices");
            assertThat(query.projections()).extracting(Projection::outputName)
                    .containsExactly("deviceId", "lastActivityTime", "group");
        }

        @Test
        void eachAggregateTakesItsArgument() {
            Query query = QueryParser.parse("SELECT SUM(tags.a) AS s, MIN(tags.b) AS lo, max(tags.c) AS hi"
                    + " FROM devices");
            assertThat(query.projections()).extracting(Projection::target).containsExactly(
                    new Aggregate(AggregateFunction.SUM, A), new Aggregate(AggregateFunction.MIN, B),
                    new Aggregate(AggregateFunction.MAX, C));
        }

        @Test
        void queryParseDelegatesToTheParser() {
            String sql = WHERE + "tags.location.plant = 'Redmond43'";
            assertThat(Query.parse(sql)).isEqualTo(QueryParser.parse(sql));
        }

        @Test
        void aConditionParsesOnItsOwn() {
            assertThat(QueryParser.parseCondition("tags.a = 1 OR tags.b")).isEqualTo(
                    Or.of(new Comparison(A, ComparisonOperator.EQUAL, integer(1)), B));
            QuerySyntaxException error = catchThrowableOfType(QuerySyntaxException.class,
                    () -> QueryParser.parseCondition("tags.a = 1 GROUP BY tags.a"));
            assertThat(error.position()).isEqualTo(11);
            assertThat(error.expected()).isEqualTo("an operator or end of condition");
            assertThatThrownBy(() -> QueryParser.parseCondition("x".repeat(Query.MAX_LENGTH + 1)))
                    .isInstanceOf(InvalidQueryException.class).isNotInstanceOf(QuerySyntaxException.class);
            assertThat(QueryParser.parseCondition("x".repeat(Query.MAX_LENGTH))).isEqualTo(
                    QueryPath.of("x".repeat(Query.MAX_LENGTH)));
        }
    }

    static Stream<Arguments> malformed() {
        String value = "a literal, path, function call or '('";
        return Stream.of(
                Arguments.of("", 0, "SELECT"),
                Arguments.of("SELECT * devices", 9, "FROM"),
                Arguments.of("SELECT deviceId devices", 16, "',' or FROM"),
                Arguments.of("SELECT * FROM twins", 14, "devices, devices.modules or devices.jobs"),
                Arguments.of("SELECT * FROM devices.twins", 22, "modules or jobs"),
                Arguments.of(WHERE, 28, value),
                Arguments.of(WHERE + "tags.owner = 'Smith", 47, "the closing ' of the string opened at 41"),
                Arguments.of(WHERE + "(tags.a = 'US'", 42, "an operator or ')'"),
                Arguments.of(WHERE + "tags.a IN ('US', 'EU')", 38, "'[' starting a list of literals"),
                Arguments.of(WHERE + "tags.a IN []", 39, "a string, number or boolean"),
                Arguments.of(WHERE + "tags.a IN ['x', null]", 44, "a string, number or boolean"),
                Arguments.of(WHERE + "STARTS_WITH(deviceId, 'x')", 28,
                        "a function (IS_DEFINED, STARTSWITH, ENDSWITH, CONTAINS)"),
                Arguments.of(WHERE + "STARTSWITH(deviceId)", 28, "STARTSWITH with 2 arguments"),
                Arguments.of(WHERE + "tags.owner == 'Smith'", 40, value),
                Arguments.of(WHERE + "tags.a = [1]", 37, value),
                Arguments.of("SELECT * FROM devices ORDER BY deviceId", 22, "WHERE, GROUP BY or end of query"),
                Arguments.of(WHERE + "tags.a = 1 tags.b", 39, "an operator, GROUP BY or end of query"),
                Arguments.of("SELECT * FROM devices GROUP deviceId", 28, "BY"),
                Arguments.of("SELECT TOP * FROM devices", 11, "the number of results (a whole number) after TOP"),
                Arguments.of("SELECT TOP 1.5 * FROM devices", 11, "the number of results (a whole number) after TOP"),
                Arguments.of(WHERE + "tags.group = 'alpha'", 33,
                        "a path segment (an identifier that is not a reserved word, or [[key]])"),
                Arguments.of(WHERE + "group = 'alpha'", 28, value),
                Arguments.of(WHERE + "properties.desired.$version > 1", 47, "a path segment that a twin key can hold"),
                Arguments.of(WHERE + "tags.[[a b]] = 1", 33, "a path segment that a twin key can hold"),
                Arguments.of(WHERE + "tags.[[a = 1", 40, "]] to close the segment opened at 33"),
                Arguments.of(WHERE + "tags.a = 'a\\qb'", 39, "an escape (\\', \\\", \\\\ or \\uHHHH)"),
                Arguments.of(WHERE + "tags.a = 'a\\u00g1'", 39, "an escape (\\', \\\", \\\\ or \\uHHHH)"),
                Arguments.of(WHERE + "tags.a = 0x", 39, "a hexadecimal digit"),
                Arguments.of(WHERE + "tags.a = 1e400", 37, "a number within the range of a double"),
                Arguments.of(WHERE + "tags.a = 1e", 39, "the digits of an exponent"),
                Arguments.of(WHERE + "tags.a = 3abc", 38, "a space or operator after the number"),
                Arguments.of(WHERE + "tags.a @ 1", 35, "a keyword, path, literal or operator"),
                Arguments.of(WHERE + "tags.a ! 1", 35, "!="),
                Arguments.of("SELECT COUNT(tags.a) AS n FROM devices", 13, "')' (COUNT takes no argument)"),
                Arguments.of("SELECT tags.a AS select FROM devices", 17, ALIAS),
                Arguments.of("SELECT tags.a AS $x FROM devices", 17, ALIAS),
                Arguments.of("SELECT tags.a AS a-$x FROM devices", 17, ALIAS),
                Arguments.of("SELECT FROM devices", 7, "*, a path or an aggregate"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void malformedTextIsASyntaxErrorAtThePositionOfTheProblem(String sql, int position, String expected) {
        QuerySyntaxException error = catchThrowableOfType(QuerySyntaxException.class, () -> QueryParser.parse(sql));
        assertThat(error).as("syntax error for %s", sql).isNotNull();
        assertThat(error.position()).as("position").isEqualTo(position);
        assertThat(error.expected()).as("expected").isEqualTo(expected);
        assertThat(error.getMessage()).startsWith("invalid query: expected " + expected + " at position "
                + position + " but found ");
        assertThat(error.errorCode().code()).isEqualTo(400004);
    }

    @Test
    void theMessageNamesWhatWasFound() {
        assertThat(catchThrowableOfType(QuerySyntaxException.class, () -> QueryParser.parse("SELECT * devices")))
                .hasMessage("invalid query: expected FROM at position 9 but found 'devices'");
        assertThat(catchThrowableOfType(QuerySyntaxException.class, () -> QueryParser.parse(WHERE)))
                .hasMessageEndingWith("but found end of query");
        assertThat(catchThrowableOfType(QuerySyntaxException.class, () -> QueryParser.parse(WHERE + "tags.a = "
                + "'x' AND \u0001"))).hasMessageEndingWith("but found '\\u0001'");
        assertThat(catchThrowableOfType(QuerySyntaxException.class,
                () -> QueryParser.parse(WHERE + "tags.[[a b]] = 1")).getMessage())
                .contains("found '[[a b]]' (path segment 'a b' has the character ' ' at index 1");
    }

    @Test
    void nestingIsLimitedSoThatHostileTextCannotExhaustTheStack() {
        String allowed = "(".repeat(TokenStream.MAX_NESTING) + "tags.a" + ")".repeat(TokenStream.MAX_NESTING);
        assertThat(QueryParser.parseCondition(allowed)).isEqualTo(A);
        String deeper = "(" + allowed + ")";
        QuerySyntaxException error = catchThrowableOfType(QuerySyntaxException.class,
                () -> QueryParser.parseCondition(deeper));
        assertThat(error.position()).isEqualTo(TokenStream.MAX_NESTING);
        for (String hostile : List.of("(".repeat(4000), "NOT ".repeat(2000), "-".repeat(8000),
                "IS_DEFINED(".repeat(700))) {
            assertThatThrownBy(() -> QueryParser.parseCondition(hostile)).isInstanceOf(QuerySyntaxException.class);
        }
        String nots = "NOT ".repeat(TokenStream.MAX_NESTING) + "tags.a";
        assertThat(QueryParser.parseCondition(nots)).isInstanceOf(Not.class);
    }

    /** {@code 1+1+...}: a chain of {@code operators} operators; its tree is that many levels deep. */
    private static String chain(int operators, String operator) {
        return "1" + (operator + "1").repeat(operators);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "-", "*", "/", "%"})
    void eachOperatorOfAnArithmeticChainCountsOneLevelOfNesting(String operator) {
        Expression allowed = QueryParser.parseCondition("tags.a = " + chain(TokenStream.MAX_NESTING, operator));
        assertThat(((Comparison) allowed).right()).isInstanceOf(Arithmetic.class);

        // the 3,000-term chain of issue 13 was a StackOverflowError (HTTP 500) in the hub
        String hostile = WHERE + "tags.a = " + chain(2999, operator);
        QuerySyntaxException error = catchThrowableOfType(QuerySyntaxException.class, () -> QueryParser.parse(hostile));
        int deepest = (WHERE + "tags.a = ").length() + 1 + 2 * TokenStream.MAX_NESTING;
        assertThat(error.position()).isEqualTo(deepest);
        assertThat(error).hasMessageContaining("at most " + TokenStream.MAX_NESTING + " levels of nesting")
                .hasMessageContaining("but found '" + operator + "' nested deeper");
    }

    @Test
    void chainsAndParenthesesShareTheLimitAndAChainEndsItsLevels() {
        int half = TokenStream.MAX_NESTING / 2;
        String inner = "(".repeat(half) + chain(half, "+") + ")".repeat(half);
        assertThat(QueryParser.parseCondition(inner + " = 1")).isInstanceOf(Comparison.class);
        assertThatThrownBy(() -> QueryParser.parseCondition("(" + inner + " + 1) = 1"))
                .isInstanceOf(QuerySyntaxException.class);
        // levels of a chain end with it: many chains side by side are not nested
        String sideBySide = String.join(" AND ", java.util.Collections.nCopies(6,
                "tags.a = " + chain(TokenStream.MAX_NESTING - 1, "*")));
        assertThat(QueryParser.parseCondition(sideBySide)).isInstanceOf(And.class);
        assertThat(QueryParser.parseCondition("-(" + chain(TokenStream.MAX_NESTING - 2, "-") + ")"))
                .isInstanceOf(Negation.class);
    }

    @Test
    void theLongestChainReadsBackFromItsText() {
        // the comparison writes its operand in parentheses, one more level: 255 operators in a chain read back
        for (String operator : List.of("-", "/")) {
            Expression parsed = QueryParser.parseCondition("tags.a = tags.b " + operator + " "
                    + chain(TokenStream.MAX_NESTING - 2, operator));
            assertThat(QueryParser.parseCondition(parsed.toString())).isEqualTo(parsed);
        }
        Expression mixed = QueryParser.parseCondition("tags.a * 2 - tags.b / 3 % 4 + 5");
        assertThat(mixed).hasToString("tags.a * 2 - (tags.b / 3 % 4) + 5");
        assertThat(QueryParser.parseCondition(mixed.toString())).isEqualTo(mixed);
    }
}
