package io.twinkit.emulator.internal.query;

import io.twinkit.query.QueryItemType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.internal.query.QueryContinuationTest.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bounded, expiring store of query results behind continuation tokens. */
class QueryCursorCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));

    private static QueryResult rows(int n) {
        return QueryResult.ofRows(QueryItemType.RAW, List.of(JsonObject.of("n", JsonNumber.of(n))));
    }

    @Test
    void aResultIsReadBackUnderItsIdAsOftenAsAsked() {
        CursorCache cache = new CursorCache(4, Duration.ofMinutes(1), clock);
        QueryResult result = rows(1);

        CursorId id = cache.open(result);

        assertThat(cache.read(id)).isSameAs(result);
        assertThat(cache.read(id)).isSameAs(result);
        assertThat(cache.read(CursorId.random())).isNull();
        assertThat(cache.size()).isOne();
    }

    @Test
    void idsAreRandom128BitValues() {
        CursorCache cache = new CursorCache(1024, Duration.ofMinutes(1), clock);
        Set<CursorId> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(cache.open(rows(i)));
        }

        assertThat(ids).hasSize(1000);
        assertThat(ids).extracting(CursorId::toString).allSatisfy(text -> assertThat(text).matches("[0-9a-f]{32}"));
    }

    @Test
    void anIdleCursorExpiresAndIsDropped() {
        CursorCache cache = new CursorCache(4, Duration.ofMinutes(5), clock);
        CursorId read = cache.open(rows(1));
        CursorId idle = cache.open(rows(2));
        clock.advance(Duration.ofMinutes(3));
        cache.read(read);
        clock.advance(Duration.ofMinutes(2));

        assertThat(cache.read(idle)).isNull();
        assertThat(cache.read(read)).isNotNull();
        assertThat(cache.size()).isOne();
    }

    @Test
    void aClockThatStepsBackExpiresNothing() {
        CursorCache cache = new CursorCache(4, Duration.ofMinutes(5), clock);
        CursorId id = cache.open(rows(1));
        clock.advance(Duration.ofHours(-1));

        assertThat(cache.read(id)).isNotNull();
    }

    @Test
    void aFullCacheEvictsTheCursorReadLeastRecently() {
        CursorCache cache = new CursorCache(3, Duration.ofMinutes(5), clock);
        CursorId first = cache.open(rows(1));
        CursorId second = cache.open(rows(2));
        CursorId third = cache.open(rows(3));
        cache.read(first);

        CursorId fourth = cache.open(rows(4));

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.read(second)).isNull();
        assertThat(cache.read(first)).isNotNull();
        assertThat(cache.read(third)).isNotNull();
        assertThat(cache.read(fourth)).isNotNull();
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new CursorCache(0, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new CursorCache(1, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void theHubDefaultsAre1024CursorsKeptFiveMinutes() {
        assertThat(CursorCache.DEFAULT_CAPACITY).isEqualTo(1024);
        assertThat(CursorCache.DEFAULT_IDLE_TIMEOUT).isEqualTo(Duration.ofMinutes(5));
    }

    private static QueryResult twins(int n) {
        return QueryResult.ofTwins(QueryServiceTest.devices(n));
    }

    @Test
    void theBytesOfKeptResultsStayWithinTheBudgetByDroppingTheLeastRecentlyRead() {
        long oneResult = twins(1000).retainedBytes();
        assertThat(oneResult).isEqualTo(QueryResult.BYTES_PER_RESULT + 1000 * QueryResult.BYTES_PER_TWIN);
        CursorCache cache = new CursorCache(1024, Duration.ofMinutes(5), 3 * oneResult, clock);
        CursorId first = cache.open(twins(1000));
        CursorId second = cache.open(twins(1000));
        CursorId third = cache.open(twins(1000));
        cache.read(first);
        assertThat(cache.bytes()).isEqualTo(3 * oneResult);

        CursorId fourth = cache.open(twins(1000));

        assertThat(cache.bytes()).isEqualTo(3 * oneResult);
        assertThat(cache.read(second)).isNull();
        assertThat(cache.read(first)).isNotNull();
        assertThat(cache.read(third)).isNotNull();
        assertThat(cache.read(fourth)).isNotNull();
        for (int i = 0; i < 100; i++) {
            cache.open(twins(1 + i * 7 % 1000));
            assertThat(cache.bytes()).isLessThanOrEqualTo(cache.byteBudget());
        }
    }

    @Test
    void expiredResultsGiveBackTheirBytesAndAResultOverTheWholeBudgetIsRefused() {
        CursorCache cache = new CursorCache(8, Duration.ofMinutes(5), 100_000, clock);
        cache.open(twins(100));
        assertThat(cache.bytes()).isPositive();
        clock.advance(Duration.ofMinutes(5));
        CursorId kept = cache.open(rows(1));
        assertThat(cache.size()).isOne();
        assertThat(cache.bytes()).isEqualTo(rows(1).retainedBytes());

        assertThatThrownBy(() -> cache.open(twins(20_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the cursor budget of 100000 bytes");
        assertThat(cache.read(kept)).isNotNull();
        assertThatThrownBy(() -> new CursorCache(1, Duration.ofMinutes(1), 0, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget");
    }

    @Test
    void rowsCountByTheirJsonAndTwinsByReference() {
        QueryResult small = QueryResult.ofRows(QueryItemType.RAW, List.of(JsonObject.of("n", JsonNumber.of(1))));
        QueryResult large = QueryResult.ofRows(QueryItemType.RAW,
                List.of(JsonObject.of("n", io.twinkit.core.json.JsonString.of("x".repeat(1000)))));
        assertThat(large.retainedBytes() - small.retainedBytes())
                .isGreaterThanOrEqualTo(QueryResult.HEAP_PER_JSON_BYTE * 990);
        assertThat(CursorCache.DEFAULT_BYTE_BUDGET).isEqualTo(64L * 1024 * 1024);
    }
}
