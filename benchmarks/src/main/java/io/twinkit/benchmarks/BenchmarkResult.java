package io.twinkit.benchmarks;

import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One figure: a benchmark (simple class name and method), its parameters, score, error, unit and, for JMH's sample
 * mode, the percentiles of the sampled times. A secondary result of JMH ({@code @AuxCounters}) is a figure of its own,
 * named {@code Class.method:counter}.
 *
 * @param benchmark {@code Class.method}
 * @param params the JMH parameters
 * @param score the score
 * @param error the score error (99.9% confidence half-width), or 0 or NaN when unknown
 * @param unit JMH's score unit, such as {@code us/op} or {@code ops/s}
 * @param percentiles the score's percentiles in {@code unit}, by percentile (50.0, 99.0, ...); empty when JMH gave
 *     none
 */
record BenchmarkResult(String benchmark, Map<String, String> params, double score, double error, String unit,
                       Map<Double, Double> percentiles) {

    /** A figure without percentiles. */
    BenchmarkResult(String benchmark, Map<String, String> params, double score, double error, String unit) {
        this(benchmark, params, score, error, unit, Map.of());
    }

    /** Returns the seconds per operation at {@code percentile} (50 for the median), or NaN when not known. */
    double percentileSecondsPerOp(double percentile) {
        Double value = percentiles.get(percentile);
        return value == null ? Double.NaN : new BenchmarkResult(benchmark, params, value, 0, unit).secondsPerOp();
    }

    /** Returns the seconds per operation for a time or throughput unit, or NaN for any other unit. */
    double secondsPerOp() {
        return switch (unit) {
            case "ns/op" -> score * 1e-9;
            case "us/op" -> score * 1e-6;
            case "ms/op" -> score * 1e-3;
            case "s/op" -> score;
            case "ops/s" -> 1 / score;
            case "ops/ms" -> 1e-3 / score;
            case "ops/us" -> 1e-6 / score;
            default -> Double.NaN;
        };
    }

    boolean matches(Map<String, String> filter) {
        return filter.entrySet().stream().allMatch(e -> e.getValue().equals(params.get(e.getKey())));
    }

    /** Reads the entries of one JMH-style JSON result array. */
    static List<BenchmarkResult> readAll(String json) {
        List<BenchmarkResult> results = new ArrayList<>();
        for (JsonValue value : JsonValue.parse(json).asArray()) {
            JsonObject entry = value.asObject();
            String benchmark = entry.valueOrNull("benchmark").asString();
            String[] parts = benchmark.split("\\.");
            String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
            Map<String, String> params = new LinkedHashMap<>();
            JsonValue paramsValue = entry.valueOrNull("params");
            if (paramsValue instanceof JsonObject p) {
                p.forEach((k, v) -> params.put(k, v.isString() ? v.asString() : v.toString()));
            }
            JsonObject metric = entry.valueOrNull("primaryMetric").asObject();
            JsonValue error = metric.valueOrNull("scoreError");
            Map<Double, Double> percentiles = new TreeMap<>();
            // every mode has scorePercentiles; only the sample mode's describe a distribution of times
            if ("sample".equals(text(entry.valueOrNull("mode")))
                    && metric.valueOrNull("scorePercentiles") instanceof JsonObject p) {
                p.forEach((k, v) -> percentiles.put(Double.parseDouble(k), number(v)));
            }
            results.add(new BenchmarkResult(name, Map.copyOf(params), number(metric.valueOrNull("score")),
                    error == null ? Double.NaN : number(error), metric.valueOrNull("scoreUnit").asString(),
                    Collections.unmodifiableMap(percentiles)));
            if (entry.valueOrNull("secondaryMetrics") instanceof JsonObject secondary) {
                secondary.forEach((counter, v) -> {
                    JsonObject m = v.asObject();
                    JsonValue e = m.valueOrNull("scoreError");
                    results.add(new BenchmarkResult(name + ":" + counter, Map.copyOf(params),
                            number(m.valueOrNull("score")), e == null ? Double.NaN : number(e),
                            m.valueOrNull("scoreUnit").asString()));
                });
            }
        }
        return results;
    }

    private static @Nullable String text(@Nullable JsonValue value) {
        return value != null && value.isString() ? value.asString() : null;
    }

    private static double number(@Nullable JsonValue value) {
        // JMH writes "NaN" as a string for an error it could not compute
        if (value == null || !value.isNumber()) {
            return Double.NaN;
        }
        return value.asNumber().doubleValue();
    }
}
