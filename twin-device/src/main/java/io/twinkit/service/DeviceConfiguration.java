package io.twinkit.service;

import io.twinkit.core.ETag;
import io.twinkit.core.KeyRules;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinMappingException;
import io.twinkit.core.TwinPath;
import io.twinkit.core.TwinTime;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.Condition;
import io.twinkit.query.Query;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An IoT Hub automatic device configuration: the desired properties it sets on every twin its target condition
 * selects, with a priority against other configurations, labels, and metrics that count the twins in each state.
 * Built with {@link #builder(String)}; read back from the hub with its system metrics ({@link #targetedCount()},
 * {@link #appliedCount()}), the results of its custom metrics and its etag.
 *
 * <pre>{@code
 * DeviceConfiguration telemetry = DeviceConfiguration.builder("telemetry-redmond43")
 *         .priority(10)
 *         .label("team", "fleet")
 *         .targetCondition(tag("location.plant").eq("Redmond43"))        // tags.location.plant = 'Redmond43'
 *         .deviceContentFrom(new Telemetry(30))                          // "properties.desired.telemetry": {...}
 *         .metric("reporting", select(deviceId()).fromDevices().where(reported("telemetry.interval").eq(30)))
 *         .build();
 * }</pre>
 *
 * <p>The content is what the hub's API calls {@code deviceContent} (device twins) or {@code moduleContent} (module
 * twins; the target condition then starts with {@code FROM devices.modules WHERE}): the desired properties, written
 * one member per top-level property, {@code "properties.desired.<name>": value}. Other content (an IoT Edge
 * deployment's {@code modulesContent}) is not modelled but kept as read, so that reading and writing back a
 * configuration does not lose it. The hub does not let a configuration's content change once it is created: an
 * update changes its priority, labels, target condition and metrics.
 *
 * <p>Immutable and thread-safe; equal when every field is, the read-back ones included.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-automatic-device-management">Automatic IoT device
 *     and module management</a>
 */
public final class DeviceConfiguration {

    /** The schema version configurations are written with. */
    public static final String SCHEMA_VERSION = "1.0";
    /** The name of the system metric counting the twins the target condition selects. */
    public static final String TARGETED_COUNT = "targetedCount";
    /** The name of the system metric counting the twins the configuration has been applied to. */
    public static final String APPLIED_COUNT = "appliedCount";

    private static final String DESIRED = "properties.desired";
    private static final String DEVICE_CONTENT = "deviceContent";
    private static final String MODULE_CONTENT = "moduleContent";
    private static final String MODULES_TARGET = "FROM devices.modules WHERE ";

    private final String id;
    private final String schemaVersion;
    private final Map<String, String> labels;
    private final int priority;
    private final String targetCondition;
    private final JsonObject deviceContent;
    private final JsonObject moduleContent;
    private final JsonObject otherContent;
    private final Map<String, String> metricQueries;
    private final Map<String, Long> metricResults;
    private final Map<String, String> systemMetricQueries;
    private final Map<String, Long> systemMetricResults;
    private final @Nullable ETag etag;
    private final @Nullable Instant createdTime;
    private final @Nullable Instant lastUpdatedTime;

    private DeviceConfiguration(Builder builder, ReadBack readBack) {
        this.id = builder.id;
        this.schemaVersion = builder.schemaVersion;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(builder.labels));
        this.priority = builder.priority;
        this.targetCondition = builder.targetCondition;
        this.deviceContent = builder.deviceContent;
        this.moduleContent = builder.moduleContent;
        this.otherContent = builder.otherContent;
        this.metricQueries = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metricQueries));
        this.metricResults = readBack.metricResults;
        this.systemMetricQueries = readBack.systemMetricQueries;
        this.systemMetricResults = readBack.systemMetricResults;
        this.etag = readBack.etag;
        this.createdTime = readBack.createdTime;
        this.lastUpdatedTime = readBack.lastUpdatedTime;
    }

    /**
     * Returns a builder for a new configuration.
     *
     * @param id the configuration's id: 1 to 128 characters, none of them whitespace, a control character or
     *     {@code / \ ? # %} (the hub may restrict it further: lowercase letters, digits and a few symbols)
     * @return the builder
     * @throws IllegalArgumentException if the id cannot be sent
     */
    public static Builder builder(String id) {
        return new Builder(ResourceIds.check("configuration id", id));
    }

    /**
     * Returns a builder holding what can be written of this configuration (id, priority, labels, target condition,
     * content, metric queries), without what the hub computes (etag, times, metric results): the way to an update.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(id);
        builder.schemaVersion = schemaVersion;
        builder.labels.putAll(labels);
        builder.priority = priority;
        builder.targetCondition = targetCondition;
        builder.deviceContent = deviceContent;
        builder.moduleContent = moduleContent;
        builder.otherContent = otherContent;
        builder.metricQueries.putAll(metricQueries);
        return builder;
    }

    /**
     * Reads a configuration in the REST API's JSON shape ({@code id}, {@code schemaVersion}, {@code labels},
     * {@code content}, {@code targetCondition}, {@code priority}, {@code metrics}, {@code systemMetrics},
     * {@code etag}, {@code createdTimeUtc}, {@code lastUpdatedTimeUtc}), as the hub answers and as
     * {@code az iot hub configuration show} prints it. Members of an unexpected type count as absent.
     *
     * @param json the configuration
     * @return the configuration
     * @throws IllegalArgumentException if it has no {@code id}
     */
    public static DeviceConfiguration fromJson(JsonObject json) {
        Objects.requireNonNull(json, "json");
        String id = WireJson.string(json, "id").filter(text -> !text.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("a configuration without id: " + json));
        Builder builder = new Builder(id);
        builder.schemaVersion = WireJson.string(json, "schemaVersion").orElse(SCHEMA_VERSION);
        WireJson.object(json, "labels").forEach((key, value) -> {
            if (value instanceof JsonString text) {
                builder.labels.put(key, text.value());
            }
        });
        builder.priority = (int) Math.max(0, Math.min(Integer.MAX_VALUE, WireJson.integer(json, "priority", 0)));
        builder.targetCondition = WireJson.string(json, "targetCondition").orElse("");
        JsonObject content = WireJson.object(json, "content");
        builder.deviceContent = WireJson.object(content, DEVICE_CONTENT);
        builder.moduleContent = WireJson.object(content, MODULE_CONTENT);
        builder.otherContent = content.without(DEVICE_CONTENT).without(MODULE_CONTENT);
        JsonObject metrics = WireJson.object(json, "metrics");
        WireJson.object(metrics, "queries").forEach((name, query) -> {
            if (query instanceof JsonString text) {
                builder.metricQueries.put(name, text.value());
            }
        });
        JsonObject system = WireJson.object(json, "systemMetrics");
        String etag = WireJson.string(json, "etag").filter(text -> !text.isEmpty()).orElse(null);
        return new DeviceConfiguration(builder, new ReadBack(results(WireJson.object(metrics, "results")),
                queries(WireJson.object(system, "queries")), results(WireJson.object(system, "results")),
                etag == null ? null : ETag.of(etag), WireJson.time(json, "createdTimeUtc"),
                WireJson.time(json, "lastUpdatedTimeUtc")));
    }

    /** Returns the configuration's id. */
    public String id() {
        return id;
    }

    /** Returns the schema version it is written with, {@value #SCHEMA_VERSION} unless the hub said otherwise. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** Returns the labels that describe it, in the order they were given. */
    public Map<String, String> labels() {
        return labels;
    }

    /** Returns its priority: where two configurations target a twin, the higher one applies. */
    public int priority() {
        return priority;
    }

    /**
     * Returns the target condition as the hub has it: a {@code WHERE} condition over device twins
     * ({@code tags.location.plant = 'Redmond43'}), {@code FROM devices.modules WHERE …} for module twins, {@code *}
     * for all devices, or empty for none.
     */
    public String targetCondition() {
        return targetCondition;
    }

    /** Returns whether the configuration targets module twins ({@code FROM devices.modules WHERE …}). */
    public boolean targetsModules() {
        return targetCondition.regionMatches(true, 0, MODULES_TARGET, 0, MODULES_TARGET.length() - 1);
    }

    /**
     * Returns the desired properties the configuration sets on device twins: its {@code deviceContent}'s
     * {@code properties.desired.*} members as one property set (empty when it has none).
     */
    public PropertySet deviceContent() {
        return desired(deviceContent);
    }

    /**
     * Returns the desired properties the configuration sets on device twins as your own record or POJO, mapped by
     * {@link TwinJson#standard()}.
     *
     * @param <T> the type
     * @param type the type
     * @return the value
     * @throws TwinMappingException if the properties do not map to the type
     */
    public <T> T deviceContent(Class<T> type) {
        return TwinJson.standard().toValue(deviceContent(), type);
    }

    /** Returns the desired properties the configuration sets on module twins (its {@code moduleContent}). */
    public PropertySet moduleContent() {
        return desired(moduleContent);
    }

    /**
     * Returns the desired properties the configuration sets on module twins as your own record or POJO.
     *
     * @param <T> the type
     * @param type the type
     * @return the value
     * @throws TwinMappingException if the properties do not map to the type
     */
    public <T> T moduleContent(Class<T> type) {
        return TwinJson.standard().toValue(moduleContent(), type);
    }

    /** Returns the custom metrics' queries by name, as the hub has them. */
    public Map<String, String> metricQueries() {
        return metricQueries;
    }

    /** Returns the custom metrics' results by name, as the hub last counted them (empty before). */
    public Map<String, Long> metricResults() {
        return metricResults;
    }

    /** Returns the system metrics' results by name ({@value #TARGETED_COUNT}, {@value #APPLIED_COUNT}). */
    public Map<String, Long> systemMetricResults() {
        return systemMetricResults;
    }

    /** Returns the system metrics' queries by name, as the hub reports them. */
    public Map<String, String> systemMetricQueries() {
        return systemMetricQueries;
    }

    /** Returns how many twins the target condition selects, as the hub last counted (0 before it has). */
    public long targetedCount() {
        return systemMetricResults.getOrDefault(TARGETED_COUNT, 0L);
    }

    /** Returns how many twins the configuration has been applied to, as the hub last counted (0 before it has). */
    public long appliedCount() {
        return systemMetricResults.getOrDefault(APPLIED_COUNT, 0L);
    }

    /** Returns the etag the hub gave this version of the configuration; empty for one not read from a hub. */
    public Optional<ETag> etag() {
        return Optional.ofNullable(etag);
    }

    /** Returns when the hub created the configuration, if it said. */
    public Optional<Instant> createdTime() {
        return Optional.ofNullable(createdTime);
    }

    /** Returns when the hub last changed the configuration, if it said. */
    public Optional<Instant> lastUpdatedTime() {
        return Optional.ofNullable(lastUpdatedTime);
    }

    /** Returns the configuration in the REST API's JSON shape, read-back fields included (see {@link #fromJson}). */
    public JsonObject toJson() {
        JsonObject.Builder json = writable();
        JsonObject.Builder metrics = JsonObject.builder().put("queries", JsonObject.copyOf(strings(metricQueries)));
        if (!metricResults.isEmpty()) {
            metrics.put("results", JsonObject.copyOf(numbers(metricResults)));
        }
        json.put("metrics", metrics.build());
        if (!systemMetricResults.isEmpty() || !systemMetricQueries.isEmpty()) {
            json.put("systemMetrics", JsonObject.of("results", JsonObject.copyOf(numbers(systemMetricResults)),
                    "queries", JsonObject.copyOf(strings(systemMetricQueries))));
        }
        if (etag != null) {
            json.put("etag", JsonString.of(etag.value()));
        }
        if (createdTime != null) {
            json.put("createdTimeUtc", JsonString.of(TwinTime.format(createdTime)));
        }
        if (lastUpdatedTime != null) {
            json.put("lastUpdatedTimeUtc", JsonString.of(TwinTime.format(lastUpdatedTime)));
        }
        return json.build();
    }

    /** Returns the body of a create or replace request: what can be written, without what the hub computes. */
    JsonObject toRequestJson() {
        return writable().put("metrics", JsonObject.of("queries", JsonObject.copyOf(strings(metricQueries)))).build();
    }

    /** Returns whether {@code other} holds the same writable fields (what {@link #toBuilder()} copies). */
    boolean writesSameAs(DeviceConfiguration other) {
        return id.equals(other.id) && labels.equals(other.labels) && priority == other.priority
                && targetCondition.equals(other.targetCondition) && deviceContent.equals(other.deviceContent)
                && moduleContent.equals(other.moduleContent) && otherContent.equals(other.otherContent)
                && metricQueries.equals(other.metricQueries);
    }

    private JsonObject.Builder writable() {
        JsonObject.Builder content = otherContent.toBuilder();
        if (!deviceContent.isEmpty()) {
            content.put(DEVICE_CONTENT, deviceContent);
        }
        if (!moduleContent.isEmpty()) {
            content.put(MODULE_CONTENT, moduleContent);
        }
        return JsonObject.builder()
                .put("id", JsonString.of(id))
                .put("schemaVersion", JsonString.of(schemaVersion))
                .put("labels", JsonObject.copyOf(strings(labels)))
                .put("content", content.build())
                .put("targetCondition", JsonString.of(targetCondition))
                .put("priority", JsonNumber.of(priority));
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof DeviceConfiguration other && writesSameAs(other)
                && schemaVersion.equals(other.schemaVersion) && metricResults.equals(other.metricResults)
                && systemMetricQueries.equals(other.systemMetricQueries)
                && systemMetricResults.equals(other.systemMetricResults) && Objects.equals(etag, other.etag)
                && Objects.equals(createdTime, other.createdTime)
                && Objects.equals(lastUpdatedTime, other.lastUpdatedTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, labels, priority, targetCondition, deviceContent, moduleContent, otherContent,
                metricQueries, metricResults, systemMetricResults, etag);
    }

    @Override
    public String toString() {
        return "DeviceConfiguration[" + id + ", priority " + priority + ", target '" + targetCondition + "'"
                + (systemMetricResults.isEmpty() ? "" : ", targeted " + targetedCount() + ", applied "
                        + appliedCount())
                + (etag == null ? "" : ", etag " + etag.value()) + "]";
    }

    /** The desired properties of a content object: its {@code properties.desired.*} members, nulls left out. */
    private static PropertySet desired(JsonObject content) {
        PropertySet.Builder desired = PropertySet.builder();
        String prefix = DESIRED + ".";
        for (int i = 0; i < content.size(); i++) {
            String key = content.keyAt(i);
            JsonValue value = content.valueAt(i);
            if (value instanceof JsonNull) {
                continue;
            }
            if (key.equals(DESIRED) && value instanceof JsonObject whole) {
                whole.forEach((name, member) -> {
                    if (!(member instanceof JsonNull)) {
                        desired.put(TwinPath.of(name), withoutNulls(member));
                    }
                });
            } else if (key.startsWith(prefix) && key.length() > prefix.length()) {
                TwinPath path;
                try {
                    path = TwinPath.parse(key.substring(prefix.length()));
                } catch (IllegalArgumentException notAPath) {
                    continue;
                }
                desired.put(path, withoutNulls(value));
            }
        }
        return desired.build();
    }

    private static JsonValue withoutNulls(JsonValue value) {
        if (!(value instanceof JsonObject object)) {
            return value;
        }
        JsonObject.Builder kept = JsonObject.builder(object.size());
        object.forEach((key, member) -> {
            if (!(member instanceof JsonNull)) {
                kept.put(key, withoutNulls(member));
            }
        });
        return kept.build();
    }

    /** The content object that sets {@code desired}: one {@code properties.desired.<name>} member per property. */
    private static JsonObject content(JsonObject desired) {
        JsonObject.Builder content = JsonObject.builder(desired.size());
        for (int i = 0; i < desired.size(); i++) {
            String name = desired.keyAt(i);
            int bad = KeyRules.firstForbiddenIndex(name);
            if (name.isEmpty() || bad >= 0) {
                throw new IllegalArgumentException("desired property '" + name + "' cannot be a configuration's "
                        + "content: a twin key is not empty and holds no control or whitespace character and none of "
                        + ". $ #");
            }
            content.put(DESIRED + "." + name, desired.valueAt(i));
        }
        return content.build();
    }

    private static Map<String, Long> results(JsonObject json) {
        Map<String, Long> results = new LinkedHashMap<>();
        json.forEach((name, value) -> {
            if (value instanceof JsonNumber number && number.isIntegral() && number.fitsInLong()) {
                results.put(name, number.longValue());
            }
        });
        return Collections.unmodifiableMap(results);
    }

    private static Map<String, String> queries(JsonObject json) {
        Map<String, String> queries = new LinkedHashMap<>();
        json.forEach((name, value) -> {
            if (value instanceof JsonString text) {
                queries.put(name, text.value());
            }
        });
        return Collections.unmodifiableMap(queries);
    }

    private static Map<String, JsonValue> strings(Map<String, String> map) {
        Map<String, JsonValue> json = new LinkedHashMap<>();
        map.forEach((key, value) -> json.put(key, JsonString.of(value)));
        return json;
    }

    private static Map<String, JsonValue> numbers(Map<String, Long> map) {
        Map<String, JsonValue> json = new LinkedHashMap<>();
        map.forEach((key, value) -> json.put(key, JsonNumber.of(value)));
        return json;
    }

    /** What the hub computes for a configuration it returns. */
    private record ReadBack(Map<String, Long> metricResults, Map<String, String> systemMetricQueries,
            Map<String, Long> systemMetricResults, @Nullable ETag etag, @Nullable Instant createdTime,
            @Nullable Instant lastUpdatedTime) {

        static final ReadBack NONE = new ReadBack(Map.of(), Map.of(), Map.of(), null, null, null);
    }

    /**
     * Builds a {@link DeviceConfiguration}. Not thread-safe; {@link #build()} may be called more than once.
     *
     * <p>Defaults: priority 0, no labels, no target (the configuration applies to no twin until it has a target
     * condition), no content, no custom metrics.
     */
    public static final class Builder {

        private final String id;
        private String schemaVersion = SCHEMA_VERSION;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private int priority;
        private String targetCondition = "";
        private JsonObject deviceContent = JsonObject.empty();
        private JsonObject moduleContent = JsonObject.empty();
        private JsonObject otherContent = JsonObject.empty();
        private final Map<String, String> metricQueries = new LinkedHashMap<>();

        private Builder(String id) {
            this.id = id;
        }

        /**
         * Sets the priority: where two configurations target a twin, the higher one applies (on a tie, the more
         * recently created one).
         *
         * @param priority zero or more
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder priority(int priority) {
            if (priority < 0) {
                throw new IllegalArgumentException("priority " + priority + " is negative");
            }
            this.priority = priority;
            return this;
        }

        /**
         * Adds a label, or replaces the label of that name.
         *
         * @param name the label's name
         * @param value its value
         * @return this builder
         */
        public Builder label(String name, String value) {
            labels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Replaces the labels.
         *
         * @param labels the labels by name
         * @return this builder
         */
        public Builder labels(Map<String, String> labels) {
            Objects.requireNonNull(labels, "labels");
            Map<String, String> copy = new LinkedHashMap<>();
            labels.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "label name"),
                    Objects.requireNonNull(value, "label value")));
            this.labels.clear();
            this.labels.putAll(copy);
            return this;
        }

        /**
         * Targets the device twins {@code condition} selects; it is sent as the DSL renders it
         * ({@code tags.location.plant = 'Redmond43'}).
         *
         * @param condition which device twins the configuration applies to
         * @return this builder
         */
        public Builder targetCondition(Condition condition) {
            this.targetCondition = Objects.requireNonNull(condition, "condition").toString();
            return this;
        }

        /**
         * Targets the module twins {@code condition} selects: sent as {@code FROM devices.modules WHERE <condition>},
         * as the hub requires for a configuration with {@link #moduleContent module content}.
         *
         * @param condition which module twins the configuration applies to
         * @return this builder
         */
        public Builder targetModules(Condition condition) {
            this.targetCondition = MODULES_TARGET + Objects.requireNonNull(condition, "condition");
            return this;
        }

        /**
         * Targets every device twin ({@code *}).
         *
         * @return this builder
         */
        public Builder targetAllDevices() {
            this.targetCondition = "*";
            return this;
        }

        /**
         * Sets the desired properties the configuration sets on each targeted device twin.
         *
         * @param desired the properties; each top-level one becomes a {@code properties.desired.<name>} member
         * @return this builder
         * @throws IllegalArgumentException if a top-level name is not a valid twin key
         */
        public Builder deviceContent(PropertySet desired) {
            this.deviceContent = content(Objects.requireNonNull(desired, "desired").toJson());
            return this;
        }

        /**
         * Sets the desired properties the configuration sets on each targeted device twin, from a merge patch (its
         * {@code null}s remove the property from the twin).
         *
         * @param desired the patch; each top-level member becomes a {@code properties.desired.<name>} member
         * @return this builder
         * @throws IllegalArgumentException if a top-level name is not a valid twin key
         */
        public Builder deviceContent(MergePatch desired) {
            this.deviceContent = content(Objects.requireNonNull(desired, "desired").toJson());
            return this;
        }

        /**
         * Sets the desired properties the configuration sets on each targeted device twin from your own record, POJO
         * or map, mapped by {@link TwinJson#standard()}.
         *
         * @param desired the value, mapping to a JSON object
         * @return this builder
         * @throws TwinMappingException if it does not map to a JSON object
         * @throws IllegalArgumentException if a top-level name is not a valid twin key
         */
        public Builder deviceContentFrom(Object desired) {
            return deviceContent(TwinJson.standard().toPropertySet(Objects.requireNonNull(desired, "desired")));
        }

        /**
         * Sets the desired properties the configuration sets on each targeted module twin (its
         * {@code moduleContent}); target modules with {@link #targetModules(Condition)}.
         *
         * @param desired the properties; each top-level one becomes a {@code properties.desired.<name>} member
         * @return this builder
         * @throws IllegalArgumentException if a top-level name is not a valid twin key
         */
        public Builder moduleContent(PropertySet desired) {
            this.moduleContent = content(Objects.requireNonNull(desired, "desired").toJson());
            return this;
        }

        /**
         * Sets the desired properties the configuration sets on each targeted module twin, from a merge patch.
         *
         * @param desired the patch; each top-level member becomes a {@code properties.desired.<name>} member
         * @return this builder
         * @throws IllegalArgumentException if a top-level name is not a valid twin key
         */
        public Builder moduleContent(MergePatch desired) {
            this.moduleContent = content(Objects.requireNonNull(desired, "desired").toJson());
            return this;
        }

        /**
         * Sets the desired properties the configuration sets on each targeted module twin from your own record, POJO
         * or map.
         *
         * @param desired the value, mapping to a JSON object
         * @return this builder
         * @throws TwinMappingException if it does not map to a JSON object
         * @throws IllegalArgumentException if a top-level name is not a valid twin key
         */
        public Builder moduleContentFrom(Object desired) {
            return moduleContent(TwinJson.standard().toPropertySet(Objects.requireNonNull(desired, "desired")));
        }

        /**
         * Adds a custom metric, or replaces the metric of that name: a query whose rows the hub counts, typically
         * {@code SELECT deviceId FROM devices WHERE …} over the targeted twins.
         *
         * @param name the metric's name
         * @param query the query, sent as {@link Query#toSql()} renders it
         * @return this builder
         * @throws IllegalArgumentException if the name is empty
         */
        public Builder metric(String name, Query query) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(query, "query");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a metric needs a name");
            }
            metricQueries.put(name, query.toSql());
            return this;
        }

        /**
         * Builds the configuration, without etag, times or metric results (the hub gives those).
         *
         * @return the configuration
         */
        public DeviceConfiguration build() {
            return new DeviceConfiguration(this, ReadBack.NONE);
        }
    }
}
