package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A row of {@code devices.jobs}, read from the JSON the adapter hands over. */
class DeviceJobTest {

    @Test
    void aFailedDevicesRowCarriesTheHubsError() {
        DeviceJob row = DeviceJob.fromJson(JsonValue.parseObject("""
                {"deviceId":"sensor-7","jobId":"rollout","type":"scheduleUpdateTwin","status":"failed",
                 "startTime":"2030-01-01T10:00:00Z","endTime":"2030-01-01T10:00:01.5Z",
                 "createdTime":"2030-01-01T09:59:59Z","lastUpdatedTime":"2030-01-01T10:00:01.5Z",
                 "error":{"code":"ArgumentInvalid","description":"the patch breaks a limit"}}"""));

        assertThat(row.deviceId()).isEqualTo(DeviceId.of("sensor-7"));
        assertThat(row.jobId()).isEqualTo("rollout");
        assertThat(row.type()).isEqualTo(TwinJobType.SCHEDULE_UPDATE_TWIN);
        assertThat(row.status()).isEqualTo(TwinJobStatus.FAILED);
        assertThat(row.startTime()).contains(Instant.parse("2030-01-01T10:00:00Z"));
        assertThat(row.endTime()).contains(Instant.parse("2030-01-01T10:00:01.5Z"));
        assertThat(row.createdTime()).contains(Instant.parse("2030-01-01T09:59:59Z"));
        assertThat(row.lastUpdatedTime()).isEqualTo(row.endTime());
        assertThat(row.errorCode()).contains("ArgumentInvalid");
        assertThat(row.errorDescription()).contains("the patch breaks a limit");
        assertThat(row).hasToString("DeviceJob[sensor-7, rollout, scheduleUpdateTwin, failed, ArgumentInvalid: "
                + "the patch breaks a limit]");
    }

    @Test
    void aSucceededRowHasNoErrorAndUnknownNamesReadAsUnknown() {
        DeviceJob row = DeviceJob.fromJson(JsonValue.parseObject(
                "{\"deviceId\":\"d1\",\"jobId\":\"j\",\"type\":\"somethingNew\",\"status\":\"completed\"}"));

        assertThat(row.type()).isEqualTo(TwinJobType.UNKNOWN);
        assertThat(row.status()).isEqualTo(TwinJobStatus.COMPLETED);
        assertThat(row.errorCode()).isEmpty();
        assertThat(row.startTime()).isEmpty();
        assertThatThrownBy(() -> DeviceJob.fromJson(JsonValue.parseObject("{\"jobId\":\"j\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without deviceId");
    }

    @Test
    void equalityCoversEveryField() {
        String json = "{\"deviceId\":\"d1\",\"jobId\":\"j\",\"type\":\"scheduleUpdateTwin\",\"status\":\"failed\","
                + "\"error\":{\"code\":\"c\",\"description\":\"d\"}}";
        DeviceJob one = DeviceJob.fromJson(JsonValue.parseObject(json));

        assertThat(one).isEqualTo(DeviceJob.fromJson(JsonValue.parseObject(json)))
                .hasSameHashCodeAs(DeviceJob.fromJson(JsonValue.parseObject(json)));
        for (String other : new String[] {json.replace("\"d1\"", "\"d2\""), json.replace("\"j\"", "\"k\""),
            json.replace("failed", "completed"), json.replace("\"c\"", "\"x\""), json.replace("\"d\"}", "\"y\"}"),
            json.replace("scheduleUpdateTwin", "scheduleDeviceMethod")}) {
            assertThat(DeviceJob.fromJson(JsonValue.parseObject(other))).as(other).isNotEqualTo(one);
        }
    }
}
