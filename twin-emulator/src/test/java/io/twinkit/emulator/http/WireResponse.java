package io.twinkit.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.twinkit.core.TwinTime;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * A response as a client saw it: status, headers, body text.
 *
 * @param status the status code
 * @param headers the headers, names case-insensitive
 * @param body the body as UTF-8 text
 */
public record WireResponse(int status, HttpHeaders headers, String body) {

    static WireResponse of(FullHttpResponse response) {
        return new WireResponse(response.status().code(), response.headers().copy(),
                response.content().toString(StandardCharsets.UTF_8));
    }

    /** Returns the body parsed as JSON. */
    public JsonValue json() {
        return TwinJson.standard().readValue(body);
    }

    /** Returns the body parsed as a JSON object. */
    public JsonObject object() {
        return TwinJson.standard().readObject(body);
    }

    /**
     * Asserts that this is a service error body with {@code status} and {@code errorCode} and the members the
     * service sends, and returns its message.
     */
    public String assertError(int expectedStatus, int errorCode) {
        assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
        assertThat(headers.get("Content-Type")).startsWith("application/json");
        JsonObject error = object();
        assertThat(error.keys()).containsExactlyInAnyOrder("errorCode", "trackingId", "message", "timestampUtc");
        assertThat(error.get("errorCode").orElseThrow().asNumber().longValue()).isEqualTo(errorCode);
        assertThat(error.get("trackingId").orElseThrow().asString()).isNotBlank();
        TwinTime.parse(error.get("timestampUtc").orElseThrow().asString());
        String message = error.get("message").orElseThrow().asString();
        assertThat(message).isNotBlank().doesNotContain("\tat ").doesNotContain("Exception:");
        return message;
    }
}
