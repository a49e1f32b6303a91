package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.twinkit.core.error.IotHubErrorCode;
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
        return JsonValue.parse(body);
    }

    /** Returns the body parsed as a JSON object. */
    public JsonObject object() {
        return JsonValue.parseObject(body);
    }

    /**
     * Asserts that this is a service error in the shape IoT Hub gives twin and registry errors, with {@code status}
     * and the name of {@code errorCode} (its {@link IotHubErrorCode#errorName()}, or for the emulator's bare
     * statuses the reason phrase without spaces) in the {@code Message} and the {@code iothub-errorcode} header, and
     * returns the text of the message.
     */
    public String assertError(int expectedStatus, int errorCode) {
        assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
        assertThat(headers.get("Content-Type")).startsWith("application/json");
        String name = IotHubErrorCode.fromCode(errorCode).map(IotHubErrorCode::errorName)
                .orElseGet(() -> HttpResponseStatus.valueOf(expectedStatus).reasonPhrase().replace(" ", ""));
        assertThat(headers.get("iothub-errorcode")).as("iothub-errorcode of %s", body).isEqualTo(name);
        JsonObject error = object();
        assertThat(error.keys()).containsExactlyInAnyOrder("Message", "ExceptionMessage");
        assertThat(error.get("ExceptionMessage").orElseThrow().asString())
                .matches("Tracking ID:[0-9a-f]{32}-G:0-TimeStamp:\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}");
        String full = error.get("Message").orElseThrow().asString();
        assertThat(full).startsWith("ErrorCode:" + name + ";");
        String message = full.substring(full.indexOf(';') + 1);
        assertThat(message).isNotBlank().doesNotContain(";").doesNotContain("\tat ").doesNotContain("Exception:");
        return message;
    }

    /** Returns the tracking id of an error response. */
    public String trackingId() {
        String exception = object().get("ExceptionMessage").orElseThrow().asString();
        return exception.substring("Tracking ID:".length(), exception.indexOf("-G:"));
    }
}
