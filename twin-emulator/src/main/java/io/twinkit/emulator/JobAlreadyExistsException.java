package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * Thrown when a job is scheduled with the id of a job the hub keeps. Error code
 * {@link IotHubErrorCode#JOB_ALREADY_EXISTS}.
 */
public final class JobAlreadyExistsException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the job
     */
    public JobAlreadyExistsException(String message) {
        super(IotHubErrorCode.JOB_ALREADY_EXISTS, message);
    }
}
