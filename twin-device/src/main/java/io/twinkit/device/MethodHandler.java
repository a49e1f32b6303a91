package io.twinkit.device;

/**
 * Answers the direct method calls of one name (or, as the connection's
 * {@linkplain DeviceConnection#onUnknownMethod(MethodHandler) unknown-method handler}, of every name without a
 * handler) with the raw JSON payload. Calls come on the connection's method threads, several at once when calls
 * overlap; a handler must answer within the connection's
 * {@linkplain DeviceConnectionBuilder#methodTimeout(java.time.Duration) method timeout}.
 */
@FunctionalInterface
public interface MethodHandler {

    /**
     * Handles one call.
     *
     * @param request the method's name and payload
     * @return the answer
     * @throws Exception anything; the back end then gets status 500 (the exception itself stays on the device, in
     *     its log)
     */
    MethodResponse handle(MethodRequest request) throws Exception;
}
