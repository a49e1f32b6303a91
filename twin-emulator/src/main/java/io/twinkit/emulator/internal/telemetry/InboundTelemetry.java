package io.twinkit.emulator.internal.telemetry;

import io.twinkit.core.TwinKey;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A telemetry message as a front end received it, before the hub enqueues it: the sender, what the device set and the
 * body; the journal adds the sequence number, the enqueued time and the properties the hub stamps.
 *
 * @param source the device or module whose connection sent the message
 * @param systemProperties the system properties the device set, by their service names ({@code message-id}, …)
 * @param applicationProperties the application properties, decoded, in the order sent
 * @param body the body
 * @param generationId the generation id of the connection's identity, or {@code null} if it has none
 * @param modelId the model id the device announced when it connected, or {@code null}
 */
public record InboundTelemetry(TwinKey source, Map<String, String> systemProperties,
                               Map<String, String> applicationProperties, byte[] body,
                               @Nullable String generationId, @Nullable String modelId) {

    /** Checks that no value is missing; the maps are not copied (the journal copies them into the message). */
    public InboundTelemetry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(systemProperties, "systemProperties");
        Objects.requireNonNull(applicationProperties, "applicationProperties");
        Objects.requireNonNull(body, "body");
    }
}
