package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.query.QueryPage;
import io.twinkit.core.TwinKey;
import io.twinkit.query.eval.CompiledQuery;
import io.twinkit.query.Query;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The query benchmarks select the same twins on both sides, and the emulator benchmarks do what they claim. */
class QueryAndEmulatorEquivalenceTest {

    @Test
    void compiledQueryAndPointerScanSelectTheSameTenPercentOfTheFleet() throws IOException {
        QueryScanBenchmark benchmark = new QueryScanBenchmark();
        benchmark.documents(QueryScanBenchmark.documents(20_000));
        benchmark.trees(QueryScanBenchmark.jacksonTrees(20_000));

        List<TwinDocument> twinkit = benchmark.twinkit();
        List<JsonNode> jackson = benchmark.jacksonPointerScan();

        assertThat(twinkit).hasSizeBetween(1_600, 2_400);
        assertThat(twinkit).extracting(twin -> twin.deviceId().value())
                .containsExactlyElementsOf(jackson.stream().map(twin -> twin.get("deviceId").textValue()).toList());
    }

    @Test
    void compactFleetTwinsHoldTheSameQueriedValuesAsFullOnes() {
        for (int i = 0; i < 100; i++) {
            TwinDocument full = TwinDocument.fromJson(FleetTwins.twin(i));
            TwinDocument compact = TwinDocument.fromJson(FleetTwins.compact(i));
            assertThat(compact.tags()).isEqualTo(full.tags());
            assertThat(compact.reported().properties()).isEqualTo(full.reported().properties());
            assertThat(compact.reported().metadata()).isEmpty();
        }
    }

    @Test
    void emulatorQueriesCountAndPageTheMatchingFleetTwins() {
        EmulatorQueryBenchmark benchmark = new EmulatorQueryBenchmark();
        benchmark.twins = 2_000;
        benchmark.setUp();
        try {
            List<TwinDocument> fleet = new java.util.ArrayList<>();
            for (int i = 0; i < benchmark.twins; i++) {
                fleet.add(TwinDocument.fromJson(FleetTwins.twin(i)));
            }
            int expected = CompiledQuery.compile(Query.parse(QueryScanBenchmark.SQL)).select(fleet).size();

            QueryPage<JsonObject> count = benchmark.twoPredicateCount();
            QueryPage<JsonObject> page = benchmark.equalityFirstPage();

            assertThat(count.items()).containsExactly(JsonObject.of("n", JsonNumber.of(expected)));
            assertThat(page.items()).isNotEmpty().allSatisfy(twin -> assertThat(TwinDocument.fromJson(twin).tags()
                    .getString("location.plant")).contains("plant-7"));
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void reportedUpdatesGoToEachDeviceInTurnAndBumpItsVersion() {
        EmulatorReportBenchmark benchmark = new EmulatorReportBenchmark();
        benchmark.setUp();
        try {
            EmulatorReportBenchmark.Updater updater = new EmulatorReportBenchmark.Updater();
            TwinKey first = TwinKey.device(FleetTwins.twin(0).valueOrNull("deviceId").asString());
            long before = benchmark.hub().twins().get(first).reported().version().orElseThrow();

            for (int i = 0; i <= EmulatorReportBenchmark.DEVICES; i++) {
                benchmark.reportedUpdate(updater);
            }

            TwinDocument twin = benchmark.hub().twins().get(first);
            assertThat(twin.reported().version()).hasValue(before + 2);
            assertThat(twin.reported().get("sequence")).contains(JsonNumber.of(EmulatorReportBenchmark.DEVICES));
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void theJobBenchmarkUpdatesEveryTwinOfTheFleetOncePerJob() throws InterruptedException {
        EmulatorJobBenchmark benchmark = new EmulatorJobBenchmark();
        benchmark.twins = 2_500;
        benchmark.setUp();
        try {
            assertThat(benchmark.twinUpdateJob()).isEqualTo(2_500);
            assertThat(benchmark.twinUpdateJob()).isEqualTo(2_500);
            for (int i : new int[] {0, 1_234, 2_499}) {
                TwinDocument twin = benchmark.hub().twins().get(TwinKey.device(
                        String.format(Locale.ROOT, "device-%07d", i)));
                assertThat(twin.tags().toJson().get("rollout")).contains(JsonString.of("wave-1"));
                assertThat(twin.desired().properties().toJson()).isEqualTo(JsonObject.of("telemetry",
                        JsonObject.of("interval", JsonNumber.of(31))));
            }
            assertThat(benchmark.hub().jobs().list()).hasSize(2);
        } finally {
            benchmark.tearDown();
        }
    }
}
