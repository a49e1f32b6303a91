package io.twinkit.service.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodRequestOptions;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodsClient;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodsClientOptions;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import java.util.Objects;

/**
 * The service SDK's {@link DirectMethodsClient} behind twinkit JSON: {@code POST /twins/{id}[/modules/{mid}]/methods}.
 * The payload goes to the SDK as a Gson tree parsed from twinkit's JSON text, and the answer's payload comes back as
 * the text of the SDK's tree, so numbers keep their text both ways. Each call builds its own SDK client, whose HTTP
 * read timeout covers the call's connect and response timeouts (the SDK's client reads for at most the larger of its
 * own read timeout and the response timeout, too short for a call that first waits for the device to connect).
 * Thread-safe.
 */
public final class SdkMethods {

    /** The SDK's own HTTP read and connect timeout, added to the call's timeouts. */
    private static final int HTTP_MARGIN_SECONDS = 24;

    private final String host;
    private final RenewingSasCredential credential;

    /**
     * The device's answer.
     *
     * @param status the status the device answered with
     * @param payload the payload it answered with, {@code null} as JSON when none
     */
    public record Answer(int status, JsonValue payload) {
    }

    SdkMethods(String host, RenewingSasCredential credential) {
        this.host = Objects.requireNonNull(host, "host");
        this.credential = Objects.requireNonNull(credential, "credential");
    }

    /**
     * Calls a direct method and waits for the device's answer.
     *
     * @param key the device or module
     * @param methodName the method
     * @param payload the method's input
     * @param responseTimeoutSeconds how long the hub waits for the answer once the device has the call
     * @param connectTimeoutSeconds how long the hub waits for the device to be online
     * @return the device's answer
     * @throws io.twinkit.core.error.ServiceException if the hub answers with an error (404103 when the device is not
     *     online, 504101 when it did not answer in time) or cannot be reached
     */
    public Answer invoke(TwinKey key, String methodName, JsonValue payload, int responseTimeoutSeconds,
                         int connectTimeoutSeconds) {
        String deviceId = key.deviceId().value();
        ModuleId moduleId = key.moduleId();
        JsonElement gsonPayload = JsonParser.parseString(payload.toString());
        DirectMethodRequestOptions options = DirectMethodRequestOptions.builder()
                .payload(gsonPayload)
                .methodResponseTimeoutSeconds(responseTimeoutSeconds)
                .methodConnectTimeoutSeconds(connectTimeoutSeconds)
                .build();
        DirectMethodsClient client = new DirectMethodsClient(host, credential.credential(),
                DirectMethodsClientOptions.builder()
                        .httpReadTimeoutSeconds(connectTimeoutSeconds + responseTimeoutSeconds + HTTP_MARGIN_SECONDS)
                        .httpConnectTimeoutSeconds(HTTP_MARGIN_SECONDS)
                        .build());
        String operation = "invoke method '" + methodName + "' on " + (moduleId == null ? "device '" : "module '")
                + key + "'";
        return SdkErrors.call(credential, operation, () -> {
            DirectMethodResponse response = moduleId == null
                    ? client.invoke(deviceId, methodName, options)
                    : client.invoke(deviceId, moduleId.value(), methodName, options);
            Integer status = response.getStatus();
            JsonElement answered = response.getPayloadAsJsonElement();
            return new Answer(status == null ? 0 : status,
                    answered == null ? JsonValue.parse("null") : JsonValue.parse(answered.toString()));
        });
    }
}
