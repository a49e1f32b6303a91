package io.twinkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twinkit-examples.jar} as the README runs it: the tutorial in one command, the back end and the device as
 * separate processes against a standalone emulator whose ready line went to a file, and the rollout and the firmware
 * update against such an emulator.
 */
@Timeout(120)
class TwinkitExamplesJarIT {

    private static final Path JAR = Path.of(System.getProperty("twinkit.examples.jar",
            "target/twinkit-examples.jar"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void stopLeftovers() throws InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void theJarRunsTheTutorialQuietlyAndExitsZero() throws Exception {
        Run run = run(Map.of());

        assertThat(run.status()).as("exit status; stderr: %s", run.err()).isZero();
        assertThat(run.out()).matches(EmbeddedOutput.startingWith("Device twin tutorial on an embedded emulator at "))
                .contains("   found: none yet (myDeviceId has not reported its connectivity)")
                .endsWith("Done: each step saw what it expected." + System.lineSeparator());
        assertThat(run.err()).as("no log output").isEmpty();
    }

    @Test
    void theBackEndAndTheDeviceRunAsProgramsAgainstAStandaloneEmulator() throws Exception {
        Path ready = directory.resolve("ready.txt");
        Process emulator = new ProcessBuilder(JAVA, "-cp", JAR.toString(),
                "io.twinkit.emulator.server.EmulatorCommand", "--https-port", "0", "--mqtt-port", "0",
                "--mqtt-ws-port", "0", "--device", "myDeviceId")
                .redirectOutput(ready.toFile())
                .redirectError(directory.resolve("emulator.log").toFile())
                .start();
        processes.add(emulator);
        Map<String, String> env = Map.of(HubSettings.EMULATOR_READY, ready.toString());

        Run device = run(env, "device");
        Run backEnd = run(env, "backend");

        assertThat(device.status()).as("device; stderr: %s", device.err()).isZero();
        assertThat(device.out()).contains("2. Device myDeviceId reports {\"connectivity\":{\"type\":\"cellular\"}}");
        assertThat(backEnd.status()).as("backend; stderr: %s", backEnd.err()).isZero();
        assertThat(backEnd.out()).contains("Done: myDeviceId is in Redmond43 and on cellular.");
        assertThat(device.err() + backEnd.err()).isEmpty();
    }

    @Test
    void theJarRunsTheRolloutAgainstAStandaloneEmulator() throws Exception {
        Path ready = directory.resolve("ready.txt");
        Process emulator = new ProcessBuilder(JAVA, "-cp", JAR.toString(),
                "io.twinkit.emulator.server.EmulatorCommand", "--https-port", "0", "--mqtt-port", "0",
                "--mqtt-ws-port", "0")
                .redirectOutput(ready.toFile())
                .redirectError(directory.resolve("emulator.log").toFile())
                .start();
        processes.add(emulator);

        Run rollout = run(Map.of(HubSettings.EMULATOR_READY, ready.toString()), "rollout", "200");

        assertThat(rollout.status()).as("rollout; stderr: %s", rollout.err()).isZero();
        assertThat(rollout.out()).startsWith("Firmware rollout on the emulator at localhost:")
                .contains("   completed: 50 of 50 succeeded, 0 failed, 0 to go")
                .endsWith("Done: the configuration reached 50 of 50 twins in Redmond43, the job updated 50 of 50."
                        + System.lineSeparator());
        assertThat(rollout.err()).as("no log output").isEmpty();
    }

    @Test
    void theJarRunsTheFirmwareUpdateAgainstAStandaloneEmulatorAndReadsTheTelemetryBack() throws Exception {
        Path ready = directory.resolve("ready.txt");
        Process emulator = new ProcessBuilder(JAVA, "-cp", JAR.toString(),
                "io.twinkit.emulator.server.EmulatorCommand", "--https-port", "0", "--mqtt-port", "0",
                "--mqtt-ws-port", "0", "--device", "myDeviceId")
                .redirectOutput(ready.toFile())
                .redirectError(directory.resolve("emulator.log").toFile())
                .start();
        processes.add(emulator);

        Run firmware = run(Map.of(HubSettings.EMULATOR_READY, ready.toString()), "firmware");

        assertThat(firmware.status()).as("firmware; stderr: %s", firmware.err()).isZero();
        assertThat(firmware.out()).startsWith("Firmware update on the emulator at localhost:")
                .contains("   status 200: {\"from\":\"1.0.0\",\"to\":\"2.0.0\",\"state\":\"downloading\"}",
                        "   done: firmwareVersion 2.0.0",
                        "4. Back end reads the device's telemetry from the emulator's journal (GET /twinkit/telemetry):",
                        "   6 messages; the device saw 6 acknowledged")
                .contains("Done: myDeviceId runs firmware 2.0.0 (firmwareUpdate answered 200, ")
                .endsWith(" telemetry messages)." + System.lineSeparator());
        assertThat(firmware.err()).as("no log output").isEmpty();
    }

    @Test
    void helpListsThePrograms() throws Exception {
        Run run = run(Map.of(), "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo(Examples.USAGE);
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the shaded jar; run mvn package first").isRegularFile();
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(directory, "out", ".txt");
        Path err = Files.createTempFile(directory, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        // the test decides where the programs connect, whatever the environment of the build says
        builder.environment().keySet().removeAll(List.of(HubSettings.SERVICE_CONNECTION_STRING,
                HubSettings.DEVICE_CONNECTION_STRING, HubSettings.DEVICE_TRANSPORT, HubSettings.EMULATOR_READY));
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
