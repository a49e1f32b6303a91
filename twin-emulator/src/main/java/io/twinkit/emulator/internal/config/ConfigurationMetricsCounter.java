package io.twinkit.emulator.internal.config;

import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.ConfigurationMetrics;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.query.Query;
import io.twinkit.query.eval.CompiledQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of a configuration as pure functions over a set of twins: each metric is a query, and its result is the
 * number of items the query returns over those twins, as the service documents ("the number of rows returned by the
 * query"): twins for {@code SELECT *} and projections (at most {@code TOP}), rows for aggregates.
 */
public final class ConfigurationMetricsCounter {

    private ConfigurationMetricsCounter() {
    }

    /** Returns how many items {@code query} returns over {@code twins} (device and module twins together). */
    public static long count(Query query, List<TwinDocument> twins) {
        Objects.requireNonNull(twins, "twins");
        CompiledQuery compiled = CompiledQuery.compile(Objects.requireNonNull(query, "query"));
        return query.isAggregate() ? compiled.rows(twins).size() : compiled.matching(twins).size();
    }

    /**
     * Returns the system metrics of {@code rule} over {@code twins}: {@code targetedCount} and {@code appliedCount},
     * with their query texts; {@code targetedCount} is 0, with an empty query, when the rule targets nothing.
     */
    public static ConfigurationMetrics systemMetrics(ConfigurationRule rule, List<TwinDocument> twins) {
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, Long> results = new LinkedHashMap<>();
        Map<String, Query> system = rule.systemMetricQueries();
        Query targeted = system.get("targetedCount");
        queries.put("targetedCount", targeted == null ? "" : text(targeted, rule));
        results.put("targetedCount", targeted == null ? 0 : count(targeted, twins));
        Query applied = system.get("appliedCount");
        queries.put("appliedCount", text(applied, rule));
        results.put("appliedCount", count(applied, twins));
        return ConfigurationMetrics.of(queries).withResults(results);
    }

    /**
     * Returns the text of a system metric query; one too long to render (a target condition near the length limit,
     * with the select list in front) is given as the select list and the condition as the configuration has it.
     */
    private static String text(Query query, ConfigurationRule rule) {
        try {
            return query.toSql();
        } catch (InvalidQueryException tooLong) {
            String select = rule.kind() == ConfigurationRule.Kind.MODULE ? "SELECT deviceId, moduleId "
                    : "SELECT deviceId ";
            String condition = rule.configuration().targetCondition().strip();
            return select + (condition.regionMatches(true, 0, "FROM", 0, 4) ? condition
                    : "FROM devices WHERE " + condition);
        }
    }

    /** Returns the custom metrics of {@code rule} over {@code twins}: its queries as given, each with its count. */
    public static ConfigurationMetrics customMetrics(ConfigurationRule rule, List<TwinDocument> twins) {
        Map<String, Long> results = new LinkedHashMap<>();
        rule.configuration().metrics().queries().keySet().forEach(name ->
                results.put(name, count(rule.metricQueries().get(name), twins)));
        return ConfigurationMetrics.of(rule.configuration().metrics().queries()).withResults(results);
    }
}
