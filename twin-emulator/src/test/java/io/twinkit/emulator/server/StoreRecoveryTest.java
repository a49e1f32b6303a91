package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.store.StoreFileSurgery;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recoverStore}: a damaged store starts from what is intact, once asked explicitly. */
class StoreRecoveryTest {

    private static final TwinKey D1 = TwinKey.device("d1");

    @TempDir
    Path temp;

    private static JsonObject desired(String value) {
        return JsonObject.builder().put("properties", JsonObject.builder()
                .put("desired", JsonObject.builder().put("step", value).build()).build()).build();
    }

    @Test
    void aCutStoreRecoversToItsLastIntactCommit() throws Exception {
        Path dir = temp.resolve("data");
        try (IotHub hub = IotHub.create(HubOptions.builder().dataDirectory(dir).build())) {
            hub.registry().createDevice(DeviceId.of("d1"));
            for (int i = 1; i <= 5; i++) {
                hub.twins().update(D1, desired("s" + i), null);
            }
        }
        StoreFileSurgery.cut(dir.resolve("hub.mv.db"), 4096);
        try (IotHub hub = IotHub.create(HubOptions.builder().dataDirectory(dir).recoverStore(true).build())) {
            assertThat(hub.storeRecovery()).singleElement().asString().contains("lost acknowledged data",
                    "the last 1 acknowledged commit(s) are gone");
            // the last update is gone, the one before it is there with its own version
            assertThat(hub.twins().get(D1).desired().properties().getString("step")).hasValue("s4");
            assertThat(hub.twins().get(D1).desired().version()).hasValue(5);
            hub.twins().update(D1, desired("s5 again"), null);
        }
        try (IotHub hub = IotHub.create(HubOptions.builder().dataDirectory(dir).build())) {
            assertThat(hub.storeRecovery()).isEmpty();
            assertThat(hub.twins().get(D1).desired().properties().getString("step")).hasValue("s5 again");
        }
    }

    @Test
    void anEmptiedStoreRecoversToAnEmptyHubThatKeepsItsCertificates() throws Exception {
        Path dir = temp.resolve("data");
        EmulatorConfig config = EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0).dataDirectory(dir)
                .device(DeviceId.of("d1")).build();
        String oldKey;
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            oldKey = emulator.hub().registry().find(D1).orElseThrow().authentication().symmetricKey().primaryKey();
        }
        byte[] keys = Files.readAllBytes(dir.resolve("tls/keystore.p12"));
        Files.write(dir.resolve("hub.mv.db"), new byte[0]);
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config.toBuilder().recoverStore(true).build())) {
            assertThat(emulator.hub().storeRecovery()).singleElement().asString()
                    .contains("is empty (0 bytes)", "the hub starts empty, with new keys");
            assertThat(emulator.hub().registry().find(D1).orElseThrow().authentication().symmetricKey().primaryKey())
                    .as("the configured device exists again, with a new key").isNotEqualTo(oldKey);
        }
        assertThat(Files.readAllBytes(dir.resolve("tls/keystore.p12"))).isEqualTo(keys);
        TwinkitEmulator.start(config).close();
    }
}
