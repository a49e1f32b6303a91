package io.twinkit.reliability.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.support.EmulatorEndpoint;
import io.twinkit.reliability.support.Figures;
import io.twinkit.reliability.support.HeapAfterGc;
import io.twinkit.reliability.support.Machine;
import io.twinkit.reliability.support.Settings;
import io.twinkit.service.TwinServiceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Devices over MQTT (half over TLS, half over a secure WebSocket) report and send telemetry (QoS 1) on a timer while
 * back ends patch desired properties and run queries through {@link TwinServiceClient}; afterwards every acknowledged
 * update must be in the twins, every acknowledged telemetry message in the hub's journal exactly once (unless the
 * journal dropped it to stay within its bounds, which {@link TelemetryCheck} accounts for), every device must have
 * seen every desired version in order and hold the twin's desired state, and the heap after garbage collection must
 * have stayed under its bound. Short by default; {@code -Preliability-long} runs 1,000
 * devices for 60 seconds ({@code reliability.devices}, {@code reliability.seconds}, ...).
 */
class LoadTest {

    private static final int MAX_IN_FLIGHT = 20;
    private static final int TELEMETRY_WINDOW = 20;

    @Test
    void everyAcknowledgedUpdateIsKeptAndEveryDeviceSeesEveryDesiredVersionInOrder() throws Exception {
        int deviceCount = Settings.integer("reliability.devices", 60);
        int seconds = Settings.integer("reliability.seconds", 4);
        int interval = Settings.integer("reliability.intervalMillis", 100);
        int backendCount = Settings.integer("reliability.backends", 2);
        int desiredRate = Settings.integer("reliability.desiredPerSecond", 40);
        long heapBound = Settings.integer("reliability.heapBoundMiB", 384) * 1024L * 1024L;
        int journalSize = Settings.integer("reliability.telemetryJournalSize", HubOptions.DEFAULT_TELEMETRY_JOURNAL_SIZE);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            ids.add(String.format("load-%04d", i));
        }
        JsonObject machineBefore = Machine.describe();
        EmulatorConfig config = EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .hubOptions(HubOptions.builder().telemetryJournalSize(journalSize).build())
                .devices(ids.stream().map(DeviceId::of).toList()).build();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config);
             HeapAfterGc heap = new HeapAfterGc();
             LoadNetwork network = new LoadNetwork(EmulatorEndpoint.of(emulator), 2);
             TwinServiceClient service = EmulatorEndpoint.of(emulator).serviceClient()) {
            LoadStats stats = new LoadStats();
            Fleet fleet = new Fleet(network, ids, LoadDevice.ReportMode.OVERWRITE, MAX_IN_FLIGHT, stats);
            fleet.sendTelemetry(TELEMETRY_WINDOW);
            Duration connected = fleet.startAll(100, Duration.ofSeconds(120));
            BackendLoad backends = new BackendLoad(service, ids, backendCount, desiredRate);

            long started = System.nanoTime();
            fleet.startReporting(interval);
            backends.start();
            TimeUnit.SECONDS.sleep(seconds);
            backends.stop();
            fleet.stopReporting(Duration.ofSeconds(60));
            double elapsed = (System.nanoTime() - started) / 1e9;

            // notifications of the last desired updates may still be on their way
            List<DeviceLedger> ledgers = DesiredViews.await(fleet,
                    id -> emulator.hub().twins().get(TwinKey.device(id)), Duration.ofSeconds(30));
            TwinCheck check = new TwinCheck();
            check.twins(ledgers, backends, id -> emulator.hub().twins().get(TwinKey.device(id)), true);
            long gaps = ledgers.stream().mapToLong(DeviceLedger::desiredGaps).sum();
            TelemetryCheck telemetry = new TelemetryCheck();
            telemetry.journal(ledgers, emulator.hub().telemetry());
            fleet.close();

            JsonObject figures = JsonObject.builder()
                    .put("devices", deviceCount)
                    .put("devicesOverTls", (deviceCount + 1) / 2)
                    .put("devicesOverWebSocket", deviceCount / 2)
                    .put("reportIntervalMillis", interval)
                    .put("seconds", seconds)
                    .put("elapsedSeconds", Math.round(elapsed * 100) / 100.0)
                    .put("connectAllSeconds", connected.toMillis() / 1000.0)
                    .put("offeredReportsPerSecond", deviceCount * 1000.0 / interval)
                    .put("ackedReportsPerSecond", Math.round(stats.acked() / elapsed))
                    .put("ackedTelemetryPerSecond", Math.round(stats.telemetryAcked() / elapsed))
                    .put("telemetryLatency", stats.telemetryLatency().toJson())
                    .put("telemetryJournalSize", journalSize)
                    .put("telemetryCheck", telemetry.toJson())
                    .put("reportLatency", stats.reportLatency().toJson())
                    .put("devicesStats", stats.toJson())
                    .put("backendsStats", backends.toJson())
                    .put("check", check.toJson())
                    .put("lost", check.lost())
                    .put("telemetryLost", telemetry.lost())
                    .put("heapAfterGc", heap.toJson())
                    .put("heapBoundMiB", heapBound / (1024 * 1024))
                    .put("machineBefore", machineBefore)
                    .put("machineAfter", Machine.describe())
                    .build();
            Figures.write("load", figures);

            assertThat(stats.problems()).as("problems the devices saw").isEmpty();
            assertThat(backends.failures()).as("back-end failures").isEmpty();
            assertThat(stats.acked()).as("acknowledged reports").isPositive();
            assertThat(stats.refused()).as("reports the hub refused").isZero();
            assertThat(stats.unknown()).as("reports without an answer").isZero();
            assertThat(backends.patchesAcked()).as("acknowledged desired updates").isPositive();
            assertThat(check.notes()).as("twins that differ from what was acknowledged").isEmpty();
            assertThat(check.lost()).as("lost updates").isZero();
            assertThat(gaps).as("desired versions a device skipped while online").isZero();
            assertThat(stats.telemetryAcked()).as("acknowledged telemetry").isPositive();
            assertThat(stats.telemetryUnknown()).as("telemetry without a PUBACK").isZero();
            assertThat(telemetry.acked()).as("acknowledged telemetry checked against the journal")
                    .isEqualTo(stats.telemetryAcked());
            assertThat(telemetry.notes()).as("telemetry that differs from what was acknowledged; %s",
                    telemetry.accounting()).isEmpty();
            assertThat(telemetry.lost()).as("lost telemetry").isZero();
            assertThat(telemetry.duplicates()).as("telemetry journaled twice").isZero();
            assertThat(telemetry.unexpected() + telemetry.corrupt()).as("telemetry nobody sent, or changed").isZero();
            assertThat(telemetry.exactlyOnce() + telemetry.droppedByJournal()).as(telemetry.accounting())
                    .isEqualTo(stats.telemetryAcked());
            assertThat(heap.maxBytes()).as("heap after GC (bound %d MiB): %s", heapBound >> 20, heap.toJson())
                    .isLessThan(heapBound);
        }
    }
}
