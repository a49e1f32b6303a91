package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A module identity's client ({@code ModuleId} in the connection string) against the emulator over both transports,
 * with the back end on the other side through {@link TwinServiceClient}: the module twin is its own twin, apart from
 * its device's.
 */
class DeviceConnectionModuleTest {

    private static TwinkitEmulator emulator;
    private static TwinServiceClient service;

    @BeforeAll
    static void start() {
        emulator = EmulatorDevices.start();
        service = TwinServiceClient.builder().emulatorReadyLine(emulator.readyInfo().toString()).build();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aModuleSeesItsOwnDesiredChangesAndReportsIntoItsOwnTwin(Transport transport) throws Exception {
        DeviceId device = DeviceId.of("gateway-" + transport);
        ModuleId module = ModuleId.of("sensor");
        emulator.hub().registry().createDevice(device);
        String key = emulator.hub().registry().createModule(device, module).authentication().symmetricKey()
                .primaryKey();
        TwinKey moduleTwin = TwinKey.module(device, module);
        service.update(moduleTwin, TwinPatch.ofDesired(MergePatch.builder().set("interval", 10).build()));

        List<DesiredUpdate> updates = new CopyOnWriteArrayList<>();
        try (DeviceConnection client = DeviceConnection.builder()
                .emulatorReadyLine(emulator.readyInfo().toString())
                .connectionString("HostName=" + emulator.deviceHost() + ";DeviceId=" + device.value() + ";ModuleId="
                        + module.value() + ";SharedAccessKey=" + key)
                .transport(transport).build()) {
            client.addDesiredListener(updates::add);
            client.open();
            EmulatorDevices.await(() -> updates.size() == 1, "the module's initial desired state");
            assertThat(updates.get(0).properties().getLong("interval")).hasValue(10);

            service.update(moduleTwin, TwinPatch.ofDesired(MergePatch.builder().set("interval", 20).build()));
            // a change to the device twin is not the module's business
            service.update(TwinKey.device(device),
                    TwinPatch.ofDesired(MergePatch.builder().set("interval", 99).build()));
            EmulatorDevices.await(() -> updates.size() == 2, "the module's desired change");
            assertThat(updates.get(1).properties().getLong("interval")).hasValue(20);
            assertThat(updates.get(1).version()).isEqualTo(3);

            long version = client.report(MergePatch.builder().set("temperature", 21.5).build());
            TwinDocument read = service.getTwin(moduleTwin);
            assertThat(read.moduleId()).hasValueSatisfying(id -> assertThat(id).isEqualTo(module));
            assertThat(read.reported().version()).hasValue(version);
            assertThat(read.reported().properties().getDouble("temperature")).hasValue(21.5);
            assertThat(service.getTwin(TwinKey.device(device)).reported().properties().contains("temperature"))
                    .isFalse();
            assertThat(emulator.hub().twins().get(moduleTwin).reported().version()).hasValue(version);
            Thread.sleep(200);
            assertThat(updates).as("no delivery of the device twin's change").hasSize(2);
        }
    }
}
