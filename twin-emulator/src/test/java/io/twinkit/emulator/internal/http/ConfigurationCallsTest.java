package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import io.twinkit.emulator.AccessRight;
import io.twinkit.emulator.internal.http.ServiceCall.Operation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the configuration routes resolve, with the right each needs. */
class ConfigurationCallsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,    /configurations?top=5&api-version=2021-04-12,   LIST_CONFIGURATIONS,         ,        , RegistryRead",
            "GET,    /configurations/,                               LIST_CONFIGURATIONS,         ,        , RegistryRead",
            "GET,    /configurations/cfg-1?api-version=2021-04-12,   GET_CONFIGURATION,           cfg-1,   , RegistryRead",
            "PUT,    /configurations/a%27b,                          PUT_CONFIGURATION,           a'b,     , RegistryWrite",
            "DELETE, /configurations/cfg-1,                          DELETE_CONFIGURATION,        cfg-1,   , RegistryWrite",
            "POST,   /devices/edge-1/applyConfigurationContent,      APPLY_CONFIGURATION_CONTENT, ,   edge-1, RegistryWrite",
            "GET,    https://hub.example/configurations/x?top=1,     GET_CONFIGURATION,           x,       , RegistryRead"})
    void theRoutesResolveToTheirOperationAndRight(String method, String uri, Operation operation, String resourceId,
                                                   String deviceId, String right) {
        ServiceCall call = ServiceCall.resolve(HttpMethod.valueOf(method), null, uri);
        assertThat(call.operation()).isEqualTo(operation);
        assertThat(call.resourceId()).isEqualTo(resourceId);
        assertThat(call.deviceId()).isEqualTo(deviceId);
        assertThat(call.moduleId()).isNull();
        assertThat(call.operation().right().wireName()).isEqualTo(right);
        assertThat(AccessRight.valueOf(call.operation().right().name())).isEqualTo(call.operation().right());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST,   /configurations,                           405",
            "PUT,    /configurations,                           405",
            "PATCH,  /configurations/cfg-1,                     405",
            "POST,   /configurations/cfg-1,                     405",
            "GET,    /devices/edge-1/applyConfigurationContent, 405",
            "PUT,    /devices/edge-1/applyConfigurationContent, 405",
            "GET,    /configurations/a/b,                       404",
            "POST,   /devices//applyConfigurationContent,       404",
            "POST,   /devices/d/applyConfigurationContent/x,    404"})
    void otherMethodsAndPathsAreRefused(String method, String uri, int status) {
        assertThatThrownBy(() -> ServiceCall.resolve(HttpMethod.valueOf(method), null, uri))
                .isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    if (status == 404) {
                        assertThat(e.getMessage()).contains(ConfigurationCalls.ROUTES);
                    }
                });
    }
}
