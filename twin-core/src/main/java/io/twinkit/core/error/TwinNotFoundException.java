package io.twinkit.core.error;


/** The hub's 404 answer: the device or module does not exist. */
public final class TwinNotFoundException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param errorCode {@link IotHubErrorCode#DEVICE_NOT_FOUND} or {@link IotHubErrorCode#MODULE_NOT_FOUND}
     * @param rawErrorCode the six-digit code the hub sent
     * @param message what went wrong
     * @param cause the SDK's exception
     */
    public TwinNotFoundException(IotHubErrorCode errorCode, int rawErrorCode, String message, Throwable cause) {
        super(errorCode, rawErrorCode, 404, message, cause);
    }
}
