package io.twinkit.device;

import io.twinkit.core.TwinMappingException;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A direct method call as the device receives it.
 *
 * @param name the method's name, as the back end invoked it (case-sensitive)
 * @param payload the call's payload: any JSON value, {@code null} ({@link io.twinkit.core.json.JsonNull}) when the
 *     back end sent none
 */
public record MethodRequest(String name, JsonValue payload) {

    /**
     * Creates a request.
     *
     * @throws NullPointerException if an argument is null
     */
    public MethodRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payload, "payload");
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
