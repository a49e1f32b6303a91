package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.ETag;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.conformance.ConformanceVectors.Fixture;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinValidationException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade: services, importing twins, closing, a data directory. */
class IotHubTest {

    @Test
    void theFacadeHandsOutItsOptionsAndOneInstanceOfEachService() {
        HubOptions options = HubOptions.builder().hubName("facade-hub").build();
        try (IotHub hub = IotHub.create(options)) {
            assertThat(hub.options()).isSameAs(options);
            assertThat(hub.registry()).isSameAs(hub.registry());
            assertThat(hub.twins()).isSameAs(hub.twins());
            assertThat(hub).hasToString("IotHub[facade-hub]");
        }
        try (IotHub hub = IotHub.create()) {
            assertThat(hub.options()).isSameAs(HubOptions.defaults());
        }
    }

    @Test
    void anImportedTwinContinuesWithTheServiceCounters() {
        try (IotHub hub = IotHub.create()) {
            TwinDocument fixture = TwinDocument.fromJson(json("{\"deviceId\":\"sensor-rd-001\",\"etag\":"
                    + "\"AAAAAAAAAAQ=\",\"deviceEtag\":\"MTA3OTE5\",\"version\":61,\"status\":\"disabled\","
                    + "\"tags\":{\"a\":1},\"properties\":{\"desired\":{\"x\":1,\"$version\":3},"
                    + "\"reported\":{\"y\":2,\"$version\":57}}}"));
            hub.twins().importTwin(fixture);
            TwinKey key = TwinKey.device("sensor-rd-001");
            DeviceIdentity identity = hub.registry().get(key);
            assertThat(identity.etag()).contains(ETag.of("MTA3OTE5"));
            assertThat(identity.status()).isEqualTo(DeviceStatus.DISABLED);
            assertThat(identity.authentication().symmetricKey()).as("SAS keys are generated").isNotNull();

            TwinDocument updated = hub.twins().update(key, json("{\"properties\":{\"desired\":{\"x\":2}}}"),
                    "AAAAAAAAAAQ=");
            assertThat(updated.etag()).contains(ETag.ofCounter(5));
            assertThat(updated.desired().version()).hasValue(4);
            assertThat(updated.version()).hasValue(62);
            assertThat(hub.twins().report(key, json("{\"y\":3}"), 57L)).isEqualTo(58);

            DeviceIdentity next = hub.registry().update(identity, null);
            assertThat(identityCounter(next.etag().orElseThrow()))
                    .as("later identity etags count on from the imported one").isGreaterThan(107919);
        }
    }

    @Test
    void importRefusesWhatTheStoreCannotHold() {
        try (IotHub hub = IotHub.create()) {
            hub.twins().importTwin(TwinDocument.fromJson(json("{\"deviceId\":\"d1\"}")));
            assertThat(hub.twins().get(TwinKey.device("d1")).etag()).contains(ETag.ofCounter(1));
            assertThatThrownBy(() -> hub.twins().importTwin(TwinDocument.fromJson(json("{\"deviceId\":\"d1\"}"))))
                    .isInstanceOf(DeviceAlreadyExistsException.class);
            assertThatThrownBy(() -> hub.twins().importTwin(TwinDocument.fromJson(json("{\"deviceId\":\"d2\","
                    + "\"moduleId\":\"m\"}")))).isInstanceOf(DeviceNotFoundException.class);
            assertThatThrownBy(() -> hub.twins().importTwin(TwinDocument.fromJson(json("{\"deviceId\":\"d3\","
                    + "\"etag\":\"abc\"}")))).isInstanceOf(TwinJsonException.class).hasMessageContaining("etag");
            assertThatThrownBy(() -> hub.twins().importTwin(TwinDocument.fromJson(json("{\"deviceId\":\"d4\","
                    + "\"etag\":\"AAAAAAAAAAI=\",\"version\":9,\"properties\":{\"reported\":{\"$version\":3}}}"))))
                    .isInstanceOf(TwinJsonException.class).hasMessageContaining("version");
            assertThatThrownBy(() -> hub.twins().importTwin(TwinDocument.fromJson(json("{\"deviceId\":\"d5\","
                    + "\"tags\":{\"a b\":1}}")))).isInstanceOf(TwinValidationException.class);
            assertThat(hub.registry().list()).extracting(i -> i.deviceId().value()).containsExactly("d1");
        }
    }

    @Test
    void aClosedHubRefusesEveryCallAndClosingTwiceIsHarmless() {
        IotHub hub = IotHub.create();
        hub.registry().createDevice(DeviceId.of("d"));
        hub.close();
        hub.close();
        TwinKey key = TwinKey.device("d");
        assertThatThrownBy(() -> hub.twins().get(key)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> hub.twins().update(key, json("{\"tags\":{}}"), null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> hub.twins().report(key, json("{}"), null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> hub.twins().subscribe(key, (k, p) -> { }))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> hub.registry().createDevice(DeviceId.of("e")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> hub.registry().list()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> hub.registry().policies()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHubOnADataDirectoryComesBackWithEverythingItAcknowledged(@TempDir Path dir) {
        HubOptions options = HubOptions.builder().dataDirectory(dir).build();
        TwinKey device = TwinKey.device("persisted");
        TwinKey module = TwinKey.module("persisted", "m1");
        TwinDocument before;
        JsonObject moduleBefore;
        SharedAccessPolicy service;
        try (IotHub hub = IotHub.create(options)) {
            hub.registry().createDevice(device.deviceId());
            hub.registry().createModule(device.deviceId(), module.moduleId());
            hub.twins().update(device, json("{\"tags\":{\"plant\":\"Redmond43\"},"
                    + "\"properties\":{\"desired\":{\"rate\":5}}}"), null);
            hub.twins().report(device, json("{\"connectivity\":{\"type\":\"cellular\"}}"), null);
            hub.twins().report(module, json("{\"status\":\"running\"}"), null);
            before = hub.twins().get(device);
            moduleBefore = hub.twins().get(module).toJson();
            service = hub.registry().policy("service").orElseThrow();
        }

        try (IotHub reopened = IotHub.create(options)) {
            assertThat(reopened.twins().get(device)).isEqualTo(before);
            assertThat(reopened.twins().get(module).toJson()).isEqualTo(moduleBefore);
            assertThat(reopened.registry().policy("service")).contains(service);
            assertThat(reopened.queries().query("SELECT * FROM devices WHERE tags.plant = 'Redmond43'").items())
                    .extracting(row -> row.valueOrNull("deviceId").asString()).containsExactly("persisted");
            reopened.twins().report(device, json("{\"more\":1}"), before.reported().version().getAsLong());
        }
    }

    @Test
    void theHubComesFromTheProviderServiceAndWithoutOneCreateSaysWhy() throws Exception {
        IotHub.Provider provider = HubProviders.load(IotHub.class.getClassLoader());
        assertThat(provider.getClass().getName()).isEqualTo("io.twinkit.emulator.internal.hub.HubProvider");
        try (IotHub hub = provider.open(HubOptions.builder().hubName("provided").build())) {
            assertThat(hub).hasToString("IotHub[provided]");
        }
        assertThat(HubProviders.provider()).isInstanceOf(provider.getClass());
        // a class loader that sees neither the module nor the class path: no META-INF/services file
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> HubProviders.load(bare)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no io.twinkit.emulator.IotHub$Provider service found")
                    .hasMessageContaining("META-INF/services/io.twinkit.emulator.IotHub$Provider");
        }
        assertThatThrownBy(() -> IotHub.create(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("options");
    }

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }

    /** Decodes an identity etag, base64 of an ASCII decimal counter. */
    private static long identityCounter(ETag etag) {
        return Long.parseLong(new String(Base64.getDecoder().decode(etag.value()), StandardCharsets.US_ASCII));
    }
}
