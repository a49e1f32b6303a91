package io.twinkit.emulator.internal.query;

import io.twinkit.emulator.HubOptions;
import io.twinkit.query.QueryPage;
import io.twinkit.query.QueryOptions;
import io.twinkit.core.TwinKey;
import static io.twinkit.emulator.internal.query.QueryServiceTest.device;
import static io.twinkit.emulator.internal.query.QueryServiceTest.devices;
import static io.twinkit.emulator.internal.query.QueryServiceTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pages of one query never repeat or skip an item while twins change between the page requests. */
class QueryConsistencyTest {

    private static final String MATCHING = "SELECT * FROM devices WHERE tags.n >= 0";

    private static List<JsonObject> readAllPages(HubQueries service, String sql, int pageSize, Runnable between) {
        QueryOptions options = QueryOptions.defaults().withPageSize(pageSize);
        QueryPage<JsonObject> page = service.query(sql, options);
        List<JsonObject> items = new ArrayList<>(page.items());
        while (page.hasMore()) {
            between.run();
            page = service.query(sql, options.withContinuation(page.continuation().orElseThrow()));
            items.addAll(page.items());
        }
        return items;
    }

    @Test
    void laterPagesShowTheTwinsAsTheyWereAtTheFirstPage() {
        List<TwinDocument> twins = devices(20);
        HubQueries service = HubQueries.create(HubOptions.defaults(), twins);
        int[] step = {0};

        List<JsonObject> items = readAllPages(service, MATCHING, 5, () -> {
            switch (step[0]++) {
                case 0 -> {
                    service.twinChanged(TwinKey.device("d0001"), null);          // already returned
                    service.twinChanged(TwinKey.device("d0012"), null);          // still to come
                    service.twinChanged(TwinKey.device("a-new"), device("a-new", 1));    // sorts first
                    service.twinChanged(TwinKey.device("d0010a"), device("d0010a", 1));  // sorts among the rest
                }
                case 1 -> {
                    service.twinChanged(TwinKey.device("d0015"), device("d0015", -1));   // stops matching
                    service.twinChanged(TwinKey.device("d0002"), device("d0002", 100));  // already returned
                    service.twinChanged(TwinKey.device("d0019"), device("d0019", 100));  // still to come
                }
                default -> service.twinChanged(TwinKey.device("zz"), device("zz", 1));
            }
        });

        assertThat(items).isEqualTo(twins.stream().map(TwinDocument::toJson).toList());
        assertThat(ids(service.query(MATCHING).items())).as("a new query sees the changes")
                .contains("a-new", "d0010a", "zz").doesNotContain("d0001", "d0012", "d0015").hasSize(20);
    }

    @Test
    void everyTwinPresentThroughoutAppearsExactlyOnceWhileAConcurrentWriterChangesAddsAndDeletes()
            throws Exception {
        int stable = 150;
        List<TwinDocument> initial = new ArrayList<>();
        List<String> stableIds = new ArrayList<>();
        for (int i = 0; i < stable; i++) {
            String id = String.format("s%03d", i);
            stableIds.add(id);
            initial.add(device(id, i));
            initial.add(device(id + "-churn-0", 0));
        }
        HubQueries service = HubQueries.create(HubOptions.defaults(), initial);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = writer.submit(() -> {
                Random random = new Random(42);
                int generation = 0;
                while (!stop.get()) {
                    generation++;
                    for (int i = 0; i < stable && !stop.get(); i++) {
                        String id = stableIds.get(random.nextInt(stable));
                        service.twinChanged(TwinKey.device(id), device(id, random.nextInt(1000)));
                        String churn = stableIds.get(i) + "-churn-";
                        service.twinChanged(TwinKey.device(churn + (generation - 1)), null);
                        service.twinChanged(TwinKey.device(churn + generation), device(churn + generation, 0));
                        writes.addAndGet(3);
                    }
                }
            });
            for (int round = 0; round < 40; round++) {
                List<String> ids = ids(readAllPages(service, MATCHING, 7, Thread::yield));
                assertThat(ids).doesNotHaveDuplicates().containsAll(stableIds);
                // one writer swaps one churn twin at a time (delete, then add), so a snapshot lacks at most one
                assertThat(ids.size() - stable).as("churn twins in one result").isBetween(stable - 1, stable);
            }
            stop.set(true);
            writing.get(30, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            writer.shutdownNow();
        }
        assertThat(writes.get()).as("the writer ran").isPositive();
    }
}
