package io.twinkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Query}: the service's combination rules, the where step, the length check, equality and the text. */
class QueryTest {

    private static final OptionalLong NO_TOP = OptionalLong.empty();

    private static final QueryPath PLANT = QueryPath.of("tags", "location", "plant");
    private static final QueryPath REGION = QueryPath.of("tags", "location", "region");
    private static final QueryPath TEMPERATURE = QueryPath.of("properties", "reported", "temperature");
    private static final Projection COUNT = new Projection(Aggregate.count(), "n");
    private static final Expression IS_REDMOND = new Comparison(PLANT, ComparisonOperator.EQUAL,
            Literal.of("Redmond43"));

    private static WhereStep selectAll(QuerySource source) {
        return new WhereStep(source, List.of(), null, NO_TOP);
    }

    @Test
    void rendersTheDocumentedExample() {
        Query query = selectAll(QuerySource.DEVICES).where(And.of(IS_REDMOND, new Comparison(
                QueryPath.of("properties", "reported", "connectivity", "type"), ComparisonOperator.EQUAL,
                Literal.of("cellular"))));
        String sql = "SELECT * FROM devices WHERE tags.location.plant = 'Redmond43' AND"
                + " properties.reported.connectivity.type = 'cellular'";
        assertThat(query.toSql()).isEqualTo(sql);
        assertThat(query).hasToString(sql);
        assertThat(Query.parse(sql)).isEqualTo(query);
    }

    @Test
    void rendersEveryClause() {
        Query query = Query.of(QuerySource.DEVICES, List.of(new Projection(REGION, "region"), COUNT,
                new Projection(new Aggregate(AggregateFunction.MAX, TEMPERATURE), "hottest")), IS_REDMOND, REGION,
                OptionalLong.of(3));
        assertThat(query.toSql()).isEqualTo("SELECT TOP 3 tags.location.region AS region, COUNT() AS n,"
                + " MAX(properties.reported.temperature) AS hottest FROM devices"
                + " WHERE tags.location.plant = 'Redmond43' GROUP BY tags.location.region");
        assertThat(Query.parse(query.toSql())).isEqualTo(query);
        assertThat(selectAll(QuerySource.MODULES).toSql()).isEqualTo("SELECT * FROM devices.modules");
        assertThat(Query.of(QuerySource.JOBS, List.of(), null, null, OptionalLong.of(1)).toSql())
                .isEqualTo("SELECT TOP 1 * FROM devices.jobs");
    }

    @Test
    void accessorsDescribeTheClauses() {
        Query all = selectAll(QuerySource.DEVICES);
        assertThat(all.isSelectAll()).isTrue();
        assertThat(all.isAggregate()).isFalse();
        assertThat(all.where()).isEmpty();
        assertThat(all.groupBy()).isEmpty();
        assertThat(all.top()).isEmpty();
        assertThat(all.source()).isEqualTo(QuerySource.DEVICES);

        Query grouped = Query.of(QuerySource.DEVICES, List.of(Projection.of(REGION), COUNT), IS_REDMOND, REGION,
                OptionalLong.of(7));
        assertThat(grouped.isSelectAll()).isFalse();
        assertThat(grouped.isAggregate()).isTrue();
        assertThat(grouped.projections()).containsExactly(Projection.of(REGION), COUNT);
        assertThat(grouped.where()).contains(IS_REDMOND);
        assertThat(grouped.groupBy()).contains(REGION);
        assertThat(grouped.top()).hasValue(7);

        Query plain = Query.of(QuerySource.MODULES, List.of(Projection.of(PLANT)), null, null, NO_TOP);
        assertThat(plain.isAggregate()).isFalse();
        assertThat(plain.isSelectAll()).isFalse();
    }

    @Test
    void theProjectionListIsCopied() {
        List<Projection> projections = new ArrayList<>(List.of(Projection.of(PLANT)));
        Query query = Query.of(QuerySource.DEVICES, projections, null, null, NO_TOP);
        projections.add(Projection.of(REGION));
        assertThat(query.projections()).containsExactly(Projection.of(PLANT));
        assertThatThrownBy(() -> query.projections().add(Projection.of(REGION)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void jobsTakeSelectStarOnly() {
        assertThatThrownBy(() -> Query.of(QuerySource.JOBS, List.of(Projection.of(QueryPath.of("jobId"))), null,
                null, NO_TOP)).isInstanceOf(InvalidQueryException.class).hasMessageContaining("devices.jobs");
        assertThatThrownBy(() -> Query.of(QuerySource.JOBS, List.of(COUNT), null, null, NO_TOP))
                .isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> Query.of(QuerySource.JOBS, List.of(), null, REGION, NO_TOP))
                .isInstanceOf(InvalidQueryException.class);
        assertThat(Query.of(QuerySource.JOBS, List.of(), IS_REDMOND, null, OptionalLong.of(5)).source())
                .isEqualTo(QuerySource.JOBS);
    }

    @Test
    void groupByIsForDevicesOnlyAndNotWithSelectStar() {
        List<Projection> grouped = List.of(Projection.of(REGION), COUNT);
        assertThat(Query.of(QuerySource.DEVICES, grouped, null, REGION, NO_TOP).groupBy()).contains(REGION);
        assertThatThrownBy(() -> Query.of(QuerySource.MODULES, grouped, null, REGION, NO_TOP))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("GROUP BY is supported on devices only, not on devices.modules");
        assertThatThrownBy(() -> Query.of(QuerySource.DEVICES, List.of(), null, REGION, NO_TOP))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("SELECT *");
    }

    @Test
    void aGroupedSelectListHoldsTheGroupedPathAndAggregatesOnly() {
        assertThat(Query.of(QuerySource.DEVICES, List.of(new Projection(REGION, "r"), Projection.of(REGION), COUNT),
                null, REGION, NO_TOP).projections()).hasSize(3);
        assertThat(Query.of(QuerySource.DEVICES, List.of(COUNT), null, REGION, NO_TOP).isAggregate()).isTrue();
        assertThat(Query.of(QuerySource.DEVICES, List.of(Projection.of(REGION)), null, REGION, NO_TOP)
                .groupBy()).contains(REGION);
        assertThatThrownBy(() -> Query.of(QuerySource.DEVICES, List.of(Projection.of(PLANT), COUNT), null, REGION,
                NO_TOP)).isInstanceOf(InvalidQueryException.class).hasMessageContaining("GROUP BY tags.location.region")
                .hasMessageContaining("not tags.location.plant");
    }

    @Test
    void aggregatesCannotStandBesidePlainPathsWithoutGroupBy() {
        assertThatThrownBy(() -> Query.of(QuerySource.DEVICES, List.of(Projection.of(QueryPath.of("deviceId")),
                COUNT), null, null, NO_TOP)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("GROUP BY");
        Query aggregatesOnly = Query.of(QuerySource.DEVICES, List.of(COUNT,
                new Projection(new Aggregate(AggregateFunction.AVG, TEMPERATURE), "mean")), null, null, NO_TOP);
        assertThat(aggregatesOnly.isAggregate()).isTrue();
        assertThat(aggregatesOnly.toSql()).isEqualTo("SELECT COUNT() AS n, AVG(properties.reported.temperature) AS mean"
                + " FROM devices");
    }

    @Test
    void topIsAtLeastOne() {
        assertThat(Query.of(QuerySource.DEVICES, List.of(), null, null, OptionalLong.of(1)).top()).hasValue(1);
        assertThat(Query.of(QuerySource.DEVICES, List.of(), null, null, OptionalLong.of(Long.MAX_VALUE)).toSql())
                .isEqualTo("SELECT TOP 9223372036854775807 * FROM devices");
        assertThat(selectAll(QuerySource.DEVICES).top()).isEmpty();
        for (long bad : new long[] {0, -1, -2, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> TwinQuery.selectAll().top(bad))
                    .isInstanceOf(InvalidQueryException.class).hasMessageContaining(Long.toString(bad));
            assertThatThrownBy(() -> Query.of(QuerySource.DEVICES, List.of(), null, null, OptionalLong.of(bad)))
                    .isInstanceOf(InvalidQueryException.class).hasMessageContaining("at least 1");
        }
    }

    @Test
    void whereIsSetOnce() {
        Query filtered = selectAll(QuerySource.DEVICES).where(IS_REDMOND);
        assertThat(filtered.where()).contains(IS_REDMOND);
        assertThat(filtered).isNotInstanceOf(WhereStep.class);
        assertThat(selectAll(QuerySource.DEVICES).where()).isEmpty();
        Query viaCondition = selectAll(QuerySource.DEVICES).where(Condition.of(IS_REDMOND));
        assertThat(viaCondition).isEqualTo(filtered);
    }

    @Test
    void copyMethodsKeepTheOtherClauses() {
        WhereStep base = new WhereStep(QuerySource.DEVICES, List.of(Projection.of(REGION), COUNT), REGION,
                OptionalLong.of(4));
        Query filtered = base.where(IS_REDMOND);
        assertThat(filtered.where()).contains(IS_REDMOND);
        assertThat(filtered.top()).hasValue(4);
        assertThat(filtered.groupBy()).contains(REGION);
        assertThat(filtered.projections()).isEqualTo(base.projections());
        assertThat(filtered.source()).isEqualTo(QuerySource.DEVICES);
        assertThat(base.where()).isEmpty();
        assertThat(base).isEqualTo(Query.of(QuerySource.DEVICES, base.projections(), null, REGION, OptionalLong.of(4)));
    }

    @Test
    void toSqlRejectsTextLongerThan8192Characters() {
        String prefix = "SELECT * FROM devices WHERE tags.a = '";
        Query exact = selectAll(QuerySource.DEVICES).where(new Comparison(QueryPath.of("tags", "a"),
                ComparisonOperator.EQUAL, Literal.of("x".repeat(Query.MAX_LENGTH - prefix.length() - 1))));
        assertThat(exact.toSql()).hasSize(Query.MAX_LENGTH);
        assertThat(Query.parse(exact.toSql())).isEqualTo(exact);
        Query over = selectAll(QuerySource.DEVICES).where(new Comparison(QueryPath.of("tags", "a"),
                ComparisonOperator.EQUAL, Literal.of("x".repeat(Query.MAX_LENGTH - prefix.length()))));
        assertThat(over.toString()).hasSize(Query.MAX_LENGTH + 1);
        assertThatThrownBy(over::toSql).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("8193 characters").hasMessageContaining("8192");
        assertThatThrownBy(() -> Query.parse(over.toString())).isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void escapingCountsTowardTheLength() {
        String prefix = "SELECT * FROM devices WHERE tags.a = '";
        int room = Query.MAX_LENGTH - prefix.length() - 1;
        Query quotes = selectAll(QuerySource.DEVICES).where(new Comparison(QueryPath.of("tags", "a"),
                ComparisonOperator.EQUAL, Literal.of("'".repeat(room / 2 + 1))));
        assertThatThrownBy(quotes::toSql).isInstanceOf(InvalidQueryException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT deviceId, COUNT() AS n FROM devices",
        "SELECT COUNT() FROM devices",
        "SELECT TOP 0 * FROM devices",
        "SELECT deviceId FROM devices.jobs",
        "SELECT * FROM devices GROUP BY tags.a",
        "SELECT tags.a, COUNT() AS n FROM devices.modules GROUP BY tags.a",
        "SELECT tags.b, COUNT() AS n FROM devices GROUP BY tags.a"})
    void parsedQueriesBreakingTheServiceRulesAreInvalidButNotSyntaxErrors(String sql) {
        assertThatThrownBy(() -> Query.parse(sql)).isInstanceOf(InvalidQueryException.class)
                .isNotInstanceOf(QuerySyntaxException.class);
    }

    @Test
    void parseRejectsTextLongerThan8192CharactersBeforeReadingIt() {
        String prefix = "SELECT * FROM devices WHERE tags.a = '";
        String exact = prefix + "x".repeat(Query.MAX_LENGTH - prefix.length() - 1) + "'";
        assertThat(exact).hasSize(Query.MAX_LENGTH);
        assertThat(Query.parse(exact).where()).isPresent();
        String over = prefix + "x".repeat(Query.MAX_LENGTH - prefix.length()) + "'";
        assertThatThrownBy(() -> Query.parse(over)).isInstanceOf(InvalidQueryException.class)
                .isNotInstanceOf(QuerySyntaxException.class).hasMessageContaining("8193 characters");
        assertThatThrownBy(() -> Query.parse("x".repeat(Query.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidQueryException.class).isNotInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> Query.parse(over + " garbage")).hasMessageContaining("8201 characters");
    }

    @Test
    void parseCountsCharactersAsCodePointsNotUtf16Units() {
        String prefix = "SELECT * FROM devices WHERE tags.a = '";
        int emoji = Query.MAX_LENGTH - prefix.length() - 1;
        String text = prefix + "\uD83D\uDE00".repeat(emoji) + "'";
        assertThat(text.codePointCount(0, text.length())).isEqualTo(Query.MAX_LENGTH);
        assertThat(text.length()).isGreaterThan(Query.MAX_LENGTH);
        assertThat(Query.parse(text).where()).isPresent();
        assertThatThrownBy(() -> Query.parse(text + " ")).isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void equalsAndHashCodeCompareTheTrees() {
        EqualsVerifier.forClass(Query.class)
                .withPrefabValues(QueryPath.class, PLANT, REGION)
                .withPrefabValues(Expression.class, IS_REDMOND, REGION)
                .suppress(Warning.NULL_FIELDS)
                .verify();
        Query one = Query.of(QuerySource.DEVICES, List.of(Projection.of(QueryPath.of("DeviceId"))), IS_REDMOND,
                null, OptionalLong.of(2));
        Query same = Query.parse("select top 2 deviceid from DEVICES where tags.location.plant = \"Redmond43\"");
        assertThat(same).isEqualTo(one).hasSameHashCodeAs(one);
        assertThat(same).isNotEqualTo(Query.of(QuerySource.DEVICES, one.projections(), IS_REDMOND, null,
                OptionalLong.of(3))).isNotEqualTo(selectAll(QuerySource.DEVICES)).isNotEqualTo(null);
    }

    @Test
    void theLengthLimitCountsCodePointsNotUtf16Units() {
        String prefix = "SELECT * FROM devices WHERE tags.e = ''";
        int emoji = Query.MAX_LENGTH - prefix.length();
        Query atLimit = Query.of(QuerySource.DEVICES, List.of(), new Comparison(QueryPath.of("tags", "e"),
                ComparisonOperator.EQUAL, Literal.of("\uD83D\uDE00".repeat(emoji))), null, NO_TOP);

        String sql = atLimit.toSql();

        assertThat(sql.codePointCount(0, sql.length())).isEqualTo(Query.MAX_LENGTH);
        assertThat(sql.length()).isGreaterThan(Query.MAX_LENGTH);
        assertThat(Query.parse(sql)).isEqualTo(atLimit);
    }

    @Test
    void topRejectsEveryValueBelowOneIncludingMinusOne() {
        assertThatThrownBy(() -> TwinQuery.selectAll().top(-1)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Query.of(QuerySource.DEVICES, List.of(), null, null, OptionalLong.of(-1)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("at least 1");
        assertThat(Query.parse("SELECT * FROM devices").top()).isEmpty();
        assertThat(TwinQuery.selectAll().top(1).fromDevices().top()).hasValue(1);
    }
}
