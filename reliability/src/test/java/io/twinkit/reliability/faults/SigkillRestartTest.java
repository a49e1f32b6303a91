package io.twinkit.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.device.Transport;
import io.twinkit.device.DeviceConnection;
import io.twinkit.reliability.load.BackendLoad;
import io.twinkit.reliability.load.DesiredViews;
import io.twinkit.reliability.load.DeviceLedger;
import io.twinkit.reliability.load.Fleet;
import io.twinkit.reliability.load.LoadDevice;
import io.twinkit.reliability.load.LoadNetwork;
import io.twinkit.reliability.load.LoadStats;
import io.twinkit.reliability.load.TwinCheck;
import io.twinkit.reliability.support.ChildEmulator;
import io.twinkit.reliability.support.EmulatorEndpoint;
import io.twinkit.reliability.support.Figures;
import io.twinkit.reliability.support.Latencies;
import io.twinkit.reliability.support.Machine;
import io.twinkit.reliability.support.Settings;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's command line on a data directory, under load from MQTT devices, a back end and one device on the
 * official SDK (through {@link DeviceConnection} over MQTT over WebSocket), is killed with SIGKILL and started again
 * on the same directory and ports, several times. Every acknowledged write must survive every kill, the load devices
 * reconnect by themselves, the SDK device sees each desired change made after a restart and can report again, and
 * the back-end client keeps working without being rebuilt.
 */
class SigkillRestartTest {

    private static final String SDK_DEVICE = "sdk-device";
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedWriteSurvivesSigkillAndTheClientsRecoverByThemselves() throws Exception {
        int deviceCount = Settings.integer("reliability.kill.devices", 20);
        int kills = Settings.integer("reliability.kill.kills", 1);
        int secondsBetween = Settings.integer("reliability.kill.secondsBetween", 3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            ids.add(String.format("kill-%04d", i));
        }
        List<String> all = new ArrayList<>(ids);
        all.add(SDK_DEVICE);
        Path data = temp.resolve("data");
        ChildEmulator.Ports ports = ChildEmulator.Ports.free();
        Latencies restartTimes = new Latencies();
        Latencies sdkRecovery = new Latencies();
        LoadStats stats = new LoadStats();
        ChildEmulator emulator = ChildEmulator.start(data, ports, all, temp.resolve("stderr-0.txt"));
        EmulatorEndpoint endpoint = emulator.endpoint();
        TwinCheck check = new TwinCheck();
        List<DeviceLedger> ledgers;
        BackendLoad backend;
        long gaps;
        int killed = 0;
        boolean completed = false;
        try (LoadNetwork network = new LoadNetwork(endpoint, 2);
             TwinServiceClient service = endpoint.serviceClient();
             DeviceConnection sdk = DeviceConnection.builder()
                     .connectionString(endpoint.deviceConnectionString(SDK_DEVICE))
                     .transport(Transport.MQTT_WEBSOCKET)
                     .endpoint("localhost:" + ports.mqttWs())
                     .sslContext(endpoint.clientTls())
                     .operationTimeout(Duration.ofSeconds(20))
                     .build()) {
            sdk.open();
            Fleet fleet = new Fleet(network, ids, LoadDevice.ReportMode.DISTINCT, 10, stats);
            fleet.startAll(50, Duration.ofSeconds(120));
            backend = new BackendLoad(service, ids, 1, 20);
            fleet.startReporting(Settings.integer("reliability.kill.intervalMillis", 200));
            backend.start();
            for (int kill = 1; kill <= kills; kill++) {
                TimeUnit.SECONDS.sleep(secondsBetween);
                emulator.kill();
                killed++;
                long restarting = System.nanoTime();
                emulator = ChildEmulator.start(data, ports, all, temp.resolve("stderr-" + kill + ".txt"));
                restartTimes.add(System.nanoTime() - restarting);

                // the back-end client, built before the kill, still works; the SDK device sees the change by itself
                long recovering = System.nanoTime();
                TwinDocument changed = service.update(TwinKey.device(SDK_DEVICE),
                        TwinPatch.ofDesired(MergePatch.builder().set("afterKill", kill).build()));
                long version = changed.desired().version().orElseThrow();
                awaitDesired(sdk, version);
                sdkRecovery.add(System.nanoTime() - recovering);
                assertThat(sdk.desired().properties().getLong("afterKill")).hasValue(kill);
                long reported = sdk.report(MergePatch.builder().set("seenKill", kill).build());
                assertThat(service.getTwin(TwinKey.device(SDK_DEVICE)).reported().properties().getLong("seenKill"))
                        .as("the SDK device's report after restart %d (reported $version %d)", kill, reported)
                        .hasValue(kill);
            }
            TimeUnit.SECONDS.sleep(secondsBetween);
            fleet.awaitOnline(RECOVERY);
            backend.stop();
            fleet.stopReporting(Duration.ofSeconds(60));
            fleet.awaitOnline(RECOVERY);
            ledgers = DesiredViews.await(fleet, id -> service.getTwin(TwinKey.device(id)), Duration.ofSeconds(30));
            for (DeviceLedger ledger : ledgers) {
                check.deviceView(ledger, service.getTwin(TwinKey.device(ledger.deviceId())));
            }
            gaps = ledgers.stream().mapToLong(DeviceLedger::desiredGaps).sum();
            TwinDocument sdkTwin = service.getTwin(TwinKey.device(SDK_DEVICE));
            assertThat(sdk.desired().version()).as("the SDK device's desired $version")
                    .isEqualTo(sdkTwin.desired().version());
            fleet.close();
            completed = true;
        } finally {
            if (completed) {
                // one last SIGKILL; the data directory is then read in this JVM
                emulator.kill();
                killed++;
            } else {
                emulator.close();
            }
        }

        check.stored(data, ledgers, backend);

        Figures.write("sigkill", JsonObject.builder()
                .put("devices", deviceCount)
                .put("sdkDevices", 1)
                .put("sigkills", killed)
                .put("restartTime", restartTimes.toJson())
                .put("sdkRecoveryTime", sdkRecovery.toJson())
                .put("devicesStats", stats.toJson())
                .put("backendStats", backend.toJson())
                .put("check", check.toJson())
                .put("lost", check.lost())
                .put("machine", Machine.describe())
                .build());

        assertThat(stats.problems()).as("problems the devices saw").isEmpty();
        assertThat(backend.wrongResults()).as("wrong query results").isZero();
        assertThat(check.notes()).as("twins that differ from what was acknowledged").isEmpty();
        assertThat(check.lost()).as("acknowledged writes lost to SIGKILL").isZero();
        assertThat(gaps).as("desired versions a device skipped while online").isZero();
        assertThat(stats.connects()).as("connections that came online").isGreaterThan((long) deviceCount * kills);
    }

    private static void awaitDesired(DeviceConnection sdk, long version) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (sdk.desired().version().orElse(-1) < version) {
            assertThat(System.nanoTime()).as("the SDK device reaches desired $version %d; it holds %s", version,
                    sdk.desired()).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
