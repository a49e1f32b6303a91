package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubPreconditionFailedException;
import com.microsoft.azure.sdk.iot.service.query.QueryClient;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import com.microsoft.azure.sdk.iot.service.query.RawQueryResponse;
import com.microsoft.azure.sdk.iot.service.query.SqlQueryBuilder;
import com.microsoft.azure.sdk.iot.service.query.TwinQueryResponse;
import com.microsoft.azure.sdk.iot.service.registry.Device;
import com.microsoft.azure.sdk.iot.service.registry.DeviceStatus;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official service SDK (iot-service-client 2.1.9) against the emulator over real TLS on loopback, pointed at it
 * as sdk-wire.md §3.1 recipe 1 says: host {@code localhost:<port>} and an {@code iothubowner} SAS token.
 */
@Timeout(60)
class ServiceSdkTest {

    private static SdkEmulator emulator;
    private static IotHub hub;
    private static TwinClient twins;
    private static QueryClient queries;
    private static RegistryClient registry;

    @BeforeAll
    static void start() {
        emulator = SdkEmulator.start();
        hub = emulator.hub();
        twins = new TwinClient(emulator.host(), emulator.ownerCredential());
        queries = new QueryClient(emulator.host(), emulator.ownerCredential());
        registry = new RegistryClient(emulator.host(), emulator.ownerCredential());
        hub.registry().createDevice(DeviceId.of("d1"));
        hub.registry().createModule(DeviceId.of("d1"), ModuleId.of("m1"));
        for (int i = 1; i <= 5; i++) {
            hub.registry().createDevice(DeviceId.of("fleet-" + i));
            hub.twins().update(TwinKey.device("fleet-" + i), JsonValue.parseObject(
                    "{\"tags\":{\"fleet\":true,\"n\":" + i
                    + "}}"), null);
        }
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void registryClientAddsAndGetsADevice() throws Exception {
        Device request = new Device("sdk-added");
        Device added = registry.addDevice(request);
        assertThat(added.getDeviceId()).isEqualTo("sdk-added");
        assertThat(added.getPrimaryKey()).isEqualTo(request.getPrimaryKey());
        assertThat(added.getSecondaryKey()).isEqualTo(request.getSecondaryKey());
        DeviceIdentity stored = hub.registry().getDevice(DeviceId.of("sdk-added"));
        assertThat(stored.authentication().symmetricKey().primaryKey()).isEqualTo(request.getPrimaryKey());
        assertThat(added.getETag()).isEqualTo(stored.etag().orElseThrow().value());

        Device read = registry.getDevice("sdk-added");
        assertThat(read.getDeviceId()).isEqualTo("sdk-added");
        assertThat(read.getStatus()).isEqualTo(DeviceStatus.Enabled);
        assertThat(read.getGenerationId()).isEqualTo(stored.generationId().orElseThrow());
        assertThat(read.getPrimaryKey()).isEqualTo(request.getPrimaryKey());
        assertThatThrownBy(() -> registry.getDevice("nobody")).isInstanceOf(IotHubNotFoundException.class);
    }

    @Test
    void twinClientGetsTheTwinAsTheHubHasIt() throws Exception {
        Twin twin = twins.get("fleet-3");
        TwinDocument stored = hub.twins().get(TwinKey.device("fleet-3"));
        assertThat(twin.getDeviceId()).isEqualTo("fleet-3");
        assertThat(twin.getETag()).isEqualTo(stored.etag().orElseThrow().value());
        assertThat(twin.getVersion()).isEqualTo((int) stored.version().orElseThrow());
        assertThat(twin.getTags()).containsEntry("n", 3L).containsEntry("fleet", true);
        assertThat(twin.getDesiredProperties().getVersion()).isEqualTo(1);
    }

    @Test
    void patchWithAMatchingIfMatchUpdatesAndWithAStaleOneIsPreconditionFailed() throws Exception {
        hub.registry().createDevice(DeviceId.of("patched"));
        Twin twin = twins.get("patched");
        String etag = twin.getETag();
        twin.getDesiredProperties().put("temp", 22);
        twin.getTags().put("site", "lab");
        Twin updated = twins.patch(twin, etag);
        assertThat(updated.getDesiredProperties()).containsEntry("temp", 22L);
        assertThat(updated.getETag()).isNotEqualTo(etag);
        TwinDocument stored = hub.twins().get(TwinKey.device("patched"));
        assertThat(stored.desired().properties().toJson()).isEqualTo(JsonValue.parseObject("{\"temp\":22}"));
        assertThat(stored.tags().toJson()).isEqualTo(JsonValue.parseObject("{\"site\":\"lab\"}"));

        Twin stale = new Twin("patched");
        stale.getDesiredProperties().put("temp", 99);
        assertThatThrownBy(() -> twins.patch(stale, etag)).isInstanceOf(IotHubPreconditionFailedException.class);
        assertThat(hub.twins().get(TwinKey.device("patched"))).isEqualTo(stored);

        Twin deleting = new Twin("patched");
        deleting.getDesiredProperties().put("temp", null);
        Twin afterDelete = twins.patch(deleting, "\"" + updated.getETag() + "\"");
        assertThat(afterDelete.getDesiredProperties()).doesNotContainKey("temp");
        assertThat(hub.twins().get(TwinKey.device("patched")).desired().properties().toJson())
                .isEqualTo(JsonObject.empty());
    }

    @Test
    void replaceSetsTagsAndDesiredWhole() throws Exception {
        hub.registry().createDevice(DeviceId.of("replaced"));
        hub.twins().update(TwinKey.device("replaced"), JsonValue.parseObject("{\"tags\":{\"old\":1},\"properties\":"
                + "{\"desired\":{\"old\":1}}}"), null);
        Twin twin = new Twin("replaced");
        twin.getTags().put("fresh", "yes");
        twin.getDesiredProperties().put("mode", "eco");
        Twin replaced = twins.replace(twin);
        assertThat(replaced.getTags()).containsOnlyKeys("fresh");
        assertThat(replaced.getDesiredProperties()).containsOnlyKeys("mode");
        TwinDocument stored = hub.twins().get(TwinKey.device("replaced"));
        assertThat(stored.tags().toJson()).isEqualTo(JsonValue.parseObject("{\"fresh\":\"yes\"}"));
        assertThat(stored.desired().properties().toJson()).isEqualTo(JsonValue.parseObject("{\"mode\":\"eco\"}"));
    }

    @Test
    void twinClientGetsAModuleTwin() throws Exception {
        Twin twin = twins.get("d1", "m1");
        assertThat(twin.getDeviceId()).isEqualTo("d1");
        assertThat(twin.getModuleId()).isEqualTo("m1");
        assertThat(twin.getETag()).isEqualTo(hub.twins().get(TwinKey.module("d1", "m1")).etag().orElseThrow()
                .value());
    }

    @Test
    void queryTwinsPagesOfTwoAcrossSeveralPages() throws Exception {
        // next() alone would ask for the SDK's default page size (50) from page 2 on
        QueryPageOptions pagesOfTwo = QueryPageOptions.builder().pageSize(2).build();
        TwinQueryResponse response = queries.queryTwins("SELECT * FROM devices WHERE tags.fleet = true",
                pagesOfTwo);
        List<String> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        while (response.hasNext()) {
            tokens.add(response.getContinuationToken());
            Twin twin = response.next(pagesOfTwo);
            ids.add(twin.getDeviceId());
            assertThat(twin.getTags()).containsEntry("n", (long) ids.size());
        }
        assertThat(ids).containsExactly("fleet-1", "fleet-2", "fleet-3", "fleet-4", "fleet-5");
        // five twins in pages of two: three pages, so the SDK followed exactly two distinct continuation tokens
        assertThat(tokens.stream().filter(Objects::nonNull).distinct()).hasSize(2);
        assertThat(tokens.get(0)).isNotNull();
        assertThat(response.getContinuationToken()).isNull();
    }

    @Test
    void queryRawAnswersProjectionsAndCounts() throws Exception {
        RawQueryResponse projection = queries.queryRaw("SELECT deviceId, tags.n FROM devices WHERE tags.n >= 4");
        List<JsonObject> rows = new ArrayList<>();
        while (projection.hasNext()) {
            rows.add(JsonValue.parseObject(projection.next()));
        }
        assertThat(rows).containsExactly(JsonValue.parseObject("{\"deviceId\":\"fleet-4\",\"n\":4}"),
                JsonValue.parseObject("{\"deviceId\":\"fleet-5\",\"n\":5}"));

        RawQueryResponse count = queries.queryRaw("SELECT COUNT() AS n FROM devices WHERE tags.fleet = true");
        assertThat(count.hasNext()).isTrue();
        assertThat(JsonValue.parseObject(count.next())).isEqualTo(JsonValue.parseObject("{\"n\":5}"));
        assertThat(count.hasNext()).isFalse();
    }

    @Test
    void queryRawReadsHyphenatedKeysAndAliasesAsTheSdkE2eTestsWriteThem() throws Exception {
        String key = "KeyQuery1b4e28ba-2fa1-11d2-883f-0016d3cca427";
        for (String id : List.of("hyphen-1", "hyphen-2")) {
            hub.registry().createDevice(DeviceId.of(id));
            Twin twin = twins.get(id);
            twin.getDesiredProperties().put(key, "ValueQuery-7");
            twins.patch(twin);
        }
        String sql = SqlQueryBuilder.createSqlQuery("properties.desired." + key + " AS " + key
                + ", COUNT() AS numberOfDevices", SqlQueryBuilder.FromType.DEVICES, null, "properties.desired." + key);
        RawQueryResponse response = queries.queryRaw(sql);
        List<JsonObject> rows = new ArrayList<>();
        while (response.hasNext()) {
            rows.add(JsonValue.parseObject(response.next()));
        }
        assertThat(rows).contains(JsonValue.parseObject("{\"" + key + "\":\"ValueQuery-7\",\"numberOfDevices\":2}"));
    }
}
