package io.twinkit.emulator.internal.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** Builds the responses of the service API: JSON bodies, empty bodies and the service's error bodies. */
final class ServiceResponses {

    static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    /** The header that names the error code of an error response, e.g. {@code DeviceNotFound}. */
    static final String ERROR_CODE_HEADER = "iothub-errorcode";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ServiceResponses() {
    }

    /** Returns a response with a JSON body. */
    static FullHttpResponse json(HttpResponseStatus status, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON_CONTENT_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    /** Returns a response without a body. */
    static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    /** Returns a fresh tracking id for an error body and the log line that goes with it. */
    static String newTrackingId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Returns an error response in the shape IoT Hub gives twin and registry errors, which the SDKs parse:
     * {@code {"Message":"ErrorCode:DeviceNotFound;<text>","ExceptionMessage":"Tracking ID:<id>-G:0-TimeStamp:
     * <MM/dd/yyyy HH:mm:ss>"}} with the header {@code iothub-errorcode: DeviceNotFound} (the gateway part {@code G:}
     * is always 0). The Node SDK reads the name between {@code ErrorCode:} and the first {@code ;} (a 404 is its
     * {@code DeviceNotFoundError} only with that name) and the text up to the next {@code ;}, so a {@code ;} in the
     * text is written as {@code ,}; the C# SDK takes the code only when body and header name the same one; the Java
     * SDK parses no name and keeps the HTTP status as its error code, as against the real hub. A code without a name
     * in {@link IotHubErrorCode} (the wire emulator's own 400, 404 and 405 for malformed requests and unknown routes)
     * is named by its status ({@code NotFound}).
     */
    static FullHttpResponse error(int status, int errorCode, String message, String trackingId, Instant now) {
        HttpResponseStatus httpStatus = HttpResponseStatus.valueOf(status);
        String name = errorName(httpStatus, errorCode);
        JsonObject body = JsonObject.builder(2)
                .put("Message", JsonString.of("ErrorCode:" + name + ";" + message.replace(';', ',')))
                .put("ExceptionMessage", JsonString.of("Tracking ID:" + trackingId + "-G:0-TimeStamp:"
                        + TIMESTAMP.format(now)))
                .build();
        FullHttpResponse response = json(httpStatus, body.toJsonBytes());
        response.headers().set(ERROR_CODE_HEADER, name);
        return response;
    }

    /**
     * Returns an error response in the shape IoT Hub gives direct method errors: the twin and registry shape whose
     * {@code Message} is itself a JSON object, {@code {"Message":"{\"errorCode\":404103,\"trackingId\":\"<id>-G:0-
     * TimeStamp:<MM/dd/yyyy HH:mm:ss>\",\"message\":\"<text>\",\"info\":{..},\"timestampUtc\":\"<ISO-8601>\"}",
     * "ExceptionMessage":""}}, with the header {@code iothub-errorcode}. The Java service SDK reads the numeric
     * {@code errorCode} from it (its {@code getErrorCode()} is then 404103, not the status), as from the real hub.
     */
    static FullHttpResponse nestedError(int status, int errorCode, String message, JsonObject info, String trackingId,
                                        Instant now) {
        HttpResponseStatus httpStatus = HttpResponseStatus.valueOf(status);
        JsonObject inner = JsonObject.builder(5)
                .put("errorCode", JsonNumber.of(errorCode))
                .put("trackingId", JsonString.of(trackingId + "-G:0-TimeStamp:" + TIMESTAMP.format(now)))
                .put("message", JsonString.of(message))
                .put("info", info)
                .put("timestampUtc", JsonString.of(TwinTime.format(now)))
                .build();
        JsonObject body = JsonObject.builder(2)
                .put("Message", JsonString.of(inner.toString()))
                .put("ExceptionMessage", JsonString.of(""))
                .build();
        FullHttpResponse response = json(httpStatus, body.toJsonBytes());
        response.headers().set(ERROR_CODE_HEADER, errorName(httpStatus, errorCode));
        return response;
    }

    /** Returns the service's name of {@code errorCode}, or for a bare status its reason phrase without spaces. */
    static String errorName(HttpResponseStatus status, int errorCode) {
        return IotHubErrorCode.fromCode(errorCode).map(IotHubErrorCode::errorName)
                .orElseGet(() -> status.reasonPhrase().replace(" ", ""));
    }
}
