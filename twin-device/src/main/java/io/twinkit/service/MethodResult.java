package io.twinkit.service;

import io.twinkit.core.TwinMappingException;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A device's answer to a direct method call, as the back end receives it: the status the device chose (200 for
 * success by convention; the device's handler decides, e.g. 404 or 501 for a method it does not know) and its JSON
 * payload. Errors of the hub itself (the device not online, no answer in time) are exceptions, not results.
 *
 * @param status the device's status
 * @param payload the device's payload, {@link io.twinkit.core.json.JsonNull} when it sent none
 */
public record MethodResult(int status, JsonValue payload) {

    /**
     * Creates a result.
     *
     * @throws NullPointerException if the payload is null
     */
    public MethodResult {
        Objects.requireNonNull(payload, "payload");
    }

    /** Returns whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status <= 299;
    }

    /**
     * Returns the payload mapped to a type through {@link TwinJson#standard()}.
     *
     * @param type a record, POJO, map, list or simple type
     * @param <T> the type
     * @return the payload as that type; {@code null} for a JSON {@code null} payload and a reference type
     * @throws TwinMappingException if the payload does not map to the type
     */
    public <T> @Nullable T payloadAs(Class<T> type) {
        return TwinJson.standard().fromJsonValue(payload, Objects.requireNonNull(type, "type"));
    }
}
