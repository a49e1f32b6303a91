package io.twinkit.device;

import org.jspecify.annotations.Nullable;

/**
 * Answers the direct method calls of one name with typed values: the payload mapped to {@code P} (a record, say)
 * through {@link io.twinkit.core.jackson.TwinJson}, and a result mapped back to JSON and answered with status 200.
 * A result that is a {@link MethodResponse} is answered as it is, so a handler can answer another status. Calls come
 * on the connection's method threads, as {@link MethodHandler} calls do.
 *
 * @param <P> the type the payload maps to
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface TypedMethodHandler<P, R> {

    /**
     * Handles one call.
     *
     * @param payload the call's payload as a {@code P}; {@code null} when the back end sent none
     * @return the result, answered with status 200 (a {@link MethodResponse} as it is); {@code null} answers 200
     *     without a payload
     * @throws Exception anything; the back end then gets status 500
     */
    @Nullable R handle(@Nullable P payload) throws Exception;
}
