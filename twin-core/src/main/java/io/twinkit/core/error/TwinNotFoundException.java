package io.twinkit.core.error;


/**
 * The hub's 404 answer: the device, module, job or configuration does not exist; {@link #errorCode()} says which
 * ({@code DeviceNotFound}, {@code ModuleNotFound}, {@code JobNotFound}, {@code ConfigurationNotFound}).
 */
public final class TwinNotFoundException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param errorCode the 404 code of what was not found, such as {@link IotHubErrorCode#DEVICE_NOT_FOUND}
     * @param rawErrorCode the six-digit code the hub sent
     * @param message what went wrong
     * @param cause the SDK's exception
     */
    public TwinNotFoundException(IotHubErrorCode errorCode, int rawErrorCode, String message, Throwable cause) {
        super(errorCode, rawErrorCode, 404, message, cause);
    }
}
