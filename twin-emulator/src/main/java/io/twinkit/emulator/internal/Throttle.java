package io.twinkit.emulator.internal;

import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.ThrottledException;
import io.twinkit.emulator.ThrottlingTier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The request rate limits of a hub: one token bucket per {@link RequestKind}, holding one period's allowance of the
 * configured {@link ThrottlingTier} (for example 20 queries for S1 with one unit) and refilled continuously at that
 * rate, by the hub's clock. A request that finds its bucket empty is refused with {@link ThrottledException}
 * (429001) at once: the service first delays excess traffic ("traffic shaping") and only then refuses it, but a
 * local hub has no reason to make tests wait, so it skips the queue. A hub without a tier never throttles.
 *
 * <p>Thread-safe; each bucket is locked on its own.
 */
public final class Throttle {

    private static final Throttle UNLIMITED = new Throttle(null, 0, Clock.systemUTC());

    private final @Nullable ThrottlingTier tier;
    private final int units;
    private final Map<RequestKind, Bucket> buckets = new EnumMap<>(RequestKind.class);

    private Throttle(@Nullable ThrottlingTier tier, int units, Clock clock) {
        this.tier = tier;
        this.units = units;
        if (tier != null) {
            Instant start = clock.instant();
            buckets.put(RequestKind.TWIN_READ, new Bucket(tier.twinReadsPerSecond(units), Duration.ofSeconds(1),
                    clock, start));
            buckets.put(RequestKind.TWIN_UPDATE, new Bucket(tier.twinUpdatesPerSecond(units), Duration.ofSeconds(1),
                    clock, start));
            buckets.put(RequestKind.QUERY, new Bucket(tier.queriesPerMinute(units), Duration.ofMinutes(1), clock,
                    start));
        }
    }

    /** Returns the limits of {@link HubOptions#throttlingTier()} with its units and clock, or none without a tier. */
    public static Throttle create(HubOptions options) {
        Objects.requireNonNull(options, "options");
        return options.throttlingTier()
                .map(tier -> new Throttle(tier, options.throttlingUnits(), options.clock()))
                .orElse(UNLIMITED);
    }

    /** Returns a throttle that lets every request through. */
    public static Throttle unlimited() {
        return UNLIMITED;
    }

    /** Returns whether this throttle never refuses a request. */
    public boolean isUnlimited() {
        return tier == null;
    }

    /**
     * Takes one request of {@code kind} from its bucket.
     *
     * @throws ThrottledException if the bucket is empty; the message names the tier, the rate and when a request of
     *     this kind will pass again
     */
    public void acquire(RequestKind kind) {
        Objects.requireNonNull(kind, "kind");
        Bucket bucket = buckets.get(kind);
        if (bucket == null) {
            return;
        }
        Duration wait = bucket.take();
        if (wait != null) {
            throw new ThrottledException("too many requests: tier " + tier + " with " + units + " unit"
                    + (units == 1 ? "" : "s") + " allows " + bucket.capacity + " " + kind.plural() + " per "
                    + kind.period() + " and they are used up; retry in " + millis(wait) + " ms");
        }
    }

    private static long millis(Duration wait) {
        long ms = wait.toMillis();
        return wait.equals(Duration.ofMillis(ms)) ? ms : ms + 1;
    }

    /** Returns the tier and units, for diagnostics. */
    @Override
    public String toString() {
        return tier == null ? "Throttle[none]" : "Throttle[" + tier + " x" + units + "]";
    }

    /** One kind's allowance: up to {@code capacity} tokens, refilled at {@code capacity} per period. */
    private static final class Bucket {
        // a few ulps of slack, so that refills summed from fractions still add up to whole tokens
        private static final double EPSILON = 1e-9;

        private final int capacity;
        private final long periodNanos;
        private final Clock clock;
        private double tokens;
        private Instant last;

        Bucket(int capacity, Duration period, Clock clock, Instant start) {
            this.capacity = capacity;
            this.periodNanos = period.toNanos();
            this.clock = clock;
            this.tokens = capacity;
            this.last = start;
        }

        /** Takes a token and returns null, or returns how long until one is available. */
        synchronized @Nullable Duration take() {
            Instant now = clock.instant();
            refill(now);
            if (tokens + EPSILON >= 1) {
                tokens = Math.max(0, tokens - 1);
                return null;
            }
            double missingNanos = (1 - tokens) * periodNanos / capacity;
            return Duration.ofNanos((long) Math.ceil(missingNanos));
        }

        private void refill(Instant now) {
            if (now.isAfter(last)) {
                long elapsed;
                try {
                    elapsed = Duration.between(last, now).toNanos();
                } catch (ArithmeticException beyondLong) {
                    elapsed = Long.MAX_VALUE;
                }
                tokens = Math.min(capacity, tokens + (double) elapsed * capacity / periodNanos);
            }
            // a clock that steps back restarts the refill from its new reading, never takes tokens away
            last = now;
        }
    }
}
