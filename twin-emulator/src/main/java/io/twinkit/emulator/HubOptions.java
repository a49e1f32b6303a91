package io.twinkit.emulator;

import io.twinkit.core.validation.TwinLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link IotHub} behaves. The defaults are the service's; each behaviour the service leaves undocumented has a
 * switch here.
 *
 * <pre>{@code
 * HubOptions options = HubOptions.builder()
 *         .hubName("myhub")
 *         .dataDirectory(Path.of("build/hub"))      // persist; omit for in-memory
 *         .throttling(ThrottlingTier.S1, 1)         // answer 429 past S1 rates
 *         .queryLag(Duration.ofSeconds(2))          // queries see writes late, as on the service
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class HubOptions {

    private static final HubOptions DEFAULTS = new Builder().build();

    private final String hubName;
    private final Clock clock;
    private final TwinLimits limits;
    private final @Nullable Path dataDirectory;
    private final boolean recoverStore;
    private final @Nullable ThrottlingTier throttlingTier;
    private final int throttlingUnits;
    private final Duration queryLag;
    private final int defaultPageSize;
    private final int maxPageSize;
    private final boolean emptyDesiredBumpsVersion;
    private final boolean rejectReportedInServicePatch;
    private final boolean sizeViolationIs403;

    private HubOptions(Builder b) {
        this.hubName = b.hubName;
        this.clock = b.clock;
        this.limits = b.limits;
        this.dataDirectory = b.dataDirectory;
        this.recoverStore = b.recoverStore;
        this.throttlingTier = b.throttlingTier;
        this.throttlingUnits = b.throttlingUnits;
        this.queryLag = b.queryLag;
        this.defaultPageSize = b.defaultPageSize;
        this.maxPageSize = b.maxPageSize;
        this.emptyDesiredBumpsVersion = b.emptyDesiredBumpsVersion;
        this.rejectReportedInServicePatch = b.rejectReportedInServicePatch;
        this.sizeViolationIs403 = b.sizeViolationIs403;
    }

    /** Returns the defaults: an in-memory hub named {@code twinkit} with the service's limits and no throttling. */
    public static HubOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the hub name; the host name is {@code <hubName>.azure-devices.net}. */
    public String hubName() {
        return hubName;
    }

    /** Returns the host name the hub answers to, {@code <hubName>.azure-devices.net}. */
    public String hostName() {
        return hubName + ".azure-devices.net";
    }

    /** Returns the clock that stamps {@code $metadata} and identity times. */
    public Clock clock() {
        return clock;
    }

    /** Returns the twin limits, the service's by default. */
    public TwinLimits limits() {
        return limits;
    }

    /** Returns the data directory, if the hub persists its state. */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    /**
     * Returns whether a damaged store in the data directory is brought back to what is intact (false): records that
     * fail their integrity check are dropped, commits the file lost are given up, a missing store starts empty, and
     * the log says what was lost. Without it such a store stops the hub from starting.
     */
    public boolean recoverStore() {
        return recoverStore;
    }

    /** Returns the throttling tier, if requests are throttled. */
    public Optional<ThrottlingTier> throttlingTier() {
        return Optional.ofNullable(throttlingTier);
    }

    /** Returns the number of units of the throttling tier. */
    public int throttlingUnits() {
        return throttlingUnits;
    }

    /** Returns how long writes take to become visible to queries; zero by default. */
    public Duration queryLag() {
        return queryLag;
    }

    /** Returns the page size of a query that asks for none: 100. */
    public int defaultPageSize() {
        return defaultPageSize;
    }

    /** Returns the largest page size; larger requests are clamped to it: 1000. */
    public int maxPageSize() {
        return maxPageSize;
    }

    /**
     * Returns whether a service update whose body has {@code properties.desired}, even {@code {}}, raises the desired
     * {@code $version} and notifies (true, as users observe with the C# SDK).
     */
    public boolean emptyDesiredBumpsVersion() {
        return emptyDesiredBumpsVersion;
    }

    /** Returns whether a non-empty {@code properties.reported} in a service update is rejected with 400 (true). */
    public boolean rejectReportedInServicePatch() {
        return rejectReportedInServicePatch;
    }

    /** Returns whether an oversized section is answered with 403 instead of 400 (false). */
    public boolean sizeViolationIs403() {
        return sizeViolationIs403;
    }

    /** Returns a builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hubName = hubName;
        b.clock = clock;
        b.limits = limits;
        b.dataDirectory = dataDirectory;
        b.recoverStore = recoverStore;
        b.throttlingTier = throttlingTier;
        b.throttlingUnits = throttlingUnits;
        b.queryLag = queryLag;
        b.defaultPageSize = defaultPageSize;
        b.maxPageSize = maxPageSize;
        b.emptyDesiredBumpsVersion = emptyDesiredBumpsVersion;
        b.rejectReportedInServicePatch = rejectReportedInServicePatch;
        b.sizeViolationIs403 = sizeViolationIs403;
        return b;
    }

    /** Builds {@link HubOptions}. Not thread-safe. */
    public static final class Builder {
        private String hubName = "twinkit";
        private Clock clock = Clock.systemUTC();
        private TwinLimits limits = TwinLimits.service();
        private @Nullable Path dataDirectory;
        private boolean recoverStore;
        private @Nullable ThrottlingTier throttlingTier;
        private int throttlingUnits = 1;
        private Duration queryLag = Duration.ZERO;
        private int defaultPageSize = 100;
        private int maxPageSize = 1000;
        private boolean emptyDesiredBumpsVersion = true;
        private boolean rejectReportedInServicePatch = true;
        private boolean sizeViolationIs403;

        private Builder() {
        }

        /**
         * Sets the hub name.
         *
         * @throws IllegalArgumentException unless it is 3 to 50 letters, digits and hyphens
         */
        public Builder hubName(String value) {
            Objects.requireNonNull(value, "hubName");
            if (!value.matches("[A-Za-z0-9-]{3,50}")) {
                throw new IllegalArgumentException("hub name '" + value + "' must be 3 to 50 letters, digits or '-'");
            }
            this.hubName = value;
            return this;
        }

        /** Sets the clock. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Sets the twin limits. */
        public Builder limits(TwinLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * Sets the data directory, or {@code null} for an in-memory hub.
         *
         * @throws IllegalArgumentException if it is empty or blank, which would silently be the current directory
         */
        public Builder dataDirectory(@Nullable Path value) {
            this.dataDirectory = checkDataDirectory(value);
            return this;
        }

        /**
         * Sets whether a damaged store is recovered to what is intact instead of refused (see
         * {@link HubOptions#recoverStore()}).
         */
        public Builder recoverStore(boolean value) {
            this.recoverStore = value;
            return this;
        }

        /**
         * Throttles requests at the rates of {@code tier} with {@code units} units, or not at all for {@code null}.
         *
         * @throws IllegalArgumentException if {@code units} is not positive
         */
        public Builder throttling(@Nullable ThrottlingTier tier, int units) {
            if (units < 1) {
                throw new IllegalArgumentException("throttling units must be positive: " + units);
            }
            this.throttlingTier = tier;
            this.throttlingUnits = units;
            return this;
        }

        /**
         * Sets how long writes take to become visible to queries.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder queryLag(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("query lag must not be negative: " + value);
            }
            this.queryLag = value;
            return this;
        }

        /**
         * Sets the default and maximum query page sizes.
         *
         * @throws IllegalArgumentException unless {@code 1 <= defaultSize <= maxSize}
         */
        public Builder pageSizes(int defaultSize, int maxSize) {
            if (defaultSize < 1 || defaultSize > maxSize) {
                throw new IllegalArgumentException("page sizes need 1 <= default <= max, got " + defaultSize + ", "
                        + maxSize);
            }
            this.defaultPageSize = defaultSize;
            this.maxPageSize = maxSize;
            return this;
        }

        /** Sets whether an empty {@code properties.desired} in an update raises the desired version. */
        public Builder emptyDesiredBumpsVersion(boolean value) {
            this.emptyDesiredBumpsVersion = value;
            return this;
        }

        /** Sets whether a non-empty {@code properties.reported} in a service update is rejected. */
        public Builder rejectReportedInServicePatch(boolean value) {
            this.rejectReportedInServicePatch = value;
            return this;
        }

        /** Sets whether an oversized section is answered with 403 instead of 400. */
        public Builder sizeViolationIs403(boolean value) {
            this.sizeViolationIs403 = value;
            return this;
        }

        /** Returns the options. */
        public HubOptions build() {
            return new HubOptions(this);
        }

        /**
         * Returns {@code value}, checked to name a directory.
         *
         * @throws IllegalArgumentException if it is empty or blank
         */
        static @Nullable Path checkDataDirectory(@Nullable Path value) {
            if (value != null && value.toString().isBlank()) {
                throw new IllegalArgumentException("the data directory must not be empty or blank ('" + value
                        + "'); it would be the current directory. Name a directory, or none for an in-memory hub");
            }
            return value;
        }
    }
}
