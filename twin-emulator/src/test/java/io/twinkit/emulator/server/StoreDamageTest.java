package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.store.StoreFileSurgery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub or emulator on a damaged data directory does not start, and says which file is damaged, how, and how to start
 * over; it never serves what it cannot vouch for. Its files are owner-only, and an empty data directory is refused.
 */
class StoreDamageTest {

    private static final TwinKey D1 = TwinKey.device("d1");

    @TempDir
    Path temp;

    private static HubOptions options(Path dir) {
        return HubOptions.builder().dataDirectory(dir).build();
    }

    private static JsonObject desired(String name, String value) {
        return JsonObject.builder().put("properties", JsonObject.builder()
                .put("desired", JsonObject.builder().put(name, value).build()).build()).build();
    }

    @Test
    void aStoreCutShortStopsTheHubInsteadOfLosingTheLastAcknowledgedWrite() throws Exception {
        Path dir = temp.resolve("data");
        try (IotHub hub = IotHub.create(options(dir))) {
            hub.registry().createDevice(DeviceId.of("d1"));
            for (int i = 1; i <= 5; i++) {
                hub.twins().update(D1, desired("step", "s" + i), null);
            }
        }
        StoreFileSurgery.cut(dir.resolve("hub.mv.db"), 4096);
        assertThatThrownBy(() -> IotHub.create(options(dir)).close())
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(dir.toRealPath().resolve("hub.mv.db").toString())
                .hasMessageContaining("lost acknowledged data")
                .hasMessageContaining("delete the data directory");
    }

    @Test
    void aChangedByteInATwinIsNeverServed() throws Exception {
        Path dir = temp.resolve("data");
        try (IotHub hub = IotHub.create(options(dir))) {
            hub.registry().createDevice(DeviceId.of("d1"));
            hub.twins().update(D1, desired("setpoint", "temperature-4711"), null);
        }
        StoreFileSurgery.replace(dir.resolve("hub.mv.db"), "temperature-4711", "temperature-4712");
        assertThatThrownBy(() -> IotHub.create(options(dir)).close())
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(dir.toRealPath().resolve("hub.mv.db").toString())
                .hasMessageContaining("TWINS/d1")
                .hasMessageContaining("integrity check");
    }

    @Test
    void anEmptiedStoreBesideTheKeyStoreStopsTheEmulatorAndWritesNoNewKeys() throws Exception {
        Path dir = temp.resolve("data");
        EmulatorConfig config = EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0).dataDirectory(dir)
                .device(DeviceId.of("d1")).build();
        TwinkitEmulator.start(config).close();
        Path store = dir.resolve("hub.mv.db");
        Path keyStore = dir.resolve("tls/keystore.p12");
        byte[] keys = Files.readAllBytes(keyStore);
        Files.write(store, new byte[0]);
        assertThatThrownBy(() -> TwinkitEmulator.start(config).close())
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(dir.toRealPath().resolve("hub.mv.db").toString())
                .hasMessageContaining("is empty (0 bytes)")
                .hasMessageContaining("was lost")
                .hasMessageContaining("delete the data directory");
        assertThat(store).isEmptyFile();
        assertThat(Files.readAllBytes(keyStore)).isEqualTo(keys);
    }

    @Test
    void aNewDataDirectoryAndTheStoreAreOwnerOnly() throws Exception {
        assumeThat(temp.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path dir = temp.resolve("data");
        try (IotHub hub = IotHub.create(options(dir))) {
            hub.registry().createDevice(DeviceId.of("d1"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hub.mv.db"))))
                .isEqualTo("rw-------");
    }

    @Test
    void anEmptyDataDirectoryIsRefusedRatherThanTakenForTheCurrentDirectory() {
        for (String empty : new String[] {"", " "}) {
            assertThatThrownBy(() -> HubOptions.builder().dataDirectory(Path.of(empty)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not be empty or blank");
            assertThatThrownBy(() -> EmulatorConfig.builder().dataDirectory(Path.of(empty)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not be empty or blank");
        }
        assertThat(HubOptions.builder().dataDirectory(null).build().dataDirectory()).isEmpty();
    }
}
