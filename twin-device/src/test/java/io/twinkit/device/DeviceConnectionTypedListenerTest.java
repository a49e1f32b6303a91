package io.twinkit.device;

import static io.twinkit.device.DeviceConnectionPnpTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Typed desired listeners of {@link DeviceConnection} against the emulator. */
class DeviceConnectionTypedListenerTest {

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
    void aTypedListenerSeesRecordsAndSkipsStatesThatDoNotMapWithoutStoppingOthers() throws Exception {
        emulator.hub().registry().createDevice(DeviceId.of("typed-listener"));
        TwinKey key = TwinKey.device("typed-listener");
        emulator.hub().twins().update(key, json("{\"properties\":{\"desired\":{\"rate\":5,\"mode\":\"eco\"}}}"), null);
        List<Config> typed = new CopyOnWriteArrayList<>();
        List<Long> typedVersions = new CopyOnWriteArrayList<>();
        List<DesiredUpdate> untyped = new CopyOnWriteArrayList<>();
        try (DeviceConnection client = EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT).build()) {
            client.addDesiredListener(Config.class, (config, update) -> {
                typed.add(config);
                typedVersions.add(update.version());
            });
            client.addDesiredListener(untyped::add);
            client.open();
            await(() -> typed.size() == 1, "the initial typed state");
            assertThat(typed.get(0)).isEqualTo(new Config(5, "eco"));
            assertThat(typedVersions).containsExactly(2L);

            emulator.hub().twins().update(key, json("{\"properties\":{\"desired\":{\"rate\":\"fast\"}}}"), null);
            await(() -> untyped.size() == 2, "the unmappable change at the untyped listener");

            emulator.hub().twins().update(key, json("{\"properties\":{\"desired\":{\"rate\":7,\"extra\":true}}}"),
                    null);
            await(() -> typed.size() == 2, "the next typed state");
            assertThat(typed.get(1)).isEqualTo(new Config(7, "eco"));
            assertThat(typedVersions).as("the unmappable $version 3 was skipped").containsExactly(2L, 4L);
            assertThat(untyped).extracting(DesiredUpdate::version).containsExactly(2L, 3L, 4L);
        }
    }

    /** The desired properties as the device wants them. */
    record Config(int rate, String mode) {
    }

    private static JsonObject json(String text) {
        return JsonValue.parseObject(text);
    }
}
