package io.twinkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonString;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlWriter}: exact text for hand-built trees, following the parenthesising rules of its class description,
 * and every text read back by the parser into the tree it came from.
 */
class SqlWriterTest {

    private static final OptionalLong NO_TOP = OptionalLong.empty();

    private static final QueryPath A = QueryPath.of("tags", "a");
    private static final QueryPath B = QueryPath.of("tags", "b");
    private static final QueryPath C = QueryPath.of("tags", "c");

    private static Comparison eq(Expression left, Expression right) {
        return new Comparison(left, ComparisonOperator.EQUAL, right);
    }

    private static void writes(Expression expression, String sql) {
        assertThat(SqlWriter.render(expression)).isEqualTo(sql);
        assertThat(expression).hasToString(sql);
        assertThat(QueryParser.parseCondition(sql)).as("read back").isEqualTo(expression);
    }

    @Test
    void comparisonsAndPathsAreBare() {
        writes(eq(QueryPath.of("tags", "location", "plant"), Literal.of("Redmond43")),
                "tags.location.plant = 'Redmond43'");
        writes(new Comparison(QueryPath.of("TAGS", "group", "x"), ComparisonOperator.NOT_EQUAL, Literal.of(1.5)),
                "tags.[[group]].x != 1.5");
        writes(new Comparison(A, ComparisonOperator.LESS_OR_EQUAL, Literal.of(-70)), "tags.a <= -70");
        writes(eq(A, Literal.nullValue()), "tags.a = null");
        writes(eq(A, Literal.undefined()), "tags.a = undefined");
        writes(new Comparison(A, ComparisonOperator.GREATER_OR_EQUAL, B), "tags.a >= tags.b");
    }

    @Test
    void andAndOrParenthesiseOnlyNestedLogicAndArithmetic() {
        writes(And.of(eq(A, Literal.of(1)), Or.of(eq(B, Literal.of(2)), eq(C, Literal.of(3)))),
                "tags.a = 1 AND (tags.b = 2 OR tags.c = 3)");
        writes(Or.of(And.of(A, B), C), "(tags.a AND tags.b) OR tags.c");
        writes(And.of(new Arithmetic(A, ArithmeticOperator.ADD, Literal.of(1)), B), "(tags.a + 1) AND tags.b");
        writes(Or.of(new Not(A), new Negation(B), FunctionCall.of(QueryFunction.IS_DEFINED, C)),
                "NOT (tags.a) OR -(tags.b) OR IS_DEFINED(tags.c)");
        writes(And.of(new InList(A, true, JsonArray.of(JsonString.of("x"))), Literal.of(true)),
                "tags.a NIN ['x'] AND true");
    }

    @Test
    void notAlwaysParenthesises() {
        writes(new Not(eq(A, Literal.of(1))), "NOT (tags.a = 1)");
        writes(new Not(new Not(A)), "NOT (NOT (tags.a))");
        writes(new Not(Or.of(A, B)), "NOT (tags.a OR tags.b)");
    }

    @Test
    void operandsOfComparisonsAndArithmeticAreParenthesisedUnlessSimple() {
        writes(new Comparison(new Arithmetic(QueryPath.of("properties", "reported", "temperature"),
                ArithmeticOperator.MULTIPLY, Literal.of(2)), ComparisonOperator.GREATER, Literal.of(60)),
                "(properties.reported.temperature * 2) > 60");
        writes(new Arithmetic(A, ArithmeticOperator.ADD, new Arithmetic(B, ArithmeticOperator.MULTIPLY, C)),
                "tags.a + (tags.b * tags.c)");
        writes(new Arithmetic(new Arithmetic(A, ArithmeticOperator.SUBTRACT, B), ArithmeticOperator.SUBTRACT, C),
                "tags.a - tags.b - tags.c");
        writes(eq(new Not(A), eq(B, C)), "(NOT (tags.a)) = (tags.b = tags.c)");
        writes(new Arithmetic(FunctionCall.of(QueryFunction.IS_DEFINED, A), ArithmeticOperator.MODULO,
                Literal.of(0x10)), "IS_DEFINED(tags.a) % 16");
        writes(new Arithmetic(A, ArithmeticOperator.DIVIDE, new Negation(B)), "tags.a / (-(tags.b))");
    }

    @Test
    void unaryMinusOfANonLiteralIsWrittenAsMinusParenthesis() {
        writes(new Negation(A), "-(tags.a)");
        writes(new Negation(Literal.of(5)), "-(5)");
        writes(new Negation(Literal.of(-5)), "-(-5)");
        writes(new Arithmetic(A, ArithmeticOperator.SUBTRACT, Literal.of(-5)), "tags.a - -5");
    }

    @Test
    void inListsAndFunctionCalls() {
        writes(new InList(A, false, JsonArray.of(JsonString.of("US"), JsonString.of("EU"))),
                "tags.a IN ['US', 'EU']");
        writes(new InList(new Arithmetic(A, ArithmeticOperator.ADD, Literal.of(1)), false,
                JsonArray.of(JsonNumber.of(2), JsonNumber.of(2.0), JsonBoolean.FALSE)),
                "(tags.a + 1) IN [2, 2.0, false]");
        writes(FunctionCall.of(QueryFunction.STARTSWITH, QueryPath.of("deviceId"), Literal.of("sensor-")),
                "STARTSWITH(deviceId, 'sensor-')");
        writes(FunctionCall.of(QueryFunction.IS_DEFINED, And.of(A, Or.of(B, C))),
                "IS_DEFINED(tags.a AND (tags.b OR tags.c))");
    }

    @Test
    void projectionsAndAggregates() {
        assertThat(SqlWriter.render(Projection.of(QueryPath.of("DeviceId")))).isEqualTo("deviceId");
        assertThat(SqlWriter.render(new Projection(QueryPath.of("tags", "select"), "s")))
                .isEqualTo("tags.[[select]] AS s");
        assertThat(SqlWriter.render(new Projection(Aggregate.count(), "n"))).isEqualTo("COUNT() AS n");
        assertThat(SqlWriter.render(new Aggregate(AggregateFunction.AVG, A))).isEqualTo("AVG(tags.a)");
    }

    @Test
    void wholeQueries() {
        Query grouped = Query.of(QuerySource.DEVICES, List.of(
                        new Projection(QueryPath.of("properties", "reported", "telemetryConfig", "status"), "status"),
                        new Projection(Aggregate.count(), "numberOfDevices")),
                null, QueryPath.of("properties", "reported", "telemetryConfig", "status"), NO_TOP);
        String sql = "SELECT properties.reported.telemetryConfig.status AS status, COUNT() AS numberOfDevices"
                + " FROM devices GROUP BY properties.reported.telemetryConfig.status";
        assertThat(SqlWriter.render(grouped)).isEqualTo(sql);
        assertThat(QueryParser.parse(sql)).isEqualTo(grouped);

        Query modules = Query.of(QuerySource.MODULES, List.of(Projection.of(QueryPath.of("moduleId"))),
                eq(QueryPath.of("moduleId"), Literal.of("$edgeAgent")), null, OptionalLong.of(10));
        assertThat(SqlWriter.render(modules))
                .isEqualTo("SELECT TOP 10 moduleId FROM devices.modules WHERE moduleId = '$edgeAgent'");
        assertThat(QueryParser.parse(SqlWriter.render(modules))).isEqualTo(modules);

        Query jobs = Query.of(QuerySource.JOBS, List.of(), null, null, NO_TOP);
        assertThat(SqlWriter.render(jobs)).isEqualTo("SELECT * FROM devices.jobs");
        assertThat(QueryParser.parse(SqlWriter.render(jobs))).isEqualTo(jobs);
    }

    @Test
    void aKeyNamedDevicesAtTheRootIsBracketedSoItIsNotReadAsTheCollectionPrefix() {
        Expression condition = new Comparison(QueryPath.of("devices", "x"), ComparisonOperator.EQUAL, Literal.of(1));

        String sql = SqlWriter.render(condition);

        assertThat(sql).isEqualTo("[[devices]].x = 1");
        assertThat(QueryParser.parseCondition(sql)).isEqualTo(condition);
        assertThat(QueryParser.parseCondition("devices.x = 1"))
                .isEqualTo(new Comparison(QueryPath.of("x"), ComparisonOperator.EQUAL, Literal.of(1)));
        assertThat(SqlWriter.render(QueryPath.of("devices"))).isEqualTo("devices");
    }
}
