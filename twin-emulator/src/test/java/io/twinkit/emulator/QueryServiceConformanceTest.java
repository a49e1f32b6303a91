package io.twinkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.Fixture;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
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
    private static final double RELATIVE_TOLERANCE = 1e-9;
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
        if (vector.has("deviceIds")) {
            List<String> ids = ids(items);
            assertThat(ids).doesNotHaveDuplicates();
            JsonValue expected = vector.get("deviceIds");
            if (expected instanceof JsonArray all) {
                assertThat(ids).containsExactlyInAnyOrderElementsOf(strings(all));
            } else {
                JsonObject top = expected.asObject();
                assertThat(ids).hasSize((int) top.valueOrNull("count").asNumber().longValue())
                        .isSubsetOf(strings(top.valueOrNull("topOf").asArray()));
            }
        } else {
            assertSameRows(items, vector.get("rows").asArray().values());
        }
    }

    /** Reads every page, checking that each but the last is full, only the last has no token, all of {@code type}. */
    private static List<JsonObject> readAllPages(QueryService service, String sql, QueryItemType type) {
        List<JsonObject> items = new ArrayList<>();
        QueryOptions options = QueryOptions.defaults().withPageSize(PAGE_SIZE);
        QueryPage page = service.query(sql, options);
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

    private static List<String> ids(List<JsonObject> twins) {
        List<String> ids = new ArrayList<>();
        for (JsonObject twin : twins) {
            JsonValue module = twin.valueOrNull("moduleId");
            ids.add(twin.valueOrNull("deviceId").asString() + (module == null ? "" : "/" + module.asString()));
        }
        return ids;
    }

    private static List<String> strings(JsonArray array) {
        List<String> strings = new ArrayList<>();
        for (JsonValue value : array) {
            strings.add(value.asString());
        }
        return strings;
    }

    /** Compares rows as multisets: member order ignored, numbers by value, non-integral ones within 1e-9. */
    private static void assertSameRows(List<JsonObject> actual, List<JsonValue> expected) {
        List<JsonValue> unmatched = new ArrayList<>(actual);
        List<JsonValue> missing = new ArrayList<>();
        for (JsonValue row : expected) {
            int found = -1;
            for (int i = 0; i < unmatched.size() && found < 0; i++) {
                if (close(row, unmatched.get(i))) {
                    found = i;
                }
            }
            if (found < 0) {
                missing.add(row);
            } else {
                unmatched.remove(found);
            }
        }
        assertThat(missing).as("expected rows not returned; actual rows %s", actual).isEmpty();
        assertThat(unmatched).as("rows returned but not expected").isEmpty();
    }

    private static boolean close(JsonValue expected, JsonValue actual) {
        if (expected instanceof JsonNumber e && actual instanceof JsonNumber a) {
            if (e.equals(a)) {
                return true;
            }
            double x = e.doubleValue();
            double y = a.doubleValue();
            boolean integral = x == Math.rint(x) && y == Math.rint(y);
            return !integral && Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
        }
        if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
            if (e.size() != a.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                JsonValue other = a.valueOrNull(e.keyAt(i));
                if (other == null || !close(e.valueAt(i), other)) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof JsonArray e && actual instanceof JsonArray a) {
            if (e.size() != a.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!close(e.get(i), a.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }
}
