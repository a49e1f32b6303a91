package io.twinkit.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.service.exceptions.IotHubBadFormatException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubGatewayTimeoutException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubTooManyRequestsException;
import io.twinkit.core.error.DeviceNotOnlineException;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.MethodTimeoutException;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.TwinNotFoundException;
import org.junit.jupiter.api.Test;

/**
 * {@link SdkErrors} on the exceptions the service SDK raises for the hub's twin and registry errors, whose only
 * exact code is the name in {@code ErrorCode:<name>;}: the SDK itself keeps the HTTP status.
 */
class SdkErrorsTest {

    @Test
    void theNameInTheMessageGivesTheExactCode() {
        ServiceException format = SdkErrors.map("patch", new IotHubBadFormatException(
                "ErrorCode:IotHubFormatError;the body is not JSON Tracking ID:ab-TimeStamp:01/02/2026 10:00:00"));
        assertThat(format.errorCode()).isEqualTo(IotHubErrorCode.IOT_HUB_FORMAT_ERROR);
        assertThat(format.rawErrorCode()).isEqualTo(400006);
        assertThat(format.httpStatus()).isEqualTo(400);

        ServiceException module = SdkErrors.map("get", new IotHubNotFoundException(
                "ErrorCode:ModuleNotFound;no module m Tracking ID:ab-TimeStamp:01/02/2026 10:00:00"));
        assertThat(module).isInstanceOf(TwinNotFoundException.class);
        assertThat(module.errorCode()).isEqualTo(IotHubErrorCode.MODULE_NOT_FOUND);
        assertThat(module.rawErrorCode()).isEqualTo(404010);

        ServiceException throttled = SdkErrors.map("get", new IotHubTooManyRequestsException(
                "ErrorCode:ThrottleBacklogLimitExceeded;slow down Tracking ID:ab-TimeStamp:01/02/2026 10:00:00"));
        assertThat(throttled.rawErrorCode()).isEqualTo(429002);
    }

    @Test
    void aNotFoundAnswerKeepsTheCodeOfWhatWasNotFound() {
        ServiceException job = SdkErrors.map("get job 'j'", new IotHubNotFoundException(
                "ErrorCode:JobNotFound;no job j Tracking ID:ab-TimeStamp:01/02/2026 10:00:00"));
        ServiceException configuration = SdkErrors.map("get configuration 'c'", new IotHubNotFoundException(
                "ErrorCode:ConfigurationNotFound;no configuration c"));

        assertThat(job).isInstanceOf(TwinNotFoundException.class);
        assertThat(job.errorCode()).isEqualTo(IotHubErrorCode.JOB_NOT_FOUND);
        assertThat(job.rawErrorCode()).isEqualTo(404002);
        assertThat(job.httpStatus()).isEqualTo(404);
        assertThat(configuration).isInstanceOf(TwinNotFoundException.class);
        assertThat(configuration.errorCode()).isEqualTo(IotHubErrorCode.CONFIGURATION_NOT_FOUND);
        assertThat(configuration.rawErrorCode()).isEqualTo(404301);
    }

    @Test
    void anUnknownNameOrANameOfAnotherStatusFallsBackToTheStatus() {
        ServiceException unknown = SdkErrors.map("get", new IotHubNotFoundException("ErrorCode:NotFound;no route"));
        assertThat(unknown.errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_FOUND);
        assertThat(unknown.rawErrorCode()).isEqualTo(404001);

        ServiceException mismatched = SdkErrors.map("patch", new IotHubBadFormatException(
                "ErrorCode:DeviceNotFound;not a 400 name"));
        assertThat(mismatched.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID);
        assertThat(mismatched.rawErrorCode()).isEqualTo(400001);
        assertThat((SdkErrors.map("patch", new IotHubBadFormatException("plain text"))).rawErrorCode())
                .isEqualTo(400001);
    }

    @Test
    void theDirectMethodErrorsHaveTheirOwnExceptions() {
        ServiceException offline = SdkErrors.map("invoke method 'reboot' on device 'd1'", new IotHubNotFoundException(
                "ErrorCode:DeviceNotOnline;Timed out waiting for device to connect."));
        assertThat(offline).isInstanceOf(DeviceNotOnlineException.class).isNotInstanceOf(TwinNotFoundException.class);
        assertThat(offline.rawErrorCode()).isEqualTo(404103);
        assertThat(offline.httpStatus()).isEqualTo(404);
        assertThat(offline).hasMessageContaining("invoke method 'reboot' on device 'd1' failed");

        ServiceException late = SdkErrors.map("invoke", new IotHubGatewayTimeoutException(
                "ErrorCode:GatewayTimeout;Timed out waiting for the response from device."));
        assertThat(late).isInstanceOf(MethodTimeoutException.class);
        assertThat(late.errorCode()).isEqualTo(IotHubErrorCode.GATEWAY_TIMEOUT);
        assertThat(late.rawErrorCode()).isEqualTo(504101);
        assertThat(late.httpStatus()).isEqualTo(504);

        ServiceException otherTimeout = SdkErrors.map("get", new IotHubGatewayTimeoutException("upstream timeout"));
        assertThat(otherTimeout).isNotInstanceOf(MethodTimeoutException.class);
        assertThat(otherTimeout.httpStatus()).isEqualTo(504);
    }
}
