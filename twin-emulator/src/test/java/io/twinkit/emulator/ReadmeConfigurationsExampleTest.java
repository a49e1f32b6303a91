package io.twinkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the example of the README's "Automatic device configurations" section, statement for statement. */
class ReadmeConfigurationsExampleTest {

    @Test
    void theReadmeExampleAppliesAConfigurationToTheDeviceInBuilding43() throws Exception {
        try (IotHub hub = IotHub.create()) {
            hub.registry().createDevice(TwinKey.device("dev1").deviceId());
            hub.twins().update(TwinKey.device("dev1"), JsonValue.parseObject("{\"tags\":{\"building\":\"43\"}}"),
                    null);

            hub.configurations().create(HubConfiguration.builder("chillers")
                    .content(ConfigurationContent.empty().withDeviceSetting("properties.desired.chiller-water",
                            JsonValue.parseObject("{\"temperature\":66,\"pressure\":28}")))
                    .targetCondition("tags.building = '43'")
                    .priority(10)
                    .metrics(ConfigurationMetrics.of(Map.of("pending",
                            "SELECT deviceId FROM devices WHERE properties.reported.chiller.status = 'pending'")))
                    .build());
            assertThat(hub.configurations().awaitApplied(Duration.ofSeconds(5))).isTrue();
            assertThat(hub.twins().get(TwinKey.device("dev1")).configurations())
                    .isEqualTo(Map.of("chillers", ConfigurationStatus.APPLIED));
            assertThat(hub.configurations().get("chillers").systemMetrics().results())
                    .isEqualTo(Map.of("targetedCount", 1L, "appliedCount", 1L));
        }
    }
}
