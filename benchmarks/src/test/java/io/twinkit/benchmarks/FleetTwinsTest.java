package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.IotHub;
import org.junit.jupiter.api.Test;

class FleetTwinsTest {

    @Test
    void fleetTwinsAreSmallDistinctAndImportableIntoTheEmulator() {
        try (IotHub hub = IotHub.create()) {
            for (int i = 0; i < 50; i++) {
                hub.twins().importTwin(TwinDocument.fromJson(FleetTwins.twin(i)));
            }
            assertThat(hub.registry().list()).hasSize(50);
        }
        int length = FleetTwins.twin(12345).toJsonBytes().length;
        assertThat(length).isBetween(1100, 1300);
        assertThat(FleetTwins.twin(7)).isEqualTo(FleetTwins.twin(7)).isNotEqualTo(
                FleetTwins.twin(8));
    }
}
