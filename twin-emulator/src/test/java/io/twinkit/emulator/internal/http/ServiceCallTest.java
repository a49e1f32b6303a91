package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import io.twinkit.emulator.AccessRight;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.http.ServiceCall.Operation;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Routing of request lines to operations, method overrides, and percent-decoding of ids. */
class ServiceCallTest {

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("GET", null, "/twins/d1?api-version=2021-04-12", Operation.GET_TWIN, "d1", null),
                Arguments.of("PATCH", null, "/twins/d1", Operation.UPDATE_TWIN, "d1", null),
                Arguments.of("POST", "PATCH", "/twins/d1?api-version=2021-04-12", Operation.UPDATE_TWIN, "d1", null),
                Arguments.of("POST", "patch", "/twins/d1", Operation.UPDATE_TWIN, "d1", null),
                Arguments.of("PUT", null, "/twins/d1/modules/m1?api-version=x", Operation.REPLACE_TWIN, "d1", "m1"),
                Arguments.of("GET", null, "/twins/d1/modules/m1", Operation.GET_TWIN, "d1", "m1"),
                Arguments.of("POST", null, "/devices/query?api-version=2021-04-12", Operation.QUERY, null, null),
                Arguments.of("GET", null, "/devices/query", Operation.GET_IDENTITY, "query", null),
                Arguments.of("PUT", null, "/devices/d1?api-version=2021-04-12", Operation.PUT_IDENTITY, "d1", null),
                Arguments.of("GET", null, "/devices/d1/modules/m1", Operation.GET_IDENTITY, "d1", "m1"),
                Arguments.of("DELETE", null, "/devices/d1/modules/m1", Operation.DELETE_IDENTITY, "d1", "m1"),
                Arguments.of("GET", null, "https://localhost:8443/twins/d1?api-version=1", Operation.GET_TWIN, "d1",
                        null),
                Arguments.of("GET", null, "/twins/a%2Fb%20c", Operation.GET_TWIN, "a/b c", null),
                Arguments.of("GET", null, "/twins/caf%C3%A9+1", Operation.GET_TWIN, "café+1", null),
                Arguments.of("GET", null, "/twins/100%25", Operation.GET_TWIN, "100%", null),
                Arguments.of("GET", null, "/twins/50%off", Operation.GET_TWIN, "50%off", null),
                Arguments.of("GET", null, "/twins/d1/modules/m%241", Operation.GET_TWIN, "d1", "m$1"));
    }

    @ParameterizedTest(name = "{0} {2} (override {1})")
    @MethodSource("routes")
    void resolvesTheOperationAndTheDecodedIds(String method, String override, String uri, Operation operation,
                                              String deviceId, String moduleId) {
        ServiceCall call = ServiceCall.resolve(HttpMethod.valueOf(method), override, uri);
        assertThat(call).isEqualTo(new ServiceCall(operation, deviceId, moduleId));
    }

    @Test
    void eachOperationNeedsTheRightThePolicyModelNamesForIt() {
        assertThat(Operation.GET_TWIN.right()).isEqualTo(AccessRight.SERVICE_CONNECT);
        assertThat(Operation.UPDATE_TWIN.right()).isEqualTo(AccessRight.SERVICE_CONNECT);
        assertThat(Operation.REPLACE_TWIN.right()).isEqualTo(AccessRight.SERVICE_CONNECT);
        assertThat(Operation.QUERY.right()).isEqualTo(AccessRight.SERVICE_CONNECT);
        assertThat(Operation.GET_IDENTITY.right()).isEqualTo(AccessRight.REGISTRY_READ);
        assertThat(Operation.PUT_IDENTITY.right()).isEqualTo(AccessRight.REGISTRY_WRITE);
        assertThat(Operation.DELETE_IDENTITY.right()).isEqualTo(AccessRight.REGISTRY_WRITE);
    }

    @Test
    void theKeyIsBuiltFromTheDecodedIds() {
        assertThat(ServiceCall.resolve(HttpMethod.GET, null, "/twins/d1/modules/m1").key())
                .isEqualTo(TwinKey.module("d1", "m1"));
        assertThat(ServiceCall.resolve(HttpMethod.GET, null, "/devices/d%2D1").key())
                .isEqualTo(TwinKey.device("d-1"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /",
            "GET, /twins",
            "GET, /twins/",
            "GET, /twins/d1/",
            "GET, /twins/d1/modules",
            "GET, /twins/d1/modules/",
            "GET, /twins/d1/modules/m1/x",
            "GET, /twins/d1/other/m1",
            "GET, /jobs/v2/query",
            "GET, /statistics",
            "GET, /statistics/other",
            "GET, /devices/d1/modules/",
            "POST, /devices/query/x"})
    void aPathTheServiceApiDoesNotServeIs404(String method, String uri) {
        assertThatThrownBy(() -> ServiceCall.resolve(HttpMethod.valueOf(method), null, uri))
                .isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(404);
                    assertThat(e.getMessage()).contains(uri).contains(ServiceCall.ROUTES);
                });
    }

    @ParameterizedTest(name = "{0} {2} (override {1})")
    @CsvSource({
            "DELETE, , /twins/d1",
            "POST, , /twins/d1",
            "POST, DELETE, /twins/d1",
            "PATCH, , /devices/d1",
            "POST, , /devices/d1",
            "HEAD, , /devices/d1/modules/m1"})
    void aMethodTheResourceDoesNotTakeIs405(String method, String override, String uri) {
        assertThatThrownBy(() -> ServiceCall.resolve(HttpMethod.valueOf(method), override, uri))
                .isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.status()).isEqualTo(405);
                    assertThat(e.errorCode()).isEqualTo(405);
                });
    }

    @Test
    void aSegmentThatDoesNotDecodeToUtf8Is400() {
        assertThatThrownBy(() -> ServiceCall.resolve(HttpMethod.GET, null, "/twins/%C3%28"))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void anUnreadableAbsoluteTargetIs400() {
        assertThatThrownBy(() -> ServiceCall.resolve(HttpMethod.GET, null, "http://[bad/twins/d1"))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> ServiceCall.resolve(HttpMethod.GET, null, "*"))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
