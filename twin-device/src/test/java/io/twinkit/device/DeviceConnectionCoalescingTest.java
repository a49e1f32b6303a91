package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinKey;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Coalesced reports of {@link DeviceConnection} against the emulator. */
class DeviceConnectionCoalescingTest {

    private static TwinkitEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = EmulatorDevices.start();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void tenQuickPatchesBecomeOneReportedVersionWithTheStateOfApplyingThemInOrder() throws Exception {
        emulator.hub().registry().createDevice(DeviceId.of("coalesce"));
        TwinKey key = TwinKey.device("coalesce");
        try (DeviceConnection client = EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT)
                .reportCoalescing(Duration.ofMillis(500)).build()) {
            client.open();
            long before = client.report(MergePatch.of(JsonValue.parseObject(
                    "{\"keep\":1,\"gone\":{\"x\":1,\"y\":2},\"obj\":{\"a\":1,\"b\":2}}")));
            PropertySet expected = client.reported().properties();
            List<MergePatch> patches = List.of(
                    patch("{\"n\":1}"),
                    patch("{\"n\":2,\"gone\":null}"),
                    patch("{\"gone\":{\"z\":3}}"),
                    patch("{\"obj\":{\"a\":null,\"c\":{\"d\":4}}}"),
                    patch("{\"obj\":null}"),
                    patch("{\"obj\":{\"e\":5}}"),
                    patch("{\"tmp\":true}"),
                    patch("{\"tmp\":null}"),
                    patch("{\"keep\":null}"),
                    patch("{\"n\":10,\"keep\":\"back\"}"));
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (MergePatch patch : patches) {
                futures.add(client.reportCoalesced(patch));
                expected = patch.applyTo(expected);
            }
            for (CompletableFuture<Long> future : futures) {
                assertThat(future.get(20, TimeUnit.SECONDS)).isEqualTo(before + 1);
            }
            assertThat(emulator.hub().twins().get(key).reported().version()).hasValue(before + 1);
            assertThat(emulator.hub().twins().get(key).reported().properties()).isEqualTo(expected);
            assertThat(expected.toJson()).isEqualTo(JsonValue.parseObject(
                    "{\"keep\":\"back\",\"gone\":{\"z\":3},\"obj\":{\"e\":5},\"n\":10}"));
            assertThat(client.reported().properties()).isEqualTo(expected);

            assertThat(client.reportCoalesced(patch("{\"n\":10}")).get(20, TimeUnit.SECONDS))
                    .as("no change, nothing sent").isEqualTo(before + 1);
        }
    }

    @Test
    void aNegativeWindowAndUseBeforeOpenAreRejected() {
        assertThatThrownBy(() -> DeviceConnection.builder().reportCoalescing(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.001S");
        emulator.hub().registry().createDevice(DeviceId.of("never-opened"));
        try (DeviceConnection client = EmulatorDevices.builder(emulator, DeviceId.of("never-opened"), Transport.MQTT)
                .build()) {
            assertThatThrownBy(() -> client.reportCoalesced(patch("{\"a\":1}")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not open");
        }
    }

    private static MergePatch patch(String json) {
        return MergePatch.of(JsonValue.parseObject(json));
    }
}
