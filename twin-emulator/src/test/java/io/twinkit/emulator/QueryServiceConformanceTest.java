package io.twinkit.emulator;

import io.twinkit.query.QueryItemType;
import io.twinkit.query.QueryPage;
import io.twinkit.query.QueryOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.Fixture;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.conformance.QueryVectorResults;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.InvalidQueryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code query.json} through the hub API: the twins and module twins of {@code twins.json} are imported
 * into an {@link IotHub} with {@link TwinService#importTwin}, reach its {@link QueryService} through the hub's change
 * hook, each query is read from {@link IotHub#queries()} in pages of {@value #PAGE_SIZE}, and the collected items are
 * compared with the vector as the evaluator's own conformance test does (ids as a set, {@code topOf}/{@code count},
 * rows as a multiset with a relative tolerance of 1e-9, errors as 400).
 */
class QueryServiceConformanceTest {

    private static final int PAGE_SIZE = 7;
    private static final Map<String, IotHub> HUBS = new HashMap<>();

    @AfterAll
    static void closeHubs() {
        synchronized (HUBS) {
            HUBS.values().forEach(IotHub::close);
            HUBS.clear();
        }
    }

    static Stream<VectorCase> cases() {
        return ConformanceVectors.cases("query.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void query(VectorCase vector) {
        QueryService service = service(vector.source());
        String sql = vector.get("sql").asString();
        if (vector.has("error")) {
            long status = vector.get("error").asObject().valueOrNull("status").asNumber().longValue();
            assertThatThrownBy(() -> service.query(sql, QueryOptions.defaults().withPageSize(PAGE_SIZE)))
                    .isInstanceOfSatisfying(InvalidQueryException.class,
                            e -> assertThat((long) e.httpStatus()).isEqualTo(status));
            return;
        }
        // SELECT * vectors list ids, projections and aggregates list rows
        QueryItemType type = vector.has("deviceIds") ? QueryItemType.TWIN : QueryItemType.RAW;
        List<JsonObject> items = readAllPages(service, sql, type);
        assertThat(items).as("the pages concatenated are the single page of the whole result")
                .isEqualTo(service.query(sql, QueryOptions.defaults().withPageSize(1000)).items());
        QueryVectorResults.assertMatches(vector, items);
    }

    /** Reads every page, checking that each but the last is full, only the last has no token, all of {@code type}. */
    private static List<JsonObject> readAllPages(QueryService service, String sql, QueryItemType type) {
        List<JsonObject> items = new ArrayList<>();
        QueryOptions options = QueryOptions.defaults().withPageSize(PAGE_SIZE);
        QueryPage<JsonObject> page = service.query(sql, options);
        assertThat(page.itemType()).isEqualTo(type);
        while (page.hasMore()) {
            assertThat(page.items()).hasSize(PAGE_SIZE);
            items.addAll(page.items());
            page = service.query(sql, options.withContinuation(page.continuation().orElseThrow()));
            assertThat(page.itemType()).isEqualTo(type);
        }
        assertThat(page.items()).hasSizeLessThanOrEqualTo(PAGE_SIZE);
        items.addAll(page.items());
        return items;
    }

    private static QueryService service(String source) {
        synchronized (HUBS) {
            return HUBS.computeIfAbsent(source, QueryServiceConformanceTest::load).queries();
        }
    }

    private static IotHub load(String source) {
        for (Fixture fixture : ConformanceVectors.fixtures("twins.json")) {
            if (fixture.source().equals(source)) {
                IotHub hub = IotHub.create();
                for (String name : List.of("twins", "modules")) {
                    for (JsonValue json : fixture.json().valueOrNull(name).asArray()) {
                        hub.twins().importTwin(TwinDocument.fromJson(json.asObject()));
                    }
                }
                return hub;
            }
        }
        throw new IllegalStateException("no twins.json from " + source);
    }
}
