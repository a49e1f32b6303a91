package io.twinkit.emulator.internal.mqtt;

import io.twinkit.core.TwinTime;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/**
 * The service's error body, {@code {"errorCode":400004,"trackingId":"…","message":"…",
 * "timestampUtc":"…"}}, which the emulator also sends as the payload of an MQTT error response (IoT Hub's MQTT
 * documentation leaves that payload open).
 */
final class ErrorBody {

    private ErrorBody() {
    }

    /** Returns the UTF-8 JSON error body for {@code code} and {@code message}, stamped with {@code clock}. */
    static byte[] of(IotHubErrorCode code, String message, Clock clock) {
        JsonObject body = JsonObject.builder()
                .put("errorCode", code.code())
                .put("trackingId", UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT))
                .put("message", message)
                .put("timestampUtc", TwinTime.format(clock.instant()))
                .build();
        return body.toJsonBytes();
    }
}
