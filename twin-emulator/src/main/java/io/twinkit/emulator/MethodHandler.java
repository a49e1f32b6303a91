package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonValue;
import java.util.concurrent.CompletionStage;

/**
 * Answers the direct methods of one device or module, as a connected device subscribed to
 * {@code $iothub/methods/POST/#} does ({@link MethodService#register}); the emulator's MQTT front end registers one for
 * every such connection.
 *
 * <p>The hub calls the handler on the invoking thread, never while it holds a lock; the handler must not block: it
 * hands the request on and returns a stage that the device's answer completes. When the call's response timeout
 * passes first, the hub answers the caller 504101 and cancels the stage ({@code toCompletableFuture().cancel}), so
 * the handler may forget the request; a later answer is ignored. A stage that fails with a {@link TwinException}
 * fails the call with that error; one that fails otherwise, or a handler that throws, fails it with 502000
 * {@link io.twinkit.core.error.IotHubErrorCode#GENERIC_BAD_GATEWAY}.
 */
@FunctionalInterface
public interface MethodHandler {

    /**
     * Receives one direct method call.
     *
     * @param key the device or module called
     * @param methodName the method's name
     * @param payload the method's input, any JSON value ({@code null} when the caller sent none)
     * @return the device's answer, when it comes
     */
    CompletionStage<MethodResult> onMethod(TwinKey key, String methodName, JsonValue payload);
}
