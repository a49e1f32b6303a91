package io.twinkit.emulator.internal.query;

import io.twinkit.emulator.HubOptions;
import io.twinkit.query.QueryOptions;
import io.twinkit.core.TwinKey;
import static io.twinkit.emulator.internal.query.QueryServiceTest.device;
import static io.twinkit.emulator.internal.query.QueryServiceTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * With a query lag, writes reach queries late but in order. Nothing here depends on timing: invisibility is checked
 * under a lag of an hour, visibility by polling with a generous deadline.
 */
class QueryLagTest {

    private static final String ALL = "SELECT * FROM devices";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static HubQueries service(String hubName, Duration lag) {
        return HubQueries.create(HubOptions.builder().hubName(hubName).queryLag(lag).build(),
                List.of(device("initial", 1)));
    }

    /** Polls {@code sql} until its items satisfy {@code done}, and returns every distinct result seen on the way. */
    private static List<List<JsonObject>> pollUntil(HubQueries service, String sql,
                                                    Predicate<List<JsonObject>> done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<List<JsonObject>> seen = new ArrayList<>();
        while (true) {
            List<JsonObject> items = service.query(sql, QueryOptions.defaults().withPageSize(1000)).items();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(items)) {
                seen.add(items);
            }
            if (done.test(items)) {
                return seen;
            }
            assertThat(System.nanoTime()).as("the change became visible within %s", DEADLINE).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static boolean lagThreadRuns(String hubName) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("twinkit-query-lag-" + hubName) && t.isAlive());
    }

    @Test
    void withALagChangesAreNotVisibleAtOnceButTheInitialTwinsAre() {
        HubQueries service = service("lag-hour", Duration.ofHours(1));
        try {
            service.twinChanged(TwinKey.device("late"), device("late", 2));
            service.twinChanged(TwinKey.device("initial"), null);

            assertThat(service.query(ALL).items()).containsExactly(device("initial", 1).toJson());
        } finally {
            service.close();
        }
    }

    @Test
    void withALagChangesBecomeVisibleInTheOrderTheyWereMade() throws InterruptedException {
        HubQueries service = service("lag-short", Duration.ofMillis(20));
        try {
            for (int n = 1; n <= 200; n++) {
                service.twinChanged(TwinKey.device("counter"), device("counter", n));
            }
            service.twinChanged(TwinKey.device("initial"), null);

            JsonObject last = JsonObject.of("n", JsonNumber.of(200));
            List<List<JsonObject>> seen = pollUntil(service, "SELECT tags.n AS n FROM devices WHERE deviceId = "
                    + "'counter'", items -> items.equals(List.of(last)));
            List<Long> values = seen.stream().filter(items -> !items.isEmpty())
                    .map(items -> items.get(0).valueOrNull("n").asNumber().longValue()).toList();
            assertThat(values).as("the view only ever moves forward through the states written").isSorted();
            pollUntil(service, ALL, items -> ids(items).equals(List.of("counter")));
        } finally {
            service.close();
        }
    }

    @Test
    void withoutALagChangesAreVisibleAsSoonAsTheHookReturnsAndNoThreadIsStarted() {
        HubQueries service = service("lag-none", Duration.ZERO);
        try {
            service.twinChanged(TwinKey.device("now"), device("now", 2));

            assertThat(ids(service.query(ALL).items())).containsExactly("initial", "now");
            assertThat(lagThreadRuns("lag-none")).isFalse();
        } finally {
            service.close();
        }
    }

    @Test
    void closingStopsTheLagThreadAndRefusesQueries() throws InterruptedException {
        HubQueries service = service("lag-close", Duration.ofHours(1));
        service.twinChanged(TwinKey.device("pending"), device("pending", 2));
        assertThat(lagThreadRuns("lag-close")).isTrue();

        service.close();
        service.twinChanged(TwinKey.device("after-close"), device("after-close", 3));

        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (lagThreadRuns("lag-close")) {
            assertThat(System.nanoTime()).as("the lag thread ended within %s", DEADLINE).isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThatThrownBy(() -> service.query(ALL)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theLagThreadIsADaemon() {
        HubQueries service = service("lag-daemon", Duration.ofHours(1));
        try {
            service.twinChanged(TwinKey.device("pending"), device("pending", 2));

            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals(
                    "twinkit-query-lag-lag-daemon")).singleElement().satisfies(t -> assertThat(t.isDaemon()).isTrue());
        } finally {
            service.close();
        }
    }
}
