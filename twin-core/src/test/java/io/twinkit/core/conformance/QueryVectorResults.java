package io.twinkit.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the result of a {@code query.json} case with its expectation, as the vectors' README says: for
 * {@code SELECT *}, the ids ({@code deviceId} or {@code deviceId/moduleId}) as a set, or {@code count} distinct ids out
 * of {@code topOf}; for projections and aggregates, the rows as a multiset with JSON equality and a relative tolerance
 * of 1e-9 for non-integral numbers. Shared by every module that runs the query vectors.
 */
public final class QueryVectorResults {

    private static final double RELATIVE_TOLERANCE = 1e-9;

    private QueryVectorResults() {
    }

    /** Asserts that {@code items} (twins for {@code SELECT *}, else rows) are what {@code vector} expects. */
    public static void assertMatches(VectorCase vector, List<JsonObject> items) {
        if (vector.has("deviceIds")) {
            List<String> ids = items.stream().map(QueryVectorResults::idOf).toList();
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

    /** Returns {@code deviceId}, or {@code deviceId/moduleId} for a module twin. */
    public static String idOf(JsonObject twin) {
        JsonValue module = twin.valueOrNull("moduleId");
        return twin.valueOrNull("deviceId").asString() + (module == null ? "" : "/" + module.asString());
    }

    private static List<String> strings(JsonArray array) {
        List<String> strings = new ArrayList<>();
        for (JsonValue value : array) {
            strings.add(value.asString());
        }
        return strings;
    }

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

    /** Returns whether {@code actual} equals {@code expected}, non-integral numbers within a relative 1e-9. */
    public static boolean close(JsonValue expected, JsonValue actual) {
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
