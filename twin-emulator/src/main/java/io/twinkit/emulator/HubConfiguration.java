package io.twinkit.emulator;

import io.twinkit.core.ETag;
import io.twinkit.core.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An automatic device (or module) configuration, as the service's REST {@code Configuration} describes it: which
 * twins it targets ({@link #targetCondition()}), what it writes into their desired properties ({@link #content()}),
 * its {@link #priority()} against other configurations, labels, and custom metric queries.
 *
 * <pre>{@code
 * HubConfiguration request = HubConfiguration.builder("chillers")
 *         .content(ConfigurationContent.empty().withDeviceSetting("properties.desired.chiller-water",
 *                 JsonValue.parseObject("{\"temperature\":66,\"pressure\":28}")))
 *         .targetCondition("tags.building = '43'")
 *         .priority(10)
 *         .metrics(ConfigurationMetrics.of(Map.of("pending",
 *                 "SELECT deviceId FROM devices WHERE properties.reported.chiller.status = 'pending'")))
 *         .build();
 * HubConfiguration created = hub.configurations().create(request);   // with etag, times and metrics
 * }</pre>
 *
 * <p>A configuration the hub returns also carries what the hub keeps: {@link #createdTime()},
 * {@link #lastUpdatedTime()}, {@link #etag()} and the metric results. In a request those are ignored. Immutable and
 * thread-safe.
 */
public final class HubConfiguration {

    /** The schema version of every configuration, {@code 1.0}. */
    public static final String SCHEMA_VERSION = "1.0";

    private final String id;
    private final String schemaVersion;
    private final Map<String, String> labels;
    private final ConfigurationContent content;
    private final String targetCondition;
    private final int priority;
    private final @Nullable Instant createdTime;
    private final @Nullable Instant lastUpdatedTime;
    private final @Nullable ETag etag;
    private final ConfigurationMetrics systemMetrics;
    private final ConfigurationMetrics metrics;

    private HubConfiguration(Builder b) {
        this.id = b.id;
        this.schemaVersion = b.schemaVersion;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
        this.content = b.content;
        this.targetCondition = b.targetCondition;
        this.priority = b.priority;
        this.createdTime = b.createdTime;
        this.lastUpdatedTime = b.lastUpdatedTime;
        this.etag = b.etag;
        this.systemMetrics = b.systemMetrics;
        this.metrics = b.metrics;
    }

    /**
     * Returns a builder for the configuration {@code id}.
     *
     * @throws IllegalArgumentException if {@code id} is empty (the hub checks the service's id rules)
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Returns the configuration id. */
    public String id() {
        return id;
    }

    /** Returns the schema version, {@value #SCHEMA_VERSION} unless a request named another. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** Returns the labels: key-value pairs that describe the configuration and change nothing. */
    public Map<String, String> labels() {
        return labels;
    }

    /** Returns the content: what the configuration writes into the twins it is applied to. */
    public ConfigurationContent content() {
        return content;
    }

    /**
     * Returns the target condition: a condition over device twins ({@code tags.building = '43'}, {@code *} for every
     * device), or for module content a query {@code FROM devices.modules WHERE ...}; empty targets nothing.
     */
    public String targetCondition() {
        return targetCondition;
    }

    /** Returns the priority: where configurations overlap on a twin, the highest number wins. */
    public int priority() {
        return priority;
    }

    /** Returns when the hub created the configuration; empty in a request. */
    public Optional<Instant> createdTime() {
        return Optional.ofNullable(createdTime);
    }

    /** Returns when the hub last updated the configuration; empty in a request. */
    public Optional<Instant> lastUpdatedTime() {
        return Optional.ofNullable(lastUpdatedTime);
    }

    /** Returns the configuration's etag, new on every update; empty in a request. */
    public Optional<ETag> etag() {
        return Optional.ofNullable(etag);
    }

    /**
     * Returns the system metrics: {@code targetedCount} (twins the target condition selects) and
     * {@code appliedCount} (twins whose {@code configurations} entry is {@code Applied}), with the queries that count
     * them; empty in a request.
     */
    public ConfigurationMetrics systemMetrics() {
        return systemMetrics;
    }

    /** Returns the custom metrics: the queries a request defines and, from the hub, what each counted. */
    public ConfigurationMetrics metrics() {
        return metrics;
    }

    /** Returns a builder that starts from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.schemaVersion = schemaVersion;
        b.labels.putAll(labels);
        b.content = content;
        b.targetCondition = targetCondition;
        b.priority = priority;
        b.createdTime = createdTime;
        b.lastUpdatedTime = lastUpdatedTime;
        b.etag = etag;
        b.systemMetrics = systemMetrics;
        b.metrics = metrics;
        return b;
    }

    /**
     * Returns the service's REST JSON: {@code id}, {@code schemaVersion}, {@code labels} ({@code null} when there are
     * none), {@code content}, {@code contentType} ({@code assignment}), {@code targetCondition},
     * {@code createdTimeUtc} and {@code lastUpdatedTimeUtc} (when known), {@code priority}, {@code systemMetrics},
     * {@code metrics} and {@code etag} (when known).
     */
    public JsonObject toJson() {
        return ConfigurationJson.write(this);
    }

    /**
     * Reads the service's REST JSON, as {@link #toJson()} writes it and the SDKs send it. Absent or {@code null}
     * members take their defaults; {@code contentType} and unknown members are ignored, and an empty {@code etag} is
     * none.
     *
     * @throws io.twinkit.core.error.TwinJsonException (400006) if {@code id} is missing or empty, or a member has the
     *     wrong type, naming its path
     */
    public static HubConfiguration fromJson(JsonObject json) {
        return ConfigurationJson.read(Objects.requireNonNull(json, "json"));
    }

    /** Returns whether {@code obj} is the same configuration, member for member. */
    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof HubConfiguration o && id.equals(o.id)
                && schemaVersion.equals(o.schemaVersion) && labels.equals(o.labels) && content.equals(o.content)
                && targetCondition.equals(o.targetCondition) && priority == o.priority
                && Objects.equals(createdTime, o.createdTime) && Objects.equals(lastUpdatedTime, o.lastUpdatedTime)
                && Objects.equals(etag, o.etag) && systemMetrics.equals(o.systemMetrics) && metrics.equals(o.metrics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, schemaVersion, labels, content, targetCondition, priority, createdTime,
                lastUpdatedTime, etag, systemMetrics, metrics);
    }

    /** Returns the REST JSON as text. */
    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Builds a {@link HubConfiguration}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String schemaVersion = SCHEMA_VERSION;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private ConfigurationContent content = ConfigurationContent.empty();
        private String targetCondition = "";
        private int priority;
        private @Nullable Instant createdTime;
        private @Nullable Instant lastUpdatedTime;
        private @Nullable ETag etag;
        private ConfigurationMetrics systemMetrics = ConfigurationMetrics.empty();
        private ConfigurationMetrics metrics = ConfigurationMetrics.empty();

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isEmpty()) {
                throw new IllegalArgumentException("a configuration id must not be empty");
            }
            this.id = id;
        }

        /** Sets the schema version. */
        public Builder schemaVersion(String value) {
            this.schemaVersion = Objects.requireNonNull(value, "schemaVersion");
            return this;
        }

        /** Replaces the labels. */
        public Builder labels(Map<String, String> value) {
            Objects.requireNonNull(value, "labels");
            labels.clear();
            value.forEach(this::label);
            return this;
        }

        /** Adds or replaces the label {@code key}. */
        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "label key"), Objects.requireNonNull(value, "label value"));
            return this;
        }

        /** Sets the content. */
        public Builder content(ConfigurationContent value) {
            this.content = Objects.requireNonNull(value, "content");
            return this;
        }

        /** Sets the target condition; empty targets nothing. */
        public Builder targetCondition(String value) {
            this.targetCondition = Objects.requireNonNull(value, "targetCondition");
            return this;
        }

        /** Sets the priority. */
        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        /** Sets the custom metrics; the hub reads only their queries from a request. */
        public Builder metrics(ConfigurationMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /** Sets the system metrics (the hub computes them; a request's are ignored). */
        public Builder systemMetrics(ConfigurationMetrics value) {
            this.systemMetrics = Objects.requireNonNull(value, "systemMetrics");
            return this;
        }

        /** Sets the creation time (the hub's to set; a request's is ignored). */
        public Builder createdTime(@Nullable Instant value) {
            this.createdTime = value;
            return this;
        }

        /** Sets the last update time (the hub's to set; a request's is ignored). */
        public Builder lastUpdatedTime(@Nullable Instant value) {
            this.lastUpdatedTime = value;
            return this;
        }

        /** Sets the etag (the hub's to set; a request's is ignored, If-Match is what counts). */
        public Builder etag(@Nullable ETag value) {
            this.etag = value;
            return this;
        }

        /** Returns the configuration. */
        public HubConfiguration build() {
            return new HubConfiguration(this);
        }
    }
}
