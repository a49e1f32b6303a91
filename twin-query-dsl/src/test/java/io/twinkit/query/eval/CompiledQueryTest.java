package io.twinkit.query.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.Query;
import io.twinkit.query.QuerySource;
import io.twinkit.query.Aggregate;
import io.twinkit.query.Comparison;
import io.twinkit.query.ComparisonOperator;
import io.twinkit.query.Expression;
import io.twinkit.query.InList;
import io.twinkit.query.Literal;
import io.twinkit.query.Projection;
import io.twinkit.query.QueryPath;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The query-level API: matching, SELECT *, projections, TOP and the sources. */
class CompiledQueryTest {

    private static final OptionalLong NO_TOP = OptionalLong.empty();

    static TwinDocument twin(String json) {
        return TwinDocument.fromJson(JsonValue.parse(json).asObject());
    }

    static final List<TwinDocument> TWINS = List.of(
            twin("{\"deviceId\": \"a\", \"tags\": {\"plant\": \"P1\", \"floor\": 1, \"loc\": {\"x\": 1}}}"),
            twin("{\"deviceId\": \"b\", \"tags\": {\"plant\": \"P1\", \"floor\": 2.5}}"),
            twin("{\"deviceId\": \"c\", \"tags\": {\"plant\": \"P2\"}}"),
            twin("{\"deviceId\": \"d\"}"),
            twin("{\"deviceId\": \"a\", \"moduleId\": \"m1\", \"tags\": {\"plant\": \"P1\"}}"),
            twin("{\"deviceId\": \"b\", \"moduleId\": \"$edgeAgent\", \"tags\": {\"plant\": \"P3\"}}"));

    static Query query(QuerySource source, List<Projection> projections, @Nullable Expression where,
                       @Nullable QueryPath groupBy, OptionalLong top) {
        return Query.of(source, projections, where, groupBy, top);
    }

    static Comparison eq(QueryPath path, String value) {
        return new Comparison(path, ComparisonOperator.EQUAL, Literal.of(value));
    }

    static List<String> ids(List<TwinDocument> twins) {
        List<String> ids = new ArrayList<>();
        for (TwinDocument twin : twins) {
            ids.add(twin.deviceId().value() + twin.moduleId().map(m -> "/" + m.value()).orElse(""));
        }
        return ids;
    }

    static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }

    private static final QueryPath PLANT = QueryPath.of("tags", "plant");

    @Test
    void matchesIsTheWhereConditionOnly() {
        CompiledQuery query = CompiledQuery.compile(
                query(QuerySource.DEVICES, List.of(), eq(PLANT, "P1"), null, NO_TOP));
        assertThat(TWINS).filteredOn(query::matches).extracting(t -> t.deviceId().value())
                .containsExactly("a", "b", "a");
        assertThat(query.evaluateCondition(TWINS.get(0))).contains(true);
        assertThat(query.evaluateCondition(TWINS.get(2))).contains(false);
        assertThat(query.evaluateCondition(TWINS.get(3))).isEmpty();
        assertThat(query.query().where()).contains(eq(PLANT, "P1"));
    }

    @Test
    void withoutWhereEveryTwinMatches() {
        CompiledQuery query = CompiledQuery.compile(query(QuerySource.DEVICES, List.of(), null, null, NO_TOP));
        assertThat(TWINS).allMatch(query::matches);
        assertThat(query.evaluateCondition(TWINS.get(3))).contains(true);
        assertThat(ids(query.select(TWINS))).containsExactly("a", "b", "c", "d");
    }

    @Test
    void selectKeepsInputOrderAndTheTwinsOfTheSource() {
        Query devices = query(QuerySource.DEVICES, List.of(), eq(PLANT, "P1"), null, NO_TOP);
        assertThat(ids(CompiledQuery.compile(devices).select(TWINS))).containsExactly("a", "b");
        Query modules = query(QuerySource.MODULES, List.of(), null, null, NO_TOP);
        assertThat(ids(CompiledQuery.compile(modules).select(TWINS))).containsExactly("a/m1", "b/$edgeAgent");
        Query dollar = query(QuerySource.MODULES, List.of(),
                eq(QueryPath.of("moduleId"), "$edgeAgent"), null, NO_TOP);
        assertThat(ids(CompiledQuery.compile(dollar).select(TWINS))).containsExactly("b/$edgeAgent");
    }

    @Test
    void topLimitsTheResults() {
        Query top = query(QuerySource.DEVICES, List.of(), null, null, OptionalLong.of(2));
        assertThat(ids(CompiledQuery.compile(top).select(TWINS))).containsExactly("a", "b");
        assertThat(CompiledQuery.compile(top).rows(TWINS)).hasSize(2);
        Query large = query(QuerySource.DEVICES, List.of(), eq(PLANT, "P1"), null, OptionalLong.of(50));
        assertThat(ids(CompiledQuery.compile(large).select(TWINS))).containsExactly("a", "b");
        Query projected = query(QuerySource.DEVICES, List.of(Projection.of(QueryPath.of("deviceId"))), null, null,
                OptionalLong.of(3));
        assertThat(CompiledQuery.compile(projected).rows(TWINS)).extracting(r -> r.valueOrNull("deviceId"))
                .containsExactly(JsonString.of("a"), JsonString.of("b"), JsonString.of("c"));
    }

    @Test
    void selectRejectsProjectionsAndAggregates() {
        Query projected = query(QuerySource.DEVICES, List.of(Projection.of(QueryPath.of("deviceId"))), null, null,
                NO_TOP);
        assertThatThrownBy(() -> CompiledQuery.compile(projected).select(TWINS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rows()");
        Query counted = query(QuerySource.DEVICES, List.of(new Projection(Aggregate.count(), "n")), null, null, NO_TOP);
        assertThatThrownBy(() -> CompiledQuery.compile(counted).select(TWINS))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rowsOfSelectStarAreTheTwinsJson() {
        Query all = query(QuerySource.DEVICES, List.of(), eq(PLANT, "P2"), null, NO_TOP);
        assertThat(CompiledQuery.compile(all).rows(TWINS)).containsExactly(TWINS.get(2).toJson());
    }

    @Test
    void projectionsNameMembersByAliasOrLastSegmentAndOmitUndefined() {
        Query projected = query(QuerySource.DEVICES, List.of(
                Projection.of(QueryPath.of("DeviceId")),
                new Projection(PLANT, "site"),
                Projection.of(QueryPath.of("tags", "floor")),
                Projection.of(QueryPath.of("tags", "loc"))), null, null, NO_TOP);
        assertThat(CompiledQuery.compile(projected).rows(TWINS)).containsExactly(
                json("{\"deviceId\": \"a\", \"site\": \"P1\", \"floor\": 1, \"loc\": {\"x\": 1}}"),
                json("{\"deviceId\": \"b\", \"site\": \"P1\", \"floor\": 2.5}"),
                json("{\"deviceId\": \"c\", \"site\": \"P2\"}"),
                json("{\"deviceId\": \"d\"}"));
    }

    @Test
    void projectedRowsMayBeEmptyObjects() {
        Query projected = query(QuerySource.DEVICES, List.of(Projection.of(QueryPath.of("tags", "floor"))),
                null, null, NO_TOP);
        assertThat(CompiledQuery.compile(projected).rows(TWINS)).containsExactly(
                JsonObject.of("floor", JsonNumber.of(1)), JsonObject.of("floor", JsonNumber.of(2.5)),
                JsonObject.empty(), JsonObject.empty());
    }

    @Test
    void moduleProjectionsReadModuleFields() {
        Query projected = query(QuerySource.MODULES, List.of(Projection.of(QueryPath.of("deviceId")),
                Projection.of(QueryPath.of("moduleId"))), new InList(PLANT, false,
                JsonArray.of(JsonString.of("P1"), JsonString.of("P3"))), null, NO_TOP);
        assertThat(CompiledQuery.compile(projected).rows(TWINS)).containsExactly(
                json("{\"deviceId\": \"a\", \"moduleId\": \"m1\"}"),
                json("{\"deviceId\": \"b\", \"moduleId\": \"$edgeAgent\"}"));
    }

    @Test
    void jobsQueriesTakeEveryDocument() {
        Query jobs = query(QuerySource.JOBS, List.of(), eq(QueryPath.of("jobId"), "j1"), null, NO_TOP);
        TwinDocument record = twin("{\"deviceId\": \"a\", \"jobId\": \"j1\", \"jobType\": \"scheduleUpdateTwin\"}");
        assertThat(CompiledQuery.compile(jobs).select(List.of(record, TWINS.get(0)))).containsExactly(record);
    }

    @Test
    void compiledQueriesAreSharedSafelyBetweenThreads() throws Exception {
        Query query = query(QuerySource.DEVICES, List.of(new Projection(Aggregate.count(), "n")), eq(PLANT, "P1"),
                null, NO_TOP);
        CompiledQuery compiled = CompiledQuery.compile(query);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<JsonObject>>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tasks.add(() -> compiled.rows(TWINS));
            }
            for (Future<List<JsonObject>> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).containsExactly(JsonObject.of("n", JsonNumber.of(2)));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void toStringIsTheSql() {
        Query query = query(QuerySource.DEVICES, List.of(), eq(PLANT, "P1"), null, OptionalLong.of(5));
        assertThat(CompiledQuery.compile(query)).hasToString(query.toString());
        assertThat(CompiledQuery.compile(query).query()).isSameAs(query);
    }
}
