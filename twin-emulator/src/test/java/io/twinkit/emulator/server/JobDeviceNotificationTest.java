package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AzureSasCredential;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.service.jobs.DirectMethodsJobOptions;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJob;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobStatus;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobsClient;
import com.microsoft.azure.sdk.iot.service.query.QueryClient;
import com.microsoft.azure.sdk.iot.service.query.RawQueryResponse;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.HubJob;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.SymmetricKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs reach a connected device: the emulator on free ports, the official device SDK over MQTT over WebSocket (a free
 * port, not 8883) subscribed to desired properties or to direct methods, and the official service SDK scheduling a
 * twin update job or a method job over HTTPS.
 */
@Timeout(60)
class JobDeviceNotificationTest {

    private static final DeviceId DEVICE = DeviceId.of("job-device");

    @TempDir
    Path dataDirectory;

    @Test
    void theDesiredPatchOfAJobIsPushedToTheConnectedDevice() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder().hubName("jobs-hub").httpsPort(0).mqttPort(0).mqttWsPort(0)
                .dataDirectory(dataDirectory).device(DEVICE).build();
        SSLSocketFactory previous = HttpsURLConnection.getDefaultSSLSocketFactory();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            HttpsURLConnection.setDefaultSSLSocketFactory(emulator.clientSslContext().getSocketFactory());
            SymmetricKey key = emulator.hub().registry().getDevice(DEVICE).authentication().symmetricKey();
            DeviceClient device = new DeviceClient("HostName=127.0.0.1;DeviceId=" + DEVICE + ";SharedAccessKey="
                    + key.primaryKey() + ";GatewayHostName=localhost:" + emulator.mqttWsPort(),
                    IotHubClientProtocol.MQTT_WS, ClientOptions.builder().sslContext(emulator.clientSslContext())
                    .build());
            BlockingQueue<Twin> desired = new LinkedBlockingQueue<>();
            try {
                device.open(false);
                device.subscribeToDesiredProperties((twin, context) -> desired.add(twin), null, 20_000);

                SharedAccessPolicy owner = emulator.hub().registry().policy("iothubowner").orElseThrow();
                ScheduledJobsClient jobs = new ScheduledJobsClient("localhost:" + emulator.httpsPort(),
                        new AzureSasCredential(SharedAccessSignature.create(owner.primaryKey(), "localhost",
                                Instant.now().getEpochSecond() + 3600, "iothubowner")));
                com.microsoft.azure.sdk.iot.service.twin.Twin update =
                        new com.microsoft.azure.sdk.iot.service.twin.Twin();
                update.getDesiredProperties().put("firmware", "2.1");
                ScheduledJob job = jobs.scheduleUpdateTwin("push-firmware", "deviceId = '" + DEVICE + "'", update,
                        new Date(), 60);
                assertThat(job.getJobStatus()).isEqualTo(ScheduledJobStatus.queued);

                Twin pushed = next(desired, 2, Duration.ofSeconds(20));
                assertThat(pushed.getDesiredProperties()).containsEntry("firmware", "2.1");
                assertThat(emulator.hub().jobs().awaitFinished("push-firmware", Duration.ofSeconds(10))
                        .statistics().succeededCount()).isEqualTo(1);
            } finally {
                device.close();
            }
        } finally {
            HttpsURLConnection.setDefaultSSLSocketFactory(previous);
        }
    }

    @Test
    void aMethodJobCallsTheConnectedDeviceAndItsRecordHoldsTheAnswer() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder().hubName("jobs-hub").httpsPort(0).mqttPort(0).mqttWsPort(0)
                .dataDirectory(dataDirectory).device(DEVICE).device(DeviceId.of("offline-device")).build();
        SSLSocketFactory previous = HttpsURLConnection.getDefaultSSLSocketFactory();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            HttpsURLConnection.setDefaultSSLSocketFactory(emulator.clientSslContext().getSocketFactory());
            SymmetricKey key = emulator.hub().registry().getDevice(DEVICE).authentication().symmetricKey();
            DeviceClient device = new DeviceClient("HostName=127.0.0.1;DeviceId=" + DEVICE + ";SharedAccessKey="
                    + key.primaryKey() + ";GatewayHostName=localhost:" + emulator.mqttWsPort(),
                    IotHubClientProtocol.MQTT_WS, ClientOptions.builder().sslContext(emulator.clientSslContext())
                    .build());
            BlockingQueue<String> calls = new LinkedBlockingQueue<>();
            try {
                device.open(false);
                device.subscribeToMethods((name, payload, context) -> {
                    calls.add(name + " " + payload.getPayloadAsJsonString());
                    return new DirectMethodResponse(200, Map.of("rebooting", true));
                }, null);

                SharedAccessPolicy owner = emulator.hub().registry().policy("iothubowner").orElseThrow();
                AzureSasCredential credential = new AzureSasCredential(SharedAccessSignature.create(
                        owner.primaryKey(), "localhost", Instant.now().getEpochSecond() + 3600, "iothubowner"));
                ScheduledJobsClient jobs = new ScheduledJobsClient("localhost:" + emulator.httpsPort(), credential);
                ScheduledJob job = jobs.scheduleDirectMethod("reboot-all", "*", "reboot", new Date(),
                        DirectMethodsJobOptions.builder().payload(Map.of("delay", 5)).methodResponseTimeoutSeconds(30)
                                .methodConnectTimeoutSeconds(0).maxExecutionTimeSeconds(60).build());
                assertThat(job.getJobStatus()).isEqualTo(ScheduledJobStatus.queued);

                assertThat(calls.poll(20, TimeUnit.SECONDS)).isEqualTo("reboot {\"delay\":5}");
                HubJob done = emulator.hub().jobs().awaitFinished("reboot-all", Duration.ofSeconds(20));
                assertThat(done.statistics().succeededCount()).isEqualTo(1);
                assertThat(done.statistics().failedCount()).isEqualTo(1);
                assertThat(jobs.get("reboot-all").getJobStatus()).isEqualTo(ScheduledJobStatus.completed);
                RawQueryResponse rows = new QueryClient("localhost:" + emulator.httpsPort(), credential).queryRaw(
                        "SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'reboot-all' AND deviceId = '"
                                + DEVICE + "'");
                assertThat(rows.hasNext()).isTrue();
                assertThat(JsonValue.parseObject(rows.next()).valueOrNull("outcome")).isEqualTo(JsonValue.parse(
                        "{\"deviceMethodResponse\":{\"status\":200,\"payload\":{\"rebooting\":true}}}"));
            } finally {
                device.close();
            }
        } finally {
            HttpsURLConnection.setDefaultSSLSocketFactory(previous);
        }
    }

    /** Returns the first patch with desired {@code $version} {@code version}, waiting at most {@code timeout}. */
    private static Twin next(BlockingQueue<Twin> patches, int version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Twin twin = patches.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(twin).as("a desired patch with $version %d within %s", version, timeout).isNotNull();
            if (twin.getDesiredProperties().getVersion() == version) {
                return twin;
            }
        }
    }
}
