package io.twinkit.core.error;

import org.jspecify.annotations.Nullable;

/**
 * IoT Hub's answer to a direct method call for a device (or module) that is not online
 * ({@link IotHubErrorCode#DEVICE_NOT_ONLINE}, {@code 404103}): it exists, but was not connected with a subscription to
 * direct methods within the call's connect timeout, or it went away before it answered. The method did not run, or
 * its outcome is unknown; try again once the device is connected, or call with a longer connect timeout. Unlike a
 * {@link TwinNotFoundException}, the device itself exists.
 */
public final class DeviceNotOnlineException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the device or module and the method
     * @param cause the underlying failure, e.g. the SDK's exception, or {@code null}
     */
    public DeviceNotOnlineException(String message, @Nullable Throwable cause) {
        super(IotHubErrorCode.DEVICE_NOT_ONLINE, IotHubErrorCode.DEVICE_NOT_ONLINE.code(),
                IotHubErrorCode.DEVICE_NOT_ONLINE.httpStatus(), message, cause);
    }
}
