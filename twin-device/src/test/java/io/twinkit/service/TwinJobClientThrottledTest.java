package io.twinkit.service;

import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.ThrottlingTier;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jobs on a hub of tier S1: one job queued or running at a time, 10 job device operations per second, so a job over
 * 30 devices runs for about two seconds and its progress can be seen.
 */
@Timeout(60)
class TwinJobClientThrottledTest {

    private static final int DEVICES = 30;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TwinkitEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .hubOptions(HubOptions.builder().throttling(ThrottlingTier.S1, 10).build())
                .build());
        IotHub hub = emulator.hub();
        for (int i = 1; i <= DEVICES; i++) {
            TwinKey key = TwinKey.device("slow-" + i);
            hub.registry().createDevice(key.deviceId());
            hub.twins().update(key, JsonValue.parseObject("{\"tags\":{\"slow\":true}}"), null);
        }
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static TwinServiceClient client(RetryOptions retry) {
        return TwinServiceClient.builder().connectionString(emulator.serviceConnectionString())
                .trustCertificate(emulator.caCertificate()).transientRetry(retry).build();
    }

    private static TwinPatch desired(String key, int value) {
        return TwinPatch.desiredChange(Map.of(), Map.of(key, value));
    }

    @Test
    void theProgressListenerSeesTheJobRunAndTheSchedulesOfALaterJobWaitForRoom() {
        try (TwinServiceClient patient = client(new RetryOptions(40, Duration.ofMillis(100), Duration.ofMillis(250)));
             TwinServiceClient impatient = client(RetryOptions.defaults().withMaxAttempts(1))) {
            List<TwinJob> heard = new ArrayList<>();
            TwinJob first = patient.jobs().scheduleTwinUpdate(tag("slow").eq(true), desired("rate", 1),
                    TwinJobOptions.defaults().jobId("slow-1"));

            assertThatThrownBy(() -> impatient.jobs().scheduleTwinUpdate(tag("slow").eq(true), desired("rate", 2),
                    TwinJobOptions.defaults().jobId("slow-2")))
                    .isInstanceOf(ServiceException.class)
                    .satisfies(e -> {
                        ServiceException error = (ServiceException) e;
                        assertThat(error.httpStatus()).isEqualTo(429);
                        assertThat(error.errorCode())
                                .isEqualTo(IotHubErrorCode.THROTTLING_MAX_ACTIVE_JOB_COUNT_EXCEEDED);
                    });
            TwinJob done = first.await(WAIT, heard::add);
            TwinJob second = patient.jobs().scheduleTwinUpdate(tag("slow").eq(true), desired("rate", 2),
                    TwinJobOptions.defaults().jobId("slow-2"));

            assertThat(done.status()).isEqualTo(TwinJobStatus.COMPLETED);
            assertThat(done.statistics()).isEqualTo(new TwinJobStatistics(DEVICES, DEVICES, 0, 0, 0));
            assertThat(heard).as("heard %s", heard).anySatisfy(job -> {
                assertThat(job.status()).isEqualTo(TwinJobStatus.RUNNING);
                assertThat(job.statistics().deviceCount()).isEqualTo(DEVICES);
                assertThat(job.statistics().finished()).isBetween(1, DEVICES - 1);
                assertThat(job.statistics().pending() + job.statistics().running())
                        .isEqualTo(DEVICES - job.statistics().finished());
            });
            assertThat(heard.get(heard.size() - 1).status()).isEqualTo(TwinJobStatus.COMPLETED);
            assertThat(second.id()).isEqualTo("slow-2");
            assertThat(second.await(WAIT).statistics().succeeded()).isEqualTo(DEVICES);
        }
    }

    @Test
    void aScheduleRefusedWhileAnotherJobRunsIsSentAgainUntilThereIsRoom() {
        try (TwinServiceClient patient = client(new RetryOptions(40, Duration.ofMillis(100), Duration.ofMillis(250)))) {
            TwinJob running = patient.jobs().scheduleTwinUpdate(tag("slow").eq(true), desired("level", 1),
                    TwinJobOptions.defaults().jobId("room-1"));

            TwinJob waited = patient.jobs().scheduleTwinUpdate(tag("slow").eq(true), desired("level", 2),
                    TwinJobOptions.defaults().jobId("room-2"));

            TwinJob first = running.refresh();
            assertThat(first.status()).as("the second was accepted only once the first had ended")
                    .isEqualTo(TwinJobStatus.COMPLETED);
            assertThat(first.endTime()).isPresent();
            assertThat(waited.createdTime()).hasValueSatisfying(created ->
                    assertThat(created).isAfterOrEqualTo(first.endTime().orElseThrow()));
            assertThat(waited.await(WAIT).status()).isEqualTo(TwinJobStatus.COMPLETED);
        }
    }
}
