package io.twinkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the figures of the measurement programs that are not JMH benchmarks ({@link EmulatorMemory},
 * {@link MqttThroughput}) in the shape of JMH's JSON results, so that {@link ResultsReport} reads them like the rest.
 */
final class ResultEntries {

    private ResultEntries() {
    }

    /** Returns one result entry: a single-shot figure with no error. */
    static String entry(Class<?> program, String name, Map<String, String> params, double score, String unit) {
        String paramsJson = params.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        return String.format(Locale.ROOT, "{\"benchmark\":%s,\"mode\":\"ss\",\"params\":%s,"
                + "\"primaryMetric\":{\"score\":%.6f,\"scoreError\":0.0,\"scoreUnit\":%s}}",
                quote(program.getName() + "." + name), paramsJson, score, quote(unit));
    }

    /** Writes {@code entries} to {@code file} as a JSON array. */
    static void write(Path file, List<String> entries) throws IOException {
        Files.writeString(file, entries.stream().collect(Collectors.joining(",\n", "[\n", "\n]\n")));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
