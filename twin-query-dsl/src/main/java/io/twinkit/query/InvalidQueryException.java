package io.twinkit.query;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * Thrown for a query IoT Hub would reject: a segment or literal that cannot be written, a combination the service
 * does not support (GROUP BY on modules, projections on jobs, plain fields beside aggregates), or a query longer than
 * 8192 characters. Thrown when the query is built or rendered, before anything is sent. Error code
 * {@link IotHubErrorCode#ARGUMENT_INVALID} (400004), as the service answers invalid queries.
 */
public class InvalidQueryException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what is wrong and how to fix it
     */
    public InvalidQueryException(String message) {
        super(IotHubErrorCode.ARGUMENT_INVALID, message);
    }
}
