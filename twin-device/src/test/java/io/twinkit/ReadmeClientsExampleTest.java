package io.twinkit;

import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.device.Transport;
import io.twinkit.device.DeviceConnection;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.query.Query;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import io.twinkit.service.UpdateOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the example of the README's "A taste of twin-device" section, statement for statement. */
@Timeout(60)
class ReadmeClientsExampleTest {

    record Location(String region, String plant) {
    }

    record Tags(Location location) {
    }

    record Connectivity(String type) {
    }

    record Reported(Connectivity connectivity) {
    }

    record Settings(Integer interval) {
    }

    private final List<Settings> applied = new CopyOnWriteArrayList<>();

    private void apply(Settings settings) {
        applied.add(settings);
    }

    private void awaitApplied(Settings expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!applied.contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the device never applied " + expected + "; applied " + applied);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void theReadmeExampleRunsTheTutorialThroughBothClients() {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0)
                .mqttWsPort(0).device(DeviceId.of("myDeviceId")).build())) {
            String readyLine = "TWINKIT-EMULATOR-READY " + emulator.readyInfo();
            List<String> ids;

            try (TwinServiceClient backEnd = TwinServiceClient.builder().emulatorReadyLine(readyLine).build();
                 DeviceConnection device = DeviceConnection.builder().emulatorReadyLine(readyLine, "myDeviceId")
                         .transport(Transport.MQTT_WEBSOCKET).build()) {
                device.addDesiredListener(Settings.class, (settings, update) -> apply(settings));
                device.open();

                TwinKey id = TwinKey.device("myDeviceId");
                Tags wanted = new Tags(new Location("US", "Redmond43"));
                backEnd.update(id, twin -> TwinPatch.tagsChange(
                        TwinJson.standard().toValue(twin.tags(), Tags.class), wanted), UpdateOptions.defaults());
                device.report(new Reported(new Connectivity("cellular")));
                backEnd.awaitReported(id, reported -> reported.contains("connectivity"), Duration.ofSeconds(10));

                Query onCellular = selectAll().fromDevices()
                        .where(tag("location.plant").eq("Redmond43").and(reported("connectivity.type").eq("cellular")));
                ids = backEnd.queries().twins(onCellular).map(twin -> twin.deviceId().value()).toList();
                backEnd.update(id, TwinPatch.desiredChange(Map.of(), new Settings(30)));
                awaitApplied(new Settings(30));
            }

            assertThat(ids).containsExactly("myDeviceId");
            // JSON object equality: the service SDK's HashMap-based TwinCollection does not keep key order
            assertThat(emulator.hub().twins().get(TwinKey.device("myDeviceId")).tags().toJson())
                    .isEqualTo(io.twinkit.core.json.JsonValue.parse(
                            "{\"location\":{\"region\":\"US\",\"plant\":\"Redmond43\"}}"));
            assertThat(applied.get(0)).as("the initial desired state").isEqualTo(new Settings(null));
            assertThat(applied.get(applied.size() - 1)).isEqualTo(new Settings(30));
        }
    }
}
