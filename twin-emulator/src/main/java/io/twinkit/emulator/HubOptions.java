package io.twinkit.emulator;

import io.twinkit.core.validation.TwinLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p>SAS tokens must name one of the hub's {@linkplain #hostNames() host names}; a hub reached under another name
 * (a proxy, a tunnel, a gateway host name) needs {@link Builder#acceptHostName(String)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class HubOptions {

    /** The loopback names every hub answers to, as the emulator's server certificate names them. */
    public static final Set<String> LOOPBACK_HOST_NAMES = Set.of("localhost", "127.0.0.1", "::1");

    /** The default of {@link #telemetryJournalSize()}. */
    public static final int DEFAULT_TELEMETRY_JOURNAL_SIZE = 10_000;
    /** The largest {@link #telemetryJournalSize()}. */
    public static final int MAX_TELEMETRY_JOURNAL_SIZE = 10_000_000;

    private static final HubOptions DEFAULTS = new Builder().build();

    private final String hubName;
    private final Clock clock;
    private final TwinLimits limits;
    private final @Nullable Path dataDirectory;
    private final boolean recoverStore;
    private final Durability durability;
    private final @Nullable ThrottlingTier throttlingTier;
    private final int throttlingUnits;
    private final Duration queryLag;
    private final Duration configurationApplyDelay;
    private final int defaultPageSize;
    private final int maxPageSize;
    private final long queryCursorBudget;
    private final int telemetryJournalSize;
    private final long telemetryJournalBytes;
    private final boolean emptyDesiredBumpsVersion;
    private final boolean rejectReportedInServicePatch;
    private final boolean sizeViolationIs403;
    private final Set<String> acceptedHostNames;
    private final boolean acceptAnyHostName;
    private final Set<String> hostNames;

    private HubOptions(Builder b) {
        this.hubName = b.hubName;
        this.clock = b.clock;
        this.limits = b.limits;
        this.dataDirectory = b.dataDirectory;
        this.recoverStore = b.recoverStore;
        this.durability = b.durability;
        this.throttlingTier = b.throttlingTier;
        this.throttlingUnits = b.throttlingUnits;
        this.queryLag = b.queryLag;
        this.configurationApplyDelay = b.configurationApplyDelay;
        this.defaultPageSize = b.defaultPageSize;
        this.maxPageSize = b.maxPageSize;
        this.queryCursorBudget = b.queryCursorBudget;
        this.telemetryJournalSize = b.telemetryJournalSize;
        this.telemetryJournalBytes = b.telemetryJournalBytes;
        this.emptyDesiredBumpsVersion = b.emptyDesiredBumpsVersion;
        this.rejectReportedInServicePatch = b.rejectReportedInServicePatch;
        this.sizeViolationIs403 = b.sizeViolationIs403;
        this.acceptedHostNames = Collections.unmodifiableSet(new LinkedHashSet<>(b.acceptedHostNames));
        this.acceptAnyHostName = b.acceptAnyHostName;
        Set<String> names = new LinkedHashSet<>(LOOPBACK_HOST_NAMES);
        names.add(hostName().toLowerCase(Locale.ROOT));
        names.addAll(acceptedHostNames);
        this.hostNames = Set.copyOf(names);
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

    /**
     * Returns the host names a SAS token's {@code sr} may name, in lower case: the {@linkplain #LOOPBACK_HOST_NAMES
     * loopback names}, {@link #hostName()} and the {@linkplain Builder#acceptHostName(String) accepted} ones. IPv6
     * literals appear without brackets.
     */
    public Set<String> hostNames() {
        return hostNames;
    }

    /**
     * Returns the host names added with {@link Builder#acceptHostName(String)}, in lower case and in the order added;
     * none by default.
     */
    public Set<String> acceptedHostNames() {
        return acceptedHostNames;
    }

    /** Returns whether SAS tokens may name any host at all (false): only their path is then checked. */
    public boolean acceptAnyHostName() {
        return acceptAnyHostName;
    }

    /**
     * Returns whether a SAS token whose {@code sr} names {@code host} is for this hub: {@code host}, without a
     * {@code :port} and without the brackets of an IPv6 literal, is one of {@link #hostNames()} ignoring case, or
     * {@link #acceptAnyHostName()} is set. {@code localhost:8443}, {@code [::1]} and {@code MyHub.Azure-Devices.net}
     * are this hub's; {@code otherhub.azure-devices.net} and {@code localhost%2Fdevices} are not.
     */
    public boolean acceptsHostName(String host) {
        Objects.requireNonNull(host, "host");
        if (acceptAnyHostName) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            if (close < 0 || close + 1 < name.length() && !isPort(name.substring(close + 1))) {
                return false;
            }
            name = name.substring(1, close);
        } else if (name.indexOf(':') == name.lastIndexOf(':') && name.indexOf(':') > 0) {
            int colon = name.indexOf(':');
            if (!isPort(name.substring(colon))) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return hostNames.contains(name);
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

    /**
     * Returns when a hub with a data directory acknowledges a write: {@link Durability#SYNC} (the default) once it is
     * synced to the disk, {@link Durability#RELAXED} once it is written to the store file. No effect in memory.
     */
    public Durability durability() {
        return durability;
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

    /**
     * Returns how long after a change the hub applies its automatic device configurations: a configuration created,
     * updated or deleted, or a twin whose tags or reported properties changed, is evaluated that long later (100 ms
     * by default), as the service applies configurations asynchronously. {@link ConfigurationService#awaitApplied}
     * waits for it.
     */
    public Duration configurationApplyDelay() {
        return configurationApplyDelay;
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
     * Returns how many bytes the results of paged queries may hold at once, 64 MiB by default: the hub keeps the result
     * of a query whose first page leaves items over (a cursor) until its pages are read, and counts each kept result as
     * 8 bytes per twin (twins are shared with the hub's store, and rows of projections are made a page at a time) and
     * about 4 bytes per byte of JSON for rows of aggregates. When a new result does not fit, the results read least
     * recently are dropped, and their continuation tokens are answered 400 as expired; a result larger than the whole
     * budget is refused with 400.
     */
    public long queryCursorBudget() {
        return queryCursorBudget;
    }

    /**
     * Returns how many telemetry messages the hub's journal ({@link IotHub#telemetry()}) keeps: 10,000 by default.
     * When a new message would exceed it, or {@link #telemetryJournalBytes()}, the oldest messages are dropped and
     * counted ({@link TelemetryService#droppedCount()}).
     */
    public int telemetryJournalSize() {
        return telemetryJournalSize;
    }

    /**
     * Returns how many bytes the telemetry journal may hold: 64 MiB by default. A message counts as its body, two
     * bytes per character of its property names and values, 48 bytes per property and 256 bytes for itself; the
     * newest message is kept even when it alone exceeds the bound.
     */
    public long telemetryJournalBytes() {
        return telemetryJournalBytes;
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
        b.durability = durability;
        b.throttlingTier = throttlingTier;
        b.throttlingUnits = throttlingUnits;
        b.queryLag = queryLag;
        b.configurationApplyDelay = configurationApplyDelay;
        b.defaultPageSize = defaultPageSize;
        b.maxPageSize = maxPageSize;
        b.queryCursorBudget = queryCursorBudget;
        b.telemetryJournalSize = telemetryJournalSize;
        b.telemetryJournalBytes = telemetryJournalBytes;
        b.emptyDesiredBumpsVersion = emptyDesiredBumpsVersion;
        b.rejectReportedInServicePatch = rejectReportedInServicePatch;
        b.sizeViolationIs403 = sizeViolationIs403;
        b.acceptedHostNames.addAll(acceptedHostNames);
        b.acceptAnyHostName = acceptAnyHostName;
        return b;
    }

    /** Returns whether {@code text} is {@code :} and a port number, 0 to 65535. */
    private static boolean isPort(String text) {
        return text.matches(":[0-9]{1,5}") && Integer.parseInt(text.substring(1)) <= 65535;
    }

    /** Builds {@link HubOptions}. Not thread-safe. */
    public static final class Builder {
        private String hubName = "twinkit";
        private Clock clock = Clock.systemUTC();
        private TwinLimits limits = TwinLimits.service();
        private @Nullable Path dataDirectory;
        private boolean recoverStore;
        private Durability durability = Durability.SYNC;
        private @Nullable ThrottlingTier throttlingTier;
        private int throttlingUnits = 1;
        private Duration queryLag = Duration.ZERO;
        private Duration configurationApplyDelay = Duration.ofMillis(100);
        private int defaultPageSize = 100;
        private int maxPageSize = 1000;
        private long queryCursorBudget = 64L * 1024 * 1024;
        private int telemetryJournalSize = DEFAULT_TELEMETRY_JOURNAL_SIZE;
        private long telemetryJournalBytes = 64L * 1024 * 1024;
        private boolean emptyDesiredBumpsVersion = true;
        private boolean rejectReportedInServicePatch = true;
        private boolean sizeViolationIs403;
        private final Set<String> acceptedHostNames = new LinkedHashSet<>();
        private boolean acceptAnyHostName;

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
         * Sets when a hub with a data directory acknowledges a write (see {@link HubOptions#durability()}); in memory
         * it has no effect.
         */
        public Builder durability(Durability value) {
            this.durability = Objects.requireNonNull(value, "durability");
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
         * Sets how long after a change the hub applies its automatic device configurations (see
         * {@link HubOptions#configurationApplyDelay()}); zero applies them as soon as the hub's applying thread runs.
         *
         * @throws IllegalArgumentException if negative or longer than a day
         */
        public Builder configurationApplyDelay(Duration value) {
            Objects.requireNonNull(value, "configurationApplyDelay");
            if (value.isNegative() || value.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("the configuration apply delay must be from 0 to 1 day: " + value);
            }
            this.configurationApplyDelay = value;
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

        /**
         * Sets how many bytes the results of paged queries may hold at once (see {@link HubOptions#queryCursorBudget()}).
         *
         * @throws IllegalArgumentException if below 1024
         */
        public Builder queryCursorBudget(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("the query cursor budget must be at least 1024 bytes: " + bytes);
            }
            this.queryCursorBudget = bytes;
            return this;
        }

        /**
         * Sets how many telemetry messages the journal keeps (see {@link HubOptions#telemetryJournalSize()}).
         *
         * @throws IllegalArgumentException unless it is 1 to {@value HubOptions#MAX_TELEMETRY_JOURNAL_SIZE}
         */
        public Builder telemetryJournalSize(int messages) {
            if (messages < 1 || messages > MAX_TELEMETRY_JOURNAL_SIZE) {
                throw new IllegalArgumentException("the telemetry journal size must be from 1 to "
                        + MAX_TELEMETRY_JOURNAL_SIZE + " messages: " + messages);
            }
            this.telemetryJournalSize = messages;
            return this;
        }

        /**
         * Sets how many bytes the telemetry journal may hold (see {@link HubOptions#telemetryJournalBytes()}).
         *
         * @throws IllegalArgumentException if below 1024
         */
        public Builder telemetryJournalBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("the telemetry journal must be allowed at least 1024 bytes: "
                        + bytes);
            }
            this.telemetryJournalBytes = bytes;
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

        /**
         * Adds a host name SAS tokens may name besides the loopback names and {@link HubOptions#hostName()}: the name
         * under which clients reach a hub fronted by a proxy, a tunnel or DNS, since the SDKs sign the host they were
         * given. Compared ignoring case and any {@code :port}; adding a name twice has no further effect.
         *
         * @param value a DNS name, an IPv4 address or an IPv6 literal (brackets optional), without a port
         * @throws IllegalArgumentException if it is none of those
         */
        public Builder acceptHostName(String value) {
            Objects.requireNonNull(value, "host name");
            String name = value.toLowerCase(Locale.ROOT);
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            boolean dns = name.matches("[a-z0-9_]([a-z0-9_.-]{0,251}[a-z0-9_])?");
            boolean ipv6 = name.matches("[0-9a-f:.]{2,45}") && name.indexOf(':') != name.lastIndexOf(':');
            if (!dns && !ipv6) {
                throw new IllegalArgumentException("host name '" + value + "' must be a DNS name, an IPv4 address or "
                        + "an IPv6 literal, without a port");
            }
            acceptedHostNames.add(name);
            return this;
        }

        /**
         * Sets whether SAS tokens may name any host (false). With it, only the path of a token's {@code sr} is
         * checked: for an emulator reached under names that cannot be listed in advance. The signature must still
         * come from one of the hub's keys, and the path must still cover the target.
         */
        public Builder acceptAnyHostName(boolean value) {
            this.acceptAnyHostName = value;
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
