package io.twinkit.service;

import io.twinkit.core.TwinKey;
import io.twinkit.core.error.DeviceNotOnlineException;
import io.twinkit.core.error.MethodTimeoutException;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonValue;
import io.twinkit.service.internal.SdkMethods;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The back end's direct method calls: invokes a method on a device or module and returns its answer, with the
 * payload in and out as records or raw JSON through {@link TwinJson}.
 *
 * <pre>{@code
 * MethodResult result = backEnd.methods().invoke(TwinKey.device("myDeviceId"), "reboot", new Reboot(5),
 *         MethodInvokeOptions.defaults());
 * if (result.isSuccess()) {
 *     RebootScheduled scheduled = result.payloadAs(RebootScheduled.class);
 * }
 * }</pre>
 *
 * <p>The payloads pass through the service SDK's Gson trees, which keep numbers as they were written but drop the
 * members of an object whose value is {@code null}, both in the call's payload and in the answer's: send and answer
 * absent members rather than {@code null} ones.
 *
 * <p>A call is never repeated by the client (the method may have run): a throttled or failed call is an exception for
 * the caller to judge. It goes over the official service SDK's {@code DirectMethodsClient}
 * ({@code POST /twins/{id}[/modules/{mid}]/methods}) with the host and renewing SAS credential of the
 * {@link TwinServiceClient} it belongs to, and is closed with it. Thread-safe.
 */
public final class DirectMethodClient {

    /** The largest payload IoT Hub carries for a method, 128 KiB of JSON text. */
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;

    private final SdkMethods sdk;
    private final TwinServiceClient owner;

    DirectMethodClient(SdkMethods sdk, TwinServiceClient owner) {
        this.sdk = sdk;
        this.owner = owner;
    }

    /**
     * Calls a direct method and waits for the device's answer (at most the options' connect timeout plus their
     * response timeout).
     *
     * @param key the device ({@link TwinKey#device(String)}) or module ({@link TwinKey#module(String, String)})
     * @param methodName the method's name (case-sensitive), not empty
     * @param payload the method's input: a record, POJO, map, list, simple value or {@link JsonValue}, mapped through
     *     {@link TwinJson#standard()}; {@code null} for none
     * @param options the connect and response timeouts
     * @return the device's answer, whatever its status
     * @throws DeviceNotOnlineException (404103) if the device is not connected with a subscription to direct methods
     *     within the connect timeout, or went away before it answered
     * @throws MethodTimeoutException (504101) if the device did not answer within the response timeout
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer (e.g. 403800 when the device has too many calls in
     *     flight, 429 when throttled) or an unreachable hub (503)
     * @throws io.twinkit.core.TwinMappingException if the payload does not map to JSON
     * @throws IllegalArgumentException if the method name is empty or the payload is larger than
     *     {@link #MAX_PAYLOAD_BYTES}
     * @throws IllegalStateException if the client is closed
     */
    public MethodResult invoke(TwinKey key, String methodName, @Nullable Object payload, MethodInvokeOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(options, "options");
        if (methodName.isEmpty()) {
            throw new IllegalArgumentException("a method needs a name");
        }
        JsonValue json = TwinJson.standard().toJsonValue(payload);
        int size = json.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the payload of method '" + methodName + "' has " + size
                    + " bytes, more than IoT Hub's " + MAX_PAYLOAD_BYTES);
        }
        owner.checkOpen();
        SdkMethods.Answer answer = sdk.invoke(key, methodName, json, Math.toIntExact(options.responseTimeout()
                .getSeconds()), Math.toIntExact(options.connectTimeout().getSeconds()));
        return new MethodResult(answer.status(), answer.payload());
    }
}
