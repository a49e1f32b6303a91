package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The job statuses and types with the names the service and the service SDK use. */
class TwinJobStatusTest {

    @Test
    void statusesHaveTheServicesNamesAndOnlyTheEndsAreFinal() {
        assertThat(Arrays.stream(TwinJobStatus.values()).map(TwinJobStatus::wireName))
                .containsExactly("queued", "enqueued", "scheduled", "running", "completed", "failed", "cancelled",
                        "unknown");
        assertThat(Arrays.stream(TwinJobStatus.values()).filter(TwinJobStatus::isFinal))
                .containsExactly(TwinJobStatus.COMPLETED, TwinJobStatus.FAILED, TwinJobStatus.CANCELLED);
        assertThat(TwinJobStatus.fromWireName("Running")).isEqualTo(TwinJobStatus.RUNNING);
        assertThat(TwinJobStatus.COMPLETED).hasToString("completed");
        assertThatThrownBy(() -> TwinJobStatus.fromWireName("done")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queued, enqueued");
    }

    @Test
    void typesHaveTheServicesNames() {
        assertThat(Arrays.stream(TwinJobType.values()).map(TwinJobType::wireName))
                .containsExactly("scheduleUpdateTwin", "scheduleDeviceMethod", "unknown");
        assertThat(TwinJobType.fromWireName("SCHEDULEUPDATETWIN")).isEqualTo(TwinJobType.SCHEDULE_UPDATE_TWIN);
        assertThat(TwinJobType.SCHEDULE_DEVICE_METHOD).hasToString("scheduleDeviceMethod");
    }

    @Test
    void theWireNamesAreTheServiceSdksConstants() {
        // the adapter hands the SDK its enums by these names (ScheduledJobType.valueOf, ScheduledJobStatus.valueOf)
        for (TwinJobStatus status : TwinJobStatus.values()) {
            assertThat(com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobStatus.valueOf(status.wireName()).name())
                    .isEqualTo(status.wireName());
        }
        for (TwinJobType type : TwinJobType.values()) {
            assertThat(com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobType.valueOf(type.wireName()).name())
                    .isEqualTo(type.wireName());
        }
    }

    @Test
    void statisticsAreNeverNegativeAndCountTheFinishedDevices() {
        TwinJobStatistics statistics = new TwinJobStatistics(10, 6, 1, 2, 1);

        assertThat(statistics.finished()).isEqualTo(7);
        assertThat(TwinJobStatistics.NONE).isEqualTo(new TwinJobStatistics(0, 0, 0, 0, 0));
        assertThatThrownBy(() -> new TwinJobStatistics(1, -1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("succeeded -1");
    }
}
