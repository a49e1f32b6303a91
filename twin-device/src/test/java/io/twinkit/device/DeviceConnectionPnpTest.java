package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.pnp.WritableProperties;
import io.twinkit.core.pnp.WritablePropertyAck;
import io.twinkit.core.pnp.WritablePropertyState;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plug and Play acknowledgements of {@link DeviceConnection} against the emulator. */
class DeviceConnectionPnpTest {

    private static final long WAIT_MILLIS = 20_000;
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
    void aRootPropertyAckIsReportedExactlyAndTheHubSeesItAccepted() throws Exception {
        TwinKey key = device("pnp-root");
        List<DesiredUpdate> updates = new CopyOnWriteArrayList<>();
        try (DeviceConnection client = EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT).build()) {
            client.addDesiredListener(updates::add);
            client.open();
            await(() -> updates.size() == 1, "the initial desired state");
            emulator.hub().twins().update(key, json("{\"properties\":{\"desired\":{\"targetTemperature\":21.5}}}"),
                    null);
            await(() -> updates.size() == 2, "the desired change");
            DesiredUpdate update = updates.get(1);
            assertThat(update.changed(null, "targetTemperature")).isTrue();
            assertThat(update.changed(null, "other")).isFalse();
            JsonValue value = update.property(null, "targetTemperature").orElseThrow();

            long version = client.acknowledge(null, "targetTemperature",
                    WritablePropertyAck.accepted(value, update.version()));

            TwinDocument twin = emulator.hub().twins().get(key);
            assertThat(twin.reported().version()).hasValue(version);
            assertThat(twin.reported().properties().toJson()).isEqualTo(
                    json("{\"targetTemperature\":{\"value\":21.5,\"ac\":200,\"av\":2}}"));
            assertThat(WritableProperties.status(twin.desired(), twin.reported(), null, "targetTemperature").state())
                    .isEqualTo(WritablePropertyState.ACCEPTED);
        }
    }

    @Test
    void componentAcksGoInOnePatchWithTheMarker() throws Exception {
        TwinKey key = device("pnp-component");
        List<DesiredUpdate> updates = new CopyOnWriteArrayList<>();
        try (DeviceConnection client = EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT).build()) {
            client.addDesiredListener(updates::add);
            client.open();
            await(() -> updates.size() == 1, "the initial desired state");
            emulator.hub().twins().update(key, json("{\"properties\":{\"desired\":{\"thermostat1\":"
                    + "{\"__t\":\"c\",\"target\":20,\"fan\":\"auto\"},\"plain\":{\"a\":1}}}}"), null);
            await(() -> updates.size() == 2, "the desired change");
            DesiredUpdate update = updates.get(1);
            assertThat(update.components()).containsExactly("thermostat1");
            assertThat(update.componentProperties("thermostat1").toJson())
                    .isEqualTo(json("{\"target\":20,\"fan\":\"auto\"}"));
            assertThat(update.componentProperties("missing").isEmpty()).isTrue();
            assertThat(update.changed("thermostat1", "fan")).isTrue();
            long reportedBefore = client.reported().version().orElseThrow();

            Map<String, WritablePropertyAck> acks = new LinkedHashMap<>();
            acks.put("target", WritablePropertyAck.accepted(update.property("thermostat1", "target").orElseThrow(),
                    update.version()));
            acks.put("fan", WritablePropertyAck.rejected(JsonString.of("low"), update.version(), "no auto mode"));
            long version = client.acknowledge("thermostat1", acks);

            assertThat(version).isEqualTo(reportedBefore + 1);
            TwinDocument twin = emulator.hub().twins().get(key);
            assertThat(twin.reported().properties().toJson()).isEqualTo(json("{\"thermostat1\":{\"__t\":\"c\","
                    + "\"target\":{\"value\":20,\"ac\":200,\"av\":2},"
                    + "\"fan\":{\"value\":\"low\",\"ac\":400,\"av\":2,\"ad\":\"no auto mode\"}}}"));
            assertThat(WritableProperties.status(twin.desired(), twin.reported(), "thermostat1", "target").state())
                    .isEqualTo(WritablePropertyState.ACCEPTED);
            assertThat(WritableProperties.status(twin.desired(), twin.reported(), "thermostat1", "fan").state())
                    .isEqualTo(WritablePropertyState.REJECTED);
            assertThat(client.acknowledge("thermostat1", Map.of())).as("nothing to send").isEqualTo(version);
            assertThat(client.reported().properties().toJson()).isEqualTo(twin.reported().properties().toJson());
            assertThat(JsonNumber.of(20)).isEqualTo(twin.reported().properties().get("thermostat1.target.value")
                    .orElseThrow());
        }
    }

    private static TwinKey device(String id) {
        emulator.hub().registry().createDevice(DeviceId.of(id));
        return TwinKey.device(id);
    }

    private static JsonObject json(String text) {
        return JsonValue.parseObject(text);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT_MILLIS + " ms");
            }
            Thread.sleep(20);
        }
    }
}
