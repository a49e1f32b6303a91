package io.twinkit.device;

import io.twinkit.core.TwinMappingException;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A device's answer to a direct method call: a status, which the back end reads as the call's result (200 for
 * success by convention; any three-digit number), and a JSON payload of at most {@value #MAX_PAYLOAD_BYTES} bytes
 * (IoT Hub's limit for method payloads).
 *
 * @param status the status, 100 to 999
 * @param payload the payload, {@link JsonNull} for none
 */
public record MethodResponse(int status, JsonValue payload) {

    /** The largest payload IoT Hub carries for a method, 128 KiB of JSON text. */
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;

    /**
     * Creates an answer.
     *
     * @throws IllegalArgumentException if the status is not 100 to 999
     * @throws NullPointerException if the payload is null
     */
    public MethodResponse {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("a method's status must have three digits, was " + status);
        }
        Objects.requireNonNull(payload, "payload");
    }

    /** Returns status 200 without a payload. */
    public static MethodResponse ok() {
        return new MethodResponse(200, JsonNull.INSTANCE);
    }

    /**
     * Returns status 200 with a payload mapped through {@link TwinJson#standard()}.
     *
     * @param payload a record, POJO, map, list, simple value or {@link JsonValue}; {@code null} for none
     * @return the answer
     * @throws TwinMappingException if the payload does not map to JSON
     */
    public static MethodResponse ok(@Nullable Object payload) {
        return of(200, payload);
    }

    /**
     * Returns an answer with a status and a payload mapped through {@link TwinJson#standard()}.
     *
     * @param status the status, 100 to 999
     * @param payload a record, POJO, map, list, simple value or {@link JsonValue}; {@code null} for none
     * @return the answer
     * @throws IllegalArgumentException if the status is not 100 to 999
     * @throws TwinMappingException if the payload does not map to JSON
     */
    public static MethodResponse of(int status, @Nullable Object payload) {
        return new MethodResponse(status, TwinJson.standard().toJsonValue(payload));
    }

    /**
     * Returns an answer with a status and the payload {@code {"message": message}}, the form of the answers the
     * connection gives itself (unknown method, failed or late handler).
     *
     * @param status the status, 100 to 999
     * @param message what happened
     * @return the answer
     * @throws IllegalArgumentException if the status is not 100 to 999
     */
    public static MethodResponse withMessage(int status, String message) {
        return new MethodResponse(status, JsonObject.of("message", JsonValue.of(Objects.requireNonNull(message,
                "message"))));
    }

    /** Returns whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status <= 299;
    }
}
