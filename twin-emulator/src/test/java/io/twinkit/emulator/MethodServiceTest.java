package io.twinkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The direct methods of the in-process hub ({@link MethodService}) with in-process devices ({@link MethodHandler}):
 * answers, the service's errors (404001, 404010, 404103, 504101, 502000, 403800, 503001, 400004), the connect timeout,
 * devices going away with calls in flight, and abandoned calls. Waits are bounded by the futures' own deadlines;
 * nothing sleeps.
 */
@Timeout(60)
class MethodServiceTest {

    private static final Duration RESPONSE = Duration.ofSeconds(30);
    private static final TwinKey DEVICE = TwinKey.device("dev1");

    private final IotHub hub = IotHub.create();

    MethodServiceTest() {
        hub.registry().createDevice(DEVICE.deviceId());
    }

    @AfterEach
    void close() {
        hub.close();
    }

    /** A device that keeps every call it gets, to be answered by the test. */
    private static final class HeldCalls implements MethodHandler {

        final BlockingQueue<Held> calls = new LinkedBlockingQueue<>();

        record Held(String methodName, JsonValue payload, CompletableFuture<MethodResult> answer) {
        }

        @Override
        public CompletableFuture<MethodResult> onMethod(TwinKey key, String methodName, JsonValue payload) {
            CompletableFuture<MethodResult> answer = new CompletableFuture<>();
            calls.add(new Held(methodName, payload, answer));
            return answer;
        }

        Held next() throws InterruptedException {
            Held held = calls.poll(10, TimeUnit.SECONDS);
            assertThat(held).as("a call reached the device").isNotNull();
            return held;
        }
    }

    private static TwinException failure(CompletableFuture<MethodResult> call) throws InterruptedException {
        try {
            MethodResult result = call.get(20, TimeUnit.SECONDS);
            throw new AssertionError("expected the call to fail, but the device answered " + result);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TwinException.class);
            return (TwinException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the call did not end within 20 s", e);
        }
    }

    @Test
    void aRegisteredDeviceAnswersWithItsOwnStatusAndPayload() throws Exception {
        List<String> seen = new ArrayList<>();
        try (Subscription registration = hub.methods().register(DEVICE, (key, name, payload) -> {
            seen.add(key + " " + name + " " + payload);
            return CompletableFuture.completedFuture(new MethodResult(299, JsonObject.of("echo", payload)));
        })) {
            assertThat(registration.key()).isEqualTo(DEVICE);
            assertThat(registration.isActive()).isTrue();
            MethodResult result = hub.methods().invoke(DEVICE, "echo", JsonValue.of("hi"), RESPONSE, Duration.ZERO);
            assertThat(result).isEqualTo(new MethodResult(299, JsonValue.parse("{\"echo\":\"hi\"}")));
            assertThat(result.toJson()).isEqualTo(JsonValue.parse("{\"status\":299,\"payload\":{\"echo\":\"hi\"}}"));
            MethodResult nothing = hub.methods().invokeAsync(DEVICE, CloudToDeviceMethod.of("echo", JsonNull.INSTANCE))
                    .get(10, TimeUnit.SECONDS);
            assertThat(nothing.payload()).isEqualTo(JsonValue.parse("{\"echo\":null}"));
            assertThat(seen).containsExactly("dev1 echo \"hi\"", "dev1 echo null");
        }
    }

    @Test
    void aModuleIsCalledByItsKeyAndItsDeviceIsNotOnlineForIt() throws Exception {
        hub.registry().createModule(DEVICE.deviceId(), ModuleId.of("m1"));
        TwinKey module = TwinKey.module("dev1", "m1");
        try (Subscription registration = hub.methods().register(module, (key, name, payload) ->
                CompletableFuture.completedFuture(new MethodResult(200, JsonValue.of(key.toString()))))) {
            assertThat(hub.methods().invoke(module, "who", JsonNull.INSTANCE, RESPONSE, Duration.ZERO).payload())
                    .isEqualTo(JsonValue.of("dev1/m1"));
            assertThat(failure(hub.methods().invokeAsync(DEVICE, "who", JsonNull.INSTANCE, RESPONSE, Duration.ZERO))
                    .errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        }
    }

    @Test
    void anUnknownDeviceIs404001AndAnUnknownModule404010() throws Exception {
        assertThat(failure(hub.methods().invokeAsync(TwinKey.device("nobody"), "m", JsonNull.INSTANCE, RESPONSE,
                Duration.ZERO))).isInstanceOf(DeviceNotFoundException.class);
        assertThat(failure(hub.methods().invokeAsync(TwinKey.module("dev1", "none"), "m", JsonNull.INSTANCE, RESPONSE,
                Duration.ZERO))).isInstanceOf(ModuleNotFoundException.class);
        assertThatThrownBy(() -> hub.methods().invoke(TwinKey.device("nobody"), "m", JsonNull.INSTANCE, RESPONSE,
                Duration.ZERO)).isInstanceOf(DeviceNotFoundException.class);
    }

    @Test
    void aDeviceNotOnlineIs404103AtOnceWhenTheConnectTimeoutIsZero() throws Exception {
        TwinException e = failure(hub.methods().invokeAsync(DEVICE, "reboot", JsonNull.INSTANCE, RESPONSE,
                Duration.ZERO));
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).startsWith("Timed out waiting for device to connect.").contains("dev1");
    }

    @Test
    void aCallWaitsForItsDeviceToComeOnlineWithinTheConnectTimeout() throws Exception {
        CompletableFuture<MethodResult> call = hub.methods().invokeAsync(DEVICE, "reboot", JsonValue.of(1), RESPONSE,
                Duration.ofSeconds(30));
        assertThat(call).isNotDone();
        HeldCalls device = new HeldCalls();
        try (Subscription registration = hub.methods().register(DEVICE, device)) {
            HeldCalls.Held held = device.next();
            assertThat(held.methodName()).isEqualTo("reboot");
            assertThat(held.payload()).isEqualTo(JsonValue.of(1));
            held.answer().complete(MethodResult.of(200));
            assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(new MethodResult(200, JsonNull.INSTANCE));
        }
    }

    @Test
    void aDeviceThatDoesNotComeOnlineWithinTheConnectTimeoutIs404103() throws Exception {
        CompletableFuture<MethodResult> call = hub.methods().invokeAsync(DEVICE, "reboot", JsonNull.INSTANCE,
                RESPONSE, Duration.ofSeconds(1));
        TwinException e = failure(call);
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        assertThat(e.getMessage()).contains("connect timeout of 1 s");
    }

    @Test
    void noAnswerWithinTheResponseTimeoutIs504101AndALateAnswerIsIgnored() throws Exception {
        HeldCalls device = new HeldCalls();
        try (Subscription registration = hub.methods().register(DEVICE, device)) {
            CompletableFuture<MethodResult> call = hub.methods().invokeAsync(DEVICE, "slow", JsonNull.INSTANCE,
                    CloudToDeviceMethod.MIN_RESPONSE_TIMEOUT, Duration.ZERO);
            HeldCalls.Held held = device.next();
            TwinException e = failure(call);
            assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.GATEWAY_TIMEOUT);
            assertThat(e.httpStatus()).isEqualTo(504);
            assertThat(e.getMessage()).startsWith("Timed out waiting for the response from device.");
            assertThat(held.answer()).as("the device's pending answer is cancelled").isCancelled();
            assertThat(held.answer().complete(MethodResult.of(200))).isFalse();
            assertThat(failure(call).errorCode()).isEqualTo(IotHubErrorCode.GATEWAY_TIMEOUT);
        }
    }

    @Test
    void aDeviceGoingAwayFailsItsCallsInFlightWith404103() throws Exception {
        HeldCalls first = new HeldCalls();
        Subscription registration = hub.methods().register(DEVICE, first);
        CompletableFuture<MethodResult> call = hub.methods().invokeAsync(DEVICE, "a", JsonNull.INSTANCE, RESPONSE,
                Duration.ZERO);
        first.next();
        registration.close();
        assertThat(registration.isActive()).isFalse();
        TwinException e = failure(call);
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        assertThat(e.getMessage()).startsWith("Device unavailable.");
        registration.close();
        assertThat(failure(hub.methods().invokeAsync(DEVICE, "b", JsonNull.INSTANCE, RESPONSE, Duration.ZERO))
                .errorCode()).as("offline after closing").isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
    }

    @Test
    void aNewRegistrationTakesTheDeviceOverAndFailsTheOldOnesCalls() throws Exception {
        HeldCalls old = new HeldCalls();
        HeldCalls current = new HeldCalls();
        Subscription oldRegistration = hub.methods().register(DEVICE, old);
        CompletableFuture<MethodResult> before = hub.methods().invokeAsync(DEVICE, "a", JsonNull.INSTANCE, RESPONSE,
                Duration.ZERO);
        old.next();
        try (Subscription registration = hub.methods().register(DEVICE, current)) {
            assertThat(failure(before).errorCode()).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
            assertThat(oldRegistration.isActive()).isFalse();
            oldRegistration.close();
            CompletableFuture<MethodResult> after = hub.methods().invokeAsync(DEVICE, "b", JsonNull.INSTANCE,
                    RESPONSE, Duration.ZERO);
            current.next().answer().complete(MethodResult.of(7));
            assertThat(after.get(10, TimeUnit.SECONDS).status()).as("closing the replaced registration changes nothing")
                    .isEqualTo(7);
        }
    }

    @Test
    void aHandlerFailureOrAnAnswerTooLargeIsTheCallsError() throws Exception {
        AtomicReference<MethodHandler> behaviour = new AtomicReference<>();
        try (Subscription registration = hub.methods().register(DEVICE,
                (key, name, payload) -> behaviour.get().onMethod(key, name, payload))) {
            behaviour.set((key, name, payload) -> CompletableFuture.failedFuture(
                    new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "mine")));
            assertThat(failure(call()).getMessage()).isEqualTo("mine");
            behaviour.set((key, name, payload) -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
            assertThat(failure(call()).errorCode()).isEqualTo(IotHubErrorCode.GENERIC_BAD_GATEWAY);
            behaviour.set((key, name, payload) -> {
                throw new IllegalStateException("thrown");
            });
            TwinException thrown = failure(call());
            assertThat(thrown.errorCode()).isEqualTo(IotHubErrorCode.GENERIC_BAD_GATEWAY);
            assertThat(thrown.httpStatus()).isEqualTo(502);
            assertThat(thrown.getMessage()).contains("thrown");
            String big = "x".repeat(CloudToDeviceMethod.MAX_PAYLOAD_BYTES);
            behaviour.set((key, name, payload) -> CompletableFuture.completedFuture(
                    new MethodResult(200, JsonValue.of(big))));
            assertThat(failure(call()).getMessage()).contains(String.valueOf(CloudToDeviceMethod.MAX_PAYLOAD_BYTES));
            String fits = "x".repeat(CloudToDeviceMethod.MAX_PAYLOAD_BYTES - 2);
            behaviour.set((key, name, payload) -> CompletableFuture.completedFuture(
                    new MethodResult(200, JsonValue.of(fits))));
            assertThat(call().get(10, TimeUnit.SECONDS).payload()).isEqualTo(JsonValue.of(fits));
        }
    }

    private CompletableFuture<MethodResult> call() {
        return hub.methods().invokeAsync(DEVICE, "m", JsonNull.INSTANCE, RESPONSE, Duration.ZERO);
    }

    @Test
    void aDeviceKeepsAtMostItsBoundOfCallsAndAnAbandonedCallFreesItsPlace() throws Exception {
        HeldCalls device = new HeldCalls();
        try (Subscription registration = hub.methods().register(DEVICE, device)) {
            List<CompletableFuture<MethodResult>> calls = new ArrayList<>();
            for (int i = 0; i < MethodService.MAX_CALLS_PER_DEVICE; i++) {
                calls.add(call());
            }
            TwinException e = failure(call());
            assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.DEVICE_MAXIMUM_INFLIGHT_METHOD_EXCEEDED);
            assertThat(e.httpStatus()).isEqualTo(403);
            HeldCalls.Held first = device.next();
            calls.get(0).cancel(false);
            assertThat(first.answer()).as("the device's answer to an abandoned call is cancelled").isCancelled();
            CompletableFuture<MethodResult> more = call();
            assertThat(more).as("the abandoned call's place is free again").isNotDone();
            for (CompletableFuture<MethodResult> call : calls) {
                call.cancel(false);
            }
            hub.registry().createDevice(DeviceId.of("dev2"));
            try (Subscription other = hub.methods().register(TwinKey.device("dev2"), (key, name, payload) ->
                    CompletableFuture.completedFuture(MethodResult.of(1)))) {
                assertThat(hub.methods().invoke(TwinKey.device("dev2"), "m", JsonNull.INSTANCE, RESPONSE,
                        Duration.ZERO).status()).as("the bound is per device").isEqualTo(1);
            }
        }
    }

    @Test
    void invokeBlocksForTheAnswerAndAnInterruptAbandonsTheCall() throws Exception {
        HeldCalls device = new HeldCalls();
        try (Subscription registration = hub.methods().register(DEVICE, device)) {
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    hub.methods().invoke(DEVICE, "m", JsonNull.INSTANCE, RESPONSE, Duration.ZERO);
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            caller.start();
            HeldCalls.Held held = device.next();
            caller.interrupt();
            caller.join(10_000);
            assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
            assertThat(held.answer()).as("the interrupted call is abandoned").isCancelled();
        }
    }

    @Test
    void argumentsThatBreakTheServicesRulesAre400004() {
        List<Runnable> calls = List.of(
                () -> hub.methods().invokeAsync(DEVICE, "", JsonNull.INSTANCE, RESPONSE, Duration.ZERO),
                () -> hub.methods().invokeAsync(DEVICE, "a".repeat(129), JsonNull.INSTANCE, RESPONSE, Duration.ZERO),
                () -> hub.methods().invokeAsync(DEVICE, "re boot", JsonNull.INSTANCE, RESPONSE, Duration.ZERO),
                () -> hub.methods().invokeAsync(DEVICE, "a/b", JsonNull.INSTANCE, RESPONSE, Duration.ZERO),
                () -> hub.methods().invokeAsync(DEVICE, "a#", JsonNull.INSTANCE, RESPONSE, Duration.ZERO),
                () -> hub.methods().invokeAsync(DEVICE, "é", JsonNull.INSTANCE, RESPONSE, Duration.ZERO),
                () -> hub.methods().invokeAsync(DEVICE, "m", JsonNull.INSTANCE, Duration.ofSeconds(4), Duration.ZERO),
                () -> hub.methods().invokeAsync(DEVICE, "m", JsonNull.INSTANCE, Duration.ofSeconds(301),
                        Duration.ZERO),
                () -> hub.methods().invokeAsync(DEVICE, "m", JsonNull.INSTANCE, Duration.ofMillis(5500),
                        Duration.ZERO),
                () -> hub.methods().invokeAsync(DEVICE, "m", JsonNull.INSTANCE, RESPONSE, Duration.ofSeconds(-1)),
                () -> hub.methods().invokeAsync(DEVICE, "m", JsonNull.INSTANCE, RESPONSE, Duration.ofSeconds(301)),
                () -> hub.methods().invokeAsync(DEVICE, "m",
                        JsonValue.of("x".repeat(CloudToDeviceMethod.MAX_PAYLOAD_BYTES)), RESPONSE, Duration.ZERO));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(TwinException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID));
        }
        assertThat(new CloudToDeviceMethod("a-b_c.d*e!f~g", JsonNull.INSTANCE, CloudToDeviceMethod.MAX_RESPONSE_TIMEOUT,
                CloudToDeviceMethod.MAX_CONNECT_TIMEOUT).methodName()).isEqualTo("a-b_c.d*e!f~g");
    }

    @Test
    void closingTheHubFailsThePendingCallsWith503001() throws Exception {
        HeldCalls device = new HeldCalls();
        hub.methods().register(DEVICE, device);
        CompletableFuture<MethodResult> inFlight = call();
        device.next();
        hub.registry().createDevice(DeviceId.of("later"));
        CompletableFuture<MethodResult> waiting = hub.methods().invokeAsync(TwinKey.device("later"), "m",
                JsonNull.INSTANCE, RESPONSE, Duration.ofSeconds(60));
        hub.close();
        assertThat(failure(inFlight).errorCode()).isEqualTo(IotHubErrorCode.SERVICE_UNAVAILABLE);
        assertThat(failure(waiting).errorCode()).isEqualTo(IotHubErrorCode.SERVICE_UNAVAILABLE);
        assertThatThrownBy(this::call).isInstanceOf(IllegalStateException.class);
    }
}
