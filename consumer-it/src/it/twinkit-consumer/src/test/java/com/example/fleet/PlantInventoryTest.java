// README.md's "Use it" section shows this file, PlantInventory.java and Modem.java as they are (below this comment),
// and consumer-it's verify.groovy fails the build when they differ: change them together.
package com.example.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twinkit.core.DeviceId;
import io.twinkit.device.DeviceConnection;
import io.twinkit.device.Transport;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinServiceClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlantInventoryTest {

    @Test
    void findsTheModemsOnCellularInAPlant() {
        EmulatorConfig config = EmulatorConfig.builder()
                .httpsPort(0).mqttPort(0).mqttWsPort(0)         // free ports, so test runs never collide
                .device(DeviceId.of("modem-1"))
                .build();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            String readyLine = emulator.readyInfo().toString();   // its service and device connection strings, its CA
            try (TwinServiceClient hub = TwinServiceClient.builder().emulatorReadyLine(readyLine).build();
                 DeviceConnection connection = DeviceConnection.builder().emulatorReadyLine(readyLine, "modem-1")
                         .transport(Transport.MQTT_WEBSOCKET).build()) {
                PlantInventory inventory = new PlantInventory(hub);
                inventory.assign("modem-1", "Redmond43");
                new Modem(connection).start("cellular");

                assertEquals(List.of("modem-1"), inventory.onCellular("Redmond43"));
                assertEquals(List.of(), inventory.onCellular("Dublin7"));
            }
        }
    }
}
