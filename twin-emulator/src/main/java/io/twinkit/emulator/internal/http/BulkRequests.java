package io.twinkit.emulator.internal.http;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.BulkOperation;
import io.twinkit.emulator.BulkResult;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.ImportMode;
import io.twinkit.core.TwinKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The wire form of the service's bulk registry request, {@code POST /devices}: a JSON array of at most 100
 * {@code ExportImportDevice} items ({@code id}, {@code moduleId}, {@code importMode}, {@code eTag}, {@code status},
 * {@code statusReason}, {@code authentication}, {@code capabilities}, {@code deviceScope}, {@code parentScopes},
 * {@code twinETag}, {@code tags}, {@code properties.desired}), answered with a {@code BulkRegistryOperationResult}.
 *
 * <p>A request that cannot be carried out as a whole (not an array, no items or more than 100, an item that is not
 * an object or names no id, an unknown import mode, a device or module named twice, a member of the wrong type) is
 * refused with a 400 error body naming the item, and nothing changes. Item failures of the registry itself (an
 * existing device, a missing one, an etag that does not match) are reported per item.
 */
final class BulkRequests {

    private static final TwinJson JSON = TwinJson.standard();

    /** Members of an item that describe the identity, passed on to the REST identity reader under the same name. */
    private static final List<String> IDENTITY_MEMBERS = List.of("status", "statusReason", "authentication",
            "capabilities", "deviceScope", "parentScopes");

    private BulkRequests() {
    }

    /**
     * Reads the items of a request body.
     *
     * @throws TwinException (400) if the request cannot be carried out as a whole; the message names the item
     */
    static List<BulkOperation> parse(byte[] body) {
        JsonValue value = JsonValue.parse(body);
        if (!(value instanceof JsonArray items)) {
            throw new TwinJsonException("a bulk registry request is a JSON array of ExportImportDevice items, e.g."
                    + " [{\"id\":\"d1\",\"importMode\":\"create\"}], not " + value.type(), "");
        }
        if (items.size() == 0 || items.size() > BulkOperation.MAX_ITEMS) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "a bulk registry request takes 1 to "
                    + BulkOperation.MAX_ITEMS + " devices or modules, not " + items.size()
                    + "; split it, or use an import job for more");
        }
        List<BulkOperation> operations = new ArrayList<>(items.size());
        Set<TwinKey> keys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            BulkOperation operation = item(items.get(i), i);
            if (!keys.add(operation.key())) {
                throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "item " + i + " names " + what(operation.key())
                        + " again; a bulk registry request names each device or module once");
            }
            operations.add(operation);
        }
        return operations;
    }

    private static BulkOperation item(JsonValue value, int index) {
        if (!(value instanceof JsonObject item)) {
            throw new TwinJsonException("item " + index + " of the bulk registry request must be an object but is "
                    + value.type(), "[" + index + "]");
        }
        String id = string(item, "id", index);
        if (id == null || id.isEmpty()) {
            throw new TwinJsonException("item " + index + " of the bulk registry request has no device id", "["
                    + index + "].id");
        }
        String mode = string(item, "importMode", index);
        if (mode == null) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "item " + index + " (id '" + id + "') has no"
                    + " importMode; use one of " + modes());
        }
        ImportMode importMode;
        try {
            importMode = ImportMode.fromWireName(mode);
        } catch (IllegalArgumentException e) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "item " + index + " (id '" + id + "'): "
                    + e.getMessage());
        }
        JsonObject.Builder identity = JsonObject.builder(8).put("deviceId", id);
        String moduleId = string(item, "moduleId", index);
        if (moduleId != null && !moduleId.isEmpty()) {
            identity.put("moduleId", moduleId);
        }
        for (String member : IDENTITY_MEMBERS) {
            JsonValue given = item.valueOrNull(member);
            if (given != null) {
                identity.put(member, given);
            }
        }
        DeviceIdentity parsed;
        try {
            parsed = DeviceIdentity.fromJson(identity.build());
        } catch (TwinException e) {
            throw new TwinException(e.errorCode(), "item " + index + " (id '" + id + "') of the bulk registry"
                    + " request: " + e.getMessage());
        }
        JsonObject properties = object(item, "properties", index);
        JsonObject desired = properties == null ? null : object(properties, "desired", index);
        JsonObject reported = properties == null ? null : object(properties, "reported", index);
        if (reported != null && !reported.isEmpty()) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "item " + index + " (id '" + id + "') sets"
                    + " reported properties; only the device reports them (at '[" + index + "].properties.reported')");
        }
        return new BulkOperation(importMode, parsed, string(item, "eTag", index), string(item, "twinETag", index),
                object(item, "tags", index), desired);
    }

    /** Returns the service's {@code BulkRegistryOperationResult} of {@code result}. */
    static byte[] write(BulkResult result) {
        JsonArray.Builder errors = JsonArray.builder();
        for (BulkResult.ItemError error : result.errors()) {
            JsonObject.Builder out = JsonObject.builder(5).put("deviceId", error.key().deviceId().value());
            if (error.key().moduleId() != null) {
                out.put("moduleId", error.key().moduleId().value());
            }
            errors.add(out.put("operation", error.mode().wireName())
                    .put("errorCode", errorName(error.code()))
                    .put("errorStatus", error.message())
                    .build());
        }
        return JsonObject.of(
                "isSuccessful", JsonBoolean.of(result.isSuccessful()),
                "errors", errors.build(),
                "warnings", JsonArray.builder().build()).toJsonBytes();
    }

    /** Returns the service's name of an error code, e.g. {@code DeviceAlreadyExists} for 409001. */
    static String errorName(IotHubErrorCode code) {
        StringBuilder name = new StringBuilder();
        for (String word : code.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static String what(TwinKey key) {
        return key.moduleId() == null ? "device '" + key.deviceId() + "'"
                : "module '" + key.moduleId() + "' of device '" + key.deviceId() + "'";
    }

    private static List<String> modes() {
        return java.util.Arrays.stream(ImportMode.values()).map(ImportMode::wireName).toList();
    }

    private static @Nullable String string(JsonObject item, String member, int index) {
        JsonValue value = item.valueOrNull(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.value();
        }
        throw new TwinJsonException("expected a string but found " + value.type(), "[" + index + "]." + member);
    }

    private static @Nullable JsonObject object(JsonObject item, String member, int index) {
        JsonValue value = item.valueOrNull(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new TwinJsonException("expected an object but found " + value.type(), "[" + index + "]." + member);
    }
}
