package io.twinkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinPath;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonValue;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of {@code sqltext.json}: how literals and paths are written as query text, and that the parser
 * reads each written form back to the same value.
 */
class SqlTextConformanceTest {

    static List<VectorCase> cases() {
        return ConformanceVectors.cases("sqltext.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersExactlyOrRejects(VectorCase vector) {
        String kind = vector.get("kind").asString();
        if (kind.equals("literal")) {
            literal(vector, vector.get("value"));
        } else if (kind.equals("path")) {
            path(vector, vector.get("segments").asArray().stream().map(JsonValue::asString).toList());
        } else {
            throw new IllegalStateException(vector + " has the unknown kind " + kind);
        }
    }

    private static void literal(VectorCase vector, JsonValue value) {
        if (vector.has("error")) {
            assertThatThrownBy(() -> SqlText.literal(value)).isInstanceOf(InvalidQueryException.class);
            return;
        }
        String sql = vector.get("sql").asString();
        assertThat(SqlText.literal(value)).isEqualTo(sql);
        if (value instanceof JsonArray array) {
            InList parsed = (InList) QueryParser.parseCondition("x IN " + sql);
            assertThat(parsed.values()).isEqualTo(array);
            assertThat(SqlText.literal(parsed.values())).as("kinds of the elements read back").isEqualTo(sql);
        } else {
            Comparison parsed = (Comparison) QueryParser.parseCondition("x = " + sql);
            assertThat(parsed.operator()).isEqualTo(ComparisonOperator.EQUAL);
            assertThat(parsed.right()).isEqualTo(Literal.of(value));
        }
    }

    private static void path(VectorCase vector, List<String> segments) {
        TwinPath path = TwinPath.of(segments);
        if (vector.has("error")) {
            assertThatThrownBy(() -> SqlText.path(path)).isInstanceOf(InvalidQueryException.class);
            assertThatThrownBy(() -> new QueryPath(path)).isInstanceOf(InvalidQueryException.class);
            // bracketing by hand does not sneak an unwritable key past the parser either
            String bracketed = segments.stream().map(s -> "[[" + s + "]]").collect(Collectors.joining("."));
            assertThatThrownBy(() -> QueryParser.parseCondition(bracketed)).isInstanceOf(InvalidQueryException.class);
            return;
        }
        String sql = vector.get("sql").asString();
        assertThat(SqlText.path(path)).isEqualTo(sql);
        assertThat(QueryParser.parseCondition(sql)).isEqualTo(new QueryPath(path));
        assertThat(((QueryPath) QueryParser.parseCondition(sql)).twinPath()).isEqualTo(path);
        if (vector.has("reads")) {
            for (JsonValue text : vector.get("reads").asArray()) {
                assertThat(QueryParser.parseCondition(text.asString())).as(text.asString())
                        .isEqualTo(new QueryPath(path));
            }
        }
    }
}
