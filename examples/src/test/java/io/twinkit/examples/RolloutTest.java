package io.twinkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.server.EmulatorCommand;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinJobStatistics;
import io.twinkit.service.TwinJobStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rollout scenario: a configuration and a twin update job over a plant's share of the fleet. */
@Timeout(120)
class RolloutTest {

    @Test
    void onTheEmbeddedEmulatorTheConfigurationAndTheJobReachEveryTwinOfThePlantAndNoOther() {
        Captured out = new Captured();

        Rollout.Result result = Rollout.run(out.stream(), Rollout.DEFAULT_DEVICES);

        assertThat(result).isEqualTo(new Rollout.Result(1000, 250, 250, 250, TwinJobStatus.COMPLETED,
                new TwinJobStatistics(250, 250, 0, 0, 0), 250));
        assertThat(result.reachedThePlant()).isTrue();
        assertThat(out.text()).matches(EmbeddedOutput.startingWith("Firmware rollout on an embedded emulator at "))
                .containsSubsequence(
                "1. Registering 1000 devices with the bulk registry, 100 per request; every 4th is in plant Redmond43",
                "   1000 devices registered, 250 in Redmond43",
                "2. Back end creates configuration telemetry-redmond43 (priority 10)",
                "   target:  tags.location.plant = 'Redmond43' AND tags.simulation = 'twinkit-rollout'",
                "   content: {\"telemetry\":{\"interval\":30,\"unit\":\"s\"}}",
                "   metric onFirmware2: SELECT deviceId FROM devices WHERE tags.location.plant = 'Redmond43' AND "
                        + "tags.simulation = 'twinkit-rollout' AND properties.desired.firmware.version = '2.0.0'",
                "3. Waiting until the hub has applied it to the plant's twins:",
                "   targeted 250, applied 250",
                "4. Back end schedules a twin update job over tags.location.plant = 'Redmond43' AND "
                        + "tags.simulation = 'twinkit-rollout': {\"firmware\":{\"version\":\"2.0.0\"}}",
                "   running: ",
                "   completed: 250 of 250 succeeded, 0 failed, 0 to go",
                "5. Waiting until the configuration's metric onFirmware2 counts the new firmware:",
                "   onFirmware2 = 250",
                "6. Cleaning up",
                "   configuration telemetry-redmond43 deleted, 1000 devices removed",
                "Done: the configuration reached 250 of 250 twins in Redmond43, the job updated 250 of 250.");
    }

    @Test
    void onAnEmulatorNamedByTheEnvironmentItRunsTheSameAndLeavesNothingBehind() throws Exception {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0)
                .mqttWsPort(0).build())) {
            IotHub hub = emulator.hub();
            // a device of the hub's own in the plant, and one an interrupted earlier run left
            hub.registry().createDevice(DeviceId.of("production-7"));
            hub.twins().update(TwinKey.device("production-7"),
                    JsonValue.parseObject("{\"tags\":{\"location\":{\"plant\":\"Redmond43\"}}}"), null);
            hub.registry().createDevice(DeviceId.of("rollout-0120"));
            hub.twins().update(TwinKey.device("rollout-0120"),
                    JsonValue.parseObject("{\"tags\":{\"simulation\":\"twinkit-rollout\"}}"), null);
            Captured out = new Captured();
            Captured err = new Captured();
            Map<String, String> env = Map.of(HubSettings.EMULATOR_READY,
                    EmulatorCommand.READY_PREFIX + emulator.readyInfo());

            int status = Examples.run(List.of("rollout", "120"), env, out.stream(), err.stream());

            assertThat(status).as("stderr: %s", err).isZero();
            assertThat(out.text()).startsWith("Firmware rollout on the emulator at localhost:" + emulator.httpsPort())
                    .contains("(removed 1 devices an earlier run left behind)",
                            "   120 devices registered, 30 in Redmond43", "   targeted 30, applied 30",
                            "   completed: 30 of 30 succeeded, 0 failed, 0 to go",
                            "   configuration telemetry-redmond43 deleted, 120 devices removed");
            assertThat(hub.registry().list()).extracting(identity -> identity.key().deviceId().value())
                    .containsExactly("production-7");
            assertThat(hub.twins().get(TwinKey.device("production-7")).desired().properties().isEmpty())
                    .as("the hub's own device in the plant is not touched").isTrue();
            assertThat(hub.configurations().list(10)).isEmpty();
            assertThat(hub.jobs().list()).singleElement()
                    .satisfies(job -> assertThat(job.statistics().succeededCount()).isEqualTo(30));
        }
    }

    @Test
    void theProgramTakesTheFleetSizeAndRejectsABadOne() {
        Captured out = new Captured();
        Captured err = new Captured();

        assertThat(Rollout.runAsProgram(Map.of(), List.of("many"), out.stream(), err.stream()))
                .isEqualTo(Exit.USAGE);
        assertThat(Rollout.runAsProgram(Map.of(), List.of("3"), out.stream(), err.stream())).isEqualTo(Exit.USAGE);
        assertThat(Rollout.runAsProgram(Map.of(), List.of("4", "5"), out.stream(), err.stream()))
                .isEqualTo(Exit.USAGE);
        assertThat(Rollout.runAsProgram(Map.of(HubSettings.DEVICE_CONNECTION_STRING,
                "HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=a2V5"), List.of(), out.stream(),
                err.stream())).isEqualTo(Exit.USAGE);

        assertThat(out.text()).isEmpty();
        assertThat(err.text().lines()).containsExactly("rollout: the fleet size 'many' is not a number",
                "rollout: the fleet size 3 is outside 4..10000", "rollout: usage: rollout [devices]",
                "rollout: the rollout runs a back end: set IOTHUB_CONNECTION_STRING (or TWINKIT_EMULATOR_READY), or "
                        + "neither to run on an embedded emulator");
    }
}
