package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.emulator.AccessRight;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where authentication sits in a request: after routing, before ids, bodies and the hub; with the right of the
 * operation; its failure answered with the authenticator's status and code.
 */
class AuthorizationOrderTest {

    private final IotHub hub = IotHub.create();
    private final List<String> seen = new ArrayList<>();
    private final List<AccessRight> rights = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final EmbeddedService service = new EmbeddedService(hub, (authorization, right, target) -> {
        seen.add(String.valueOf(authorization));
        rights.add(right);
        targets.add(String.valueOf(target));
        if (!"SharedAccessSignature good".equals(authorization)) {
            throw new TwinException(IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS, "token refused");
        }
    });

    AuthorizationOrderTest() {
        hub.registry().createDevice(DeviceId.of("d1"));
    }

    @AfterEach
    void close() {
        service.close();
        hub.close();
    }

    @Test
    void eachOperationAsksForItsRightForItsTargetWithTheAuthorizationHeader() {
        Map<String, String> auth = Map.of("Authorization", "SharedAccessSignature good");
        service.request("GET", "/twins/d1", auth, null);
        service.request("POST", "/devices/query", auth, "{\"query\":\"SELECT * FROM devices\"}");
        service.request("GET", "/devices/d1", auth, null);
        service.request("PUT", "/devices/d2/modules/m", auth, "{}");
        service.request("DELETE", "/devices/d2", auth, null);
        assertThat(rights).containsExactly(AccessRight.SERVICE_CONNECT, AccessRight.SERVICE_CONNECT,
                AccessRight.REGISTRY_READ, AccessRight.REGISTRY_WRITE, AccessRight.REGISTRY_WRITE);
        assertThat(targets).containsExactly(TwinKey.device("d1").toString(), "null", TwinKey.device("d1").toString(),
                TwinKey.module("d2", "m").toString(), TwinKey.device("d2").toString());
        assertThat(seen).containsOnly("SharedAccessSignature good");
    }

    @Test
    void aRefusedTokenIsAnsweredBeforeTheBodyOrTheIdsAreLookedAt() {
        TwinDocument before = hub.twins().get(TwinKey.device("d1"));
        service.request("PATCH", "/twins/d1", Map.of("Authorization", "bad"), "{not json")
                .assertError(401, 401002);
        service.request("GET", "/twins/caf%C3%A9", Map.of(), null).assertError(401, 401002);
        service.request("PATCH", "/twins/d1", Map.of(), "{\"tags\":{\"a\":1}}").assertError(401, 401002);
        assertThat(seen).containsExactly("bad", "null", "null");
        assertThat(targets).containsExactly(TwinKey.device("d1").toString(), "null", TwinKey.device("d1").toString());
        assertThat(hub.twins().get(TwinKey.device("d1"))).isEqualTo(before);
    }

    @Test
    void anInvalidIdIsJudgedAfterAHubLevelAuthorization() {
        service.request("GET", "/twins/caf%C3%A9", Map.of("Authorization", "SharedAccessSignature good"), null)
                .assertError(400, 400004);
        assertThat(targets).containsExactly("null");
    }

    @Test
    void anUnknownPathIs401WithoutAValidTokenAnd404WithOneWhateverItsRights() {
        service.request("GET", "/nothing/here", Map.of(), null).assertError(401, 401002);
        service.request("GET", "/nothing/here", Map.of("Authorization", "SharedAccessSignature good"), null)
                .assertError(404, 404);
        service.request("DELETE", "/statistics/devices", Map.of("Authorization", "bad"), null)
                .assertError(401, 401002);
        assertThat(seen).containsExactly("null", "SharedAccessSignature good", "bad");
        assertThat(rights).containsOnlyNulls();
    }
}
