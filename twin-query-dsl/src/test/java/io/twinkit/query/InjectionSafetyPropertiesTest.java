package io.twinkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonString;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * No value or key can change the structure of a query: any string used as a literal comes back as exactly that one
 * literal in the same tree, and any string used as a key is either rejected or comes back as exactly that segment.
 */
class InjectionSafetyPropertiesTest {

    private static final OptionalLong NO_TOP = OptionalLong.empty();

    private static final QueryPath OWNER = QueryPath.of("tags", "owner");
    private static final QueryPath DEVICE_ID = QueryPath.of("deviceId");
    private static final Comparison IS_REDMOND = new Comparison(QueryPath.of("tags", "location", "plant"),
            ComparisonOperator.EQUAL, Literal.of("Redmond43"));

    @Provide
    Arbitrary<String> hostile() {
        return QueryArbitraries.hostileStrings();
    }

    @Property(tries = 600)
    void anyStringAsALiteralStaysExactlyThatLiteral(@ForAll("hostile") String value) {
        Expression condition = And.of(
                new Comparison(OWNER, ComparisonOperator.EQUAL, Literal.of(value)),
                new InList(OWNER, true, JsonArray.of(JsonString.of(value), JsonString.of(value + "'"))),
                FunctionCall.of(QueryFunction.STARTSWITH, DEVICE_ID, Literal.of(value)),
                IS_REDMOND);
        Query query = Query.of(QuerySource.DEVICES, List.of(), condition, null, NO_TOP);

        Query parsed = Query.parse(query.toSql());

        assertThat(parsed).isEqualTo(query);
        List<Expression> operands = ((And) parsed.where().orElseThrow()).operands();
        assertThat(operands).hasSize(4);
        Comparison comparison = (Comparison) operands.get(0);
        assertThat(comparison.left()).isEqualTo(OWNER);
        assertThat(comparison.right()).isInstanceOf(Literal.class);
        assertThat(((Literal) comparison.right()).valueOrNull()).isEqualTo(JsonString.of(value));
        assertThat(((InList) operands.get(1)).values().values()).containsExactly(JsonString.of(value),
                JsonString.of(value + "'"));
        assertThat(((FunctionCall) operands.get(2)).arguments()).containsExactly(DEVICE_ID, Literal.of(value));
        assertThat(operands.get(3)).isEqualTo(IS_REDMOND);
    }

    @Property(tries = 400)
    void aStringEscapedByTheDocumentedRulesReadsBackInEitherQuoteStyle(@ForAll("hostile") String value) {
        String escaped = value.replace("\\", "\\\\");
        String doubleQuoted = "\"" + escaped.replace("\"", "\\\"") + "\"";
        String singleQuoted = "'" + escaped.replace("'", "\\'") + "'";
        Expression expected = new Comparison(OWNER, ComparisonOperator.EQUAL, Literal.of(value));
        assertThat(QueryParser.parseCondition("tags.owner = " + doubleQuoted)).isEqualTo(expected);
        assertThat(QueryParser.parseCondition("tags.owner = " + singleQuoted)).isEqualTo(expected);
    }

    @Property(tries = 600)
    void anyStringAsAKeyIsRejectedOrStaysExactlyThatSegment(@ForAll("hostile") String key) {
        Statistics.label("writable key").collect(writable(key));
        Statistics.label("writable key").coverage(coverage -> {
            coverage.check(true).percentage(p -> p > 10);
            coverage.check(false).percentage(p -> p > 10);
        });
        if (!writable(key)) {
            assertThatThrownBy(() -> QueryPath.of("tags", key)).isInstanceOf(InvalidQueryException.class);
            assertThatThrownBy(() -> QueryPath.of(key)).isInstanceOf(InvalidQueryException.class);
            assertThatThrownBy(() -> SqlText.segment(key)).isInstanceOf(InvalidQueryException.class);
            return;
        }
        QueryPath path = QueryPath.of("tags", key, "x");
        Query query = Query.of(QuerySource.DEVICES, List.of(Projection.of(path)),
                And.of(new Comparison(path, ComparisonOperator.EQUAL, Literal.of(1)), IS_REDMOND), null, NO_TOP);

        Query parsed = Query.parse(query.toSql());

        assertThat(parsed).isEqualTo(query);
        assertThat(((QueryPath) parsed.projections().get(0).target()).twinPath().segments()).containsExactly("tags", key, "x");
        List<Expression> operands = ((And) parsed.where().orElseThrow()).operands();
        assertThat(operands).containsExactly(new Comparison(path, ComparisonOperator.EQUAL, Literal.of(1)),
                IS_REDMOND);
    }

    @Provide
    Arbitrary<String> aliases() {
        return Arbitraries.oneOf(QueryArbitraries.hostileStrings(), QueryArbitraries.aliases());
    }

    @Property(tries = 300)
    void anyStringAsAnAliasIsRejectedOrStaysThatAlias(@ForAll("aliases") String alias) {
        Statistics.label("valid alias").collect(SqlText.isBare(alias.isEmpty() ? "0" : alias));
        Statistics.label("valid alias").coverage(coverage -> {
            coverage.check(true).percentage(p -> p > 10);
            coverage.check(false).percentage(p -> p > 10);
        });
        Projection projection;
        try {
            projection = new Projection(OWNER, alias);
        } catch (InvalidQueryException rejected) {
            assertThat(SqlText.isBare(alias.isEmpty() ? "0" : alias)).isFalse();
            return;
        }
        Query query = Query.of(QuerySource.DEVICES, List.of(projection, Projection.of(DEVICE_ID)), null, null, NO_TOP);
        Query parsed = Query.parse(query.toSql());
        assertThat(parsed).isEqualTo(query);
        assertThat(parsed.projections()).extracting(Projection::outputName).containsExactly(alias, "deviceId");
    }

    @Example
    void theClassicInjectionIsJustAString() {
        String attack = "x' OR '1'='1";
        Query query = Query.of(QuerySource.DEVICES, List.of(),
                new Comparison(OWNER, ComparisonOperator.EQUAL, Literal.of(attack)), null, NO_TOP);
        assertThat(query.toSql()).isEqualTo("SELECT * FROM devices WHERE tags.owner = 'x\\' OR \\'1\\'=\\'1'");
        assertThat(Query.parse(query.toSql())).isEqualTo(query);
        assertThatThrownBy(() -> QueryPath.of("tags", "a]]b")).isInstanceOf(InvalidQueryException.class);
        assertThat(QueryPath.of("tags", "]x").toString()).isEqualTo("tags.[[]x]]");
        assertThat(Query.parse("SELECT * FROM devices WHERE tags.[[]x]] = 1").where()).contains(
                new Comparison(QueryPath.of("tags", "]x"), ComparisonOperator.EQUAL, Literal.of(1)));
    }

    private static boolean writable(String key) {
        try {
            SqlText.checkSegment(key);
            return true;
        } catch (InvalidQueryException rejected) {
            return false;
        }
    }
}
