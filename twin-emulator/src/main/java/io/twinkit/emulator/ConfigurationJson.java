package io.twinkit.emulator;

import io.twinkit.core.ETag;
import io.twinkit.core.InvalidIdException;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the service's REST {@code Configuration} JSON of a {@link HubConfiguration}
 * ({@link HubConfiguration#fromJson}, {@link HubConfiguration#toJson}), its {@code content} and metrics. This is
 * also the record format of the hub's {@code CONFIGURATIONS} storage namespace (without metric results).
 */
final class ConfigurationJson {

    /** The {@code contentType} the service reports for automatic device and module configurations. */
    static final String CONTENT_TYPE = "assignment";

    private ConfigurationJson() {
    }

    static JsonObject write(HubConfiguration c) {
        JsonObject.Builder out = JsonObject.builder(13);
        out.put("id", c.id());
        out.put("schemaVersion", c.schemaVersion());
        if (c.labels().isEmpty()) {
            out.put("labels", JsonNull.INSTANCE);
        } else {
            JsonObject.Builder labels = JsonObject.builder(c.labels().size());
            c.labels().forEach(labels::put);
            out.put("labels", labels.build());
        }
        out.put("content", c.content().toJson());
        out.put("contentType", CONTENT_TYPE);
        out.put("targetCondition", c.targetCondition());
        c.createdTime().ifPresent(time -> out.put("createdTimeUtc", TwinTime.format(time)));
        c.lastUpdatedTime().ifPresent(time -> out.put("lastUpdatedTimeUtc", TwinTime.format(time)));
        out.put("priority", c.priority());
        out.put("systemMetrics", c.systemMetrics().toJson());
        out.put("metrics", c.metrics().toJson());
        c.etag().ifPresent(etag -> out.put("etag", etag.value()));
        return out.build();
    }

    static HubConfiguration read(JsonObject json) {
        JsonValue idValue = present(json, "id");
        if (!(idValue instanceof JsonString id) || id.value().isEmpty()) {
            throw new TwinJsonException("a configuration needs its id, a non-empty string, but has "
                    + (idValue == null ? "none" : idValue.toString()), "id");
        }
        HubConfiguration.Builder b = HubConfiguration.builder(id.value());
        String schemaVersion = optionalString(json, "schemaVersion");
        if (schemaVersion != null) {
            b.schemaVersion(schemaVersion);
        }
        JsonObject labels = optionalObject(json, "labels", "labels");
        if (labels != null) {
            for (int i = 0; i < labels.size(); i++) {
                String path = "labels." + labels.keyAt(i);
                if (!(labels.valueAt(i) instanceof JsonString value)) {
                    throw new TwinJsonException("a label's value must be a string but is " + labels.valueAt(i), path);
                }
                b.label(labels.keyAt(i), value.value());
            }
        }
        JsonObject content = optionalObject(json, "content", "content");
        if (content != null) {
            b.content(readContent(content, "content"));
        }
        String condition = optionalString(json, "targetCondition");
        b.targetCondition(condition == null ? "" : condition);
        JsonValue priority = present(json, "priority");
        if (priority != null) {
            if (!(priority instanceof JsonNumber number) || !number.isIntegral() || !number.fitsInLong()
                    || number.longValue() < Integer.MIN_VALUE || number.longValue() > Integer.MAX_VALUE) {
                throw new TwinJsonException("priority must be a whole number in the int range but is " + priority,
                        "priority");
            }
            b.priority((int) number.longValue());
        }
        b.createdTime(optionalInstant(json, "createdTimeUtc"));
        b.lastUpdatedTime(optionalInstant(json, "lastUpdatedTimeUtc"));
        JsonObject systemMetrics = optionalObject(json, "systemMetrics", "systemMetrics");
        if (systemMetrics != null) {
            b.systemMetrics(readMetrics(systemMetrics, "systemMetrics"));
        }
        JsonObject metrics = optionalObject(json, "metrics", "metrics");
        if (metrics != null) {
            b.metrics(readMetrics(metrics, "metrics"));
        }
        String etag = optionalString(json, "etag");
        if (etag != null && !etag.isEmpty()) {
            try {
                b.etag(ETag.of(etag));
            } catch (InvalidIdException e) {
                throw new TwinJsonException(e.getMessage(), "etag");
            }
        }
        return b.build();
    }

    static ConfigurationContent readContent(JsonObject json, String path) {
        Map<String, JsonValue> device = new LinkedHashMap<>();
        JsonObject deviceJson = optionalObject(json, "deviceContent", path + ".deviceContent");
        if (deviceJson != null) {
            device.putAll(deviceJson.members());
        }
        Map<String, JsonValue> module = new LinkedHashMap<>();
        JsonObject moduleJson = optionalObject(json, "moduleContent", path + ".moduleContent");
        if (moduleJson != null) {
            module.putAll(moduleJson.members());
        }
        Map<String, JsonObject> modules = new LinkedHashMap<>();
        JsonObject modulesJson = optionalObject(json, "modulesContent", path + ".modulesContent");
        if (modulesJson != null) {
            for (int i = 0; i < modulesJson.size(); i++) {
                if (!(modulesJson.valueAt(i) instanceof JsonObject moduleContent)) {
                    throw new TwinJsonException("a module's content must be an object but is "
                            + modulesJson.valueAt(i), path + ".modulesContent." + modulesJson.keyAt(i));
                }
                modules.put(modulesJson.keyAt(i), moduleContent);
            }
        }
        return ConfigurationContent.of(device, module, modules);
    }

    private static ConfigurationMetrics readMetrics(JsonObject json, String path) {
        Map<String, String> queries = new LinkedHashMap<>();
        JsonObject queriesJson = optionalObject(json, "queries", path + ".queries");
        if (queriesJson != null) {
            for (int i = 0; i < queriesJson.size(); i++) {
                if (!(queriesJson.valueAt(i) instanceof JsonString query)) {
                    throw new TwinJsonException("a metric query must be a string but is " + queriesJson.valueAt(i),
                            path + ".queries." + queriesJson.keyAt(i));
                }
                queries.put(queriesJson.keyAt(i), query.value());
            }
        }
        Map<String, Long> results = new LinkedHashMap<>();
        JsonObject resultsJson = optionalObject(json, "results", path + ".results");
        if (resultsJson != null) {
            for (int i = 0; i < resultsJson.size(); i++) {
                if (!(resultsJson.valueAt(i) instanceof JsonNumber count) || !count.isIntegral()
                        || !count.fitsInLong()) {
                    throw new TwinJsonException("a metric result must be a whole number but is "
                            + resultsJson.valueAt(i), path + ".results." + resultsJson.keyAt(i));
                }
                results.put(resultsJson.keyAt(i), count.longValue());
            }
        }
        return ConfigurationMetrics.of(queries).withResults(results);
    }

    private static @Nullable JsonValue present(JsonObject json, String key) {
        JsonValue value = json.valueOrNull(key);
        return value == null || value.isNull() ? null : value;
    }

    private static @Nullable String optionalString(JsonObject json, String key) {
        JsonValue value = present(json, key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.value();
        }
        throw new TwinJsonException(key + " must be a string but is " + value, key);
    }

    private static @Nullable JsonObject optionalObject(JsonObject json, String key, String path) {
        JsonValue value = present(json, key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new TwinJsonException(key + " must be an object but is " + value, path);
    }

    private static @Nullable Instant optionalInstant(JsonObject json, String key) {
        String text = optionalString(json, key);
        if (text == null) {
            return null;
        }
        try {
            return TwinTime.parse(text);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new TwinJsonException(key + " must be a UTC time such as 2024-01-01T00:00:00Z but is '" + text
                    + "'", key);
        }
    }
}
