package io.twinkit.query.eval;

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
import io.twinkit.query.Query;
import io.twinkit.query.QuerySource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code query.json}: the text is parsed, compiled and evaluated over the twins ({@code FROM devices})
 * or module twins ({@code FROM devices.modules}) of the {@code twins.json} from the same source.
 */
class QueryConformanceTest {

    private static final double RELATIVE_TOLERANCE = 1e-9;

    private static final Map<String, Map<String, List<TwinDocument>>> COLLECTIONS = new HashMap<>();

    static Stream<VectorCase> cases() {
        return ConformanceVectors.cases("query.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void query(VectorCase vector) {
        String sql = vector.get("sql").asString();
        if (vector.has("error")) {
            long status = vector.get("error").asObject().valueOrNull("status").asNumber().longValue();
            assertThatThrownBy(() -> CompiledQuery.compile(Query.parse(sql)))
                    .isInstanceOfSatisfying(InvalidQueryException.class,
                            e -> assertThat((long) e.httpStatus()).isEqualTo(status));
            return;
        }
        CompiledQuery query = CompiledQuery.compile(Query.parse(sql));
        List<TwinDocument> twins = collection(vector.source(), query.query().source());
        if (vector.has("deviceIds")) {
            List<String> ids = ids(query.select(twins));
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
            assertSameRows(query.rows(twins), vector.get("rows").asArray().values());
        }
    }

    private static List<TwinDocument> collection(String source, QuerySource from) {
        Map<String, List<TwinDocument>> collections;
        synchronized (COLLECTIONS) {
            collections = COLLECTIONS.computeIfAbsent(source, QueryConformanceTest::load);
        }
        String name = switch (from) {
            case DEVICES -> "twins";
            case MODULES -> "modules";
            case JOBS -> throw new IllegalStateException("twins.json has no job records");
        };
        return collections.get(name);
    }

    private static Map<String, List<TwinDocument>> load(String source) {
        for (Fixture fixture : ConformanceVectors.fixtures("twins.json")) {
            if (fixture.source().equals(source)) {
                Map<String, List<TwinDocument>> collections = new HashMap<>();
                for (String name : List.of("twins", "modules")) {
                    List<TwinDocument> twins = new ArrayList<>();
                    for (JsonValue twin : fixture.json().valueOrNull(name).asArray()) {
                        twins.add(TwinDocument.fromJson(twin.asObject()));
                    }
                    collections.put(name, List.copyOf(twins));
                }
                return collections;
            }
        }
        throw new IllegalStateException("no twins.json from " + source);
    }

    private static List<String> ids(List<TwinDocument> twins) {
        List<String> ids = new ArrayList<>();
        for (TwinDocument twin : twins) {
            ids.add(twin.deviceId().value() + twin.moduleId().map(m -> "/" + m.value()).orElse(""));
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

    static boolean close(JsonValue expected, JsonValue actual) {
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
