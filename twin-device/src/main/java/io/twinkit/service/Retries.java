package io.twinkit.service;

import io.twinkit.core.error.ServiceException;
import java.util.function.Supplier;

/**
 * Retrying the fleet calls that are safe to repeat (reads, lists, cancels, unconditional replacements) when the hub
 * answers that it is busy or briefly unable: 429 (throttled), 500, 502, 503 (also a hub that could not be reached)
 * and 504. Any other answer is final at once.
 */
final class Retries {

    private Retries() {
    }

    /** Returns whether the hub's answer says to ask again later. */
    static boolean isTransient(ServiceException error) {
        int status = error.httpStatus();
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /**
     * Makes the call, again after each transient failure until {@code retry} runs out of attempts.
     *
     * @param call the request, safe to repeat
     * @param retry the attempts in all and the waits between them
     * @return the call's result
     * @throws ServiceException the last failure, or the first one that is not transient
     * @throws IllegalStateException if the thread is interrupted while waiting
     */
    static <T> T idempotent(Supplier<T> call, RetryOptions retry) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            } catch (ServiceException e) {
                if (!isTransient(e) || attempt >= retry.maxAttempts()) {
                    throw e;
                }
                Waits.sleep(retry.delayAfter(attempt));
            }
        }
    }
}
