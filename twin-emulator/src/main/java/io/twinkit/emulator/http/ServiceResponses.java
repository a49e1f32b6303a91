package io.twinkit.emulator.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.twinkit.core.TwinTime;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import java.time.Instant;
import java.util.UUID;

/** Builds the responses of the service API: JSON bodies, empty bodies and the service's error bodies. */
final class ServiceResponses {

    static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

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
     * Returns an error response in the service's format:
     * {@code {"errorCode":400004,"trackingId":"…","message":"…","timestampUtc":"…"}}.
     */
    static FullHttpResponse error(int status, int errorCode, String message, String trackingId, Instant now) {
        JsonObject body = JsonObject.builder(4)
                .put("errorCode", JsonNumber.of(errorCode))
                .put("trackingId", JsonString.of(trackingId))
                .put("message", JsonString.of(message))
                .put("timestampUtc", JsonString.of(TwinTime.format(now)))
                .build();
        return json(HttpResponseStatus.valueOf(status), TwinJson.standard().writeValueAsBytes(body));
    }
}
