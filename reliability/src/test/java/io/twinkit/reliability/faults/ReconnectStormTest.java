package io.twinkit.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.load.BackendLoad;
import io.twinkit.reliability.load.DesiredViews;
import io.twinkit.reliability.load.DeviceLedger;
import io.twinkit.reliability.load.Fleet;
import io.twinkit.reliability.load.LoadDevice;
import io.twinkit.reliability.load.LoadNetwork;
import io.twinkit.reliability.load.LoadStats;
import io.twinkit.reliability.load.TwinCheck;
import io.twinkit.reliability.support.EmulatorEndpoint;
import io.twinkit.reliability.support.Figures;
import io.twinkit.reliability.support.Machine;
import io.twinkit.reliability.support.Settings;
import io.twinkit.service.TwinServiceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reconnect storms: while devices report (each update adding its own key, so the twin shows exactly which were
 * applied) and a back end patches desired properties, half the devices at a time lose their connection in the middle
 * of a report (the whole PUBLISH then a close, half of it then a close, or half of it then a TCP reset) and all
 * reconnect at once. Afterwards every acknowledged update is in the twins, every update without an answer is there
 * whole or not at all, and every device has resynchronised its desired properties by itself.
 */
class ReconnectStormTest {

    @Test
    void devicesDroppedMidPublishReconnectTogetherAndNothingAcknowledgedIsLost() throws Exception {
        int deviceCount = Settings.integer("reliability.storm.devices", 40);
        int storms = Settings.integer("reliability.storm.storms", 3);
        long pauseMillis = 1_000;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            ids.add(String.format("storm-%04d", i));
        }
        Random random = new Random(Settings.integer("reliability.seed", 20240601));
        EmulatorConfig config = EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .devices(ids.stream().map(DeviceId::of).toList()).build();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config);
             LoadNetwork network = new LoadNetwork(EmulatorEndpoint.of(emulator), 2);
             TwinServiceClient service = EmulatorEndpoint.of(emulator).serviceClient()) {
            LoadStats stats = new LoadStats();
            Fleet fleet = new Fleet(network, ids, LoadDevice.ReportMode.DISTINCT, 10, stats);
            fleet.startAll(100, Duration.ofSeconds(120));
            BackendLoad backend = new BackendLoad(service, ids, 1, 20);
            fleet.startReporting(Settings.integer("reliability.storm.intervalMillis", 200));
            backend.start();
            long started = System.nanoTime();
            int dropped = 0;
            for (int storm = 0; storm < storms; storm++) {
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
                List<LoadDevice> victims = new ArrayList<>(fleet.devices());
                Collections.shuffle(victims, random);
                LoadDevice.DropMode[] modes = LoadDevice.DropMode.values();
                for (LoadDevice victim : victims.subList(0, victims.size() / 2)) {
                    victim.drop(modes[random.nextInt(modes.length)]);
                    dropped++;
                }
            }
            TimeUnit.MILLISECONDS.sleep(pauseMillis);
            fleet.awaitOnline(Duration.ofSeconds(120));
            backend.stop();
            fleet.stopReporting(Duration.ofSeconds(60));
            double elapsed = (System.nanoTime() - started) / 1e9;
            fleet.awaitOnline(Duration.ofSeconds(60));

            List<DeviceLedger> ledgers = DesiredViews.await(fleet, id -> emulator.hub().twins()
                    .get(TwinKey.device(id)), Duration.ofSeconds(30));
            TwinCheck check = new TwinCheck();
            check.twins(ledgers, backend, id -> emulator.hub().twins().get(TwinKey.device(id)), true);
            long gaps = ledgers.stream().mapToLong(DeviceLedger::desiredGaps).sum();
            fleet.close();

            Figures.write("reconnect-storm", JsonObject.builder()
                    .put("devices", deviceCount)
                    .put("storms", storms)
                    .put("dropsRequested", dropped)
                    .put("elapsedSeconds", Math.round(elapsed * 100) / 100.0)
                    .put("devicesStats", stats.toJson())
                    .put("reportLatency", stats.reportLatency().toJson())
                    .put("backendStats", backend.toJson())
                    .put("check", check.toJson())
                    .put("lost", check.lost())
                    .put("machine", Machine.describe())
                    .build());

            assertThat(stats.problems()).as("problems the devices saw").isEmpty();
            assertThat(backend.failures()).as("back-end failures").isEmpty();
            assertThat(stats.toJson().valueOrNull("drops").asNumber().longValue()).as("drops").isPositive();
            assertThat(stats.connects()).as("connections that came online")
                    .isGreaterThan(deviceCount);
            assertThat(stats.refused()).as("reports the hub refused").isZero();
            assertThat(check.notes()).as("twins that differ from what was acknowledged").isEmpty();
            assertThat(check.lost()).as("lost updates").isZero();
            assertThat(gaps).as("desired versions a device skipped while online").isZero();
        }
    }
}
