// README.md's "Use it" section shows this file, PlantInventory.java and Modem.java as they are (below this comment),
// and consumer-it's verify.groovy fails the build when they differ: change them together.
package com.example.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twinkit.junit.DeviceConnections;
import io.twinkit.junit.EmulatorHub;
import io.twinkit.service.TwinServiceClient;
import java.util.List;
import org.junit.jupiter.api.Test;

@EmulatorHub(devices = "modem-1")       // the emulator with this device, started for the class, closed after it
class PlantInventoryTest {

    @Test
    void findsTheModemsOnCellularInAPlant(TwinServiceClient hub, DeviceConnections devices) {
        PlantInventory inventory = new PlantInventory(hub);
        inventory.assign("modem-1", "Redmond43");
        new Modem(devices.build("modem-1")).start("cellular");   // Modem opens it; it is closed after the test

        assertEquals(List.of("modem-1"), inventory.onCellular("Redmond43"));
        assertEquals(List.of(), inventory.onCellular("Dublin7"));
    }
}
