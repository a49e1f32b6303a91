package io.twinkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.EmulatorCommand;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tutorial, on its own embedded emulator and on an emulator named by a ready line. */
@Timeout(60)
class TutorialTest {

    private final Captured out = new Captured();
    private final Captured err = new Captured();

    @Test
    void withoutSettingsTheTutorialRunsOnAnEmbeddedEmulatorAndEachStepSeesWhatItExpects() {
        int status = Tutorial.run(Map.of(), out.stream(), err.stream());

        assertThat(status).as("exit status; stderr: %s", err).isZero();
        assertThat(out.text()).matches(EmbeddedOutput.startingWith("Device twin tutorial on an embedded emulator at "))
                .containsSubsequence(
                        "1. Device myDeviceId connects (" + EmbeddedOutput.transport() + ")",
                        "2. Back end adds tags to myDeviceId: {\"location\":{\"region\":\"US\",\"plant\":\"Redmond43\"}}",
                        "3. Back end finds the devices in plant Redmond43:",
                        "   SELECT * FROM devices WHERE tags.location.plant = 'Redmond43'",
                        "   found: myDeviceId",
                        "4. Back end finds the devices in Redmond43 on cellular:",
                        "   SELECT * FROM devices WHERE tags.location.plant = 'Redmond43' AND "
                                + "properties.reported.connectivity.type = 'cellular'",
                        "   found: none yet (myDeviceId has not reported its connectivity)",
                        "5. Device myDeviceId reports {\"connectivity\":{\"type\":\"cellular\"}}",
                        "6. Back end asks again:",
                        "   found: myDeviceId",
                        "Done: each step saw what it expected.")
                .doesNotContain("not yet;", "removed the connectivity");
        assertThat(out.text().lines()).hasSizeLessThanOrEqualTo(20);
        assertThat(err.text()).isEmpty();
    }

    @Test
    void theEmbeddedTutorialConnectsOverMqttWhile127001Port8883IsTakenByAnotherProcess() throws IOException {
        assumeThat(TwinkitEmulator.ownLoopbackAddressesSupported()).as("127.0.0.2 and up are local addresses")
                .isTrue();
        // another broker on 127.0.0.1:8883, or whoever has it already
        ServerSocket occupant = new ServerSocket();
        try (occupant) {
            try {
                occupant.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8883));
            } catch (BindException taken) {
                // taken already: just as good
            }
            assertThatThrownBy(() -> {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8883));
                }
            }).as("127.0.0.1:8883 is taken").isInstanceOf(BindException.class);

            int status = Tutorial.run(Map.of(), out.stream(), err.stream());

            assertThat(status).as("exit status; stderr: %s", err).isZero();
            assertThat(out.text()).matches(EmbeddedOutput.startingWith(
                            "Device twin tutorial on an embedded emulator at "))
                    .containsPattern("at (127\\.0\\.0\\.\\d+):\\d+ \\(MQTT on \\1:8883\\)")
                    .doesNotContain("at 127.0.0.1:", "localhost")
                    .containsSubsequence("1. Device myDeviceId connects (MQTT)",
                            "5. Device myDeviceId reports {\"connectivity\":{\"type\":\"cellular\"}}",
                            "Done: each step saw what it expected.");
        }
    }

    @Test
    void withAReadyLineTheTutorialRunsOnThatEmulatorAndAgainFromTheSameStartingState() {
        try (TwinkitEmulator emulator = EmbeddedEmulator.start("myDeviceId", "otherDevice")) {
            Map<String, String> env = Map.of(HubSettings.EMULATOR_READY,
                    EmulatorCommand.READY_PREFIX + emulator.readyInfo());

            assertThat(Tutorial.run(env, out.stream(), err.stream())).as("first run; stderr: %s", err).isZero();
            Captured again = new Captured();
            assertThat(Tutorial.run(env, again.stream(), err.stream())).as("second run; stderr: %s", err).isZero();

            assertThat(out.text()).startsWith("Device twin tutorial on the emulator at " + emulator.serviceHost() + ":"
                    + emulator.httpsPort() + " (MQTT over WebSocket on port " + emulator.mqttWsPort() + ")");
            assertThat(again.text()).contains("   (removed the connectivity an earlier run reported: "
                    + "{\"connectivity\":null})", "found: none yet", "Done: each step saw what it expected.");
            assertThat(emulator.hub().twins().get(TwinKey.device(DeviceId.of("myDeviceId"))).reported().properties()
                    .getString("connectivity.type")).contains("cellular");
        }
    }

    @Test
    void aStepThatDoesNotSeeWhatItExpectsFailsTheProgramWithTheReason() {
        try (TwinkitEmulator emulator = EmbeddedEmulator.start("myDeviceId")) {
            HubSettings settings = HubSettings.ofEmulator(emulator);
            int status = Exit.guard("backend", err.stream(), () -> {
                try (var client = settings.backEnd()) {
                    TutorialBackEnd backEnd = new TutorialBackEnd(client, DeviceId.of("myDeviceId"),
                            new Steps(out.stream()), Duration.ofMillis(1200));
                    backEnd.addLocationTags();
                    backEnd.findOnCellular(true);
                }
            });

            assertThat(status).isEqualTo(Exit.FAILED);
            assertThat(out.text()).contains("   (not yet; asking again every 500 ms for up to 1 s: a hub's query "
                    + "results trail its writes by seconds)", "   found: none");
            assertThat(err.text()).isEqualTo("backend FAILED at step 2: myDeviceId did not show up on cellular "
                    + "within 1 s" + System.lineSeparator());
        }
    }

    @Test
    void oneConnectionStringWithoutTheOtherIsAUsageError() {
        int status = Tutorial.run(Map.of(HubSettings.SERVICE_CONNECTION_STRING,
                "HostName=myhub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=AAAA"),
                out.stream(), err.stream());

        assertThat(status).isEqualTo(Exit.USAGE);
        assertThat(out.text()).isEmpty();
        assertThat(err.text()).startsWith("tutorial: the tutorial runs the back end and the device: set both "
                + "IOTHUB_CONNECTION_STRING and IOTHUB_DEVICE_CONNECTION_STRING");
    }
}
