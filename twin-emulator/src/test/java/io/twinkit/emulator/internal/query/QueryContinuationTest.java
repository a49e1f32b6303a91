package io.twinkit.emulator.internal.query;

import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.QueryService;
import io.twinkit.query.QueryItemType;
import io.twinkit.query.QueryPage;
import io.twinkit.query.QueryOptions;
import static io.twinkit.emulator.internal.query.QueryServiceTest.devices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.query.InvalidQueryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Continuation tokens: bound to their query text, opaque, tamper-evident, expiring with their cursor. */
class QueryContinuationTest {

    private static final String ALL = "SELECT * FROM devices";
    private static final QueryOptions PAGES_OF_5 = QueryOptions.defaults().withPageSize(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final HubQueries service = HubQueries.create(HubOptions.builder().clock(clock).build(), devices(20));

    private String firstToken(String sql) {
        return service.query(sql, PAGES_OF_5).continuation().orElseThrow();
    }

    private QueryPage<JsonObject> next(String sql, String token) {
        return service.query(sql, PAGES_OF_5.withContinuation(token));
    }

    private static void assertRejected(Runnable query, String message) {
        assertThatThrownBy(query::run).isInstanceOfSatisfying(InvalidQueryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID);
            assertThat(e.httpStatus()).isEqualTo(400);
        }).hasMessageContaining(message);
    }

    @Test
    void aTokenIsOnlyValidWithTheExactQueryTextOfItsFirstPage() {
        String token = firstToken(ALL);

        assertRejected(() -> next("SELECT * FROM devices WHERE tags.n >= 0", token), "different query text");
        assertRejected(() -> next("select * from devices", token), "different query text");
        assertRejected(() -> next(ALL + " ", token), "different query text");
        assertThat(next(ALL, token).items()).hasSize(5);
    }

    @Test
    void aTokenOfAnotherQueryCannotReadThatQuerysResult() {
        String other = "SELECT deviceId FROM devices";
        String token = firstToken(other);

        assertRejected(() -> next(ALL, token), "different query text");
        assertThat(next(other, token).itemType()).isEqualTo(QueryItemType.RAW);
    }

    @Test
    void garbledTokensAreRejected() {
        String token = firstToken(ALL);
        char last = token.charAt(token.length() - 1);
        String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        char first = token.charAt(0);
        String flippedFirst = (first == 'A' ? 'B' : 'A') + token.substring(1);

        assertRejected(() -> next(ALL, flipped), "not one this hub issued");
        assertRejected(() -> next(ALL, flippedFirst), "not one this hub issued");
        assertRejected(() -> next(ALL, token.substring(1)), "not one this hub issued");
        assertRejected(() -> next(ALL, token + "AAAA"), "not one this hub issued");
        assertRejected(() -> next(ALL, "!!not base64!!"), "not one this hub issued");
        assertRejected(() -> next(ALL, "A"), "not one this hub issued");
    }

    @Test
    void aTokenWithAChangedOffsetOrCursorIsRejected() {
        String token = firstToken(ALL);
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 1;
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertRejected(() -> next(ALL, forged), "not one this hub issued");
        }
    }

    @Test
    void aTokenFromAnotherHubIsRejected() {
        QueryService other = HubQueries.create(HubOptions.defaults(), devices(20));
        String token = other.query(ALL, PAGES_OF_5).continuation().orElseThrow();

        assertRejected(() -> next(ALL, token), "not one this hub issued");
    }

    @Test
    void tokensAreOpaqueUrlSafeAndDistinctPerQueryRun() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            tokens.add(firstToken(ALL));
        }

        assertThat(tokens).hasSize(50).allSatisfy(token -> assertThat(token).matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void aTokenCanBeUsedAgainAndGetsTheSamePage() {
        String token = firstToken(ALL);

        QueryPage<JsonObject> once = next(ALL, token);
        QueryPage<JsonObject> again = next(ALL, token);

        assertThat(again).isEqualTo(once);
        assertThat(once.continuation()).isPresent();
    }

    @Test
    void aCursorExpiresFiveMinutesAfterItsLastRead() {
        String token = firstToken(ALL);
        clock.advance(Duration.ofMinutes(4));
        String second = next(ALL, token).continuation().orElseThrow();
        clock.advance(Duration.ofMinutes(4));

        assertThat(next(ALL, second).items()).as("each read keeps the cursor alive").hasSize(5);

        clock.advance(CursorCache.DEFAULT_IDLE_TIMEOUT);
        assertRejected(() -> next(ALL, second), "expired");
        assertRejected(() -> next(ALL, token), "expired");
    }

    @Test
    void aCursorLastReadJustUnderTheTimeoutIsKept() {
        String token = firstToken(ALL);
        clock.advance(CursorCache.DEFAULT_IDLE_TIMEOUT.minusNanos(1));

        assertThat(next(ALL, token).items()).hasSize(5);
    }

    @Test
    void theLeastRecentlyReadCursorMakesRoomWhenTheCacheIsFull() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CursorCache.DEFAULT_CAPACITY; i++) {
            tokens.add(firstToken(ALL));
        }
        next(ALL, tokens.get(0));
        String newest = firstToken(ALL);

        assertRejected(() -> next(ALL, tokens.get(1)), "expired");
        assertThat(next(ALL, tokens.get(0)).items()).as("read after the second was opened").hasSize(5);
        assertThat(next(ALL, tokens.get(2)).items()).hasSize(5);
        assertThat(next(ALL, newest).items()).hasSize(5);
    }

    /** A clock that stands still until a test moves it. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock has one zone");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
