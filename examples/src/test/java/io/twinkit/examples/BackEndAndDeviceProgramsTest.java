package io.twinkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.emulator.server.EmulatorCommand;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial's two halves as separate programs, against an emulator they know from its ready line. */
@Timeout(60)
class BackEndAndDeviceProgramsTest {

    private final Captured backEndOut = new Captured();
    private final Captured deviceOut = new Captured();
    private final Captured err = new Captured();

    @TempDir
    Path directory;

    @Test
    void theBackEndWaitsForTheDeviceThatReportsMeanwhile() throws Exception {
        try (TwinkitEmulator emulator = EmbeddedEmulator.start("myDeviceId")) {
            Map<String, String> env = Map.of(HubSettings.EMULATOR_READY,
                    EmulatorCommand.READY_PREFIX + emulator.readyInfo());
            CompletableFuture<Integer> backEnd = CompletableFuture.supplyAsync(() -> BackEndProgram.run(env,
                    List.of(), backEndOut.stream(), err.stream(), Duration.ofSeconds(30)));
            awaitLine(backEndOut, "   (not yet;");

            int deviceStatus = DeviceProgram.run(env, List.of(), deviceOut.stream(), err.stream());

            assertThat(deviceStatus).as("device; stderr: %s", err).isZero();
            assertThat(backEnd.get(30, TimeUnit.SECONDS)).as("backend; stderr: %s", err).isZero();
            assertThat(deviceOut.text()).startsWith("Tutorial device myDeviceId on the emulator at "
                    + emulator.serviceHost() + ":")
                    .containsSubsequence("1. Device myDeviceId connects (MQTT over WebSocket)",
                            "2. Device myDeviceId reports {\"connectivity\":{\"type\":\"cellular\"}}",
                            "Done: the hub accepted the report.");
            assertThat(backEndOut.text()).startsWith("Tutorial back end on the emulator at " + emulator.serviceHost()
                    + ":")
                    .containsSubsequence("1. Back end adds tags to myDeviceId",
                            "2. Back end finds the devices in plant Redmond43:", "   found: myDeviceId",
                            "3. Back end finds the devices in Redmond43 on cellular:", "   found: myDeviceId",
                            "Done: myDeviceId is in Redmond43 and on cellular.");
            assertThat(err.text()).isEmpty();
        }
    }

    @Test
    void theProgramsReadTheReadyLineFromTheFileTheLauncherWroteAndTakeADeviceId() throws Exception {
        try (TwinkitEmulator emulator = EmbeddedEmulator.start("myDeviceId", "sensor-2")) {
            Path ready = directory.resolve("ready.txt");
            Files.writeString(ready, EmulatorCommand.READY_PREFIX + emulator.readyInfo() + "\n",
                    StandardCharsets.UTF_8);
            Map<String, String> env = Map.of(HubSettings.EMULATOR_READY, ready.toString());

            assertThat(DeviceProgram.run(env, List.of("sensor-2"), deviceOut.stream(), err.stream()))
                    .as("device; stderr: %s", err).isZero();
            assertThat(BackEndProgram.run(env, List.of("sensor-2"), backEndOut.stream(), err.stream(),
                    Duration.ofSeconds(10))).as("backend; stderr: %s", err).isZero();

            assertThat(deviceOut.text()).contains("2. Device sensor-2 reports");
            assertThat(backEndOut.text()).contains("   found: sensor-2", "Done: sensor-2 is in Redmond43");
        }
    }

    @Test
    void aDeviceTheEmulatorDoesNotKnowIsAUsageError() {
        try (TwinkitEmulator emulator = EmbeddedEmulator.start("myDeviceId")) {
            Map<String, String> env = Map.of(HubSettings.EMULATOR_READY,
                    EmulatorCommand.READY_PREFIX + emulator.readyInfo());

            assertThat(DeviceProgram.run(env, List.of("nobody"), deviceOut.stream(), err.stream()))
                    .isEqualTo(Exit.USAGE);
            assertThat(err.text()).startsWith("device: the emulator cannot connect device nobody (start it with "
                    + "--device nobody)");
        }
    }

    @Test
    void withoutSettingsTheHalvesSayWhatToSet() {
        assertThat(BackEndProgram.run(Map.of(), List.of(), backEndOut.stream(), err.stream(), Duration.ofSeconds(1)))
                .isEqualTo(Exit.USAGE);
        assertThat(DeviceProgram.run(Map.of(), List.of(), deviceOut.stream(), err.stream())).isEqualTo(Exit.USAGE);
        assertThat(err.text().lines()).containsExactly(
                "backend: the back end needs a hub or a standalone emulator: set IOTHUB_CONNECTION_STRING or "
                        + "TWINKIT_EMULATOR_READY (without either, the tutorial runs both halves on an embedded "
                        + "emulator)",
                "device: the device needs a hub or a standalone emulator: set IOTHUB_DEVICE_CONNECTION_STRING or "
                        + "TWINKIT_EMULATOR_READY (without either, the tutorial runs both halves on an embedded "
                        + "emulator)");
    }

    private static void awaitLine(Captured captured, String start) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (captured.text().lines().noneMatch(line -> line.startsWith(start))) {
            assertThat(System.nanoTime()).as("'%s' in %s", start, captured).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
