package io.twinkit.emulator;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The metrics of an automatic device configuration, as the service's REST {@code systemMetrics} and {@code metrics}
 * members carry them: queries by metric name, and the count each one gave when the configuration was read.
 *
 * <pre>{@code
 * ConfigurationMetrics custom = ConfigurationMetrics.of(Map.of("pending",
 *         "SELECT deviceId FROM devices WHERE properties.reported.chillerWaterSettings.status = 'pending'"));
 * hub.configurations().get("chillers").metrics().results().get("pending");   // e.g. 3
 * }</pre>
 *
 * <p>Immutable and thread-safe; maps keep the order they were given in.
 */
public final class ConfigurationMetrics {

    private static final ConfigurationMetrics EMPTY = new ConfigurationMetrics(Map.of(), Map.of());

    private final Map<String, String> queries;
    private final Map<String, Long> results;

    private ConfigurationMetrics(Map<String, String> queries, Map<String, Long> results) {
        this.queries = queries;
        this.results = results;
    }

    /** Returns metrics without queries or results. */
    public static ConfigurationMetrics empty() {
        return EMPTY;
    }

    /** Returns metrics with {@code queries} (name to query text) and no results yet. */
    public static ConfigurationMetrics of(Map<String, String> queries) {
        return new ConfigurationMetrics(copy(queries, "queries"), Map.of());
    }

    /** Returns these queries with {@code results} (name to count). */
    public ConfigurationMetrics withResults(Map<String, Long> results) {
        return new ConfigurationMetrics(queries, copy(results, "results"));
    }

    /** Returns the queries, by metric name. */
    public Map<String, String> queries() {
        return queries;
    }

    /** Returns the results, by metric name: how many twins (or rows) each query counted. */
    public Map<String, Long> results() {
        return results;
    }

    /** Returns whether there are neither queries nor results. */
    public boolean isEmpty() {
        return queries.isEmpty() && results.isEmpty();
    }

    /** Returns the REST form, {@code {"results":{..},"queries":{..}}}. */
    public JsonObject toJson() {
        JsonObject.Builder resultsJson = JsonObject.builder(results.size());
        results.forEach((name, count) -> resultsJson.put(name, JsonNumber.of(count)));
        JsonObject.Builder queriesJson = JsonObject.builder(queries.size());
        queries.forEach((name, query) -> queriesJson.put(name, JsonString.of(query)));
        return JsonObject.of("results", resultsJson.build(), "queries", queriesJson.build());
    }

    private static <V> Map<String, V> copy(Map<String, V> map, String what) {
        Objects.requireNonNull(map, what);
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((name, value) -> copy.put(Objects.requireNonNull(name, what + " name"),
                Objects.requireNonNull(value, what + " value of " + name)));
        return Collections.unmodifiableMap(copy);
    }

    /** Returns whether {@code obj} has the same queries and results. */
    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof ConfigurationMetrics other && queries.equals(other.queries)
                && results.equals(other.results);
    }

    @Override
    public int hashCode() {
        return 31 * queries.hashCode() + results.hashCode();
    }

    /** Returns the REST form as text. */
    @Override
    public String toString() {
        return toJson().toString();
    }
}
