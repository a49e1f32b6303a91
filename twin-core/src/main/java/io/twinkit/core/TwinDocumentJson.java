package io.twinkit.core;

import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads and writes the service JSON form of a {@link TwinDocument}; no Jackson involved. */
final class TwinDocumentJson {

    private static final Set<String> KNOWN = Set.copyOf(TwinDocument.FIELD_NAMES);

    private TwinDocumentJson() {
    }

    static boolean isKnownField(String name) {
        return KNOWN.contains(name);
    }

    static TwinDocument read(JsonObject json) {
        JsonValue idValue = json.valueOrNull("deviceId");
        if (idValue == null || idValue.isNull()) {
            throw new TwinJsonException("a twin must have a deviceId", "deviceId");
        }
        TwinDocument.Builder b = TwinDocument.builder(convert("deviceId", string("deviceId", idValue), DeviceId::of));
        for (int i = 0; i < json.size(); i++) {
            String key = json.keyAt(i);
            JsonValue value = json.valueAt(i);
            if (!KNOWN.contains(key)) {
                b.extraField(key, value);
                continue;
            }
            if (value.isNull()) {
                continue; // the C# SDK and some tools send null for "not supplied"
            }
            switch (key) {
                case "deviceId" -> { }
                case "moduleId" -> {
                    String text = string(key, value);
                    b.moduleId(text.isEmpty() ? null : convert(key, text, ModuleId::of));
                }
                case "etag" -> b.etag(convert(key, string(key, value), ETag::of));
                case "deviceEtag" -> b.deviceEtag(convert(key, string(key, value), ETag::of));
                case "version" -> b.version(nonNegativeLong(key, value));
                case "status" -> b.status(convert(key, string(key, value), DeviceStatus::fromWireName));
                case "statusReason" -> b.statusReason(string(key, value));
                case "statusUpdateTime" -> b.statusUpdateTime(instant(key, value));
                case "connectionState" -> b.connectionState(convert(key, string(key, value),
                        ConnectionState::fromWireName));
                case "lastActivityTime" -> b.lastActivityTime(instant(key, value));
                case "cloudToDeviceMessageCount" -> {
                    long count = nonNegativeLong(key, value);
                    if (count > Integer.MAX_VALUE) {
                        throw new TwinJsonException("cloudToDeviceMessageCount is out of range: " + count, key);
                    }
                    b.cloudToDeviceMessageCount((int) count);
                }
                case "authenticationType" -> b.authenticationType(convert(key, string(key, value),
                        AuthenticationType::fromWireName));
                case "x509Thumbprint" -> b.x509Thumbprint(thumbprint(object(key, value)));
                case "modelId" -> b.modelId(string(key, value));
                case "capabilities" -> b.capabilities(capabilities(object(key, value)));
                case "deviceScope" -> b.deviceScope(string(key, value));
                case "parentScopes" -> b.parentScopes(strings(key, value));
                case "configurations" -> b.configurations(configurations(object(key, value)));
                case "tags" -> b.tags(section(key, object(key, value)));
                case "properties" -> readProperties(b, object(key, value));
                default -> throw new IllegalStateException("unhandled known field " + key);
            }
        }
        return b.build();
    }

    private static void readProperties(TwinDocument.Builder b, JsonObject properties) {
        for (int i = 0; i < properties.size(); i++) {
            String key = properties.keyAt(i);
            JsonValue value = properties.valueAt(i);
            String path = "properties." + key;
            switch (key) {
                case "desired" -> b.desired(value.isNull() ? null : PropertySection.fromJson(object(path, value), path));
                case "reported" -> b.reported(value.isNull() ? null : PropertySection.fromJson(object(path, value), path));
                default -> throw new TwinJsonException("unknown member of properties; expected desired or reported",
                        path);
            }
        }
    }

    static JsonObject write(TwinDocument t) {
        JsonObject.Builder out = JsonObject.builder(24);
        out.put("deviceId", t.deviceId.value());
        if (t.moduleId != null) {
            out.put("moduleId", t.moduleId.value());
        }
        if (t.etag != null) {
            out.put("etag", t.etag.value());
        }
        if (t.deviceEtag != null) {
            out.put("deviceEtag", t.deviceEtag.value());
        }
        if (t.status != null) {
            out.put("status", t.status.wireName());
        }
        if (t.statusReason != null) {
            out.put("statusReason", t.statusReason);
        }
        if (t.statusUpdateTime != null) {
            out.put("statusUpdateTime", TwinTime.format(t.statusUpdateTime));
        }
        if (t.connectionState != null) {
            out.put("connectionState", t.connectionState.wireName());
        }
        if (t.lastActivityTime != null) {
            out.put("lastActivityTime", TwinTime.format(t.lastActivityTime));
        }
        if (t.cloudToDeviceMessageCount >= 0) {
            out.put("cloudToDeviceMessageCount", t.cloudToDeviceMessageCount);
        }
        if (t.authenticationType != null) {
            out.put("authenticationType", t.authenticationType.wireName());
        }
        if (t.x509Thumbprint != null) {
            out.put("x509Thumbprint", JsonObject.of(
                    "primaryThumbprint", nullable(t.x509Thumbprint.primary()),
                    "secondaryThumbprint", nullable(t.x509Thumbprint.secondary())));
        }
        if (t.modelId != null) {
            out.put("modelId", t.modelId);
        }
        if (t.version >= 0) {
            out.put("version", t.version);
        }
        if (t.tags != null) {
            out.put("tags", t.tags.toJson());
        }
        if (t.desired != null || t.reported != null) {
            JsonObject.Builder properties = JsonObject.builder(2);
            if (t.desired != null) {
                properties.put("desired", t.desired.toJson());
            }
            if (t.reported != null) {
                properties.put("reported", t.reported.toJson());
            }
            out.put("properties", properties.build());
        }
        if (t.capabilities != null) {
            out.put("capabilities", JsonObject.of("iotEdge", JsonBoolean.of(t.capabilities.iotEdge())));
        }
        if (t.deviceScope != null) {
            out.put("deviceScope", t.deviceScope);
        }
        if (t.parentScopes != null) {
            JsonArray.Builder scopes = JsonArray.builder();
            t.parentScopes.forEach(scopes::add);
            out.put("parentScopes", scopes.build());
        }
        if (t.configurations != null) {
            JsonObject.Builder configurations = JsonObject.builder(t.configurations.size());
            t.configurations.forEach((id, status) ->
                    configurations.put(id, JsonObject.of("status", JsonString.of(status.wireName()))));
            out.put("configurations", configurations.build());
        }
        t.extraFields.forEach(out::put);
        return out.build();
    }

    private static JsonValue nullable(String text) {
        return text == null ? JsonNull.INSTANCE : JsonString.of(text);
    }

    private static PropertySet section(String path, JsonObject json) {
        String nullPath = PropertySet.findNull(json, path);
        if (nullPath != null) {
            throw new TwinJsonException(PropertySet.nullMessage(nullPath), nullPath);
        }
        return PropertySet.trusted(json);
    }

    private static X509Thumbprint thumbprint(JsonObject json) {
        return new X509Thumbprint(optionalString("x509Thumbprint.primaryThumbprint", json.valueOrNull("primaryThumbprint")),
                optionalString("x509Thumbprint.secondaryThumbprint", json.valueOrNull("secondaryThumbprint")));
    }

    private static Capabilities capabilities(JsonObject json) {
        JsonValue edge = json.valueOrNull("iotEdge");
        if (edge != null && !(edge instanceof JsonBoolean)) {
            throw new TwinJsonException("iotEdge must be a boolean but is " + edge.type(), "capabilities.iotEdge");
        }
        return new Capabilities(edge != null && edge.asBoolean());
    }

    private static Map<String, ConfigurationStatus> configurations(JsonObject json) {
        Map<String, ConfigurationStatus> result = new LinkedHashMap<>();
        for (int i = 0; i < json.size(); i++) {
            String path = "configurations." + json.keyAt(i);
            JsonValue status = object(path, json.valueAt(i)).valueOrNull("status");
            if (status == null) {
                throw new TwinJsonException("a configuration entry must have a status", path);
            }
            result.put(json.keyAt(i), convert(path + ".status", string(path + ".status", status),
                    ConfigurationStatus::fromWireName));
        }
        return result;
    }

    private static List<String> strings(String path, JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            throw new TwinJsonException(path + " must be an array of strings but is " + value.type(), path);
        }
        List<String> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            result.add(string(path + "." + i, array.get(i)));
        }
        return result;
    }

    private static String string(String path, JsonValue value) {
        if (value instanceof JsonString text) {
            return text.value();
        }
        throw new TwinJsonException("expected a string but found " + value.type(), path);
    }

    private static String optionalString(String path, JsonValue value) {
        return value == null || value.isNull() ? null : string(path, value);
    }

    private static JsonObject object(String path, JsonValue value) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new TwinJsonException("expected an object but found " + value.type(), path);
    }

    private static long nonNegativeLong(String path, JsonValue value) {
        if (value instanceof JsonNumber number && number.fitsInLong() && number.longValue() >= 0) {
            return number.longValue();
        }
        throw new TwinJsonException("expected a non-negative integer but found " + value, path);
    }

    private static Instant instant(String path, JsonValue value) {
        String text = string(path, value);
        try {
            return TwinTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new TwinJsonException("expected an ISO-8601 timestamp but found '" + text + "'", path);
        }
    }

    private static <T> T convert(String path, String text, Function<String, T> factory) {
        try {
            return factory.apply(text);
        } catch (IllegalArgumentException | InvalidIdException e) {
            throw new TwinJsonException(String.valueOf(e.getMessage()), path);
        }
    }
}
