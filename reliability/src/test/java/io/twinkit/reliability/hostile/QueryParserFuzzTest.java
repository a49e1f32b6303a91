package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.twinkit.core.DeviceId;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.query.Query;
import io.twinkit.query.QuerySyntaxException;
import io.twinkit.reliability.support.Bounded;
import io.twinkit.reliability.support.Mutator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The SQL parser and the hub's query evaluator under random and mutated query text. The parser gives a query, which
 * writes back to text that parses as the same query, or an {@link InvalidQueryException} (a
 * {@link QuerySyntaxException} names a position inside the text); never another exception or a hang. A query that
 * parses runs on a hub and gives rows or an IoT Hub error, and changes no twin.
 */
class QueryParserFuzzTest {

    private static final FuzzCounts COUNTS = new FuzzCounts("query");
    private static final IotHub HUB = IotHub.create();
    private static final JsonObject STATE;

    static {
        for (int i = 0; i < 5; i++) {
            TwinKey key = TwinKey.device("q" + i);
            HUB.registry().createDevice(DeviceId.of("q" + i));
            HUB.twins().update(key, JsonObject.of("tags", JsonObject.of("owner", JsonString.of("o" + i),
                    "a", JsonNumber.of(i))), null);
            HUB.twins().report(key, JsonObject.of("seq", JsonNumber.of(i), "status", JsonString.of("ok")), null);
        }
        STATE = state();
    }

    @AfterContainer
    static void writeFigures() {
        assertThat(state()).as("the twins after every query").isEqualTo(STATE);
        HUB.close();
        COUNTS.write();
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(QueryTexts.TOKENS).list().ofMinSize(1).ofMaxSize(25)
                .map(tokens -> String.join(" ", tokens));
    }

    @Provide
    Arbitrary<String> valid() {
        return Arbitraries.of(QueryTexts.VALID);
    }

    @Property
    void randomTokensParseOrFailWithAPosition(@ForAll("tokenSoup") String sql) throws Exception {
        parseAndRun("token-soup", sql);
    }

    @Property
    void mutatedQueriesParseOrFailWithAPosition(@ForAll("valid") String query, @ForAll long seed) throws Exception {
        Mutator mutator = new Mutator(seed);
        parseAndRun("mutated-queries", mutator.random().nextBoolean() ? mutator.mutateTokens(query, QueryTexts.TOKENS)
                : mutator.mutate(query, QueryTexts.TOKENS));
    }

    @Property
    void anyStringParsesOrFailsWithAPosition(@ForAll String sql) throws Exception {
        parseAndRun("any-string", sql);
    }

    @Example
    void escapesAndAbsurdSizesParseAsPureQueriesOrFail() throws Exception {
        for (String sql : QueryTexts.escapes()) {
            parseAndRun("escapes", sql);
        }
    }

    private static void parseAndRun(String target, String sql) throws Exception {
        String outcome = Bounded.call(Bounded.TRY_LIMIT, () -> {
            Query query;
            try {
                query = Query.parse(sql);
            } catch (QuerySyntaxException e) {
                assertThat(e.position()).as("position of %s in %d characters", e.getMessage(), sql.length())
                        .isBetween(0, sql.length());
                assertThat(e.errorCode().code()).isEqualTo(400004);
                return "rejected";
            } catch (InvalidQueryException e) {
                assertThat(e.errorCode().code()).as(e.getMessage()).isBetween(400000, 412999);
                return "rejected";
            } catch (RuntimeException | StackOverflowError e) {
                return fail("parsing " + abbreviate(sql) + " threw " + e, e);
            }
            assertThat(Query.parse(query.toSql())).as("%s written back as %s", abbreviate(sql), query.toSql())
                    .isEqualTo(query);
            try {
                HUB.queries().query(sql);
                return "accepted";
            } catch (TwinException e) {
                assertThat(e.httpStatus()).as(e.getMessage()).isBetween(400, 499);
                return "parsed-refused-by-hub";
            } catch (RuntimeException | StackOverflowError e) {
                return fail("running " + abbreviate(sql) + " threw " + e, e);
            }
        });
        COUNTS.count(target, outcome);
    }

    private static JsonObject state() {
        JsonObject.Builder twins = JsonObject.builder();
        HUB.registry().list().forEach(identity -> twins.put(identity.key().toString(),
                HUB.twins().get(identity.key()).toJson()));
        return twins.build();
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? "'" + text + "'" : "'" + text.substring(0, 200) + "…' (" + text.length()
                + " characters)";
    }
}
