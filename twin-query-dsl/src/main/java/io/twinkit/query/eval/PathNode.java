package io.twinkit.query.eval;

import io.twinkit.core.AuthenticationType;
import io.twinkit.core.Capabilities;
import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.ETag;
import io.twinkit.core.ModuleId;
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
import io.twinkit.query.QueryPath;
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
 * <p>A path resolves to exactly what it addresses in {@link TwinDocument#toJson()}.
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
        List<String> segments = path.twinPath().segments();
        String root = segments.get(0);
        String[] rest = segments.subList(1, segments.size()).toArray(NO_SEGMENTS);
        if (root.equals("properties") && rest.length >= 1
                && (rest[0].equals("desired") || rest[0].equals("reported"))) {
            boolean desired = rest[0].equals("desired");
            if (rest.length == 1) {
                return new PathNode(desired ? t -> t.hasDesired() ? t.desired().toJson() : null
                        : t -> t.hasReported() ? t.reported().toJson() : null, NO_SEGMENTS);
            }
            // $version and $metadata cannot be path segments, so below a section only user properties are reachable
            Accessor properties = desired ? t -> t.desired().properties().toJson()
                    : t -> t.reported().properties().toJson();
            return new PathNode(properties, Arrays.copyOfRange(rest, 1, rest.length));
        }
        if (root.equals("capabilities") && rest.length >= 1 && rest[0].equals("iotEdge")) {
            Accessor iotEdge = t -> {
                Capabilities capabilities = t.capabilities().orElse(null);
                return capabilities == null ? null : JsonBoolean.of(capabilities.iotEdge());
            };
            return new PathNode(iotEdge, Arrays.copyOfRange(rest, 1, rest.length));
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
        // orElse(null) rather than map(...): the getters' Optionals are inlined away, a mapped one may not be
        return switch (name) {
            case "deviceId" -> t -> JsonString.of(t.deviceId().value());
            case "moduleId" -> t -> {
                ModuleId id = t.moduleId().orElse(null);
                return id == null ? null : JsonString.of(id.value());
            };
            case "etag" -> t -> etag(t.etag().orElse(null));
            case "deviceEtag" -> t -> etag(t.deviceEtag().orElse(null));
            case "version" -> t -> number(t.version());
            case "status" -> t -> {
                DeviceStatus status = t.status().orElse(null);
                return status == null ? null : JsonString.of(status.wireName());
            };
            case "statusReason" -> t -> string(t.statusReason().orElse(null));
            case "statusUpdateTime" -> t -> time(t.statusUpdateTime().orElse(null));
            case "connectionState" -> t -> {
                ConnectionState state = t.connectionState().orElse(null);
                return state == null ? null : JsonString.of(state.wireName());
            };
            case "lastActivityTime" -> t -> time(t.lastActivityTime().orElse(null));
            case "cloudToDeviceMessageCount" -> t -> number(t.cloudToDeviceMessageCount());
            case "authenticationType" -> t -> {
                AuthenticationType type = t.authenticationType().orElse(null);
                return type == null ? null : JsonString.of(type.wireName());
            };
            case "x509Thumbprint" -> t -> thumbprint(t.x509Thumbprint().orElse(null));
            case "modelId" -> t -> string(t.modelId().orElse(null));
            case "capabilities" -> t -> {
                Capabilities capabilities = t.capabilities().orElse(null);
                return capabilities == null ? null : JsonObject.of("iotEdge", JsonBoolean.of(capabilities.iotEdge()));
            };
            case "deviceScope" -> t -> string(t.deviceScope().orElse(null));
            case "parentScopes" -> t -> t.hasParentScopes() ? parentScopes(t.parentScopes()) : null;
            case "configurations" -> t -> t.hasConfigurations() ? configurations(t.configurations()) : null;
            case "tags" -> t -> t.hasTags() ? t.tags().toJson() : null;
            case "properties" -> PathNode::properties;
            default -> t -> t.extraFields().get(name);
        };
    }

    private static @Nullable JsonValue string(@Nullable String text) {
        return text == null ? null : JsonString.of(text);
    }

    private static @Nullable JsonValue etag(@Nullable ETag etag) {
        return etag == null ? null : JsonString.of(etag.value());
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

    private static @Nullable JsonValue thumbprint(@Nullable X509Thumbprint thumbprint) {
        if (thumbprint == null) {
            return null;
        }
        return JsonObject.of("primaryThumbprint", orNull(thumbprint.primary()),
                "secondaryThumbprint", orNull(thumbprint.secondary()));
    }

    private static JsonValue orNull(@Nullable String text) {
        return text == null ? JsonNull.INSTANCE : JsonString.of(text);
    }

    private static JsonValue parentScopes(List<String> scopes) {
        JsonArray.Builder array = JsonArray.builder();
        scopes.forEach(array::add);
        return array.build();
    }

    private static JsonValue configurations(Map<String, ConfigurationStatus> configurations) {
        JsonObject.Builder object = JsonObject.builder(configurations.size());
        configurations.forEach((id, status) -> object.put(id, JsonObject.of("status", JsonString.of(status.wireName()))));
        return object.build();
    }

    private static @Nullable JsonValue properties(TwinDocument twin) {
        JsonValue desired = twin.hasDesired() ? twin.desired().toJson() : null;
        JsonValue reported = twin.hasReported() ? twin.reported().toJson() : null;
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
