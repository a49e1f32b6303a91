package io.twinkit.core;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * Thrown when a JSON value cannot be converted to or from a user type (a record or POJO) through Jackson
 * databind: a missing creator, a type mismatch, a non-finite number. The message names the path of the offending
 * value. Error code {@link IotHubErrorCode#ARGUMENT_INVALID} (400004).
 */
public final class TwinMappingException extends TwinException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * Creates an exception.
     *
     * @param message what could not be mapped
     * @param path the dotted path of the offending value, or {@code ""}
     * @param cause the underlying databind exception
     */
    public TwinMappingException(String message, String path, Throwable cause) {
        super(IotHubErrorCode.ARGUMENT_INVALID, path.isEmpty() ? message : message + " (at '" + path + "')", cause);
        this.path = path;
    }

    /** Returns the dotted path of the offending value, or {@code ""}. */
    public String path() {
        return path;
    }
}
