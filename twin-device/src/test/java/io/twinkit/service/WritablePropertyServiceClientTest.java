package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.pnp.WritableProperties;
import io.twinkit.core.pnp.WritablePropertyAck;
import io.twinkit.core.pnp.WritablePropertyState;
import io.twinkit.core.pnp.WritablePropertyStatus;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Plug and Play writable-property state read by the back end from a {@link TwinkitEmulator}. */
@Timeout(60)
class WritablePropertyServiceClientTest {

    private static EmulatorService service;
    private static TwinkitEmulator emulator;
    private static IotHub hub;
    private static TwinServiceClient client;

    @BeforeAll
    static void start() {
        service = EmulatorService.start(DeviceId.of("d1"));
        emulator = service.emulator;
        hub = service.hub;
        client = service.client;
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static DeviceId newDevice(String id) {
        return service.newDevice(id);
    }

    private static void acknowledge(TwinKey device, String component, WritablePropertyAck ack) {
        MergePatch patch = WritableProperties.ackPatch(component, "targetTemperature", ack);
        hub.twins().report(device, patch.toJson(), null);
    }

    @Test
    void aDesiredValueIsPendingUntilTheDeviceAcceptsIt() throws Exception {
        TwinKey device = TwinKey.device(newDevice("thermostat"));
        assertThat(client.writableProperty(device, "thermostat1", "targetTemperature").state())
                .isEqualTo(WritablePropertyState.NOT_REQUESTED);

        client.update(device, TwinPatch.ofDesired(MergePatch.of(JsonValue.parseObject(
                "{\"thermostat1\":{\"__t\":\"c\",\"targetTemperature\":21.5}}"))));
        WritablePropertyStatus pending = client.writableProperty(device, "thermostat1", "targetTemperature");
        assertThat(pending.state()).isEqualTo(WritablePropertyState.PENDING);
        assertThat(pending.desiredValue()).contains(JsonNumber.of(21.5));
        long version = pending.desiredVersion().orElseThrow();

        Thread deviceSide = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            acknowledge(device, "thermostat1", WritablePropertyAck.accepted(JsonNumber.of(21.5), version));
        });
        deviceSide.start();
        WritablePropertyStatus accepted = client.awaitWritableProperty(device, "thermostat1", "targetTemperature",
                WritablePropertyState.ACCEPTED, Duration.ofSeconds(10));
        deviceSide.join();

        assertThat(accepted.state()).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(accepted.isInSync()).isTrue();
        assertThat(accepted.ack().orElseThrow().version()).isEqualTo(version);
        assertThat(client.writableProperty(device, "thermostat1", "targetTemperature")).isEqualTo(accepted);

        client.update(device, TwinPatch.ofDesired(MergePatch.of(JsonValue.parseObject(
                "{\"thermostat1\":{\"targetTemperature\":23}}"))));
        assertThat(client.writableProperty(device, "thermostat1", "targetTemperature").state())
                .isEqualTo(WritablePropertyState.PENDING);
    }

    @Test
    void theDefaultComponentAndAPredicateWork() {
        TwinKey device = TwinKey.device(newDevice("plain"));
        client.update(device, TwinPatch.ofDesired(MergePatch.builder().set("targetTemperature", 19).build()));
        long version = client.writableProperty(device, null, "targetTemperature").desiredVersion().orElseThrow();
        hub.twins().report(device, WritableProperties.ackPatch(null, "targetTemperature",
                WritablePropertyAck.rejected(JsonNumber.of(18), version, "out of range")).toJson(), null);

        WritablePropertyStatus status = client.awaitWritableProperty(device, null, "targetTemperature",
                s -> s.ack().flatMap(WritablePropertyAck::description).isPresent(), Duration.ofSeconds(5));
        assertThat(status.state()).isEqualTo(WritablePropertyState.REJECTED);
        assertThat(status.ack().orElseThrow().description()).contains("out of range");
    }

    @Test
    void awaitingTimesOutNamingThePropertyAndItsLastStatus() {
        TwinKey device = TwinKey.device(newDevice("mute"));
        client.update(device, TwinPatch.ofDesired(MergePatch.builder().set("targetTemperature", 20).build()));
        assertThatThrownBy(() -> client.awaitWritableProperty(device, null, "targetTemperature",
                WritablePropertyState.ACCEPTED, Duration.ofMillis(300)))
                .isInstanceOf(TwinTimeoutException.class).hasMessageContaining("targetTemperature")
                .hasMessageContaining("mute").hasMessageContaining("PENDING").hasMessageContaining("PT0.3S");
    }

    @Test
    void anInvalidNameIsRefused() {
        TwinKey device = TwinKey.device(newDevice("named"));
        assertThatThrownBy(() -> client.writableProperty(device, "a.b", "targetTemperature"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
