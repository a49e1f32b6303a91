package io.twinkit.emulator.internal.query;

import io.twinkit.emulator.HubOptions;
import io.twinkit.query.QueryPage;
import io.twinkit.query.QueryOptions;
import io.twinkit.core.TwinKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonObject;
import io.twinkit.query.InvalidQueryException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte budget of a hub's query cursors ({@link HubOptions#queryCursorBudget()}), issue 13 item 8. */
class QueryCursorBudgetTest {

    private static final String PROJECTION = "SELECT deviceId, tags.n FROM devices";
    private static final QueryOptions TEN = QueryOptions.defaults().withPageSize(10);

    @Test
    void manyProjectionQueriesKeepTheCursorsWithinTheBudgetAndDropTheOldest() {
        // 2,000 twins: a cursor counts about 16 KB, so 64 KB holds the cursors of 4 queries
        HubOptions options = HubOptions.builder().queryCursorBudget(64 * 1024).build();
        HubQueries service = HubQueries.create(options, QueryServiceTest.devices(2000));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tokens.add(service.query(PROJECTION, TEN).continuation().orElseThrow());
            assertThat(service.cursorBytes()).isPositive().isLessThanOrEqualTo(options.queryCursorBudget());
        }

        assertThatThrownBy(() -> service.query(PROJECTION, TEN.withContinuation(tokens.get(0))))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("has expired")
                .hasMessageContaining("65536 bytes");
        List<JsonObject> rest = new ArrayList<>();
        QueryPage<JsonObject> page = service.query(PROJECTION, TEN.withContinuation(tokens.get(49)));
        rest.addAll(page.items());
        while (page.hasMore()) {
            page = service.query(PROJECTION, QueryOptions.defaults().withPageSize(500)
                    .withContinuation(page.continuation().orElseThrow()));
            rest.addAll(page.items());
        }
        assertThat(rest).hasSize(1990);
        assertThat(rest.get(0)).isEqualTo(JsonObject.builder().put("deviceId", "d0010").put("n", 10).build());
        assertThat(rest.get(1989)).isEqualTo(JsonObject.builder().put("deviceId", "d1999").put("n", 1999).build());
    }

    @Test
    void projectionRowsAreMadeFromTheTwinsOfTheFirstPagesSnapshot() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), QueryServiceTest.devices(30));
        QueryPage<JsonObject> first = service.query(PROJECTION, TEN);
        service.twinChanged(new TwinKey(io.twinkit.core.DeviceId.of("d0015"), null),
                QueryServiceTest.device("d0015", 999));

        QueryPage<JsonObject> second = service.query(PROJECTION, TEN.withContinuation(first.continuation().orElseThrow()));

        assertThat(second.items().get(5)).isEqualTo(JsonObject.builder().put("deviceId", "d0015").put("n", 15).build());
        assertThat(service.query("SELECT tags.n FROM devices WHERE deviceId = 'd0015'").items())
                .containsExactly(JsonObject.builder().put("n", 999).build());
    }

    @Test
    void aResultLargerThanTheWholeBudgetIsRefusedWith400UnlessItFitsOnePage() {
        HubQueries service = HubQueries.create(HubOptions.builder().queryCursorBudget(4096).build(),
                QueryServiceTest.devices(1000));

        assertThatThrownBy(() -> service.query(PROJECTION, TEN)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("more than the hub's query cursor budget of 4096 bytes");
        assertThat(service.query(PROJECTION, QueryOptions.defaults().withPageSize(1000)).items()).hasSize(1000);
        assertThat(service.query("SELECT * FROM devices WHERE tags.n < 100", TEN).items()).hasSize(10);
    }

    @Test
    void theBudgetIsAnOptionOfAtLeast1024BytesDefaulting64MiB() {
        assertThat(HubOptions.defaults().queryCursorBudget()).isEqualTo(64L * 1024 * 1024);
        assertThat(HubOptions.builder().queryCursorBudget(1024).build().toBuilder().build().queryCursorBudget())
                .isEqualTo(1024);
        assertThatThrownBy(() -> HubOptions.builder().queryCursorBudget(1023))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1024");
    }
}
