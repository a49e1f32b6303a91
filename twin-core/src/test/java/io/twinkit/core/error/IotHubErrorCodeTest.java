package io.twinkit.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one table of the hub's error codes and names, as the service SDKs and its error reference define them. */
class IotHubErrorCodeTest {

    @Test
    void namesAreTheServiceSdksNames() {
        Map<Integer, String> sdkNames = Map.ofEntries(Map.entry(400000, "GenericBadRequest"),
                Map.entry(400003, "InvalidOperation"),
                Map.entry(400004, "ArgumentInvalid"), Map.entry(400005, "ArgumentNull"),
                Map.entry(400006, "IotHubFormatError"), Map.entry(400027, "ConnectionForcefullyClosedOnNewConnection"),
                Map.entry(400401, "InvalidConfigurationTargetCondition"),
                Map.entry(400402, "InvalidConfigurationContent"),
                Map.entry(400403, "CannotModifyImmutableConfigurationContent"),
                Map.entry(400404, "InvalidConfigurationCustomMetricsQuery"), Map.entry(404301, "ConfigurationNotFound"),
                Map.entry(409401, "ConfigurationAlreadyExists"), Map.entry(413101, "ConfigurationCountLimitExceeded"),
                Map.entry(401002, "IotHubUnauthorizedAccess"), Map.entry(403002, "IotHubQuotaExceeded"),
                Map.entry(404001, "DeviceNotFound"), Map.entry(404002, "JobNotFound"),
                Map.entry(404010, "ModuleNotFound"), Map.entry(409104, "JobAlreadyExists"),
                Map.entry(409001, "DeviceAlreadyExists"), Map.entry(409301, "ModuleAlreadyExistsOnDevice"),
                Map.entry(412001, "PreconditionFailed"), Map.entry(413001, "MessageTooLarge"),
                Map.entry(429001, "ThrottlingException"), Map.entry(429002, "ThrottleBacklogLimitExceeded"),
                Map.entry(429004, "ThrottlingMaxActiveJobCountExceeded"),
                Map.entry(403800, "DeviceMaximumInflightMethodExceeded"), Map.entry(404103, "DeviceNotOnline"),
                Map.entry(502000, "GenericBadGateway"), Map.entry(504101, "GatewayTimeout"),
                Map.entry(500001, "ServerError"), Map.entry(503001, "ServiceUnavailable"));
        assertThat(IotHubErrorCode.values()).hasSize(sdkNames.size());
        for (IotHubErrorCode code : IotHubErrorCode.values()) {
            assertThat(code.errorName()).as(code.name()).isEqualTo(sdkNames.get(code.code()));
            assertThat(IotHubErrorCode.fromName(code.errorName())).contains(code);
            assertThat(IotHubErrorCode.fromCode(code.code())).contains(code);
        }
        assertThat(Arrays.stream(IotHubErrorCode.values()).map(IotHubErrorCode::errorName).distinct())
                .hasSize(sdkNames.size());
    }

    @Test
    void unknownOrMiscasedNamesAreNoCodes() {
        assertThat(IotHubErrorCode.fromName("NotFound")).isEmpty();
        assertThat(IotHubErrorCode.fromName("devicenotfound")).isEmpty();
        assertThat(IotHubErrorCode.fromName("")).isEmpty();
        assertThat(IotHubErrorCode.fromCode(412002)).isEmpty();
    }
}
