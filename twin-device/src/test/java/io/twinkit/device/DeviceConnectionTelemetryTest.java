package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.time.Duration;
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
 * (PUBACK) and is in the hub's journal with its body, content type and encoding, ids and properties; messages sent
 * while the network is gone wait in the outbox and go out after the reconnect, and a send beyond the outbox's capacity
 * fails at once and never reaches the hub; a module's messages are the module's.
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
    void eachSendIsAcknowledgedAndInTheHubsJournalWithItsProperties() throws Exception {
        TwinKey key = EmulatorDevices.createDevice(emulator, "telemetry-ack");
        try (DeviceConnection connection = EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT_WEBSOCKET)
                .build()) {
            connection.open();
            long mark = emulator.hub().telemetry().lastSequenceNumber();

            CompletableFuture<Void> json = connection.send(TelemetryMessage.json(new Reading(21.5, "C"))
                    .messageId("reading-1").correlationId("batch-7").property("alert", "false").build());
            CompletableFuture<Void> value = connection.send(new Reading(22.0, "C"), Map.of("alert", "true"));
            CompletableFuture<Void> bytes = connection.send("raw".getBytes(StandardCharsets.UTF_8),
                    Map.of("kind", "raw"));

            CompletableFuture.allOf(json, value, bytes).get(20, TimeUnit.SECONDS);
            assertThat(connection.pendingTelemetry()).isZero();

            var journal = fromSince(key, mark);
            assertThat(journal).hasSize(3);
            var first = journal.get(0);
            assertThat(JsonValue.parse(first.body())).isEqualTo(JsonValue.parse(
                    "{\"temperature\":21.5,\"unit\":\"C\"}"));
            assertThat(first.contentType()).hasValue("application/json");
            assertThat(first.contentEncoding()).hasValue("utf-8");
            assertThat(first.messageId()).hasValue("reading-1");
            assertThat(first.correlationId()).hasValue("batch-7");
            assertThat(first.applicationProperties()).containsExactly(Map.entry("alert", "false"));
            assertThat(first.source()).isEqualTo(key);

            var second = journal.get(1);
            assertThat(second.applicationProperties()).containsExactly(Map.entry("alert", "true"));
            assertThat(second.messageId()).as("the device SDK's random message id").isPresent();
            assertThat(second.correlationId()).as("none unless set").isEmpty();

            var third = journal.get(2);
            assertThat(third.bodyAsString()).isEqualTo("raw");
            assertThat(third.contentType()).isEmpty();
            assertThat(third.applicationProperties()).containsExactly(Map.entry("kind", "raw"));
        }
    }

    @Test
    void aModulesTelemetryIsTheModules() throws Exception {
        DeviceId device = DeviceId.of("telemetry-gateway");
        ModuleId module = ModuleId.of("sensor");
        emulator.hub().registry().createDevice(device);
        String moduleKey = emulator.hub().registry().createModule(device, module).authentication().symmetricKey()
                .primaryKey();
        try (DeviceConnection connection = DeviceConnection.builder()
                .emulatorReadyLine(emulator.readyInfo().toString())
                .connectionString("HostName=127.0.0.1;DeviceId=" + device.value() + ";ModuleId=" + module.value()
                        + ";SharedAccessKey=" + moduleKey)
                .transport(Transport.MQTT_WEBSOCKET).operationTimeout(Duration.ofSeconds(20)).build()) {
            connection.open();
            long mark = emulator.hub().telemetry().lastSequenceNumber();

            connection.send(new Reading(19.0, "C"), Map.of("from", "module")).get(20, TimeUnit.SECONDS);

            var journal = fromSince(TwinKey.module(device, module), mark);
            assertThat(journal).singleElement().satisfies(message -> {
                assertThat(message.deviceId()).isEqualTo(device);
                assertThat(message.moduleId()).hasValue(module);
                assertThat(message.applicationProperties()).containsEntry("from", "module");
            });
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

            long mark = emulator.hub().telemetry().lastSequenceNumber();
            proxy.restore();
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(connection.pendingTelemetry()).isZero();
            connection.send(TelemetryMessage.json(new Reading(30.0, "C")).messageId("after").build())
                    .get(20, TimeUnit.SECONDS);

            assertThat(fromSince(key, mark)).extracting(message -> message.messageId().orElseThrow())
                    .as("the queued messages in order, then the next; the refused one never")
                    .containsExactly("queued-1", "queued-2", "queued-3", "after");
        }
    }

    /** The journal's messages of {@code source} after {@code mark}, oldest first (the emulator's received form). */
    private static List<io.twinkit.emulator.TelemetryMessage> fromSince(TwinKey source, long mark) {
        return emulator.hub().telemetry().poll(mark, 1000).messages().stream()
                .filter(message -> message.source().equals(source)).toList();
    }
}
