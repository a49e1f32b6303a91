package io.twinkit.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.load.BackendLoad;
import io.twinkit.reliability.load.DeviceLedger;
import io.twinkit.reliability.load.Fleet;
import io.twinkit.reliability.load.LoadDevice;
import io.twinkit.reliability.load.LoadNetwork;
import io.twinkit.reliability.load.LoadStats;
import io.twinkit.reliability.load.TwinCheck;
import io.twinkit.reliability.support.ChildEmulator;
import io.twinkit.reliability.support.Figures;
import io.twinkit.core.error.ServiceException;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk and an unusable data directory. Mid-run, the emulator's file size limit (RLIMIT_FSIZE, set on the
 * running process with {@code prlimit}) is cut to the size its store has, so every write that needs more room fails
 * with EFBIG as on a full disk: writes must be refused with an error that says why, nothing acknowledged may be lost,
 * and writes must work again once there is room. At start, a data directory that cannot be created or written stops
 * the emulator with a message naming it.
 */
class FullDiskTest {

    private static final List<String> DEVICES = List.of("disk-0", "disk-1", "disk-2", "disk-3", "disk-4",
            "disk-5", "disk-6", "disk-7");
    /** The device whose desired properties the probes write, apart from the checked ones. */
    private static final String PROBE = "disk-probe";

    @TempDir
    Path temp;

    @Test
    void aFullDiskRefusesWritesWithAClearErrorLosesNothingAndRecovers() throws Exception {
        assumeTrue(prlimitWorks(), "prlimit(1) sets the file size limit of a running process");
        Path data = temp.resolve("data");
        List<String> devices = new ArrayList<>(DEVICES);
        devices.add(PROBE);
        ChildEmulator emulator = ChildEmulator.start(data, ChildEmulator.Ports.free(), devices,
                temp.resolve("stderr.txt"));
        LoadStats stats = new LoadStats();
        TwinCheck check = new TwinCheck();
        String serviceError;
        List<DeviceLedger> ledgers;
        BackendLoad backend;
        long refusedWhileFull;
        long ackedAfterRoom;
        boolean completed = false;
        try (LoadNetwork network = new LoadNetwork(emulator.endpoint(), 1);
             TwinServiceClient service = emulator.endpoint().serviceClient()) {
            Fleet fleet = new Fleet(network, DEVICES, LoadDevice.ReportMode.DISTINCT, 10, stats);
            fleet.startAll(10, Duration.ofSeconds(60));
            backend = new BackendLoad(service, DEVICES, 1, 20);
            fleet.startReporting(100);
            backend.start();
            TimeUnit.MILLISECONDS.sleep(1_500);

            long limit = Files.size(data.resolve("hub.mv.db"));
            prlimit(emulator.pid(), Long.toString(limit));
            serviceError = awaitRefusedUpdate(service);
            TimeUnit.MILLISECONDS.sleep(1_500);
            refusedWhileFull = stats.refused();
            assertThat(refusedWhileFull).as("reports refused on the full disk").isPositive();
            assertThat(stats.firstRefusal()).as("the MQTT answer to a refused report")
                    .startsWith("$iothub/twin/res/500/")
                    .contains("File too large")
                    .contains(data.toRealPath().toString());
            // reads still work
            assertThat(service.getTwin(TwinKey.device(DEVICES.get(0))).reported().version()).isPresent();

            prlimit(emulator.pid(), "unlimited");
            long ackedBefore = stats.acked();
            awaitAcceptedUpdate(service);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (stats.acked() < ackedBefore + DEVICES.size() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            ackedAfterRoom = stats.acked() - ackedBefore;
            assertThat(ackedAfterRoom).as("reports acknowledged once there is room again").isPositive();

            backend.stop();
            fleet.stopReporting(Duration.ofSeconds(30));
            ledgers = fleet.ledgers();
            fleet.close();
            completed = true;
        } finally {
            if (completed) {
                emulator.kill();
            } else {
                emulator.close();
            }
        }

        check.stored(data, ledgers, backend);
        Figures.write("full-disk", JsonObject.builder()
                .put("devices", DEVICES.size())
                .put("devicesStats", stats.toJson())
                .put("reportsRefusedWhileFull", refusedWhileFull)
                .put("reportsAckedAfterRoom", ackedAfterRoom)
                .put("backendStats", backend.toJson())
                .put("serviceError", serviceError)
                .put("mqttError", stats.firstRefusal())
                .put("check", check.toJson())
                .put("lost", check.lost())
                .build());
        assertThat(stats.problems()).as("problems the devices saw").isEmpty();
        assertThat(check.notes()).as("twins that differ from what was acknowledged").isEmpty();
        assertThat(check.lost()).as("acknowledged writes lost to the full disk").isZero();
    }

    @Test
    void aDataDirectoryUnderARegularFileStopsTheStartNamingIt() throws Exception {
        Path file = Files.writeString(temp.resolve("plain.txt"), "not a directory");
        Path data = file.resolve("data");
        assertThatThrownBy(() -> TwinkitEmulator.start(config(data)))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(data.toString())
                .hasMessageContaining("cannot be created");
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    @Test
    void aStoreOnAFullDeviceStopsTheStartAndTheCommandLineSaysWhy() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "/dev/full, where every write fails with ENOSPC");
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.createSymbolicLink(data.resolve("hub.mv.db"), full);
        assertThatThrownBy(() -> TwinkitEmulator.start(config(data)))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining("hub.mv.db")
                .hasMessageContaining("No space left on device");

        ChildEmulator.Ports ports = ChildEmulator.Ports.free();
        Optional<ChildEmulator.Ended> ended = ChildEmulator.runToEnd(temp.resolve("cli-stderr.txt"),
                Duration.ofSeconds(60), "--data-dir", data.toString(), "--https-port", Integer.toString(ports.https()),
                "--mqtt-port", Integer.toString(ports.mqtt()), "--mqtt-ws-port", Integer.toString(ports.mqttWs()));
        assertThat(ended).as("the command line ends by itself").isPresent();
        assertThat(ended.get().status()).isEqualTo(1);
        assertThat(ended.get().stderr()).contains("twinkit-emulator: cannot start:").contains("No space left on device");
    }

    @Test
    void aReadOnlyDataDirectoryStopsTheStartNamingIt() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        assertThat(data.toFile().setWritable(false, false)).isTrue();
        try {
            // root writes to read-only directories anyway; there is nothing to refuse then
            assumeTrue(!Files.isWritable(data), "a read-only directory is read-only for this user (not root)");
            assertThatThrownBy(() -> TwinkitEmulator.start(config(data)))
                    .isInstanceOf(HubStorageException.class)
                    .hasMessageContaining(data.toString())
                    .hasMessageContaining("not writable");
        } finally {
            data.toFile().setWritable(true, false);
        }
    }

    private static EmulatorConfig config(Path data) {
        return EmulatorConfig.builder().dataDirectory(data).httpsPort(0).mqttPort(0).mqttWsPort(0).build();
    }

    /** Returns the message of the first desired update the hub refuses, trying for up to 30 seconds. */
    private static String awaitRefusedUpdate(TwinServiceClient service) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (long i = 0; ; i++) {
            try {
                service.update(TwinKey.device(PROBE),
                        TwinPatch.ofDesired(MergePatch.builder().set("probe", i).build()));
            } catch (ServiceException e) {
                assertThat(e.httpStatus()).as("status of %s", e.getMessage()).isEqualTo(500);
                assertThat(e.getMessage()).contains("File too large").contains("data directory");
                return e.getMessage();
            }
            assertThat(System.nanoTime()).as("a write is refused on the full disk").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static void awaitAcceptedUpdate(TwinServiceClient service) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                service.update(TwinKey.device(PROBE),
                        TwinPatch.ofDesired(MergePatch.builder().set("probe", -1).build()));
                return;
            } catch (ServiceException e) {
                assertThat(System.nanoTime()).as("writes work again once there is room: %s", e.getMessage())
                        .isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static boolean prlimitWorks() {
        try {
            return new ProcessBuilder("prlimit", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void prlimit(long pid, String fileSizeLimit) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("prlimit", "--pid", Long.toString(pid),
                "--fsize=" + fileSizeLimit + ":unlimited").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("prlimit: %s", output).isZero();
    }
}
