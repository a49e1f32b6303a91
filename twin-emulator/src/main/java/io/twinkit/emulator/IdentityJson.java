package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import io.twinkit.core.AuthenticationType;
import io.twinkit.core.Capabilities;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.ETag;
import io.twinkit.core.InvalidIdException;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinTime;
import io.twinkit.core.X509Thumbprint;
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
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the service's REST {@code Device} / {@code Module} JSON of a {@link DeviceIdentity}
 * ({@link DeviceIdentity#fromJson} and {@link DeviceIdentity#toJson}). This is also the record format of the hub's
 * {@code IDENTITIES} storage namespace. It uses only the identity's public accessors and builder.
 */
final class IdentityJson {

    private IdentityJson() {
    }

    /** Returns the REST JSON of {@code i}, symmetric keys included ({@link DeviceIdentity#toJson()}). */
    static JsonObject write(DeviceIdentity i) {
        JsonObject.Builder out = JsonObject.builder(20);
        out.put("deviceId", i.deviceId().value());
        if (i.key().moduleId() != null) {
            out.put("moduleId", i.key().moduleId().value());
            out.put("managedBy", nullable(i.managedBy().orElse(null)));
        }
        i.generationId().ifPresent(id -> out.put("generationId", id));
        i.etag().ifPresent(etag -> out.put("etag", etag.value()));
        out.put("connectionState", i.connectionState().wireName());
        out.put("status", i.status().wireName());
        out.put("statusReason", nullable(i.statusReason().orElse(null)));
        out.put("connectionStateUpdatedTime", TwinTime.format(i.connectionStateUpdatedTime()));
        out.put("statusUpdatedTime", TwinTime.format(i.statusUpdatedTime()));
        out.put("lastActivityTime", TwinTime.format(i.lastActivityTime()));
        out.put("cloudToDeviceMessageCount", i.cloudToDeviceMessageCount());
        DeviceAuthentication auth = i.authentication();
        SymmetricKey keys = auth.symmetricKey();
        out.put("authentication", JsonObject.of(
                "symmetricKey", JsonObject.of(
                        "primaryKey", nullable(keys == null ? null : keys.primaryKey()),
                        "secondaryKey", nullable(keys == null ? null : keys.secondaryKey())),
                "x509Thumbprint", JsonObject.of(
                        "primaryThumbprint", nullable(auth.x509Thumbprint().primary()),
                        "secondaryThumbprint", nullable(auth.x509Thumbprint().secondary())),
                "type", JsonString.of(auth.type().wireName())));
        i.capabilities().ifPresent(c -> out.put("capabilities",
                JsonObject.of("iotEdge", JsonBoolean.of(c.iotEdge()))));
        i.deviceScope().ifPresent(scope -> out.put("deviceScope", scope));
        if (!i.parentScopes().isEmpty()) {
            JsonArray.Builder scopes = JsonArray.builder();
            i.parentScopes().forEach(scopes::add);
            out.put("parentScopes", scopes.build());
        }
        if (!i.modelId().isEmpty()) {
            out.put("modelId", i.modelId());
        }
        return out.build();
    }

    /**
     * Reads an identity from REST JSON ({@link DeviceIdentity#fromJson(JsonObject)}).
     *
     * @throws io.twinkit.core.error.TwinJsonException if {@code deviceId} is missing or a member has the wrong type or
     *     value, naming its path
     */
    static DeviceIdentity read(JsonObject json) {
        DeviceId deviceId = convert("deviceId", requiredString(json, "deviceId"), DeviceId::of);
        String moduleText = optionalString(json, "moduleId");
        TwinKey key = moduleText == null || moduleText.isEmpty() ? TwinKey.device(deviceId)
                : TwinKey.module(deviceId, convert("moduleId", moduleText, ModuleId::of));
        DeviceIdentity.Builder b = DeviceIdentity.builder(key);
        b.generationId(optionalString(json, "generationId"));
        String etag = optionalString(json, "etag");
        b.etag(etag == null ? null : convert("etag", etag, ETag::of));
        String status = optionalString(json, "status");
        if (status != null) {
            b.status(convert("status", status, DeviceStatus::fromWireName));
        }
        b.statusReason(optionalString(json, "statusReason"));
        Instant time = optionalInstant(json, "statusUpdatedTime");
        if (time != null) {
            b.statusUpdatedTime(time);
        }
        String connection = optionalString(json, "connectionState");
        if (connection != null) {
            b.connectionState(convert("connectionState", connection, ConnectionState::fromWireName));
        }
        time = optionalInstant(json, "connectionStateUpdatedTime");
        if (time != null) {
            b.connectionStateUpdatedTime(time);
        }
        time = optionalInstant(json, "lastActivityTime");
        if (time != null) {
            b.lastActivityTime(time);
        }
        JsonValue count = present(json, "cloudToDeviceMessageCount");
        if (count != null) {
            if (!(count instanceof JsonNumber number) || !number.isIntegral() || !number.fitsInLong()
                    || number.longValue() < 0 || number.longValue() > Integer.MAX_VALUE) {
                throw new TwinJsonException("expected a non-negative int but found " + count,
                        "cloudToDeviceMessageCount");
            }
            b.cloudToDeviceMessageCount((int) number.longValue());
        }
        JsonObject auth = optionalObject(json, "authentication", "authentication");
        if (auth != null) {
            b.authentication(authentication(auth));
        }
        JsonObject capabilities = optionalObject(json, "capabilities", "capabilities");
        if (capabilities != null && !key.isModule()) {
            JsonValue edge = present(capabilities, "iotEdge");
            if (edge != null && !(edge instanceof JsonBoolean)) {
                throw new TwinJsonException("iotEdge must be a boolean but is " + edge.type(), "capabilities.iotEdge");
            }
            b.capabilities(new Capabilities(edge != null && edge.asBoolean()));
        }
        if (key.isModule()) {
            b.managedBy(optionalString(json, "managedBy"));
        }
        b.deviceScope(optionalString(json, "deviceScope"));
        JsonValue scopes = present(json, "parentScopes");
        if (scopes != null) {
            if (!(scopes instanceof JsonArray array)) {
                throw new TwinJsonException("expected an array of strings but found " + scopes.type(), "parentScopes");
            }
            List<String> list = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonValue scope = array.get(i);
                if (!(scope instanceof JsonString text)) {
                    throw new TwinJsonException("expected a string but found " + scope.type(), "parentScopes." + i);
                }
                list.add(text.value());
            }
            b.parentScopes(list);
        }
        String modelId = optionalString(json, "modelId");
        b.modelId(modelId == null ? "" : modelId);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new TwinJsonException(String.valueOf(e.getMessage()), "");
        }
    }

    private static DeviceAuthentication authentication(JsonObject auth) {
        String typeText = optionalString(auth, "type", "authentication.type");
        AuthenticationType type = typeText == null ? AuthenticationType.SAS
                : convert("authentication.type", typeText, AuthenticationType::fromWireName);
        SymmetricKey keys = null;
        JsonObject symmetric = optionalObject(auth, "symmetricKey", "authentication.symmetricKey");
        if (symmetric != null) {
            String primary = optionalString(symmetric, "primaryKey", "authentication.symmetricKey.primaryKey");
            String secondary = optionalString(symmetric, "secondaryKey", "authentication.symmetricKey.secondaryKey");
            // empty keys ask the hub to generate both, as null ones do: the Node SDK sends
            // {"primaryKey":"","secondaryKey":""} for a SAS identity created without keys
            if (primary != null && primary.isEmpty() && (secondary == null || secondary.isEmpty())
                    || secondary != null && secondary.isEmpty() && primary == null) {
                primary = null;
                secondary = null;
            }
            if (primary != null || secondary != null) {
                if (primary == null || secondary == null) {
                    throw new TwinJsonException("give both keys or neither", "authentication.symmetricKey");
                }
                try {
                    keys = new SymmetricKey(primary, secondary);
                } catch (IllegalArgumentException e) {
                    throw new TwinJsonException(String.valueOf(e.getMessage()), "authentication.symmetricKey");
                }
            }
        }
        X509Thumbprint thumbprint = X509Thumbprint.none();
        JsonObject x509 = optionalObject(auth, "x509Thumbprint", "authentication.x509Thumbprint");
        if (x509 != null) {
            thumbprint = new X509Thumbprint(
                    optionalString(x509, "primaryThumbprint", "authentication.x509Thumbprint.primaryThumbprint"),
                    optionalString(x509, "secondaryThumbprint", "authentication.x509Thumbprint.secondaryThumbprint"));
        }
        try {
            return new DeviceAuthentication(type, keys, thumbprint);
        } catch (IllegalArgumentException e) {
            throw new TwinJsonException(String.valueOf(e.getMessage()), "authentication");
        }
    }

    private static JsonValue nullable(@Nullable String text) {
        return text == null ? JsonNull.INSTANCE : JsonString.of(text);
    }

    private static @Nullable JsonValue present(JsonObject json, String key) {
        JsonValue value = json.valueOrNull(key);
        return value == null || value.isNull() ? null : value;
    }

    private static String requiredString(JsonObject json, String key) {
        String text = optionalString(json, key);
        if (text == null) {
            throw new TwinJsonException("an identity must have a " + key, key);
        }
        return text;
    }

    private static @Nullable String optionalString(JsonObject json, String key) {
        return optionalString(json, key, key);
    }

    private static @Nullable String optionalString(JsonObject json, String key, String path) {
        JsonValue value = present(json, key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.value();
        }
        throw new TwinJsonException("expected a string but found " + value.type(), path);
    }

    private static @Nullable JsonObject optionalObject(JsonObject json, String key, String path) {
        JsonValue value = present(json, key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new TwinJsonException("expected an object but found " + value.type(), path);
    }

    private static @Nullable Instant optionalInstant(JsonObject json, String key) {
        String text = optionalString(json, key);
        if (text == null) {
            return null;
        }
        try {
            return TwinTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new TwinJsonException("expected an ISO-8601 timestamp but found '" + text + "'", key);
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
