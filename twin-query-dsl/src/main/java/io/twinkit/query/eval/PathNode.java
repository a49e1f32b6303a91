package io.twinkit.query.eval;

import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.PropertySection;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinTime;
import io.twinkit.core.X509Thumbprint;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.ast.QueryPath;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A compiled path: an accessor that reads the start of the path straight from the {@link TwinDocument} model, and the
 * remaining segments, walked through JSON objects. A path that leaves the objects (or never started) is undefined;
 * arrays are never indexed.
 *
 * <p>A path resolves to what it addresses in {@link TwinDocument#toJson()}, with two exceptions where the model does not
 * remember whether a member was present: {@code parentScopes} and {@code configurations} count as absent when empty,
 * and a section equal to {@link PropertySection#empty()} counts as absent.
 */
final class PathNode extends Node.ValueNode {

    /** Reads the value a path starts from. */
    @FunctionalInterface
    interface Accessor {
        @Nullable JsonValue get(TwinDocument twin);
    }

    private static final String[] NO_SEGMENTS = new String[0];

    private final Accessor accessor;
    private final String[] rest;

    private PathNode(Accessor accessor, String[] rest) {
        this.accessor = accessor;
        this.rest = rest;
    }

    /** Compiles {@code path}. */
    static PathNode of(QueryPath path) {
        List<String> segments = path.segments();
        String root = segments.get(0);
        String[] rest = segments.subList(1, segments.size()).toArray(NO_SEGMENTS);
        if (root.equals("properties") && rest.length >= 1
                && (rest[0].equals("desired") || rest[0].equals("reported"))) {
            boolean desired = rest[0].equals("desired");
            if (rest.length == 1) {
                return new PathNode(desired ? t -> section(t.desired()) : t -> section(t.reported()), NO_SEGMENTS);
            }
            // $version and $metadata cannot be path segments, so below a section only user properties are reachable
            Accessor properties = desired ? t -> t.desired().properties().toJson()
                    : t -> t.reported().properties().toJson();
            return new PathNode(properties, Arrays.copyOfRange(rest, 1, rest.length));
        }
        if (root.equals("capabilities") && rest.length >= 1 && rest[0].equals("iotEdge")) {
            return new PathNode(t -> t.capabilities().map(c -> JsonBoolean.of(c.iotEdge())).orElse(null),
                    Arrays.copyOfRange(rest, 1, rest.length));
        }
        return new PathNode(root(root), rest);
    }

    @Override
    @Nullable JsonValue value(TwinDocument twin) {
        JsonValue value = accessor.get(twin);
        for (String segment : rest) {
            if (!(value instanceof JsonObject object)) {
                return null;
            }
            value = object.valueOrNull(segment);
        }
        return value;
    }

    private static Accessor root(String name) {
        return switch (name) {
            case "deviceId" -> t -> JsonString.of(t.deviceId().value());
            case "moduleId" -> t -> t.moduleId().map(id -> (JsonValue) JsonString.of(id.value())).orElse(null);
            case "etag" -> t -> t.etag().map(e -> (JsonValue) JsonString.of(e.value())).orElse(null);
            case "deviceEtag" -> t -> t.deviceEtag().map(e -> (JsonValue) JsonString.of(e.value())).orElse(null);
            case "version" -> t -> number(t.version());
            case "status" -> t -> t.status().map(s -> (JsonValue) JsonString.of(s.wireName())).orElse(null);
            case "statusReason" -> t -> t.statusReason().map(s -> (JsonValue) JsonString.of(s)).orElse(null);
            case "statusUpdateTime" -> t -> time(t.statusUpdateTime().orElse(null));
            case "connectionState" -> t -> t.connectionState().map(s -> (JsonValue) JsonString.of(s.wireName()))
                    .orElse(null);
            case "lastActivityTime" -> t -> time(t.lastActivityTime().orElse(null));
            case "cloudToDeviceMessageCount" -> t -> number(t.cloudToDeviceMessageCount());
            case "authenticationType" -> t -> t.authenticationType().map(a -> (JsonValue) JsonString.of(a.wireName()))
                    .orElse(null);
            case "x509Thumbprint" -> t -> t.x509Thumbprint().map(PathNode::thumbprint).orElse(null);
            case "modelId" -> t -> t.modelId().map(s -> (JsonValue) JsonString.of(s)).orElse(null);
            case "capabilities" -> t -> t.capabilities()
                    .map(c -> (JsonValue) JsonObject.of("iotEdge", JsonBoolean.of(c.iotEdge()))).orElse(null);
            case "deviceScope" -> t -> t.deviceScope().map(s -> (JsonValue) JsonString.of(s)).orElse(null);
            case "parentScopes" -> t -> parentScopes(t.parentScopes());
            case "configurations" -> t -> configurations(t.configurations());
            case "tags" -> t -> t.hasTags() ? t.tags().toJson() : null;
            case "properties" -> PathNode::properties;
            default -> t -> t.extraFields().get(name);
        };
    }

    private static @Nullable JsonValue number(OptionalLong value) {
        return value.isPresent() ? JsonNumber.of(value.getAsLong()) : null;
    }

    private static @Nullable JsonValue number(OptionalInt value) {
        return value.isPresent() ? JsonNumber.of(value.getAsInt()) : null;
    }

    private static @Nullable JsonValue time(@Nullable Instant instant) {
        return instant == null ? null : JsonString.of(TwinTime.format(instant));
    }

    private static JsonValue thumbprint(X509Thumbprint thumbprint) {
        return JsonObject.of("primaryThumbprint", orNull(thumbprint.primary()),
                "secondaryThumbprint", orNull(thumbprint.secondary()));
    }

    private static JsonValue orNull(@Nullable String text) {
        return text == null ? JsonNull.INSTANCE : JsonString.of(text);
    }

    private static @Nullable JsonValue parentScopes(List<String> scopes) {
        if (scopes.isEmpty()) {
            return null;
        }
        JsonArray.Builder array = JsonArray.builder();
        scopes.forEach(array::add);
        return array.build();
    }

    private static @Nullable JsonValue configurations(Map<String, ConfigurationStatus> configurations) {
        if (configurations.isEmpty()) {
            return null;
        }
        JsonObject.Builder object = JsonObject.builder(configurations.size());
        configurations.forEach((id, status) -> object.put(id, JsonObject.of("status", JsonString.of(status.wireName()))));
        return object.build();
    }

    private static @Nullable JsonValue section(PropertySection section) {
        // the twin returns this shared instance when it has no such section
        return section == PropertySection.empty() ? null : section.toJson();
    }

    private static @Nullable JsonValue properties(TwinDocument twin) {
        JsonValue desired = section(twin.desired());
        JsonValue reported = section(twin.reported());
        if (desired == null && reported == null) {
            return null;
        }
        JsonObject.Builder properties = JsonObject.builder(2);
        if (desired != null) {
            properties.put("desired", desired);
        }
        if (reported != null) {
            properties.put("reported", reported);
        }
        return properties.build();
    }
}
