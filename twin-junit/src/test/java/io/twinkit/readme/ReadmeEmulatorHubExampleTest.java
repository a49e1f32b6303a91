package io.twinkit.readme;

import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinKey;
import io.twinkit.device.DeviceConnection;
import io.twinkit.junit.DeviceConnections;
import io.twinkit.junit.EmulatorEndpoint;
import io.twinkit.junit.EmulatorHub;
import io.twinkit.query.Query;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's {@code @EmulatorHub} example, statement for statement (outside the extension's package, as a user's
 * test is).
 */
@EmulatorHub(devices = {"myDeviceId", "gateway/sensor"})           // started for the class, closed after it
@Timeout(60)
class ReadmeEmulatorHubExampleTest {

    static final Query ON_CELLULAR_IN_REDMOND43 = selectAll().fromDevices()
            .where(tag("location.plant").eq("Redmond43").and(reported("connectivity.type").eq("cellular")));

    @Test
    void theBackEndFindsTheDeviceByItsTagAndItsReport(TwinServiceClient backEnd, DeviceConnections devices) {
        backEnd.update(TwinKey.device("myDeviceId"), TwinPatch.ofTags(MergePatch.builder()
                .set("location.plant", "Redmond43").build()));

        DeviceConnection device = devices.connect("myDeviceId");  // open, over MQTT; closed after the test
        device.report(MergePatch.builder().set("connectivity.type", "cellular").build());

        assertThat(backEnd.queries().twins(ON_CELLULAR_IN_REDMOND43).map(twin -> twin.deviceId().value()))
                .containsExactly("myDeviceId");
    }

    @Test
    void aModuleReportsToo(TwinServiceClient backEnd, DeviceConnections devices, EmulatorEndpoint endpoint) {
        devices.connect("gateway/sensor").report(MergePatch.builder().set("temperature", 21.5).build());

        assertThat(backEnd.awaitReported(TwinKey.module("gateway", "sensor"),
                reported -> reported.contains("temperature"), Duration.ofSeconds(10)).reported().properties()
                .getDouble("temperature")).hasValue(21.5);
        // what a program under test would be configured with
        assertThat(endpoint.deviceConnectionString("gateway/sensor")).contains(";ModuleId=sensor;");
    }
}
