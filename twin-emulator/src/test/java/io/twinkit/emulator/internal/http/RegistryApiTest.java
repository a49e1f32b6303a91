package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.ModuleId;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.SymmetricKey;
import io.twinkit.core.TwinKey;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code PUT/GET/DELETE /devices/{id}[/modules/{mid}]} in the REST device format. */
class RegistryApiTest {

    private static final String API = "?api-version=2021-04-12";

    private final IotHub hub = IotHub.create();
    private final EmbeddedService service = new EmbeddedService(hub, (authorization, right, target) -> { });
    private final String primary = SharedAccessPolicy.newKey();
    private final String secondary = SharedAccessPolicy.newKey();

    @AfterEach
    void close() {
        service.close();
        hub.close();
    }

    /** The body {@code RegistryClient.addDevice} sends, with its placeholder read-only members. */
    private String sdkDeviceBody(String deviceId, String status) {
        return "{\"etag\":\"\",\"deviceId\":\"" + deviceId + "\",\"generationId\":\"\",\"status\":\"" + status
                + "\",\"statusUpdatedTime\":\"0001-12-30T00:00:00\",\"connectionState\":\"Disconnected\","
                + "\"connectionStateUpdatedTime\":\"0001-12-30T00:00:00\",\"lastActivityTime\":"
                + "\"0001-12-30T00:00:00\",\"cloudToDeviceMessageCount\":0,\"authentication\":{\"symmetricKey\":"
                + "{\"primaryKey\":\"" + primary + "\",\"secondaryKey\":\"" + secondary + "\"},\"type\":\"sas\"},"
                + "\"capabilities\":{\"iotEdge\":false},\"parentScopes\":[]}";
    }

    @Test
    void putCreatesADeviceKeepingTheClientsKeysAndGetReadsItBack() {
        WireResponse created = service.request("PUT", "/devices/dev1" + API, Map.of(),
                sdkDeviceBody("dev1", "enabled"));
        assertThat(created.status()).isEqualTo(200);
        DeviceIdentity stored = hub.registry().getDevice(DeviceId.of("dev1"));
        assertThat(stored.authentication().symmetricKey()).isEqualTo(new SymmetricKey(primary, secondary));
        assertThat(created.object()).isEqualTo(stored.toJson());
        assertThat(stored.etag()).isPresent();
        assertThat(stored.generationId()).hasValueSatisfying(id -> assertThat(id).isNotEmpty());

        WireResponse read = service.request("GET", "/devices/dev1" + API, Map.of(), null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.object()).isEqualTo(stored.toJson());
    }

    @Test
    void putWithoutIfMatchOnAnExistingDeviceIs409AndWithIfMatchUpdates() {
        service.request("PUT", "/devices/dev1", Map.of(), sdkDeviceBody("dev1", "enabled"));
        DeviceIdentity before = hub.registry().getDevice(DeviceId.of("dev1"));
        service.request("PUT", "/devices/dev1", Map.of(), sdkDeviceBody("dev1", "disabled"))
                .assertError(409, 409001);
        assertThat(hub.registry().getDevice(DeviceId.of("dev1"))).isEqualTo(before);

        service.request("PUT", "/devices/dev1", Map.of("If-Match", "\"stale\""), sdkDeviceBody("dev1", "disabled"))
                .assertError(412, 412001);
        WireResponse updated = service.request("PUT", "/devices/dev1", Map.of("If-Match", "*"),
                sdkDeviceBody("dev1", "disabled"));
        assertThat(updated.status()).isEqualTo(200);
        DeviceIdentity after = hub.registry().getDevice(DeviceId.of("dev1"));
        assertThat(after.status()).isEqualTo(DeviceStatus.DISABLED);
        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(updated.object()).isEqualTo(after.toJson());
    }

    @Test
    void deleteRemovesTheDeviceAndItsTwin() {
        hub.registry().createDevice(DeviceId.of("gone"));
        WireResponse deleted = service.request("DELETE", "/devices/gone" + API, Map.of("If-Match", "*"), null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(hub.registry().find(TwinKey.device("gone"))).isEmpty();
        service.request("GET", "/devices/gone", Map.of(), null).assertError(404, 404001);
        service.request("GET", "/twins/gone", Map.of(), null).assertError(404, 404001);
        service.request("DELETE", "/devices/gone", Map.of(), null).assertError(404, 404001);
    }

    @Test
    void modulesArePutReadAndDeletedUnderTheirDevice() {
        hub.registry().createDevice(DeviceId.of("d1"));
        WireResponse created = service.request("PUT", "/devices/d1/modules/m1" + API, Map.of(),
                "{\"deviceId\":\"d1\",\"moduleId\":\"m1\",\"managedBy\":\"tests\"}");
        assertThat(created.status()).isEqualTo(200);
        DeviceIdentity module = hub.registry().getModule(DeviceId.of("d1"), ModuleId.of("m1"));
        assertThat(module.managedBy()).hasValue("tests");
        assertThat(module.authentication().symmetricKey()).isNotNull();
        assertThat(created.object()).isEqualTo(module.toJson());
        assertThat(service.request("GET", "/devices/d1/modules/m1", Map.of(), null).object())
                .isEqualTo(module.toJson());
        service.request("PUT", "/devices/d1/modules/m1", Map.of(), "{}").assertError(409, 409301);
        service.request("PUT", "/devices/nobody/modules/m1", Map.of(), "{}").assertError(404, 404001);
        assertThat(service.request("DELETE", "/devices/d1/modules/m1", Map.of(), null).status()).isEqualTo(204);
        service.request("GET", "/devices/d1/modules/m1", Map.of(), null).assertError(404, 404010);
        assertThat(hub.registry().find(TwinKey.device("d1"))).isPresent();
    }

    @Test
    void theIdsOfThePathFillInAMissingIdAndMustMatchAGivenOne() {
        assertThat(service.request("PUT", "/devices/fromPath", Map.of(), "{\"status\":\"enabled\"}").status())
                .isEqualTo(200);
        assertThat(hub.registry().find(TwinKey.device("fromPath"))).isPresent();
        service.request("PUT", "/devices/a", Map.of(), "{\"deviceId\":\"b\"}").assertError(400, 400004);
        service.request("PUT", "/devices/a", Map.of(), "{\"deviceId\":\"a\",\"moduleId\":\"m\"}")
                .assertError(400, 400004);
        service.request("PUT", "/devices/fromPath/modules/m", Map.of(), "{\"moduleId\":\"other\"}")
                .assertError(400, 400004);
        assertThat(hub.registry().find(TwinKey.device("a"))).isEmpty();
        assertThat(hub.registry().modules(DeviceId.of("fromPath"))).isEmpty();
    }

    @Test
    void malformedAndMistypedBodiesAre400006AndCreateNothing() {
        service.request("PUT", "/devices/x", Map.of(), "{\"deviceId\":").assertError(400, 400006);
        service.request("PUT", "/devices/x", Map.of(), "{\"status\":5}").assertError(400, 400006);
        service.request("PUT", "/devices/x", Map.of(), "{\"authentication\":{\"type\":\"bogus\"}}")
                .assertError(400, 400006);
        assertThat(hub.registry().list()).isEmpty();
    }

    @Test
    void theRegistryJsonIsWhatDeviceIdentityWrites() {
        DeviceIdentity device = hub.registry().createDevice(DeviceId.of("plain"));
        JsonObject body = service.request("GET", "/devices/plain", Map.of(), null).object();
        assertThat(DeviceIdentity.fromJson(body)).isEqualTo(device);
        assertThat(body).isEqualTo(JsonValue.parseObject(device.toJson().toJsonBytes()));
    }
}
