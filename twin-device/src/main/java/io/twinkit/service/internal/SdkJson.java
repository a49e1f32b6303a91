package io.twinkit.service.internal;

import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinCollection;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts between twinkit JSON and the service SDK's Gson-based {@link Twin}/{@link TwinCollection}.
 *
 * <p>Limits of going through the SDK type: integers beyond {@code long} travel as {@link java.math.BigInteger} and
 * decimals as {@link java.math.BigDecimal}, so their digits survive; {@code $metadata} timestamps come back truncated
 * to milliseconds by the SDK; {@code statusUpdateTime} and {@code configurations} are not read back (the SDK maps the
 * former under the wrong name and exposes the latter only as its own types).
 */
public final class SdkJson {

    private static final TwinJson JSON = TwinJson.standard();

    private SdkJson() {
    }

    /** Returns a TwinCollection holding {@code object}'s members; a JSON null member means "delete". */
    public static TwinCollection toCollection(JsonObject object) {
        TwinCollection collection = new TwinCollection();
        for (int i = 0; i < object.size(); i++) {
            collection.put(object.keyAt(i), toJava(object.valueAt(i)));
        }
        return collection;
    }

    static @Nullable Object toJava(JsonValue value) {
        if (value instanceof JsonObject object) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            for (int i = 0; i < object.size(); i++) {
                map.put(object.keyAt(i), toJava(object.valueAt(i)));
            }
            return map;
        }
        if (value instanceof JsonArray array) {
            List<@Nullable Object> list = new ArrayList<>();
            for (JsonValue element : array) {
                list.add(toJava(element));
            }
            return list;
        }
        if (value instanceof JsonString string) {
            return string.value();
        }
        if (value instanceof JsonBoolean bool) {
            return bool.value();
        }
        if (value instanceof JsonNumber number) {
            if (number.isIntegral()) {
                return number.fitsInLong() ? (Object) number.longValue() : number.bigDecimalValue().toBigInteger();
            }
            return number.bigDecimalValue();
        }
        return null;
    }

    /** Returns the twin the SDK parsed as a twinkit document, built from the SDK's getters and collections. */
    public static TwinDocument toDocument(Twin twin) {
        JsonObject.Builder json = JsonObject.builder();
        json.put("deviceId", JsonString.of(twin.getDeviceId()));
        putString(json, "moduleId", twin.getModuleId());
        putString(json, "etag", twin.getETag());
        if (twin.getVersion() != null) {
            json.put("version", JsonNumber.of(twin.getVersion()));
        }
        if (twin.getStatus() != null) {
            json.put("status", JsonString.of(twin.getStatus().name().toLowerCase(Locale.ROOT)));
        }
        putString(json, "connectionState", twin.getConnectionState());
        putString(json, "lastActivityTime", twin.getLastActivityTime());
        if (twin.getCloudToDeviceMessageCount() != null) {
            json.put("cloudToDeviceMessageCount", JsonNumber.of(twin.getCloudToDeviceMessageCount()));
        }
        putString(json, "modelId", twin.getModelId());
        putString(json, "deviceScope", twin.getDeviceScope());
        if (twin.getParentScopes() != null && !twin.getParentScopes().isEmpty()) {
            JsonArray.Builder scopes = JsonArray.builder();
            twin.getParentScopes().forEach(scope -> scopes.add(JsonString.of(scope)));
            json.put("parentScopes", scopes.build());
        }
        if (twin.getCapabilities() != null) {
            json.put("capabilities", JsonObject.builder()
                    .put("iotEdge", JsonBoolean.of(twin.getCapabilities().isIotEdge())).build());
        }
        json.put("tags", JsonValue.parseObject(twin.getTags().toJsonObject().toString()));
        json.put("properties", JsonObject.builder()
                .put("desired", section(twin.getDesiredProperties()))
                .put("reported", section(twin.getReportedProperties()))
                .build());
        return TwinDocument.fromJson(json.build());
    }

    private static JsonObject section(TwinCollection collection) {
        JsonObject parsed = JsonValue.parseObject(collection.toString());
        JsonValue metadata = parsed.valueOrNull("$metadata");
        if (metadata instanceof JsonObject object) {
            // the SDK re-emits absent metadata fields as null; the service never sends null there
            return parsed.with("$metadata", withoutNulls(object));
        }
        return parsed;
    }

    private static JsonObject withoutNulls(JsonObject object) {
        JsonObject.Builder builder = JsonObject.builder();
        for (int i = 0; i < object.size(); i++) {
            JsonValue value = object.valueAt(i);
            if (value instanceof JsonObject nested) {
                builder.put(object.keyAt(i), withoutNulls(nested));
            } else if (!(value instanceof JsonNull)) {
                builder.put(object.keyAt(i), value);
            }
        }
        return builder.build();
    }

    private static void putString(JsonObject.Builder json, String key, @Nullable String value) {
        if (value != null) {
            json.put(key, JsonString.of(value));
        }
    }
}
