package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.MergePatch;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TwinDeviceClientBuilderTest {

    @Test
    void rejectsMissingAndBadSettings() {
        assertThatThrownBy(() -> TwinDeviceClient.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no connection string");
        assertThatThrownBy(() -> TwinDeviceClient.builder().connectionString("DeviceId=d1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no HostName");
        assertThatThrownBy(() -> TwinDeviceClient.builder().operationTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operationTimeout");
        assertThatThrownBy(() -> TwinDeviceClient.builder().endpoint(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
    }

    @Test
    void reportBeforeOpenIsRefused() {
        try (TwinDeviceClient client = TwinDeviceClient.builder()
                .connectionString("HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKey=a2V5").build()) {
            assertThatThrownBy(() -> client.report(MergePatch.empty()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not open");
        }
    }
}
