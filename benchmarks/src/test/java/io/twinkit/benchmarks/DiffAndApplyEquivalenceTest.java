package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import io.twinkit.benchmarks.TwinGenerator.Size;
import io.twinkit.core.MergePatch;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every diff and apply of the benchmarks turns version 1 of the desired properties into version 2. */
class DiffAndApplyEquivalenceTest {

    private static final TwinJson JSON = TwinJson.standard();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static DiffBenchmark diff(Size size) throws IOException {
        DiffBenchmark benchmark = new DiffBenchmark();
        benchmark.size = size;
        benchmark.setUp();
        return benchmark;
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void everyDiffAppliedToVersionOneGivesVersionTwo(Size size) throws IOException, JsonPatchException {
        DiffBenchmark benchmark = diff(size);
        DiffFixture fixture = DiffFixture.of(size);
        JsonObject v1 = JsonValue.parseObject(fixture.before());
        JsonObject v2 = JsonValue.parseObject(fixture.after());
        JsonNode tree1 = MAPPER.readTree(fixture.before());
        JsonProvider provider = JsonProvider.provider();
        jakarta.json.JsonObject json1 = provider.createReader(new ByteArrayInputStream(fixture.before())).readObject();

        assertThat(v2).isNotEqualTo(v1);
        assertThat(benchmark.twinkit().applyTo(v1)).isEqualTo(v2);
        assertThat(JSON.fromJsonNode(com.flipkart.zjsonpatch.JsonPatch.apply(benchmark.zjsonpatch(), tree1)))
                .isEqualTo(v2);
        assertThat(JsonValue.parse(benchmark.parsson().apply(json1).toString())).isEqualTo(v2);
        assertThat(JSON.fromJsonNode(JsonPatch.fromJson(benchmark.javaJsonTools()).apply(tree1))).isEqualTo(v2);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void mergeDiffsAreTheSameMinimalPatch(Size size) throws IOException {
        DiffBenchmark benchmark = diff(size);
        DiffFixture fixture = DiffFixture.of(size);
        JsonObject v1 = JsonValue.parseObject(fixture.before());
        JsonObject v2 = JsonValue.parseObject(fixture.after());

        MergePatch twinkit = benchmark.twinkit();

        assertThat(twinkit.toJson()).isEqualTo(JsonValue.parseObject(fixture.patch()));
        assertThat(JsonValue.parse(benchmark.parsson().toJsonValue().toString())).isEqualTo(twinkit.toJson());
        assertThat(FullWalkDiff.compute(v1, v2)).isEqualTo(twinkit);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void everyApplyGivesVersionTwo(Size size) throws IOException, JsonPatchException {
        ApplyBenchmark benchmark = new ApplyBenchmark();
        benchmark.size = size;
        benchmark.setUp();
        JsonValue v2 = JsonValue.parseObject(DiffFixture.of(size).after());

        assertThat(benchmark.twinkit()).isEqualTo(v2);
        assertThat(JsonValue.parse(benchmark.parsson().toString())).isEqualTo(v2);
        assertThat(JSON.fromJsonNode(benchmark.javaJsonTools())).isEqualTo(v2);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void successorDiffFindsTheOneChangedLeafBothWays(Size size) {
        SuccessorDiffBenchmark benchmark = new SuccessorDiffBenchmark();
        benchmark.size = size;
        benchmark.setUp();

        MergePatch twinkit = benchmark.twinkit();

        assertThat(twinkit.changes()).hasSize(1);
        assertThat(twinkit.changes().get(0).path().segments()).hasSize(2 + size.maxDepth() + 1 - (size == Size.SMALL
                ? size.maxDepth() : 0));
        assertThat(benchmark.fullWalk()).isEqualTo(twinkit);
        assertThat(twinkit.applyTo(benchmark.document())).isEqualTo(benchmark.successor());
        assertThat(benchmark.successor().valueOrNull("tags")).isSameAs(benchmark.document().valueOrNull("tags"));
    }
}
