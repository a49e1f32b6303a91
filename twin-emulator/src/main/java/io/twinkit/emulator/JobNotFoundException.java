package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * Thrown when no job has the id: it never existed, or the hub no longer keeps it. Error code
 * {@link IotHubErrorCode#JOB_NOT_FOUND}.
 */
public final class JobNotFoundException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the job
     */
    public JobNotFoundException(String message) {
        super(IotHubErrorCode.JOB_NOT_FOUND, message);
    }
}
