package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AzureSasCredential;
import com.google.gson.JsonElement;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.MethodCallback;
import com.microsoft.azure.sdk.iot.service.exceptions.ErrorCodeDescription;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubGatewayTimeoutException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodRequestOptions;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodsClient;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.SharedAccessPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Direct methods end to end with the official SDKs, unchanged: the device SDK (iot-device-client) answering over MQTT
 * (port 8883, which it cannot move, of the emulator's {@linkplain EmulatorConfig#ownLoopbackAddress() own loopback
 * address}) and MQTT over WebSocket (a free port), devices and modules, and the service SDK's
 * {@code DirectMethodsClient} calling them over HTTPS, with the codes its e2e tests assert (404103 {@code DeviceNotOnline}, 404001, 404010, 504101). Every wait is a latch or a
 * status with a deadline.
 */
@Timeout(120)
class DeviceSdkMethodTest {

    private static final int TIMEOUT_MILLIS = 20_000;
    private static TwinkitEmulator emulator;
    private static DirectMethodsClient methods;
    private static SSLSocketFactory previousFactory;

    @BeforeAll
    static void start() {
        // MQTT over TLS on 8883 (the default), which the device SDK cannot move, on a loopback address of its own
        EmulatorConfig config = EmulatorConfig.builder().hubName("methods-hub").httpsPort(0).mqttWsPort(0)
                .ownLoopbackAddress(true).build();
        emulator = TwinkitEmulator.start(config);
        previousFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(emulator.clientSslContext().getSocketFactory());
        SharedAccessPolicy owner = emulator.hub().registry().policy("iothubowner").orElseThrow();
        methods = new DirectMethodsClient(emulator.serviceHost() + ":" + emulator.httpsPort(), new AzureSasCredential(
                SharedAccessSignature.create(owner.primaryKey(), "localhost", Instant.now().getEpochSecond() + 3600,
                        "iothubowner")));
    }

    @AfterAll
    static void stop() {
        if (previousFactory != null) {
            HttpsURLConnection.setDefaultSSLSocketFactory(previousFactory);
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static TwinKey device(String prefix) {
        TwinKey key = TwinKey.device(prefix + "-" + UUID.randomUUID());
        emulator.hub().registry().createDevice(key.deviceId());
        return key;
    }

    private static ClientOptions options() {
        return ClientOptions.builder().sslContext(emulator.clientSslContext()).build();
    }

    private static String key(TwinKey key) {
        return emulator.hub().registry().get(key).authentication().symmetricKey().primaryKey();
    }

    private static DeviceClient deviceClient(IotHubClientProtocol protocol, TwinKey key) {
        String id = key.deviceId().value();
        if (protocol == IotHubClientProtocol.MQTT) {
            return new DeviceClient("HostName=" + emulator.deviceHost() + ";DeviceId=" + id + ";SharedAccessKey="
                    + key(key), protocol, options());
        }
        String primary = key(key);
        return new DeviceClient(emulator.deviceHost() + ":" + emulator.mqttWsPort(), id,
                () -> SharedAccessSignature.create(primary, "localhost/devices/" + id,
                        Instant.now().getEpochSecond() + 3600, null).toCharArray(), protocol, options());
    }

    private static ModuleClient moduleClient(IotHubClientProtocol protocol, TwinKey module) {
        String deviceId = module.deviceId().value();
        String moduleId = module.moduleId().value();
        if (protocol == IotHubClientProtocol.MQTT) {
            return new ModuleClient("HostName=" + emulator.deviceHost() + ";DeviceId=" + deviceId + ";ModuleId="
                    + moduleId + ";SharedAccessKey=" + key(module), protocol, options());
        }
        String primary = key(module);
        return new ModuleClient(emulator.deviceHost() + ":" + emulator.mqttWsPort(), deviceId, moduleId,
                () -> SharedAccessSignature.create(primary, "localhost/devices/" + deviceId + "/modules/" + moduleId,
                        Instant.now().getEpochSecond() + 3600, null).toCharArray(), protocol, options());
    }

    /** A device that answers every method with status 200 and {@code "<name>:<payload as JSON>"}. */
    private static final MethodCallback ECHO = (name, payload, context) ->
            new DirectMethodResponse(200, name + ":" + payload.getPayloadAsJsonString());

    private static DirectMethodRequestOptions request(Object payload, int responseSeconds, int connectSeconds) {
        return DirectMethodRequestOptions.builder().payload(payload).methodResponseTimeoutSeconds(responseSeconds)
                .methodConnectTimeoutSeconds(connectSeconds).build();
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void theDeviceSdkAnswersMethodsTheServiceSdkCallsWithEveryPayloadKind(IotHubClientProtocol protocol)
            throws Exception {
        TwinKey key = device("sdk-methods-" + protocol);
        DeviceClient client = deviceClient(protocol, key);
        try {
            client.open(true);
            client.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(
                    name.equals("status") ? 299 : 200, payload.getPayloadAsJsonElement()), null);
            String id = key.deviceId().value();
            for (Object payload : new Object[] {Map.of("key", "value"), "This is a valid payload.", true,
                List.of(1.0, 2.0), ""}) {
                var result = methods.invoke(id, "echo", request(payload, 30, 0));
                assertThat(result.getStatus()).isEqualTo(200);
                assertThat(result.getPayload(Object.class)).as("%s over %s", payload, protocol).isEqualTo(payload);
            }
            var none = methods.invoke(id, "status", request(null, 30, 0));
            assertThat(none.getStatus()).isEqualTo(299);
            assertThat(none.getPayload(JsonElement.class).isJsonNull()).isTrue();
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void aModuleClientAnswersTheModulesMethodsAndNotItsDevices(IotHubClientProtocol protocol) throws Exception {
        TwinKey device = device("sdk-module-" + protocol);
        emulator.hub().registry().createModule(device.deviceId(), ModuleId.of("filter"));
        TwinKey module = TwinKey.module(device.deviceId().value(), "filter");
        ModuleClient client = moduleClient(protocol, module);
        try {
            client.open(true);
            client.subscribeToMethods(ECHO, null);
            var result = methods.invoke(device.deviceId().value(), "filter", "loopback",
                    request("hello", 30, 0));
            assertThat(result.getStatus()).isEqualTo(200);
            assertThat(result.getPayload(String.class)).isEqualTo("loopback:\"hello\"");
            assertThatThrownBy(() -> methods.invoke(device.deviceId().value(), "loopback", request("x", 30, 0)))
                    .isInstanceOfSatisfying(IotHubNotFoundException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(404103));
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void noAnswerWithinTheResponseTimeoutIs504101AndTheNextCallIsAnswered(IotHubClientProtocol protocol)
            throws Exception {
        TwinKey key = device("sdk-timeout-" + protocol);
        CountDownLatch release = new CountDownLatch(1);
        DeviceClient client = deviceClient(protocol, key);
        try {
            client.open(true);
            client.subscribeToMethods((name, payload, context) -> {
                if (name.equals("slow")) {
                    try {
                        release.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new DirectMethodResponse(200, name);
            }, null);
            String id = key.deviceId().value();
            assertThatThrownBy(() -> methods.invoke(id, "slow", request(null, 5, 0)))
                    .isInstanceOfSatisfying(IotHubGatewayTimeoutException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(504101));
            release.countDown();
            // the device answers the timed-out call late (ignored), then this one
            var next = methods.invoke(id, "fast", request(null, 30, 0));
            assertThat(next.getStatus()).isEqualTo(200);
            assertThat(next.getPayload(String.class)).isEqualTo("fast");
        } finally {
            release.countDown();
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void aConnectionDroppedDuringACallFailsItWith404103AndTheReconnectedSdkStillAnswers(IotHubClientProtocol protocol)
            throws Exception {
        TwinKey key = device("sdk-drop-" + protocol);
        CountDownLatch called = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<IotHubConnectionStatus> statuses = new LinkedBlockingQueue<>();
        DeviceClient client = deviceClient(protocol, key);
        try {
            client.setConnectionStatusChangeCallback(context -> statuses.add(context.getNewStatus()), null);
            client.open(true);
            client.subscribeToMethods((name, payload, context) -> {
                if (name.equals("held")) {
                    called.countDown();
                    try {
                        release.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new DirectMethodResponse(200, name);
            }, null);
            String id = key.deviceId().value();
            CompletableFuture<Throwable> held = CompletableFuture.supplyAsync(() -> {
                try {
                    return new AssertionError("answered: " + methods.invoke(id, "held", request(null, 60, 0)));
                } catch (Exception e) {
                    return e;
                }
            });
            assertThat(called.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
            statuses.clear();
            assertThat(emulator.dropConnection(key)).isTrue();
            assertThat(held.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isInstanceOfSatisfying(
                    IotHubNotFoundException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(404103);
                        assertThat(e.getErrorCodeDescription()).isEqualTo(ErrorCodeDescription.DeviceNotOnline);
                    });
            release.countDown();
            awaitStatus(statuses, IotHubConnectionStatus.CONNECTED);
            // the persistent session kept the methods subscription, which the SDK does not send again
            var after = methods.invoke(id, "after", request(null, 30, 10));
            assertThat(after.getPayload(String.class)).isEqualTo("after");
        } finally {
            release.countDown();
            client.close();
        }
    }

    @Test
    void aCallWaitsForTheDeviceToConnectWithinItsConnectTimeout() throws Exception {
        TwinKey key = device("sdk-connect");
        String id = key.deviceId().value();
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> {
            try {
                return methods.invoke(id, "hello", request("early", 30, 60)).getPayload(String.class);
            } catch (Exception e) {
                return e;
            }
        });
        DeviceClient client = deviceClient(IotHubClientProtocol.MQTT_WS, key);
        try {
            client.open(true);
            client.subscribeToMethods(ECHO, null);
            assertThat(call.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("hello:\"early\"");
        } finally {
            client.close();
        }
    }

    @Test
    void theSdkSeesTheServicesCodesForOfflineAndUnknownDevicesAndModules() throws Exception {
        TwinKey key = device("sdk-offline");
        String id = key.deviceId().value();
        emulator.hub().registry().createModule(DeviceId.of(id), ModuleId.of("m"));
        assertThatThrownBy(() -> methods.invoke(id, "m", request(null, 30, 0)))
                .isInstanceOfSatisfying(IotHubNotFoundException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(404103);
                    assertThat(e.getErrorCodeDescription()).isEqualTo(ErrorCodeDescription.DeviceNotOnline);
                });
        assertThatThrownBy(() -> methods.invoke("ThisDeviceDoesNotExist", "m"))
                .isInstanceOfSatisfying(IotHubNotFoundException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(404001);
                    assertThat(e.getErrorCodeDescription()).isEqualTo(ErrorCodeDescription.DeviceNotFound);
                });
        assertThatThrownBy(() -> methods.invoke(id, "ThisModuleDoesNotExist", "m"))
                .isInstanceOfSatisfying(IotHubNotFoundException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(404010);
                    assertThat(e.getErrorCodeDescription()).isEqualTo(ErrorCodeDescription.ModuleNotFound);
                });
        assertThatThrownBy(() -> methods.invoke(id, "m", "m", request(null, 30, 0)))
                .isInstanceOfSatisfying(IotHubNotFoundException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(404103));
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
}
