package io.twinkit.emulator.internal.query;

import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.ThrottledException;
import io.twinkit.emulator.ThrottlingTier;
import io.twinkit.query.QueryPage;
import io.twinkit.query.QueryOptions;
import static io.twinkit.emulator.internal.query.QueryServiceTest.devices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.emulator.internal.query.QueryContinuationTest.MutableClock;
import io.twinkit.emulator.internal.RequestKind;
import io.twinkit.emulator.internal.Throttle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token-bucket throttling by tier and units, timed by the hub's clock. */
class ThrottlingTest {

    private static final String ALL = "SELECT * FROM devices";

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));

    private HubOptions tier(ThrottlingTier tier, int units) {
        return HubOptions.builder().clock(clock).throttling(tier, units).build();
    }

    /** Returns how many requests of {@code kind} pass before the first refusal, trying at most {@code limit}. */
    private static int passing(Throttle throttle, RequestKind kind, int limit) {
        for (int i = 0; i < limit; i++) {
            try {
                throttle.acquire(kind);
            } catch (ThrottledException e) {
                return i;
            }
        }
        return limit;
    }

    @Test
    void s1AllowsTwentyQueriesAMinuteThenAnswers429() {
        HubQueries service = HubQueries.create(tier(ThrottlingTier.S1, 1), devices(3));
        for (int i = 0; i < 20; i++) {
            assertThat(service.query(ALL).items()).hasSize(3);
        }

        assertThatThrownBy(() -> service.query(ALL)).isInstanceOfSatisfying(ThrottledException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.THROTTLING_EXCEPTION);
            assertThat(e.httpStatus()).isEqualTo(429);
        }).hasMessageContaining("S1").hasMessageContaining("20 queries per minute").hasMessageContaining("3000 ms");
    }

    @Test
    void theQueryBucketRefillsWithTheClock() {
        HubQueries service = HubQueries.create(tier(ThrottlingTier.S1, 1), devices(3));
        for (int i = 0; i < 20; i++) {
            service.query(ALL);
        }
        clock.advance(Duration.ofMillis(2999));
        assertThatThrownBy(() -> service.query(ALL)).isInstanceOf(ThrottledException.class)
                .hasMessageContaining("retry in 1 ms");

        clock.advance(Duration.ofMillis(1));
        service.query(ALL);
        assertThatThrownBy(() -> service.query(ALL)).isInstanceOf(ThrottledException.class);

        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 20; i++) {
            service.query(ALL);
        }
        assertThatThrownBy(() -> service.query(ALL)).as("the bucket holds one minute's allowance at most")
                .isInstanceOf(ThrottledException.class);
    }

    @Test
    void everyContinuationCountsAsAQuery() {
        HubQueries service = HubQueries.create(tier(ThrottlingTier.S1, 1), devices(30));
        QueryOptions pagesOf10 = QueryOptions.defaults().withPageSize(10);
        for (int i = 0; i < 18; i++) {
            service.query(ALL);
        }
        QueryPage<JsonObject> first = service.query(ALL, pagesOf10);
        QueryPage<JsonObject> second = service.query(ALL, pagesOf10.withContinuation(first.continuation().orElseThrow()));

        assertThat(second.items()).hasSize(10);
        assertThatThrownBy(() -> service.query(ALL, pagesOf10.withContinuation(second.continuation().orElseThrow())))
                .isInstanceOf(ThrottledException.class);
        clock.advance(Duration.ofSeconds(3));
        assertThat(service.query(ALL, pagesOf10.withContinuation(second.continuation().orElseThrow())).items())
                .as("a refused continuation did not spend its token").hasSize(10);
    }

    @Test
    void aThrottledRequestIsRefusedBeforeTheQueryIsRead() {
        HubQueries service = HubQueries.create(tier(ThrottlingTier.S1, 1), devices(3));
        for (int i = 0; i < 20; i++) {
            service.query(ALL);
        }

        assertThatThrownBy(() -> service.query("not a query")).isInstanceOf(ThrottledException.class);
    }

    @Test
    void s1TwinReadsAndUpdatesArePerSecond() {
        Throttle throttle = Throttle.create(tier(ThrottlingTier.S1, 1));

        assertThat(passing(throttle, RequestKind.TWIN_READ, 1000)).isEqualTo(100);
        assertThat(passing(throttle, RequestKind.TWIN_UPDATE, 1000)).isEqualTo(50);
        clock.advance(Duration.ofMillis(10));
        assertThat(passing(throttle, RequestKind.TWIN_READ, 1000)).isEqualTo(1);
        assertThat(passing(throttle, RequestKind.TWIN_UPDATE, 1000)).isZero();
        clock.advance(Duration.ofMillis(10));
        assertThat(passing(throttle, RequestKind.TWIN_UPDATE, 1000)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(passing(throttle, RequestKind.TWIN_READ, 1000)).isEqualTo(100);
    }

    @Test
    void theKindsHaveBucketsOfTheirOwn() {
        Throttle throttle = Throttle.create(tier(ThrottlingTier.S1, 1));

        assertThat(passing(throttle, RequestKind.QUERY, 1000)).isEqualTo(20);
        assertThat(passing(throttle, RequestKind.TWIN_READ, 1000)).isEqualTo(100);
        assertThat(passing(throttle, RequestKind.TWIN_UPDATE, 1000)).isEqualTo(50);
    }

    @Test
    void s3RatesScaleWithUnits() {
        for (int units : List.of(1, 2, 3)) {
            Throttle throttle = Throttle.create(tier(ThrottlingTier.S3, units));

            assertThat(passing(throttle, RequestKind.QUERY, 10_000)).isEqualTo(1000 * units);
            assertThat(passing(throttle, RequestKind.TWIN_READ, 10_000)).isEqualTo(500 * units);
            assertThat(passing(throttle, RequestKind.TWIN_UPDATE, 10_000)).isEqualTo(250 * units);
        }
    }

    @Test
    void s1AndS2QueriesScaleWithUnitsAndS2TwinRatesHaveAFloor() {
        assertThat(passing(Throttle.create(tier(ThrottlingTier.S1, 3)), RequestKind.QUERY, 1000)).isEqualTo(60);
        Throttle fewUnits = Throttle.create(tier(ThrottlingTier.S2, 2));
        Throttle manyUnits = Throttle.create(tier(ThrottlingTier.S2, 20));

        assertThat(passing(fewUnits, RequestKind.TWIN_READ, 1000)).isEqualTo(100);
        assertThat(passing(fewUnits, RequestKind.TWIN_UPDATE, 1000)).isEqualTo(50);
        assertThat(passing(manyUnits, RequestKind.TWIN_READ, 1000)).isEqualTo(200);
        assertThat(passing(manyUnits, RequestKind.TWIN_UPDATE, 1000)).isEqualTo(100);
        assertThat(passing(manyUnits, RequestKind.QUERY, 1000)).isEqualTo(400);
    }

    @Test
    void withoutATierNothingIsThrottled() {
        Throttle throttle = Throttle.create(HubOptions.builder().clock(clock).build());
        HubQueries service = HubQueries.create(HubOptions.builder().clock(clock).build(), devices(1));

        assertThat(throttle.isUnlimited()).isTrue();
        assertThat(Throttle.unlimited().isUnlimited()).isTrue();
        for (RequestKind kind : RequestKind.values()) {
            assertThat(passing(throttle, kind, 100_000)).isEqualTo(100_000);
        }
        for (int i = 0; i < 1000; i++) {
            service.query(ALL);
        }
        assertThat(service.throttle().isUnlimited()).isTrue();
    }

    @Test
    void aClockThatStepsBackNeitherRefillsNorBreaksTheBucket() {
        Throttle throttle = Throttle.create(tier(ThrottlingTier.S1, 1));
        assertThat(passing(throttle, RequestKind.QUERY, 1000)).isEqualTo(20);

        clock.advance(Duration.ofMinutes(-10));
        assertThat(passing(throttle, RequestKind.QUERY, 1000)).isZero();
        clock.advance(Duration.ofSeconds(3));
        assertThat(passing(throttle, RequestKind.QUERY, 1000)).isEqualTo(1);
    }

    @Test
    void aSharedThrottleCountsTheQueriesOfTheServiceThatUsesIt() {
        HubOptions options = tier(ThrottlingTier.S1, 1);
        Throttle shared = Throttle.create(options);
        HubQueries service = HubQueries.create(options, devices(1), shared);
        for (int i = 0; i < 15; i++) {
            service.query(ALL);
        }

        assertThat(service.throttle()).isSameAs(shared);
        assertThat(passing(shared, RequestKind.QUERY, 1000)).isEqualTo(5);
    }
}
