package io.twinkit.emulator.internal.mqtt;

import static io.twinkit.emulator.testing.DesiredPatches.nextWithVersion;
import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import io.twinkit.core.ModuleId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import io.twinkit.emulator.testing.SdkTwinCalls;
import io.twinkit.emulator.testing.LoopbackMqttServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official device SDK (iot-device-client 2.5.0) against the emulator, unchanged: over MQTT (TLS on port 8883,
 * which the SDK cannot move, of a loopback address of the test's own, {@link LoopbackMqttServer}, with
 * connection-string recipe 1 of sdk-wire §3.2) and over MQTT_WS (a free port of the same address, with recipe 4: host
 * "address:port" and a SAS token provider). Twin reads and reports go through
 * {@link SdkTwinCalls}, which works around a response race inside the SDK.
 */
class DeviceSdkTwinTest {

    private static final int TIMEOUT_MILLIS = 20_000;
    private static final Duration PATCH_TIMEOUT = Duration.ofMillis(TIMEOUT_MILLIS);
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
    void subscribeGetReportWithAndWithoutVersionAndReceiveDesiredPatches(IotHubClientProtocol protocol)
            throws Exception {
        TwinKey key = device("sdk-flow-" + protocol);
        hub.twins().update(key, json("{\"properties\":{\"desired\":{\"rate\":5}}}"), null);
        BlockingQueue<Twin> desired = new LinkedBlockingQueue<>();
        DeviceClient client = client(protocol, key);
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> desired.add(twin), null, TIMEOUT_MILLIS);

            Twin twin = SdkTwinCalls.getTwin(client);
            assertThat(twin.getDesiredProperties()).containsEntry("rate", 5L);
            assertThat(twin.getDesiredProperties().getVersion()).isEqualTo(2);
            assertThat(twin.getReportedProperties().getVersion()).isEqualTo(1);

            assertThat(SdkTwinCalls.report(client, new TwinCollection(Map.of("temp", 21))))
                    .isEqualTo(new SdkTwinCalls.Outcome(IotHubStatusCode.OK, 2));
            TwinCollection versioned = new TwinCollection(Map.of("temp", 22));
            versioned.setVersion(2);
            assertThat(SdkTwinCalls.report(client, versioned))
                    .isEqualTo(new SdkTwinCalls.Outcome(IotHubStatusCode.OK, 3));
            TwinCollection stale = new TwinCollection(Map.of("temp", 99));
            stale.setVersion(2);
            assertThat(SdkTwinCalls.report(client, stale).status()).isEqualTo(IotHubStatusCode.PRECONDITION_FAILED);
            assertThat(hub.twins().deviceGet(key).valueOrNull("reported"))
                    .isEqualTo(json("{\"temp\":22,\"$version\":3}"));

            hub.twins().update(key, json("{\"properties\":{\"desired\":{\"rate\":6,\"mode\":\"eco\"}}}"), null);
            Twin patch = nextWithVersion(desired, 3, PATCH_TIMEOUT);
            assertThat(patch.getDesiredProperties()).containsEntry("rate", 6L).containsEntry("mode", "eco");
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void afterTheEmulatorDropsTheConnectionTheSdkReconnectsAndStillGetsDesiredPatches(IotHubClientProtocol protocol)
            throws Exception {
        TwinKey key = device("sdk-reconnect-" + protocol);
        BlockingQueue<Twin> desired = new LinkedBlockingQueue<>();
        BlockingQueue<IotHubConnectionStatus> statuses = new LinkedBlockingQueue<>();
        DeviceClient client = client(protocol, key);
        try {
            client.setConnectionStatusChangeCallback(context -> statuses.add(context.getNewStatus()), null);
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> desired.add(twin), null, TIMEOUT_MILLIS);
            hub.twins().update(key, json("{\"properties\":{\"desired\":{\"before\":1}}}"), null);
            assertThat(nextWithVersion(desired, 2, PATCH_TIMEOUT).getDesiredProperties()).containsEntry("before", 1L);
            statuses.clear();

            assertThat(server.dropConnection(key)).isTrue();
            awaitStatus(statuses, IotHubConnectionStatus.DISCONNECTED_RETRYING);
            awaitStatus(statuses, IotHubConnectionStatus.CONNECTED);

            hub.twins().update(key, json("{\"properties\":{\"desired\":{\"after\":2}}}"), null);
            assertThat(nextWithVersion(desired, 3, PATCH_TIMEOUT).getDesiredProperties()).containsEntry("after", 2L);
            assertThat(SdkTwinCalls.getTwin(client).getDesiredProperties())
                    .containsEntry("before", 1L).containsEntry("after", 2L);
        } finally {
            client.close();
        }
    }

    @Test
    void aModuleClientUsesTheModuleTwin() throws Exception {
        TwinKey device = device("sdk-module-host");
        hub.registry().createModule(device.deviceId(), ModuleId.of("filter"));
        TwinKey module = TwinKey.module("sdk-module-host", "filter");
        hub.twins().update(module, json("{\"properties\":{\"desired\":{\"threshold\":7}}}"), null);
        String primaryKey = hub.registry().get(module).authentication().symmetricKey().primaryKey();
        ModuleClient client = new ModuleClient("HostName=" + loopback.host()
                + ";DeviceId=sdk-module-host;ModuleId=filter;"
                + "SharedAccessKey=" + primaryKey, IotHubClientProtocol.MQTT,
                ClientOptions.builder().sslContext(certificates.clientSslContext()).build());
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> { }, null, TIMEOUT_MILLIS);
            assertThat(SdkTwinCalls.getTwin(client).getDesiredProperties()).containsEntry("threshold", 7L);
            assertThat(SdkTwinCalls.report(client, new TwinCollection(Map.of("seen", true))).version()).isEqualTo(2);
            assertThat(hub.twins().deviceGet(module).valueOrNull("reported"))
                    .isEqualTo(json("{\"seen\":true,\"$version\":2}"));
            assertThat(hub.twins().deviceGet(device).valueOrNull("reported")).isEqualTo(json("{\"$version\":1}"));
        } finally {
            client.close();
        }
    }


    private static void awaitStatus(BlockingQueue<IotHubConnectionStatus> statuses, IotHubConnectionStatus wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (statuses.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) == wanted) {
                return;
            }
        }
        throw new AssertionError("the client did not become " + wanted + " within " + TIMEOUT_MILLIS + " ms");
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
