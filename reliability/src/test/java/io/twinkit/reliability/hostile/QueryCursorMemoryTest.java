package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.query.QueryOptions;
import io.twinkit.query.QueryPage;
import io.twinkit.core.TwinKey;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.reliability.support.Figures;
import io.twinkit.reliability.support.Settings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 8: projection queries whose first page leaves items over, one after another, each leaving a cursor
 * behind. Cursors were bounded only by count (1,024), and each held a copy of every row: 20 such queries over 100,000
 * twins pinned 741 MiB, and the 22nd was an {@code OutOfMemoryError} under {@code -Xmx1g}. Now a cursor holds the
 * (shared) twins and makes rows a page at a time, and the cursors of a hub count at most
 * {@link HubOptions#queryCursorBudget()}: the heap kept after the queries stays within the budget and a margin, the
 * oldest cursors are dropped (their tokens are 400 as expired), and the newest still pages to the end.
 * {@code reliability.cursor.twins} twins (20,000; 100,000 in the long run), {@code reliability.query.queries}
 * queries (30; 40).
 */
class QueryCursorMemoryTest {

    private static final long MIB = 1024 * 1024;
    private static final int TWINS = Settings.integer("reliability.cursor.twins", 20_000);
    private static final int QUERIES = Settings.integer("reliability.query.queries", 30);
    /** Room for the cursors of about 8 of the queries, so that the others must be dropped. */
    private static final long BUDGET = 8 * (8L * TWINS + 256);
    /** What the heap may keep beyond the budget: the JIT, the test's own lists, collector slack. */
    private static final long MARGIN = 48 * MIB;
    private static final String SQL = "SELECT deviceId, tags.a, tags.name, tags.site FROM devices";

    @Test
    void projectionCursorsStayWithinTheBudgetAndTheOldestExpireCleanly() throws InterruptedException {
        try (IotHub hub = IotHub.create(HubOptions.builder().queryCursorBudget(BUDGET).build())) {
            for (int i = 0; i < TWINS; i++) {
                DeviceId id = DeviceId.of(String.format("cur-%06d", i));
                hub.registry().createDevice(id);
                hub.twins().update(TwinKey.device(id), JsonObject.of("tags", JsonObject.builder()
                        .put("a", JsonNumber.of(i))
                        .put("name", JsonString.of("sensor number " + i + " of the cursor memory test"))
                        .put("site", JsonString.of("site-" + i % 97))
                        .build()), null);
            }
            long before = usedAfterGc();
            QueryOptions firstPages = QueryOptions.defaults().withPageSize(10);
            List<String> tokens = new ArrayList<>();
            for (int q = 0; q < QUERIES; q++) {
                QueryPage<JsonObject> page = hub.queries().query(SQL, firstPages);
                assertThat(page.items()).hasSize(10);
                tokens.add(page.continuation().orElseThrow());
            }
            long after = usedAfterGc();
            long kept = after - before;

            assertThat(kept).as("heap kept by %s cursors of %s twins, budget %s bytes", QUERIES, TWINS, BUDGET)
                    .isLessThan(BUDGET + MARGIN);
            assertThatThrownBy(() -> hub.queries().query(SQL, firstPages.withContinuation(tokens.get(0))))
                    .isInstanceOf(InvalidQueryException.class).hasMessageContaining("has expired");
            Set<String> ids = new HashSet<>();
            QueryPage<JsonObject> page = hub.queries().query(SQL, QueryOptions.defaults().withPageSize(1000)
                    .withContinuation(tokens.get(QUERIES - 1)));
            page.items().forEach(row -> ids.add(row.get("deviceId").orElseThrow().asString()));
            while (page.hasMore()) {
                page = hub.queries().query(SQL, QueryOptions.defaults().withPageSize(1000)
                        .withContinuation(page.continuation().orElseThrow()));
                page.items().forEach(row -> ids.add(row.get("deviceId").orElseThrow().asString()));
            }
            assertThat(ids).hasSize(TWINS - 10).doesNotContain("cur-000000").contains(
                    String.format("cur-%06d", TWINS - 1));
            Figures.write("query-cursor-memory", JsonObject.builder()
                    .put("twins", TWINS)
                    .put("queries", QUERIES)
                    .put("budgetBytes", BUDGET)
                    .put("heapKeptMiB", kept / MIB)
                    .put("heapMaxMiB", Runtime.getRuntime().maxMemory() / MIB)
                    .build());
        }
    }

    /** Returns the heap in use after a full collection (System.gc() is one on every collector the build uses). */
    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
