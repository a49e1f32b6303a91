package io.twinkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.server.EmulatorCommand;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The firmware update scenario: a direct method, progress in the twin, telemetry while it runs. */
@Timeout(120)
class FirmwareUpdateTest {

    private static final List<String> ALL_STEPS = List.of("downloading 25%", "downloading 50%", "downloading 75%",
            "downloading 100%", "applying", "done");

    @Test
    void theMethodStartsTheUpdateTheTwinShowsItsStepsAndTheJournalHoldsItsTelemetry() throws Exception {
        Captured out = new Captured();

        FirmwareUpdate.Result result = FirmwareUpdate.run(out.stream());

        assertThat(result.updated()).isTrue();
        assertThat(result.methodStatus()).isEqualTo(200);
        assertThat(result.accepted()).isEqualTo(new FirmwareUpdate.UpdateAccepted("1.0.0", "2.0.0", "downloading"));
        assertThat(result.firmwareVersion()).isEqualTo("2.0.0");
        // the back end polls the twin, so it may miss a step, but sees them in order and always the last
        assertThat(result.steps()).isSubsetOf(ALL_STEPS).doesNotHaveDuplicates().endsWith("done");
        assertThat(ALL_STEPS).containsSubsequence(result.steps());
        assertThat(result.telemetryAcknowledged()).isEqualTo(FirmwareUpdate.TELEMETRY_MESSAGES);
        assertThat(result.telemetryReadBack()).isTrue();
        assertTelemetry(result.telemetryRead());
        assertThat(out.text()).matches(EmbeddedOutput.startingWith("Firmware update on an embedded emulator at "))
                .containsSubsequence(
                "1. Device myDeviceId connects, handles the direct method firmwareUpdate and reports firmwareVersion"
                        + " 1.0.0",
                "2. Back end invokes firmwareUpdate on myDeviceId: {\"version\":\"2.0.0\",\"url\":"
                        + "\"https://firmware.example.com/thermostat/2.0.0.bin\"}",
                "   status 200: {\"from\":\"1.0.0\",\"to\":\"2.0.0\",\"state\":\"downloading\"}",
                "3. Back end follows the update in the reported properties until the device reports 2.0.0:",
                "   done: firmwareVersion 2.0.0",
                "4. Back end reads the device's telemetry from the emulator's journal:",
                "   #1 {messageType=firmwareProgress, state=downloading} application/json {\"state\":\"downloading\","
                        + "\"progress\":25,\"version\":\"2.0.0\"}",
                "   #6 {messageType=firmwareProgress, state=done} application/json {\"state\":\"done\","
                        + "\"progress\":100,\"version\":\"2.0.0\"}",
                "   6 messages; the device saw 6 acknowledged",
                "Done: myDeviceId runs firmware 2.0.0 (firmwareUpdate answered 200, " + result.steps().size()
                        + " steps seen in the twin, 6 telemetry messages).");
    }

    @Test
    void onAStandaloneEmulatorTheBackEndReadsTheTelemetryOverHttps() throws Exception {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0)
                .mqttWsPort(0).devices(List.of(DeviceId.of(HubSettings.DEFAULT_DEVICE_ID))).build())) {
            Captured out = new Captured();
            Captured err = new Captured();
            Map<String, String> env = Map.of(HubSettings.EMULATOR_READY,
                    EmulatorCommand.READY_PREFIX + emulator.readyInfo());

            int status = Examples.run(List.of("firmware"), env, out.stream(), err.stream());

            assertThat(status).as("stderr: %s", err).isZero();
            assertThat(err.text()).isEmpty();
            assertThat(out.text()).startsWith("Firmware update on the emulator at localhost:" + emulator.httpsPort())
                    .contains("4. Back end reads the device's telemetry from the emulator's journal"
                            + " (GET /twinkit/telemetry):", "   6 messages; the device saw 6 acknowledged");
            assertTelemetry(emulator.hub().telemetry().messages());
            assertThat(emulator.hub().twins().get(TwinKey.device(HubSettings.DEFAULT_DEVICE_ID)).reported()
                    .properties().getString("firmwareVersion")).contains("2.0.0");

            // a second run starts from firmware 1.0.0 again, and reads only its own telemetry
            Captured again = new Captured();
            assertThat(Examples.run(List.of("firmware"), env, again.stream(), err.stream())).isZero();
            assertThat(again.text()).contains("   #7 {messageType=firmwareProgress, state=downloading}",
                    "   6 messages; the device saw 6 acknowledged").doesNotContain("   #6 ");
        }
    }

    @Test
    void onARealHubTheTelemetryIsNotReadBackAndTheOutputSaysWhereItWent() throws Exception {
        try (TwinkitEmulator emulator = EmbeddedEmulator.start(HubSettings.DEFAULT_DEVICE_ID)) {
            Captured out = new Captured();

            FirmwareUpdate.Result result = FirmwareUpdate.run(HubSettings.ofEmulator(emulator),
                    TelemetryReader.none("the hub's built-in Event Hubs endpoint"), out.stream());

            assertThat(result.updated()).isTrue();
            assertThat(result.telemetryReadBack()).isFalse();
            assertThat(result.telemetryRead()).isEmpty();
            assertThat(out.text()).contains("4. The device's 6 telemetry messages, each acknowledged by the hub, went"
                    + " to the hub's built-in Event Hubs endpoint (an Event Hubs client reads them; this program does"
                    + " not)");
            assertThat(emulator.hub().telemetry().messages()).hasSize(FirmwareUpdate.TELEMETRY_MESSAGES);
        }
    }

    @Test
    void theProgramExitsZeroWhenTheDeviceWasUpdatedAndTwoForHalfAHub() {
        Captured out = new Captured();
        Captured err = new Captured();

        assertThat(FirmwareUpdate.runAsProgram(Map.of(), out.stream(), err.stream())).as("stderr: %s", err).isZero();
        assertThat(err.text()).isEmpty();
        assertThat(out.text()).contains("   status 200: ");

        assertThat(FirmwareUpdate.runAsProgram(Map.of(HubSettings.DEVICE_CONNECTION_STRING,
                "HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=a2V5"), out.stream(), err.stream()))
                .isEqualTo(Exit.USAGE);
        assertThat(err.text()).isEqualTo("firmware: the firmware update runs a back end and a device: set both"
                + " IOTHUB_CONNECTION_STRING and IOTHUB_DEVICE_CONNECTION_STRING (or TWINKIT_EMULATOR_READY), or"
                + " neither to run on an embedded emulator" + System.lineSeparator());
    }

    /** The six progress messages of one update, in order, as the device sent them. */
    private static void assertTelemetry(List<TelemetryMessage> messages) {
        assertThat(messages).hasSize(FirmwareUpdate.TELEMETRY_MESSAGES);
        List<FirmwareUpdate.Progress> progress = new ArrayList<>();
        for (TelemetryMessage message : messages) {
            assertThat(message.deviceId().value()).isEqualTo(HubSettings.DEFAULT_DEVICE_ID);
            assertThat(message.contentType()).contains("application/json");
            assertThat(message.applicationProperties()).containsEntry("messageType", "firmwareProgress");
            FirmwareUpdate.Progress p = TwinJson.standard().fromJsonValue(JsonValue.parse(message.body()),
                    FirmwareUpdate.Progress.class);
            assertThat(message.applicationProperties()).containsEntry("state", p.state());
            progress.add(p);
        }
        assertThat(progress).containsExactly(new FirmwareUpdate.Progress("downloading", 25, "2.0.0"),
                new FirmwareUpdate.Progress("downloading", 50, "2.0.0"),
                new FirmwareUpdate.Progress("downloading", 75, "2.0.0"),
                new FirmwareUpdate.Progress("downloading", 100, "2.0.0"),
                new FirmwareUpdate.Progress("applying", 100, "2.0.0"),
                new FirmwareUpdate.Progress("done", 100, "2.0.0"));
    }
}
