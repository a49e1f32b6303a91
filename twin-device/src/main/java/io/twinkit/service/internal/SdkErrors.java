package io.twinkit.service.internal;

import com.microsoft.azure.sdk.iot.service.exceptions.IotHubBadFormatException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubBadGatewayException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubConflictException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubGatewayTimeoutException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubMessageTooLargeException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubPreconditionFailedException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubServerBusyException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubTooManyDevicesException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubTooManyRequestsException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubUnauthorizedException;
import io.twinkit.core.error.DeviceNotOnlineException;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.MethodTimeoutException;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.error.TwinNotFoundException;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Maps the service SDK's checked exceptions to twinkit's unchecked {@link ServiceException}s. */
public final class SdkErrors {

    private static final String NAME_PREFIX = "ErrorCode:";

    private SdkErrors() {
    }

    /**
     * One call of the service SDK, which fails with the SDK's checked exceptions.
     *
     * @param <T> what the call returns
     */
    @FunctionalInterface
    public interface SdkCall<T> {
        /**
         * Makes the call.
         *
         * @return its result
         * @throws IotHubException if the hub answered with an error
         * @throws IOException if the hub could not be reached
         */
        T call() throws IotHubException, IOException;
    }

    /**
     * Renews the SAS token if it is due, makes {@code call} and maps its failures with {@link #map}: the one way the
     * adapter calls the SDK.
     *
     * @param credential the credential the SDK client signs with
     * @param operation what is being done, e.g. {@code get twin of d1}, for the exception's message
     * @param call the SDK call
     * @param <T> what the call returns
     * @return the call's result
     * @throws ServiceException if the call failed
     */
    public static <T> T call(RenewingSasCredential credential, String operation, SdkCall<T> call) {
        credential.renewIfDue();
        try {
            return call.call();
        } catch (IotHubException e) {
            throw map(operation, e);
        } catch (IOException e) {
            throw map(operation, e);
        }
    }

    /**
     * Returns the twinkit exception for an SDK exception raised by {@code operation}.
     *
     * @param operation what was being done, e.g. {@code get twin of d1}
     * @param error the SDK's exception
     * @return the exception to throw
     */
    public static ServiceException map(String operation, IotHubException error) {
        int status = status(error);
        int raw = error.getErrorCode() >= 100000 ? error.getErrorCode()
                : named(error.getMessage(), status).map(IotHubErrorCode::code).orElse(status * 1000 + 1);
        IotHubErrorCode code = IotHubErrorCode.fromCode(raw).orElseGet(() -> fallback(status));
        String message = operation + " failed: HTTP " + status + ", IoT Hub error " + raw + ": " + error.getMessage();
        if (status == 412) {
            return new PreconditionFailedException(message, error);
        }
        if (code == IotHubErrorCode.DEVICE_NOT_ONLINE) {
            return new DeviceNotOnlineException(message, error);
        }
        if (code == IotHubErrorCode.GATEWAY_TIMEOUT) {
            return new MethodTimeoutException(message, error);
        }
        if (status == 404) {
            // code is a 404 code here: named(...) keeps only names of the answer's status, fallback(404) is one
            return new TwinNotFoundException(code, raw, message, error);
        }
        return new ServiceException(code, raw, status, message, error);
    }

    /**
     * Returns the twinkit exception for a transport failure.
     *
     * @param operation what was being done
     * @param error the I/O failure
     * @return a 503 {@link IotHubErrorCode#SERVICE_UNAVAILABLE} exception
     */
    public static ServiceException map(String operation, IOException error) {
        return new ServiceException(IotHubErrorCode.SERVICE_UNAVAILABLE, IotHubErrorCode.SERVICE_UNAVAILABLE.code(),
                503, operation + " failed: the hub could not be reached: " + error.getMessage(), error);
    }

    /**
     * Returns the code named in a message of the service's twin and registry errors,
     * {@code ErrorCode:DeviceNotFound;<text> Tracking ID:…}: the SDK parses only numeric codes and keeps the HTTP
     * status for these, so the name is the only place the exact code survives. A name of another status is ignored.
     */
    static Optional<IotHubErrorCode> named(@Nullable String message, int status) {
        if (message == null || !message.startsWith(NAME_PREFIX)) {
            return Optional.empty();
        }
        int end = message.indexOf(';');
        String name = message.substring(NAME_PREFIX.length(), end < 0 ? message.length() : end);
        return IotHubErrorCode.fromName(name).filter(code -> code.httpStatus() == status);
    }

    private static int status(IotHubException error) {
        if (error.getErrorCode() >= 100000) {
            return error.getErrorCode() / 1000;
        }
        if (error instanceof IotHubBadFormatException) {
            return 400;
        } else if (error instanceof IotHubUnauthorizedException) {
            return 401;
        } else if (error instanceof IotHubTooManyDevicesException) {
            return 403;
        } else if (error instanceof IotHubNotFoundException) {
            return 404;
        } else if (error instanceof IotHubConflictException) {
            return 409;
        } else if (error instanceof IotHubPreconditionFailedException) {
            return 412;
        } else if (error instanceof IotHubMessageTooLargeException) {
            return 413;
        } else if (error instanceof IotHubTooManyRequestsException) {
            return 429;
        } else if (error instanceof IotHubBadGatewayException) {
            return 502;
        } else if (error instanceof IotHubServerBusyException) {
            return 503;
        } else if (error instanceof IotHubGatewayTimeoutException) {
            return 504;
        }
        return 500;
    }

    private static IotHubErrorCode fallback(int status) {
        return switch (status) {
            case 400 -> IotHubErrorCode.ARGUMENT_INVALID;
            case 401 -> IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS;
            case 403 -> IotHubErrorCode.IOT_HUB_QUOTA_EXCEEDED;
            case 404 -> IotHubErrorCode.DEVICE_NOT_FOUND;
            case 409 -> IotHubErrorCode.DEVICE_ALREADY_EXISTS;
            case 412 -> IotHubErrorCode.PRECONDITION_FAILED;
            case 413 -> IotHubErrorCode.MESSAGE_TOO_LARGE;
            case 429 -> IotHubErrorCode.THROTTLING_EXCEPTION;
            case 503 -> IotHubErrorCode.SERVICE_UNAVAILABLE;
            default -> IotHubErrorCode.SERVER_ERROR;
        };
    }
}
