package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.error.DeviceNotOnlineException;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.MethodTimeoutException;
import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.MethodInvokeOptions;
import io.twinkit.service.MethodResult;
import io.twinkit.service.TwinServiceClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Direct methods end to end: the back end's {@link io.twinkit.service.DirectMethodClient} over the service SDK, the
 * emulator's HTTPS and MQTT over WebSocket, a {@link DeviceConnection}'s handlers over the device SDK. Typed and raw
 * handlers, the answers the connection gives itself (unknown method, failure, timeout), the hub's errors (device not
 * online, no answer in time, no such device) and a module's methods.
 */
@Timeout(120)
class DeviceConnectionMethodsTest {

    record Move(String direction, int steps) {
    }

    record Moved(int position) {
    }

    private static TwinkitEmulator emulator;
    private static TwinServiceClient backEnd;

    @BeforeAll
    static void start() {
        emulator = EmulatorDevices.startOnFreePorts();
        backEnd = TwinServiceClient.builder().emulatorReadyLine(emulator.readyInfo().toString()).build();
    }

    @AfterAll
    static void stop() {
        if (backEnd != null) {
            backEnd.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static DeviceConnectionBuilder device(TwinKey key) {
        return EmulatorDevices.builder(emulator, key.deviceId(), Transport.MQTT_WEBSOCKET);
    }

    @Test
    void aTypedHandlerTakesAndGivesRecords() {
        TwinKey key = EmulatorDevices.createDevice(emulator, "methods-typed");
        List<String> threads = new CopyOnWriteArrayList<>();
        try (DeviceConnection connection = device(key).build()) {
            connection.onMethod("move", Move.class, move -> {
                threads.add(Thread.currentThread().getName());
                return new Moved(move.direction().equals("up") ? move.steps() : -move.steps());
            });
            connection.open();

            MethodResult result = backEnd.methods().invoke(key, "move", new Move("down", 3),
                    MethodInvokeOptions.defaults());

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.isSuccess()).isTrue();
            assertThat(result.payloadAs(Moved.class)).isEqualTo(new Moved(-3));
            assertThat(threads).singleElement().asString().startsWith("twinkit-method-");

            MethodResult badPayload = backEnd.methods().invoke(key, "move", List.of(1, 2),
                    MethodInvokeOptions.defaults());
            assertThat(badPayload.status()).isEqualTo(400);
            assertThat(badPayload.payload().toString()).contains("does not map to Move");
            assertThat(threads).hasSize(1);
        }
    }

    @Test
    void aRawHandlerSeesAndAnswersAnyJsonAndNumbersKeepTheirText() {
        TwinKey key = EmulatorDevices.createDevice(emulator, "methods-raw");
        List<MethodRequest> seen = new CopyOnWriteArrayList<>();
        try (DeviceConnection connection = device(key).build()) {
            connection.onMethod("echo", request -> {
                seen.add(request);
                return new MethodResponse(201, request.payload());
            });
            connection.open();

            JsonValue payload = JsonValue.parse("[1,2.50,12345678901234567890,\"x\",{\"a\":true}]");
            MethodResult echoed = backEnd.methods().invoke(key, "echo", payload, MethodInvokeOptions.defaults());
            MethodResult empty = backEnd.methods().invoke(key, "echo", null, MethodInvokeOptions.defaults());
            // the service SDK's Gson drops object members whose value is null, as DirectMethodClient documents
            MethodResult withNull = backEnd.methods().invoke(key, "echo", JsonValue.parse("{\"a\":null,\"b\":1}"),
                    MethodInvokeOptions.defaults());

            assertThat(echoed).isEqualTo(new MethodResult(201, payload));
            assertThat(echoed.payload().toString()).isEqualTo(payload.toString());
            assertThat(empty).isEqualTo(new MethodResult(201, JsonNull.INSTANCE));
            assertThat(withNull.payload()).isEqualTo(JsonValue.parse("{\"b\":1}"));
            assertThat(seen).extracting(MethodRequest::payload).containsExactly(payload, JsonNull.INSTANCE,
                    JsonValue.parse("{\"b\":1}"));
        }
    }

    @Test
    void theConnectionAnswersUnknownMethodsFailuresAndSlowHandlersByItself() throws Exception {
        TwinKey key = EmulatorDevices.createDevice(emulator, "methods-self");
        CountDownLatch interrupted = new CountDownLatch(1);
        try (DeviceConnection connection = device(key).methodTimeout(Duration.ofSeconds(1)).build()) {
            connection.onMethod("fail", request -> {
                throw new IllegalStateException("disk full at /var/secret");
            });
            connection.onMethod("slow", request -> {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return MethodResponse.ok("too late");
            });
            connection.open();

            MethodResult unknown = backEnd.methods().invoke(key, "selfDestruct", null, MethodInvokeOptions.defaults());
            assertThat(unknown.status()).isEqualTo(501);
            assertThat(unknown.payload()).isEqualTo(JsonValue.parse(
                    "{\"message\":\"method 'selfDestruct' has no handler on this device\"}"));

            MethodResult failed = backEnd.methods().invoke(key, "fail", null, MethodInvokeOptions.defaults());
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.payload().toString()).contains("IllegalStateException").doesNotContain("secret");

            long start = System.nanoTime();
            MethodResult slow = backEnd.methods().invoke(key, "slow", null, MethodInvokeOptions.defaults());
            assertThat(slow.status()).isEqualTo(504);
            assertThat(slow.payload().toString()).contains("did not complete within PT1S");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();

            connection.onUnknownMethod(request -> MethodResponse.withMessage(404, "no " + request.name() + " here"));
            MethodResult notHere = backEnd.methods().invoke(key, "selfDestruct", null, MethodInvokeOptions.defaults());
            assertThat(notHere).isEqualTo(new MethodResult(404, JsonValue.parse(
                    "{\"message\":\"no selfDestruct here\"}")));
        }
    }

    @Test
    void aBusyHandlerHoldsUpNeitherTheTwinNorOtherMethods() throws Exception {
        TwinKey key = EmulatorDevices.createDevice(emulator, "methods-busy");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<DesiredUpdate> desired = new CopyOnWriteArrayList<>();
        try (DeviceConnection connection = device(key).build()) {
            connection.onMethod("block", request -> {
                entered.countDown();
                release.await();
                return MethodResponse.ok("released");
            });
            connection.onMethod("ping", request -> MethodResponse.ok("pong"));
            connection.addDesiredListener(desired::add);
            connection.open();
            CompletableFuture<MethodResult> blocked = CompletableFuture.supplyAsync(() -> backEnd.methods()
                    .invoke(key, "block", null, MethodInvokeOptions.defaults()));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

            // while the handler blocks: another call, a report and a desired change all go through
            assertThat(backEnd.methods().invoke(key, "ping", null, MethodInvokeOptions.defaults()).payload())
                    .isEqualTo(JsonValue.of("pong"));
            assertThat(connection.report(io.twinkit.core.MergePatch.builder().set("busy", true).build()))
                    .isEqualTo(2);
            emulator.hub().twins().update(key, JsonValue.parseObject("{\"properties\":{\"desired\":{\"x\":1}}}"),
                    null);
            EmulatorDevices.await(() -> desired.stream().anyMatch(update -> update.properties().contains("x")),
                    "the desired change while a handler blocks");
            assertThat(blocked).isNotDone();

            release.countDown();
            assertThat(blocked.get(20, TimeUnit.SECONDS)).isEqualTo(new MethodResult(200, JsonValue.of("released")));
        } finally {
            release.countDown();
        }
    }

    @Test
    void theHubsErrorsAreTheirOwnExceptions() {
        TwinKey key = EmulatorDevices.createDevice(emulator, "methods-errors");

        assertThatThrownBy(() -> backEnd.methods().invoke(key, "reboot", null, MethodInvokeOptions.defaults()))
                .isInstanceOfSatisfying(DeviceNotOnlineException.class, e -> {
                    assertThat(e.rawErrorCode()).isEqualTo(404103);
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e).hasMessageContaining("reboot").hasMessageContaining("methods-errors");
                });
        assertThatThrownBy(() -> backEnd.methods().invoke(TwinKey.device("nobody"), "reboot", null,
                MethodInvokeOptions.defaults()))
                .isInstanceOfSatisfying(TwinNotFoundException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_FOUND));

        CountDownLatch release = new CountDownLatch(1);
        try (DeviceConnection connection = device(key).methodTimeout(Duration.ofSeconds(60)).build()) {
            connection.onMethod("hang", request -> {
                release.await();
                return MethodResponse.ok();
            });
            connection.open();

            long start = System.nanoTime();
            assertThatThrownBy(() -> backEnd.methods().invoke(key, "hang", null, MethodInvokeOptions.defaults()
                    .responseTimeout(Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(MethodTimeoutException.class, e -> {
                        assertThat(e.rawErrorCode()).isEqualTo(504101);
                        assertThat(e.httpStatus()).isEqualTo(504);
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(4),
                    Duration.ofSeconds(20));
        } finally {
            release.countDown();
        }
    }

    @Test
    void theConnectTimeoutIsHowLongTheHubWaitsForAnOfflineDevice() {
        TwinKey key = EmulatorDevices.createDevice(emulator, "methods-offline");

        long start = System.nanoTime();
        assertThatThrownBy(() -> backEnd.methods().invoke(key, "ping", null, MethodInvokeOptions.defaults()
                .connectTimeout(Duration.ofSeconds(3))))
                .isInstanceOf(DeviceNotOnlineException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2_500),
                Duration.ofSeconds(15));
    }

    @Test
    void aModuleAnswersItsOwnMethods() {
        DeviceId device = DeviceId.of("methods-gateway");
        ModuleId module = ModuleId.of("sensor");
        emulator.hub().registry().createDevice(device);
        String moduleKey = emulator.hub().registry().createModule(device, module).authentication().symmetricKey()
                .primaryKey();
        TwinKey moduleTwin = TwinKey.module(device, module);
        try (DeviceConnection connection = DeviceConnection.builder()
                .emulatorReadyLine(emulator.readyInfo().toString())
                .connectionString("HostName=127.0.0.1;DeviceId=" + device.value() + ";ModuleId=" + module.value()
                        + ";SharedAccessKey=" + moduleKey)
                .transport(Transport.MQTT_WEBSOCKET).operationTimeout(Duration.ofSeconds(20)).build()) {
            connection.onMethod("read", Move.class, move -> new Moved(move.steps() * 10));
            connection.open();

            MethodResult result = backEnd.methods().invoke(moduleTwin, "read", new Move("up", 4),
                    MethodInvokeOptions.defaults());

            assertThat(result.payloadAs(Moved.class)).isEqualTo(new Moved(40));
            assertThatThrownBy(() -> backEnd.methods().invoke(TwinKey.device(device), "read", new Move("up", 4),
                    MethodInvokeOptions.defaults()))
                    .as("the module's connection does not answer its device's methods")
                    .isInstanceOf(DeviceNotOnlineException.class);
            assertThatThrownBy(() -> backEnd.methods().invoke(TwinKey.module(device, ModuleId.of("other")), "read",
                    null, MethodInvokeOptions.defaults()))
                    .isInstanceOfSatisfying(TwinNotFoundException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.MODULE_NOT_FOUND));
        }
    }

    @Test
    void invokeRefusesWhatIotHubWouldRefuseBeforeSending() {
        TwinKey key = TwinKey.device("methods-refused");
        assertThatThrownBy(() -> backEnd.methods().invoke(key, "", null, MethodInvokeOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> backEnd.methods().invoke(key, "big", "x".repeat(128 * 1024),
                MethodInvokeOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("131072");
    }
}
