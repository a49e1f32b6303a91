package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.security.HubAuthenticator;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's shared access policies in front of the service API, through the real pipeline. */
class ServiceAuthenticationTest {

    private final IotHub hub = IotHub.create();
    private final EmbeddedService service = new EmbeddedService(hub,
            ServiceAuthorizer.of(new HubAuthenticator(hub)));
    private final long expiry = Instant.now().getEpochSecond() + 3600;

    ServiceAuthenticationTest() {
        hub.registry().createDevice(DeviceId.of("d1"));
        hub.registry().createDevice(DeviceId.of("d2"));
    }

    @AfterEach
    void close() {
        service.close();
        hub.close();
    }

    @Test
    void eachDefaultPolicyReachesExactlyTheOperationsItsRightsAllow() {
        record Case(String policy, String method, String target, String body, int status) {
        }
        String query = "{\"query\":\"SELECT * FROM devices\"}";
        Case[] cases = {
                new Case("iothubowner", "GET", "/twins/d1", null, 200),
                new Case("iothubowner", "GET", "/devices/d1", null, 200),
                new Case("service", "GET", "/twins/d1", null, 200),
                new Case("service", "PATCH", "/twins/d1", "{\"tags\":{\"by\":\"service\"}}", 200),
                new Case("service", "POST", "/devices/query", query, 200),
                new Case("service", "GET", "/devices/d1", null, 403),
                new Case("registryRead", "GET", "/devices/d1", null, 200),
                new Case("registryRead", "PUT", "/devices/d3", "{}", 403),
                new Case("registryRead", "GET", "/twins/d1", null, 403),
                new Case("registryReadWrite", "PUT", "/devices/d3", "{}", 200),
                new Case("registryReadWrite", "POST", "/devices/query", query, 403),
                new Case("device", "GET", "/twins/d1", null, 403),
                new Case("device", "GET", "/devices/d1", null, 403)};
        for (Case c : cases) {
            WireResponse response = service.request(c.method(), c.target(),
                    Map.of("Authorization", SdkEmulator.policyToken(hub, c.policy(), expiry)), c.body());
            if (c.status() == 403) {
                response.assertError(403, 401002);
            } else {
                assertThat(response.status()).as("%s %s %s", c.policy(), c.method(), c.target()).isEqualTo(200);
            }
        }
        assertThat(hub.twins().get(TwinKey.device("d1")).tags().toJson().toString()).contains("service");
        assertThat(hub.registry().find(TwinKey.device("d3"))).isPresent();
    }

    @Test
    void aPolicyTokenScopedToADeviceReachesThatDeviceOnly() {
        SharedAccessPolicy owner = hub.registry().policy("iothubowner").orElseThrow();
        String scoped = SharedAccessSignature.create(owner.primaryKey(), "localhost/devices/d1", expiry, "iothubowner");
        assertThat(service.request("GET", "/twins/d1", Map.of("Authorization", scoped), null).status())
                .isEqualTo(200);
        TwinDocument d2 = hub.twins().get(TwinKey.device("d2"));
        service.request("PATCH", "/twins/d2", Map.of("Authorization", scoped), "{\"tags\":{\"x\":1}}")
                .assertError(401, 401002);
        service.request("POST", "/devices/query", Map.of("Authorization", scoped),
                "{\"query\":\"SELECT * FROM devices\"}").assertError(401, 401002);
        assertThat(hub.twins().get(TwinKey.device("d2"))).isEqualTo(d2);
    }

    @Test
    void theSecondaryKeySignsToo() {
        SharedAccessPolicy owner = hub.registry().policy("iothubowner").orElseThrow();
        String token = SharedAccessSignature.create(owner.secondaryKey(), "localhost", expiry, "iothubowner");
        assertThat(service.request("GET", "/twins/d1", Map.of("Authorization", token), null).status())
                .isEqualTo(200);
    }

    @Test
    void anInvalidIdIs400ToAnAuthenticatedCallerAnd401ToAnyoneElse() {
        String owner = SdkEmulator.policyToken(hub, "iothubowner", expiry);
        service.request("GET", "/twins/caf%C3%A9", Map.of("Authorization", owner), null).assertError(400, 400004);
        service.request("GET", "/twins/caf%C3%A9", Map.of(), null).assertError(401, 401002);
    }
}
