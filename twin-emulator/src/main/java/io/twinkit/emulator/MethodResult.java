package io.twinkit.emulator;

import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.util.Objects;

/**
 * A device's answer to a direct method: the status and payload it chose, which the service hands back unchanged as
 * the body of a successful {@code POST /twins/{id}/methods}, {@code {"status":200,"payload":{..}}} ({@link #toJson()}).
 * The status is the device's own (any integer, not an HTTP status of the hub); a device that answered without a body
 * has the payload {@code null}.
 *
 * @param status the status the device answered with
 * @param payload the payload the device answered with, any JSON value
 */
public record MethodResult(int status, JsonValue payload) {

    /** Creates a result. */
    public MethodResult {
        Objects.requireNonNull(payload, "payload");
    }

    /** Returns a result with {@code status} and no payload (the JSON {@code null}). */
    public static MethodResult of(int status) {
        return new MethodResult(status, JsonNull.INSTANCE);
    }

    /** Returns the service's JSON form, {@code {"status":200,"payload":{..}}}. */
    public JsonObject toJson() {
        return JsonObject.builder(2).put("status", JsonNumber.of(status)).put("payload", payload).build();
    }
}
