package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.sdk.iot.service.exceptions.IotHubException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubExceptionManager;
import com.microsoft.azure.sdk.iot.service.registry.Device;
import com.microsoft.azure.sdk.iot.service.registry.Module;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import com.microsoft.azure.sdk.iot.service.registry.RegistryStatistics;
import com.microsoft.azure.sdk.iot.service.registry.serializers.AuthenticationParser;
import com.microsoft.azure.sdk.iot.service.registry.serializers.AuthenticationTypeParser;
import com.microsoft.azure.sdk.iot.service.registry.serializers.ExportImportDeviceParser;
import com.microsoft.azure.sdk.iot.service.registry.serializers.SymmetricKeyParser;
import com.microsoft.azure.sdk.iot.service.transport.http.HttpMethod;
import com.microsoft.azure.sdk.iot.service.transport.http.HttpRequest;
import com.microsoft.azure.sdk.iot.service.transport.http.HttpResponse;
import com.microsoft.azure.sdk.iot.service.twin.DeviceCapabilities;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.ModuleId;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The registry routes of the service API over TLS on loopback, sent by the official Java service SDK
 * (iot-service-client 2.1.9): its {@code RegistryClient} where it has a method, else its own {@code HttpRequest}
 * with the bodies its e2e helpers build from its {@code ExportImportDeviceParser} (bulk) or the Node SDK sends.
 */
@Timeout(120)
class BulkRegistrySdkTest {

    private static final TwinJson JSON = TwinJson.standard();
    private static final String API = "?api-version=2021-04-12";

    private static SdkEmulator emulator;
    private static IotHub hub;
    private static RegistryClient registry;

    @BeforeAll
    static void start() {
        emulator = SdkEmulator.start();
        hub = emulator.hub();
        registry = new RegistryClient(emulator.host(), emulator.ownerCredential());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theSdkHelpersCreateAHundredDevicesTheirModulesAndDeleteThemInBulk() throws Exception {
        List<Device> devices = IntStream.range(0, 100).mapToObj(i -> new Device("bulk-" + i)).toList();
        List<ExportImportDeviceParser> items = new ArrayList<>();
        for (Device device : devices) {
            items.add(sasItem(device.getDeviceId(), null, device.getPrimaryKey(), device.getSecondaryKey(), "create"));
        }
        HttpResponse created = post("/devices/", array(items), emulator.ownerToken());
        IotHubExceptionManager.httpResponseVerification(created);
        assertThat(JsonValue.parseObject(created.getBody())).isEqualTo(JsonValue.parseObject(
                "{\"isSuccessful\":true,\"errors\":[],\"warnings\":[]}"));
        Device read = registry.getDevice("bulk-42");
        assertThat(read.getPrimaryKey()).isEqualTo(devices.get(42).getPrimaryKey());
        assertThat(read.getSecondaryKey()).isEqualTo(devices.get(42).getSecondaryKey());
        assertThat(hub.twins().get(TwinKey.device("bulk-99")).version()).hasValue(2);

        Module module = new Module("bulk-1", "m1");
        HttpResponse modules = post("/devices/", array(List.of(sasItem("bulk-1", "m1", module.getPrimaryKey(),
                module.getSecondaryKey(), "create"))), emulator.ownerToken());
        IotHubExceptionManager.httpResponseVerification(modules);
        assertThat(registry.getModulesOnDevice("bulk-1")).extracting(Module::getId).containsExactly("m1");

        List<ExportImportDeviceParser> deletes = new ArrayList<>();
        for (Device device : devices) {
            ExportImportDeviceParser delete = new ExportImportDeviceParser();
            delete.setId(device.getDeviceId());
            delete.setImportMode("delete");
            deletes.add(delete);
        }
        IotHubExceptionManager.httpResponseVerification(post("/devices/", array(deletes), emulator.ownerToken()));
        assertThat(hub.registry().find(TwinKey.device("bulk-1"))).isEmpty();
        assertThat(hub.registry().find(TwinKey.module("bulk-1", "m1"))).isEmpty();
        assertThat(hub.registry().list()).noneMatch(d -> d.deviceId().value().startsWith("bulk-"));
    }

    @Test
    void aFailedItemIsReportedAndChangesNothingWhileTheOthersApply() throws Exception {
        DeviceIdentity existing = hub.registry().createDevice(DeviceId.of("held"));
        String body = "[{\"id\":\"held\",\"importMode\":\"create\"},"
                + "{\"id\":\"fresh\",\"importMode\":\"create\",\"status\":\"disabled\",\"tags\":{\"site\":\"a\"},"
                + "\"properties\":{\"desired\":{\"rate\":5}}},"
                + "{\"id\":\"ghost\",\"moduleId\":\"m\",\"importMode\":\"delete\"}]";
        IotHubException failed = catchThrowableOfType(() -> post("/devices", body, emulator.ownerToken()),
                IotHubException.class);
        JsonObject result = JsonValue.parseObject(failed.getMessage());
        assertThat(result.valueOrNull("isSuccessful").asBoolean()).isFalse();
        JsonArray errors = result.valueOrNull("errors").asArray();
        assertThat(errors.size()).isEqualTo(2);
        assertThat(errors.get(0).asObject().valueOrNull("deviceId").asString()).isEqualTo("held");
        assertThat(errors.get(0).asObject().valueOrNull("errorCode").asString()).isEqualTo("DeviceAlreadyExists");
        assertThat(errors.get(1).asObject().valueOrNull("errorCode").asString()).isEqualTo("DeviceNotFound");
        assertThat(errors.get(1).asObject().valueOrNull("moduleId").asString()).isEqualTo("m");
        assertThat(hub.registry().getDevice(DeviceId.of("held"))).isEqualTo(existing);
        assertThat(hub.registry().getDevice(DeviceId.of("fresh")).status()).isEqualTo(DeviceStatus.DISABLED);
        assertThat(hub.twins().get(TwinKey.device("fresh")).tags().toJson().toString())
                .isEqualTo("{\"site\":\"a\"}");
        assertThat(registry.getDevice("fresh").getStatus().toString()).isEqualToIgnoringCase("disabled");
    }

    @Test
    void updatesAndTwinUpdatesHonourTheirEtagsAndNodeStyleModeNames() throws Exception {
        DeviceIdentity device = hub.registry().createDevice(DeviceId.of("upd"));
        String keys = device.authentication().symmetricKey().primaryKey();
        // the Node SDK's updateDevices(forceUpdate=true): capitalized mode, empty keys for "keep them"
        HttpResponse update = post("/devices", "[{\"id\":\"upd\",\"importMode\":\"Update\",\"status\":\"disabled\","
                + "\"authentication\":{\"type\":\"sas\",\"symmetricKey\":{\"primaryKey\":\"\",\"secondaryKey\":\"\"}}}]",
                emulator.ownerToken());
        IotHubExceptionManager.httpResponseVerification(update);
        DeviceIdentity updated = hub.registry().getDevice(DeviceId.of("upd"));
        assertThat(updated.status()).isEqualTo(DeviceStatus.DISABLED);
        assertThat(updated.authentication().symmetricKey().primaryKey()).isEqualTo(keys);

        assertThatThrownBy(() -> post("/devices", "[{\"id\":\"upd\",\"importMode\":\"updateIfMatchETag\","
                + "\"eTag\":\"" + device.etag().orElseThrow().value() + "\",\"status\":\"enabled\"},"
                + "{\"id\":\"upd2\",\"importMode\":\"updateTwinIfMatchETag\",\"twinETag\":\"x\"}]",
                emulator.ownerToken())).isInstanceOf(IotHubException.class)
                .hasMessageContaining("\"isSuccessful\":false").hasMessageContaining("PreconditionFailed")
                .hasMessageContaining("DeviceNotFound");
        assertThat(hub.registry().getDevice(DeviceId.of("upd"))).isEqualTo(updated);

        String twinEtag = hub.twins().get(TwinKey.device("upd")).etag().orElseThrow().value();
        IotHubExceptionManager.httpResponseVerification(post("/devices", "[{\"id\":\"upd\",\"importMode\":"
                + "\"updateTwinIfMatchETag\",\"twinETag\":\"" + twinEtag + "\",\"tags\":{\"t\":1},\"properties\":"
                + "{\"desired\":{\"d\":2}}}]", emulator.ownerToken()));
        assertThat(hub.twins().get(TwinKey.device("upd")).toJson().toString())
                .contains("\"tags\":{\"t\":1}").contains("\"d\":2");
    }

    @Test
    void aRequestThatCannotBeCarriedOutAsAWholeIs400AndChangesNothing() throws Exception {
        String owner = emulator.ownerToken();
        int before = hub.registry().list().size();
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "{\"id\":\"many-" + i + "\",\"importMode\":\"create\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertError(() -> post("/devices", tooMany, owner), 400004, "not 101");
        assertError(() -> post("/devices", "[{\"id\":\"dup\",\"importMode\":\"create\"},{\"id\":\"dup\",\"importMode\":"
                + "\"delete\"}]", owner), 400004, "device 'dup' again");
        assertError(() -> post("/devices", "[{\"id\":\"ok\",\"importMode\":\"create\"},{\"id\":\"bad\",\"importMode\":"
                + "\"createOrReplace\"}]", owner), 400004, "'createOrReplace' is not an import mode");
        assertError(() -> post("/devices", "[{\"id\":\"ok\",\"importMode\":\"create\"},{\"importMode\":\"create\"}]",
                owner), 400006, "has no device id");
        assertError(() -> post("/devices", "{\"id\":\"ok\",\"importMode\":\"create\"}", owner), 400006, "JSON array");
        assertError(() -> post("/devices", "[]", owner), 400004, "not 0");
        assertError(() -> post("/devices", "[{\"id\":\"ok\",\"importMode\":\"create\",\"authentication\":"
                + "{\"symmetricKey\":{\"primaryKey\":\"%%%\",\"secondaryKey\":\"%%%\"}}}]", owner), 400006, "item 0");
        String huge = "[{\"id\":\"big\",\"importMode\":\"create\",\"tags\":{\"t\":\"" + "x".repeat(300_000)
                + "\"}}]";
        assertError(() -> post("/devices", huge, owner), 413001, "larger than");
        assertThat(hub.registry().list()).hasSize(before);
    }

    @Test
    void eachRouteAsksForTheRightTheServiceRequires() throws Exception {
        long hour = Instant.now().getEpochSecond() + 3600;
        String read = emulator.policyToken("registryRead", hour);
        String service = emulator.policyToken("service", hour);
        String device = emulator.policyToken("device", hour);
        String create = "[{\"id\":\"rights\",\"importMode\":\"create\"}]";
        assertError(() -> post("/devices", create, read), 401002, "RegistryWrite");
        assertThat(hub.registry().find(TwinKey.device("rights"))).isEmpty();
        assertThat(get("/devices?top=1&api-version=2021-04-12", read).getStatus()).isEqualTo(200);
        assertThat(get("/statistics/devices" + API, read).getStatus()).isEqualTo(200);
        assertError(() -> get("/statistics/devices" + API, service), 401002, "RegistryRead");
        assertError(() -> get("/devices/" + API, device), 401002, "RegistryRead");
        assertError(() -> get("/statistics/service" + API, read), 401002, "ServiceConnect");
        assertThat(get("/statistics/service" + API, service).getStatus()).isEqualTo(200);
        assertError(() -> get("/statistics/service" + API, "SharedAccessSignature sr=x&sig=y&se=1&skn=service"),
                401002, "");
    }

    @Test
    void listingsAndStatisticsCountTheRegistry() throws Exception {
        try (SdkEmulator own = SdkEmulator.start()) {
            IotHub fresh = own.hub();
            RegistryClient client = new RegistryClient(own.host(), own.ownerCredential());
            fresh.registry().createDevice(DeviceId.of("a"));
            fresh.registry().createDevice(DeviceIdentity.builder(TwinKey.device("b")).status(DeviceStatus.DISABLED)
                    .build());
            fresh.registry().createDevice(DeviceId.of("c"));
            fresh.registry().createModule(DeviceId.of("a"), ModuleId.of("m2"));
            fresh.registry().createModule(DeviceId.of("a"), ModuleId.of("m1"));
            fresh.registry().recordConnection(TwinKey.device("c"), ConnectionState.CONNECTED, null);

            RegistryStatistics statistics = client.getStatistics();
            assertThat(statistics.getTotalDeviceCount()).isEqualTo(3);
            // iot-service-client 2.1.9 reads "enableDeviceCount"; the service (and the emulator) send
            // "enabledDeviceCount", so the SDK's figure is 0 against both
            assertThat(JsonValue.parseObject(request(own, HttpMethod.GET, "/statistics/devices" + API, null,
                    own.ownerToken()).getBody()).valueOrNull("enabledDeviceCount")).isEqualTo(JsonNumber.of(2));
            assertThat(statistics.getDisabledDeviceCount()).isEqualTo(1);
            assertThat(client.getModulesOnDevice("a")).extracting(Module::getId).containsExactly("m1", "m2");
            assertThatThrownBy(() -> client.getModulesOnDevice("zz")).isInstanceOf(IotHubException.class);

            HttpResponse listed = request(own, HttpMethod.GET, "/devices/?top=2&api-version=2021-04-12", null,
                    own.ownerToken());
            JsonArray devices = JsonValue.parse(listed.getBody()).asArray();
            assertThat(devices.size()).isEqualTo(2);
            assertThat(devices.get(0).asObject().valueOrNull("deviceId").asString()).isEqualTo("a");
            HttpResponse all = request(own, HttpMethod.GET, "/devices" + API, null, own.ownerToken());
            assertThat(JsonValue.parse(all.getBody()).asArray().size()).isEqualTo(3);
            assertError(() -> request(own, HttpMethod.GET, "/devices?top=0", null, own.ownerToken()), 400004, "top");
            HttpResponse connected = request(own, HttpMethod.GET, "/statistics/service" + API, null,
                    own.ownerToken());
            assertThat(JsonValue.parseObject(connected.getBody())).isEqualTo(JsonValue.parseObject(
                    "{\"connectedDeviceCount\":1}"));
        }
    }

    @Test
    void anUnknownPathIs401ForABadCredentialAnd404ForAGoodOne() throws Exception {
        String forged = "SharedAccessSignature sr=localhost&sig=AAAA&se=9999999999&skn=iothubowner";
        assertError(() -> get("/jobs/v2" + API, forged), 401002, "");
        assertError(() -> get("/jobs/v2" + API, emulator.ownerToken()), 404, "/statistics/service");
        assertError(() -> get("/jobs/v2/a/b/c" + API, forged), 401002, "");
        assertError(() -> get("/jobs/v2/a/b/c" + API, emulator.ownerToken()), 404, "/jobs/v2/{id}/cancel");
    }

    @Test
    void emptyKeysOfANodeSdkCreateAreGenerated() throws Exception {
        String body = "{\"deviceId\":\"node-empty\",\"authentication\":{\"type\":\"sas\",\"symmetricKey\":"
                + "{\"primaryKey\":\"\",\"secondaryKey\":\"\"}}}";
        HttpResponse put = request(emulator, HttpMethod.PUT, "/devices/node-empty" + API, body, emulator.ownerToken());
        IotHubExceptionManager.httpResponseVerification(put);
        Device device = registry.getDevice("node-empty");
        assertThat(device.getPrimaryKey()).isNotEmpty().isNotEqualTo(device.getSecondaryKey());
        assertThat(java.util.Base64.getDecoder().decode(device.getPrimaryKey())).hasSize(32);
        assertThat(post("/devices", "[{\"id\":\"node-bulk\",\"importMode\":\"create\",\"authentication\":{\"type\":"
                + "\"sas\",\"symmetricKey\":{\"primaryKey\":\"\",\"secondaryKey\":\"\"}}}]", emulator.ownerToken())
                .getStatus()).isEqualTo(200);
        assertThat(registry.getDevice("node-bulk").getSecondaryKey()).isNotEmpty();
    }

    @Test
    void edgeDevicesGetAnImmutableScopeThatChildrenAndLeavesName() throws Exception {
        Device edge = new Device("edge-1");
        DeviceCapabilities capabilities = new DeviceCapabilities();
        capabilities.setIotEdge(true);
        edge.setCapabilities(capabilities);
        edge = registry.addDevice(edge);
        String generation = hub.registry().getDevice(DeviceId.of("edge-1")).generationId().orElseThrow();
        assertThat(edge.getScope()).isEqualTo("ms-azure-iot-edge://edge-1-" + generation);

        Device child = new Device("edge-2");
        child.setCapabilities(capabilities);
        child.getParentScopes().add(edge.getScope());
        child = registry.addDevice(child);
        assertThat(child.getParentScopes()).containsExactly(edge.getScope());
        assertThat(child.getScope()).startsWith("ms-azure-iot-edge://edge-2-").isNotEqualTo(edge.getScope());

        Device leaf = new Device("leaf-1");
        leaf.setScope(edge.getScope());
        registry.addDevice(leaf);
        Device leafRead = registry.getDevice("leaf-1");
        assertThat(leafRead.getScope()).isEqualTo(edge.getScope());
        assertThat(leafRead.getParentScopes()).containsExactly(edge.getScope());

        leafRead.setScope("5b0f6c9e-not-a-scope");
        Device moved = leafRead;
        assertThatThrownBy(() -> registry.updateDevice(moved)).isInstanceOf(IotHubException.class)
                .hasMessageContaining("ErrorCode:ArgumentInvalid;").hasMessageContaining("not the scope of an IoT Edge device");
        Device rehomed = registry.getDevice("leaf-1");
        rehomed.setScope(child.getScope());
        assertThat(registry.updateDevice(rehomed).getParentScopes()).containsExactly(child.getScope());
        rehomed = registry.getDevice("leaf-1");
        rehomed.setScope(edge.getScope());
        registry.updateDevice(rehomed);
        assertThat(registry.getDevice("leaf-1").getScope()).isEqualTo(edge.getScope());
        Device edgeRead = registry.getDevice("edge-1");
        edgeRead.setScope("ms-azure-iot-edge://edge-1-1");
        assertThatThrownBy(() -> registry.updateDevice(edgeRead)).isInstanceOf(IotHubException.class)
                .hasMessageContaining("cannot be changed");
        Device orphan = new Device("leaf-2");
        orphan.setScope("ms-azure-iot-edge://leaf-1-" + generation);
        assertThatThrownBy(() -> registry.addDevice(orphan)).isInstanceOf(IotHubException.class);
        assertThat(hub.registry().find(TwinKey.device("leaf-2"))).isEmpty();
    }

    private static ExportImportDeviceParser sasItem(String id, String moduleId, String primary, String secondary,
                                                    String mode) {
        ExportImportDeviceParser item = new ExportImportDeviceParser();
        item.setId(id);
        item.setModuleId(moduleId);
        AuthenticationParser authentication = new AuthenticationParser();
        authentication.setType(AuthenticationTypeParser.SAS);
        authentication.setSymmetricKey(new SymmetricKeyParser(primary, secondary));
        item.setAuthentication(authentication);
        item.setImportMode(mode);
        return item;
    }

    private static String array(List<ExportImportDeviceParser> items) {
        return items.stream().map(ExportImportDeviceParser::toJson).collect(Collectors.joining(",", "[", "]"));
    }

    private static HttpResponse post(String path, String body, String token) throws Exception {
        return request(emulator, HttpMethod.POST, path + (path.contains("?") ? "" : API), body, token);
    }

    private static HttpResponse get(String path, String token) throws Exception {
        return request(emulator, HttpMethod.GET, path, null, token);
    }

    private static HttpResponse request(SdkEmulator target, HttpMethod method, String path, String body, String token)
            throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = new HttpRequest(new URL("https://" + target.host() + path), method, bytes, token);
        request.setReadTimeoutSeconds(60);
        return request.send();
    }

    /**
     * Asserts that the SDK's {@code HttpRequest.send} failed with the error body's code (by the name the hub writes,
     * {@code ErrorCode:<Name>;}) and text; a bare HTTP status stands for the emulator's own route errors.
     */
    private static void assertError(Sent sent, int code, String text) {
        String name = code == 404 ? "NotFound" : IotHubErrorCode.fromCode(code).orElseThrow().errorName();
        assertThatThrownBy(sent::send).isInstanceOf(IotHubException.class)
                .hasMessageContaining("ErrorCode:" + name + ";").hasMessageContaining(text);
    }

    /** A request sent by the SDK. */
    @FunctionalInterface
    private interface Sent {
        HttpResponse send() throws Exception;
    }
}
