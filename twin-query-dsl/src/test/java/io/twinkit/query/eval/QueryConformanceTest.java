package io.twinkit.query.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.Fixture;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.conformance.QueryVectorResults;
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
            assertThat(query.rows(twins)).isEqualTo(query.select(twins).stream().map(TwinDocument::toJson).toList());
        }
        QueryVectorResults.assertMatches(vector, query.rows(twins));
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
}
