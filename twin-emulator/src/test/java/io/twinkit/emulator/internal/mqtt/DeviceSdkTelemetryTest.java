package io.twinkit.emulator.internal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import io.twinkit.core.ModuleId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import io.twinkit.emulator.testing.LoopbackMqttServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official device SDK (iot-device-client 2.5.0), unchanged, sending telemetry to the emulator over MQTT (TLS on
 * port 8883, which the SDK cannot move, of a loopback address of the test's own, {@link LoopbackMqttServer}) and
 * MQTT_WS (a free port of the same address):
 * what the hub's journal holds is exactly what the SDK sent, the send is acknowledged only once it is there, and a
 * message over the service's size closes the connection, as IoT Hub does.
 */
@Timeout(120)
class DeviceSdkTelemetryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The upstream e2e suite's unusual application property (SendMessagesTests), which the service accepts. */
    private static final String UNUSUAL_KEY = "TestKey1234!#$%&'*+-^_`|~";
    private static final String UNUSUAL_VALUE = "TestValue1234!#$%&'*+-^_`|~()<>@,;:\\\"[]?={} \t";
    private static LoopbackMqttServer loopback;
    private static EmulatorCertificates certificates;
    private static IotHub hub;
    private static MqttDeviceServer server;

    @BeforeAll
    static void start() {
        // port 8883 on a loopback address of its own: the device SDK speaks MQTT over TLS on 8883 only
        loopback = LoopbackMqttServer.start();
        hub = loopback.hub();
        server = loopback.server();
        certificates = loopback.certificates();
    }

    @AfterAll
    static void stop() {
        if (loopback != null) {
            loopback.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void aMessageWithSystemAndApplicationPropertiesArrivesAsTheSdkSentIt(IotHubClientProtocol protocol)
            throws Exception {
        TwinKey key = device("telemetry-" + protocol);
        DeviceClient client = client(protocol, key);
        try {
            client.open(false);
            Message message = new Message("{\"temperature\":21.5,\"unit\":\"°C\"}");
            message.setMessageId("msg-" + protocol);
            message.setCorrelationId("corr-1");
            message.setUserId("operator");
            message.setContentType("application/json");
            message.setContentEncoding("utf-8");
            message.setComponentName("thermostat1");
            message.setCreationTimeUTC(Date.from(Instant.parse("2026-03-01T10:15:30.123Z")));
            message.setProperty(UNUSUAL_KEY, UNUSUAL_VALUE);
            message.setProperty("city", "São Paulo ☀ \uD83C\uDF21");
            message.setProperty("spaced key", "a b");
            long mark = hub.telemetry().lastSequenceNumber();

            client.sendEvent(message);

            TelemetryMessage received = hub.telemetry().await(mark, m -> m.source().equals(key), WAIT).orElseThrow();
            assertThat(received.systemProperties())
                    .containsEntry(TelemetryMessage.MESSAGE_ID, "msg-" + protocol)
                    .containsEntry(TelemetryMessage.CORRELATION_ID, "corr-1")
                    .containsEntry(TelemetryMessage.USER_ID, "operator")
                    .containsEntry(TelemetryMessage.CONTENT_TYPE, "application/json")
                    .containsEntry(TelemetryMessage.CONTENT_ENCODING, "utf-8")
                    .containsEntry(TelemetryMessage.COMPONENT, "thermostat1")
                    .containsEntry(TelemetryMessage.CONNECTION_DEVICE_ID, key.deviceId().value())
                    .containsEntry(TelemetryMessage.CONNECTION_AUTH_GENERATION_ID,
                            hub.registry().get(key).generationId().orElseThrow())
                    .doesNotContainKey(TelemetryMessage.CONNECTION_MODULE_ID);
            assertThat(received.applicationProperties()).containsOnly(
                    entry(TelemetryMessage.CREATION_TIME_UTC, message.getCreationTimeUTCString()),
                    entry(UNUSUAL_KEY, UNUSUAL_VALUE),
                    entry("city", "São Paulo ☀ \uD83C\uDF21"),
                    entry("spaced key", "a b"));
            assertThat(received.bodyAsString()).isEqualTo("{\"temperature\":21.5,\"unit\":\"°C\"}");
            assertThat(received.sequenceNumber()).isGreaterThan(mark);
        } finally {
            client.close();
        }
    }

    @Test
    void theSendCallbackReportsOkOnceTheMessageIsInTheJournalAndSentMessagesKeepTheirOrder() throws Exception {
        TwinKey key = device("telemetry-callback");
        DeviceClient client = client(IotHubClientProtocol.MQTT_WS, key);
        try {
            client.open(false);
            long mark = hub.telemetry().lastSequenceNumber();
            BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
            for (int i = 1; i <= 5; i++) {
                Message message = new Message("reading " + i);
                message.setMessageId("reading-" + i);
                client.sendEventAsync(message, (sent, exception, context) -> {
                    boolean journaled = hub.telemetry().messages().stream()
                            .anyMatch(m -> m.messageId().equals(Optional.of(sent.getMessageId())));
                    outcomes.add(sent.getMessageId() + ":" + (exception == null ? IotHubStatusCode.OK
                            : exception.getStatusCode()) + ":" + journaled);
                }, null);
            }
            for (int i = 1; i <= 5; i++) {
                assertThat(outcomes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("callback " + i)
                        .endsWith(":OK:true");
            }
            assertThat(sent(key, mark)).extracting(m -> m.messageId().orElseThrow())
                    .as("the SDK sends async in any order")
                    .containsExactlyInAnyOrder("reading-1", "reading-2", "reading-3", "reading-4", "reading-5");

            long next = hub.telemetry().lastSequenceNumber();
            for (int i = 6; i <= 8; i++) {
                Message message = new Message("reading " + i);
                message.setMessageId("reading-" + i);
                client.sendEvent(message);
            }
            assertThat(sent(key, next)).extracting(m -> m.messageId().orElseThrow())
                    .containsExactly("reading-6", "reading-7", "reading-8");
        } finally {
            client.close();
        }
    }

    @Test
    void aModuleClientsMessagesCarryTheModuleIdentity() throws Exception {
        TwinKey device = device("telemetry-module-host");
        String generation = hub.registry().createModule(device.deviceId(), ModuleId.of("filter")).generationId()
                .orElseThrow();
        TwinKey module = TwinKey.module("telemetry-module-host", "filter");
        String deviceKey = hub.registry().get(device).authentication().symmetricKey().primaryKey();
        // as the SDKs' e2e suites connect a module: with its device's key, through GatewayHostName on a free port
        ModuleClient client = new ModuleClient("HostName=" + hub.options().hubName() + ".azure-devices.net;"
                + "DeviceId=telemetry-module-host;ModuleId=filter;SharedAccessKey=" + deviceKey
                + ";GatewayHostName=" + loopback.host() + ":" + server.webSocketPort(), IotHubClientProtocol.MQTT_WS,
                ClientOptions.builder().sslContext(certificates.clientSslContext()).build());
        try {
            client.open(false);
            Message message = new Message("filtered");
            message.setProperty("stage", "2");
            long mark = hub.telemetry().lastSequenceNumber();

            client.sendEvent(message);

            TelemetryMessage received = hub.telemetry().await(mark, m -> m.source().equals(module), WAIT)
                    .orElseThrow();
            assertThat(received.moduleId()).contains(ModuleId.of("filter"));
            assertThat(received.systemProperties())
                    .containsEntry(TelemetryMessage.CONNECTION_DEVICE_ID, "telemetry-module-host")
                    .containsEntry(TelemetryMessage.CONNECTION_MODULE_ID, "filter")
                    .containsEntry(TelemetryMessage.CONNECTION_AUTH_GENERATION_ID, generation)
                    .containsEntry(TelemetryMessage.MESSAGE_ID, message.getMessageId());
            assertThat(received.applicationProperties()).containsOnly(entry("stage", "2"));
            assertThat(received.bodyAsString()).isEqualTo("filtered");
        } finally {
            client.close();
        }
    }

    @Test
    void theUpstreamSuitesLargestMessageIsAcknowledgedAndKeptWhole() throws Exception {
        TwinKey key = device("telemetry-largest");
        DeviceClient client = client(IotHubClientProtocol.MQTT_WS, key);
        try {
            client.open(false);
            byte[] body = new byte[255 * 1024];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) i;
            }
            long mark = hub.telemetry().lastSequenceNumber();

            client.sendEvent(new Message(body));

            TelemetryMessage received = hub.telemetry().await(mark, m -> m.source().equals(key), WAIT).orElseThrow();
            assertThat(received.body()).isEqualTo(body);
        } finally {
            client.close();
        }
    }

    @Test
    void aMessageOverTheServicesSizeClosesTheConnectionAndIsNotJournaled() throws Exception {
        TwinKey key = device("telemetry-too-large");
        DeviceClient client = client(IotHubClientProtocol.MQTT_WS, key);
        BlockingQueue<IotHubConnectionStatus> statuses = new LinkedBlockingQueue<>();
        try {
            client.setConnectionStatusChangeCallback(context -> statuses.add(context.getNewStatus()), null);
            client.open(false);
            long mark = hub.telemetry().lastSequenceNumber();
            CompletableFuture<IotHubStatusCode> outcome = new CompletableFuture<>();

            Message tooLarge = new Message(new byte[256 * 1024 + 10_000]);
            // the SDK resends it after each reconnect until it expires, and its close waits for that
            tooLarge.setExpiryTime(3_000);
            client.sendEventAsync(tooLarge, (sent, exception, context) ->
                    outcome.complete(exception == null ? IotHubStatusCode.OK : exception.getStatusCode()), null);

            assertThat(awaitStatus(statuses, IotHubConnectionStatus.DISCONNECTED_RETRYING))
                    .as("the emulator closed the connection, as the service kills it").isTrue();
            assertThat(outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("closed again on every resend, never acknowledged, until it expired")
                    .isEqualTo(IotHubStatusCode.MESSAGE_EXPIRED);
            assertThat(hub.telemetry().await(mark, m -> m.source().equals(key), Duration.ofMillis(200))).isEmpty();
        } finally {
            client.close();
        }
    }

    private static List<TelemetryMessage> sent(TwinKey key, long after) {
        return hub.telemetry().poll(after, 1000).messages().stream().filter(m -> m.source().equals(key)).toList();
    }

    private static boolean awaitStatus(BlockingQueue<IotHubConnectionStatus> statuses, IotHubConnectionStatus wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (statuses.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) == wanted) {
                return true;
            }
        }
        return false;
    }

    private static DeviceClient client(IotHubClientProtocol protocol, TwinKey key) {
        String id = key.deviceId().value();
        String primaryKey = hub.registry().get(key).authentication().symmetricKey().primaryKey();
        ClientOptions options = ClientOptions.builder().sslContext(certificates.clientSslContext()).build();
        if (protocol == IotHubClientProtocol.MQTT) {
            return new DeviceClient("HostName=" + loopback.host() + ";DeviceId=" + id + ";SharedAccessKey="
                    + primaryKey, protocol,
                    options);
        }
        return new DeviceClient(loopback.host() + ":" + server.webSocketPort(), id,
                () -> SharedAccessSignature.create(primaryKey, loopback.host() + "/devices/" + id,
                        Instant.now().getEpochSecond() + 3600, null).toCharArray(), protocol, options);
    }

    private static TwinKey device(String id) {
        TwinKey key = TwinKey.device(id);
        hub.registry().createDevice(key.deviceId());
        return key;
    }
}
