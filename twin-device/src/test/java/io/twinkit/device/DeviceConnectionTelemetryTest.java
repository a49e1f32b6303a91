package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Telemetry of a {@link DeviceConnection} against the emulator over MQTT over WebSocket: each send is acknowledged
 * (PUBACK), messages sent while the network is gone wait in the outbox and go out after the reconnect, and a send
 * beyond the outbox's capacity fails at once.
 */
@Timeout(120)
class DeviceConnectionTelemetryTest {

    record Reading(double temperature, String unit) {
    }

    private static TwinkitEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = EmulatorDevices.startOnFreePorts();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void eachSendIsAcknowledgedByTheHub() throws Exception {
        TwinKey key = EmulatorDevices.createDevice(emulator, "telemetry-ack");
        try (DeviceConnection connection = EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT_WEBSOCKET)
                .build()) {
            connection.open();

            CompletableFuture<Void> json = connection.send(TelemetryMessage.json(new Reading(21.5, "C"))
                    .messageId("reading-1").correlationId("batch-7").property("alert", "false").build());
            CompletableFuture<Void> value = connection.send(new Reading(22.0, "C"), Map.of("alert", "true"));
            CompletableFuture<Void> bytes = connection.send("raw".getBytes(StandardCharsets.UTF_8),
                    Map.of("kind", "raw"));

            CompletableFuture.allOf(json, value, bytes).get(20, TimeUnit.SECONDS);
            assertThat(connection.pendingTelemetry()).isZero();
        }
    }

    @Test
    void whileTheNetworkIsGoneMessagesWaitInTheOutboxUpToItsCapacity() throws Exception {
        TwinKey key = EmulatorDevices.createDevice(emulator, "telemetry-outbox");
        try (CuttableProxy proxy = new CuttableProxy(emulator.mqttWsPort());
             DeviceConnection connection = EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT_WEBSOCKET)
                     .endpoint("localhost:" + proxy.port()).telemetryOutbox(3).build()) {
            connection.open();
            connection.send(new Reading(20.0, "C"), Map.of()).get(20, TimeUnit.SECONDS);

            proxy.cut();
            EmulatorDevices.await(() -> connection.connectionStatus().state() == ConnectionState.RETRYING,
                    "retrying after the cut");
            List<CompletableFuture<Void>> queued = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                queued.add(connection.send(TelemetryMessage.json(new Reading(20.0 + i, "C")).messageId("queued-" + i)
                        .build()));
            }
            CompletableFuture<Void> refused = connection.send(new Reading(99.0, "C"), Map.of());

            assertThat(refused).isCompletedExceptionally();
            Throwable failure = refused.handle((ok, error) -> error).join();
            assertThat(failure).isInstanceOfSatisfying(OutboxFullException.class, full -> {
                assertThat(full.capacity()).isEqualTo(3);
                assertThat(full.httpStatus()).isEqualTo(429);
                assertThat(full).hasMessageContaining("RETRYING");
            });
            assertThat(connection.pendingTelemetry()).isEqualTo(3);
            assertThat(queued).noneMatch(CompletableFuture::isDone);

            proxy.restore();
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(connection.pendingTelemetry()).isZero();
            connection.send(new Reading(30.0, "C"), Map.of()).get(20, TimeUnit.SECONDS);
        }
    }
}
