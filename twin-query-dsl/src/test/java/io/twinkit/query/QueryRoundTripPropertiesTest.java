package io.twinkit.query;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Rendering and parsing are inverse: any valid query tree, written by {@link SqlWriter} and read by
 * {@link Query#parse(String)}, comes back equal, and its text is then written again character for character.
 */
class QueryRoundTripPropertiesTest {

    @Provide
    Arbitrary<Query> queries() {
        return QueryArbitraries.queries();
    }

    @Provide
    Arbitrary<Expression> conditions() {
        return QueryArbitraries.conditions();
    }

    @Property(tries = 1000)
    void aRenderedQueryParsesBackToTheSameTree(@ForAll("queries") Query query) {
        String sql = query.toString();
        Assume.that(sql.codePointCount(0, sql.length()) <= Query.MAX_LENGTH);
        Query parsed = Query.parse(sql);
        assertThat(parsed).as("parsed from %s", sql).isEqualTo(query);
        assertThat(parsed.hashCode()).isEqualTo(query.hashCode());
        assertThat(parsed.toString()).isEqualTo(sql);
    }

    @Property(tries = 1000)
    void aRenderedConditionParsesBackToTheSameTree(@ForAll("conditions") Expression condition) {
        String sql = SqlWriter.render(condition);
        Assume.that(sql.codePointCount(0, sql.length()) <= Query.MAX_LENGTH);
        Expression parsed = QueryParser.parseCondition(sql);
        assertThat(parsed).as("parsed from %s", sql).isEqualTo(condition);
        assertThat(SqlWriter.render(parsed)).isEqualTo(sql);
    }
}
