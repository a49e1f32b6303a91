package io.twinkit.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.store.StoreFileSurgery;
import io.twinkit.reliability.support.ChildEmulator;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's command line on a data directory damaged after a SIGKILL: its store cut short by 4 KB, a byte of a
 * live twin changed, the store emptied beside its key store. Each start must end with a non-zero status and a
 * message naming the file and the damage, never serve the damaged hub; {@code --recover-store} starts from what is
 * intact and says what was lost. An empty {@code --data-dir} is refused. A plain SIGKILL and restart loses nothing.
 */
class StoreDamageTest {

    private static final DeviceId D1 = DeviceId.of("d1");
    private static final Duration END = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private int runs;

    private Optional<ChildEmulator.Ended> run(String... args) throws Exception {
        return ChildEmulator.runToEnd(temp.resolve("stderr-end-" + ++runs + ".txt"), END, args);
    }

    private ChildEmulator start(Path data, ChildEmulator.Ports ports, String... options) throws Exception {
        return ChildEmulator.start(data, ports, List.of(D1.value()), temp.resolve("stderr-" + ++runs + ".txt"),
                List.of(options));
    }

    private static void setDesired(ChildEmulator emulator, String value) throws Exception {
        try (TwinServiceClient service = emulator.endpoint().serviceClient()) {
            service.update(TwinKey.device(D1), TwinPatch.ofDesired(MergePatch.builder().set("step", value).build()));
        }
    }

    private static Optional<String> desired(ChildEmulator emulator) throws Exception {
        try (TwinServiceClient service = emulator.endpoint().serviceClient()) {
            return service.getTwin(TwinKey.device(D1)).desired().properties().getString("step");
        }
    }

    private void assertRefused(Path data, ChildEmulator.Ports ports, String... texts) throws Exception {
        Optional<ChildEmulator.Ended> ended = run("--data-dir", data.toString(), "--https-port",
                Integer.toString(ports.https()), "--mqtt-port", Integer.toString(ports.mqtt()), "--mqtt-ws-port",
                Integer.toString(ports.mqttWs()), "--device", D1.value());
        assertThat(ended).as("the command line ends by itself").isPresent();
        assertThat(ended.get().status()).as("its exit status; its stderr: %s", ended.get().stderr()).isEqualTo(1);
        assertThat(ended.get().stderr()).contains("twinkit-emulator: cannot start:")
                .contains(data.toRealPath().resolve("hub.mv.db").toString())
                .contains("delete the data directory", "--recover-store")
                .contains(texts)
                .doesNotContain("ready");
    }

    @Test
    void aDamagedStoreStopsTheCommandLineAndRecoveryIsExplicit() throws Exception {
        Path data = temp.resolve("data");
        ChildEmulator.Ports ports = ChildEmulator.Ports.free();
        ChildEmulator emulator = start(data, ports);
        try {
            for (int i = 1; i <= 5; i++) {
                setDesired(emulator, "s" + i);
            }
            emulator.kill();
            emulator = start(data, ports);
            assertThat(desired(emulator)).as("after SIGKILL, every acknowledged write").hasValue("s5");
            emulator.kill();
        } finally {
            emulator.close();
        }

        StoreFileSurgery.cut(data.resolve("hub.mv.db"), 4096);
        assertRefused(data, ports, "lost acknowledged data", "hub.commit");

        emulator = start(data, ports, "--recover-store");
        try {
            assertThat(emulator.stderr()).contains("twinkit-emulator: recovered the store: hub store "
                    + data.toRealPath().resolve("hub.mv.db") + " lost acknowledged data");
            assertThat(desired(emulator)).as("the last intact commit").isPresent().isNotEqualTo(Optional.of("s5"));
            setDesired(emulator, "temperature-4711");
            emulator.kill();
        } finally {
            emulator.close();
        }

        StoreFileSurgery.replace(data.resolve("hub.mv.db"), "temperature-4711", "temperature-4712");
        assertRefused(data, ports, "TWINS/d1", "integrity check");

        Path keyStore = data.resolve("tls/keystore.p12");
        byte[] keys = Files.readAllBytes(keyStore);
        Files.write(data.resolve("hub.mv.db"), new byte[0]);
        assertRefused(data, ports, "is empty (0 bytes)", "was lost");
        assertThat(data.resolve("hub.mv.db")).isEmptyFile();
        assertThat(Files.readAllBytes(keyStore)).as("no new keys").isEqualTo(keys);
    }

    @Test
    void anEmptyDataDirectoryIsRefusedAsAUsageError() throws Exception {
        Optional<ChildEmulator.Ended> ended = run("--data-dir", "", "--https-port", "0", "--mqtt-port", "0",
                "--mqtt-ws-port", "0");
        assertThat(ended).as("the command line ends by itself").isPresent();
        assertThat(ended.get().status()).isEqualTo(2);
        assertThat(ended.get().stderr()).contains("option --data-dir needs a directory, not an empty value");
    }
}
