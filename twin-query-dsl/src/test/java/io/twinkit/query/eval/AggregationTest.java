package io.twinkit.query.eval;

import static io.twinkit.query.eval.CompiledQueryTest.twin;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.Query;
import io.twinkit.query.QuerySource;
import io.twinkit.query.Aggregate;
import io.twinkit.query.AggregateFunction;
import io.twinkit.query.Comparison;
import io.twinkit.query.ComparisonOperator;
import io.twinkit.query.Expression;
import io.twinkit.query.Literal;
import io.twinkit.query.Projection;
import io.twinkit.query.QueryPath;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Aggregates, with and without GROUP BY. */
class AggregationTest {

    private static final OptionalLong NO_TOP = OptionalLong.empty();

    private static final QueryPath V = QueryPath.of("tags", "v");
    private static final QueryPath G = QueryPath.of("tags", "g");

    private static List<TwinDocument> twins(String... tagObjects) {
        List<TwinDocument> twins = new ArrayList<>();
        for (int i = 0; i < tagObjects.length; i++) {
            twins.add(twin("{\"deviceId\": \"d" + i + "\", \"tags\": " + tagObjects[i] + "}"));
        }
        return twins;
    }

    private static Projection agg(AggregateFunction function, String alias) {
        return new Projection(function == AggregateFunction.COUNT ? Aggregate.count() : new Aggregate(function, V),
                alias);
    }

    private static List<JsonObject> rows(List<TwinDocument> twins, @Nullable Expression where,
                                         @Nullable QueryPath groupBy, OptionalLong top, Projection... projections) {
        Query query = Query.of(QuerySource.DEVICES, List.of(projections), where, groupBy, top);
        return CompiledQuery.compile(query).rows(twins);
    }

    private static List<JsonObject> rows(List<TwinDocument> twins, Projection... projections) {
        return rows(twins, null, null, NO_TOP, projections);
    }

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }

    @Test
    void aggregatesConsiderOnlyNumbers() {
        List<TwinDocument> twins = twins("{\"v\": 1}", "{\"v\": 2.5}", "{\"v\": \"7\"}", "{\"v\": true}", "{}",
                "{\"v\": {\"x\": 1}}", "{\"v\": -3}");
        assertThat(rows(twins, agg(AggregateFunction.COUNT, "n"), agg(AggregateFunction.SUM, "total"),
                agg(AggregateFunction.AVG, "mean"), agg(AggregateFunction.MIN, "lo"), agg(AggregateFunction.MAX, "hi")))
                .containsExactly(json("{\"n\": 7, \"total\": 0.5, \"mean\": 0.16666666666666666, \"lo\": -3,"
                        + " \"hi\": 2.5}"));
    }

    @Test
    void sumOfIntegersIsAnExactInteger() {
        List<TwinDocument> twins = twins("{\"v\": 9223372036854775807}", "{\"v\": 9223372036854775807}",
                "{\"v\": -1}", "{\"v\": 100000000000000000000}");
        JsonNumber sum = rows(twins, agg(AggregateFunction.SUM, "s")).get(0).valueOrNull("s").asNumber();
        assertThat(sum.isIntegral()).isTrue();
        assertThat(sum.bigIntegerValueOrNull()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE)
                .multiply(BigInteger.TWO).subtract(BigInteger.ONE).add(new BigInteger("100000000000000000000")));
        JsonNumber small = rows(twins("{\"v\": 2}", "{\"v\": 3}"), agg(AggregateFunction.SUM, "s")).get(0)
                .valueOrNull("s").asNumber();
        assertThat(small.isIntegral()).isTrue();
        assertThat(small).isEqualTo(JsonNumber.of(5));
    }

    @Test
    void sumWithAnyDoubleIsADoubleRoundedOnce() {
        JsonNumber sum = rows(twins("{\"v\": 1}", "{\"v\": 2.0}"), agg(AggregateFunction.SUM, "s")).get(0)
                .valueOrNull("s").asNumber();
        assertThat(sum.isIntegral()).isFalse();
        assertThat(sum).isEqualTo(JsonNumber.of(3));
        JsonNumber exact = rows(twins("{\"v\": 1e16}", "{\"v\": 1}", "{\"v\": 1}", "{\"v\": -1e16}"),
                agg(AggregateFunction.SUM, "s")).get(0).valueOrNull("s").asNumber();
        assertThat(exact.doubleValue()).isEqualTo(2.0);
    }

    @Test
    void averageIsADouble() {
        JsonNumber avg = rows(twins("{\"v\": 1}", "{\"v\": 2}"), agg(AggregateFunction.AVG, "a")).get(0)
                .valueOrNull("a").asNumber();
        assertThat(avg.isIntegral()).isFalse();
        assertThat(avg.doubleValue()).isEqualTo(1.5);
        JsonNumber whole = rows(twins("{\"v\": 2}", "{\"v\": 4}"), agg(AggregateFunction.AVG, "a")).get(0)
                .valueOrNull("a").asNumber();
        assertThat(whole.isIntegral()).isFalse();
        assertThat(whole.doubleValue()).isEqualTo(3.0);
    }

    @Test
    void minAndMaxReturnTheStoredNumber() {
        List<TwinDocument> twins = twins("{\"v\": 2}", "{\"v\": 1.0}", "{\"v\": 1}", "{\"v\": 3.0}", "{\"v\": 3}");
        JsonObject row = rows(twins, agg(AggregateFunction.MIN, "lo"), agg(AggregateFunction.MAX, "hi")).get(0);
        assertThat(row.valueOrNull("lo").asNumber().isIntegral()).isFalse();
        assertThat(row.valueOrNull("lo")).isEqualTo(JsonNumber.of(1));
        assertThat(row.valueOrNull("hi").asNumber().isIntegral()).isFalse();
        assertThat(row.valueOrNull("hi")).isEqualTo(JsonNumber.of(3));
    }

    @Test
    void aggregatesWithoutNumericInputAreOmitted() {
        List<TwinDocument> twins = twins("{\"v\": \"1\"}", "{}");
        assertThat(rows(twins, agg(AggregateFunction.COUNT, "n"), agg(AggregateFunction.SUM, "s"),
                agg(AggregateFunction.AVG, "a"), agg(AggregateFunction.MIN, "lo"), agg(AggregateFunction.MAX, "hi")))
                .containsExactly(json("{\"n\": 2}"));
    }

    @Test
    void aggregatesWithoutGroupByAlwaysGiveOneRow() {
        Expression none = new Comparison(V, ComparisonOperator.EQUAL, Literal.of("nothing"));
        List<TwinDocument> twins = twins("{\"v\": 1}");
        assertThat(rows(twins, none, null, NO_TOP, agg(AggregateFunction.COUNT, "n")))
                .containsExactly(json("{\"n\": 0}"));
        assertThat(rows(twins, none, null, NO_TOP, agg(AggregateFunction.SUM, "s")))
                .containsExactly(JsonObject.empty());
        assertThat(rows(List.of(), agg(AggregateFunction.COUNT, "n"))).containsExactly(json("{\"n\": 0}"));
    }

    @Test
    void countIgnoresModuleTwinsOfDevicesQueries() {
        List<TwinDocument> twins = new ArrayList<>(twins("{}", "{}"));
        twins.add(twin("{\"deviceId\": \"d0\", \"moduleId\": \"m\"}"));
        assertThat(rows(twins, agg(AggregateFunction.COUNT, "n"))).containsExactly(json("{\"n\": 2}"));
    }

    @Test
    void groupByFormsOneGroupPerValueInOrderOfAppearance() {
        List<TwinDocument> twins = twins("{\"g\": \"x\", \"v\": 1}", "{\"g\": \"y\", \"v\": 10}",
                "{\"g\": \"x\", \"v\": 2}", "{\"g\": \"y\"}", "{\"g\": \"z\", \"v\": \"n/a\"}");
        assertThat(rows(twins, null, G, NO_TOP, new Projection(G, "grp"), agg(AggregateFunction.COUNT, "n"),
                agg(AggregateFunction.SUM, "total"))).containsExactly(
                        json("{\"grp\": \"x\", \"n\": 2, \"total\": 3}"),
                        json("{\"grp\": \"y\", \"n\": 2, \"total\": 10}"),
                        json("{\"grp\": \"z\", \"n\": 1}"));
    }

    @Test
    void groupingUsesJsonEqualitySoOneAndOnePointZeroGroupTogether() {
        List<TwinDocument> twins = twins("{\"g\": 1.0}", "{\"g\": 1}", "{\"g\": \"1\"}", "{\"g\": true}",
                "{\"g\": {\"a\": 1, \"b\": 2}}", "{\"g\": {\"b\": 2.0, \"a\": 1}}");
        List<JsonObject> rows = rows(twins, null, G, NO_TOP, Projection.of(G), agg(AggregateFunction.COUNT, "n"));
        assertThat(rows).containsExactly(json("{\"g\": 1, \"n\": 2}"), json("{\"g\": \"1\", \"n\": 1}"),
                json("{\"g\": true, \"n\": 1}"), json("{\"g\": {\"a\": 1, \"b\": 2}, \"n\": 2}"));
        assertThat(rows.get(0).valueOrNull("g").asNumber().isIntegral()).as("the first value seen").isFalse();
    }

    @Test
    void twinsWithoutTheGroupedValueFormTheirOwnGroup() {
        List<TwinDocument> twins = twins("{}", "{\"g\": \"x\"}", "{\"v\": 5}", "{\"g\": {}}");
        assertThat(rows(twins, null, G, NO_TOP, new Projection(G, "grp"), agg(AggregateFunction.COUNT, "n"),
                agg(AggregateFunction.MAX, "hi"))).containsExactly(
                        json("{\"n\": 2, \"hi\": 5}"), json("{\"grp\": \"x\", \"n\": 1}"),
                        json("{\"grp\": {}, \"n\": 1}"));
    }

    @Test
    void groupByRowsMayRepeatTheGroupedPathUnderSeveralNames() {
        List<TwinDocument> twins = twins("{\"g\": \"x\"}");
        assertThat(rows(twins, null, G, NO_TOP, Projection.of(G), new Projection(G, "again"),
                agg(AggregateFunction.COUNT, "n"))).containsExactly(json("{\"g\": \"x\", \"again\": \"x\", \"n\": 1}"));
    }

    @Test
    void groupByWithoutMatchesGivesNoRows() {
        Expression none = new Comparison(G, ComparisonOperator.EQUAL, Literal.of("nothing"));
        assertThat(rows(twins("{\"g\": \"x\"}"), none, G, NO_TOP, agg(AggregateFunction.COUNT, "n"))).isEmpty();
    }

    @Test
    void topLimitsGroups() {
        List<TwinDocument> twins = twins("{\"g\": 1}", "{\"g\": 2}", "{\"g\": 3}", "{\"g\": 1}");
        assertThat(rows(twins, null, G, OptionalLong.of(2), Projection.of(G), agg(AggregateFunction.COUNT, "n")))
                .containsExactly(json("{\"g\": 1, \"n\": 2}"), json("{\"g\": 2, \"n\": 1}"));
        assertThat(rows(twins, null, null, OptionalLong.of(1), agg(AggregateFunction.COUNT, "n")))
                .containsExactly(json("{\"n\": 4}"));
    }
}
