package io.twinkit.emulator.internal.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.Subscription;
import io.twinkit.emulator.internal.Throttle;
import io.twinkit.emulator.internal.store.HubStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bookkeeping of {@link HubMethods} with small bounds: the hub-wide bound (429001), and every way a call ends
 * giving its place back, so that the tables never keep a finished call.
 */
@Timeout(60)
class HubMethodsTest {

    private static final Duration RESPONSE = Duration.ofSeconds(30);

    private final HubCore core = new HubCore(HubOptions.defaults(), HubStorage.inMemory());
    private final HubRegistry registry = new HubRegistry(core, new HubTwins(core, Throttle.create(core.options)));
    private final HubMethods methods = new HubMethods(core, 2, 3);

    HubMethodsTest() {
        for (String id : List.of("a", "b", "c")) {
            registry.createDevice(DeviceId.of(id));
        }
    }

    @AfterEach
    void close() {
        methods.close();
        core.close();
    }

    private CompletableFuture<MethodResult> call(String device, Duration connect) {
        return methods.invokeAsync(TwinKey.device(device), "m", JsonNull.INSTANCE, RESPONSE, connect);
    }

    private static IotHubErrorCode code(CompletableFuture<MethodResult> call) throws Exception {
        try {
            call.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the call succeeded");
        } catch (ExecutionException e) {
            return ((TwinException) e.getCause()).errorCode();
        }
    }

    @Test
    void beyondTheHubsBoundACallIs429001AndBeyondTheDevicesBound403800() throws Exception {
        List<CompletableFuture<MethodResult>> waiting = new ArrayList<>();
        waiting.add(call("a", Duration.ofSeconds(60)));
        waiting.add(call("a", Duration.ofSeconds(60)));
        assertThat(code(call("a", Duration.ofSeconds(60))))
                .isEqualTo(IotHubErrorCode.DEVICE_MAXIMUM_INFLIGHT_METHOD_EXCEEDED);
        waiting.add(call("b", Duration.ofSeconds(60)));
        assertThat(methods.pendingCalls()).isEqualTo(3);
        assertThat(code(call("c", Duration.ofSeconds(60)))).isEqualTo(IotHubErrorCode.THROTTLING_EXCEPTION);
        assertThat(methods.pendingCalls()).as("refused calls take no place").isEqualTo(3);

        // a call answered, one abandoned and one failed by its device going away each give their place back
        List<CompletableFuture<MethodResult>> answers = new ArrayList<>();
        Subscription a = methods.register(TwinKey.device("a"), (key, name, payload) -> {
            CompletableFuture<MethodResult> answer = new CompletableFuture<>();
            synchronized (answers) {
                answers.add(answer);
            }
            return answer;
        });
        assertThat(methods.isOnline(TwinKey.device("a"))).isTrue();
        synchronized (answers) {
            assertThat(answers).as("the waiting calls reached the device when it came online").hasSize(2);
            answers.get(0).complete(MethodResult.of(200));
        }
        assertThat(waiting.get(0).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        waiting.get(2).cancel(false);
        a.close();
        assertThat(code(waiting.get(1))).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        assertThat(methods.isOnline(TwinKey.device("a"))).isFalse();
        assertThat(methods.pendingCalls()).isZero();
        assertThat(code(call("c", Duration.ZERO))).as("the hub takes calls again").isEqualTo(
                IotHubErrorCode.DEVICE_NOT_ONLINE);
        assertThat(methods.pendingCalls()).isZero();
    }

    @Test
    void aCallThatTimesOutGivesItsPlaceBack() throws Exception {
        assertThat(code(call("a", Duration.ofSeconds(1)))).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        // the timer thread completes the call, then gives its place back
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (methods.pendingCalls() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(methods.pendingCalls()).isZero();
        assertThat(code(call("a", Duration.ZERO))).isEqualTo(IotHubErrorCode.DEVICE_NOT_ONLINE);
        assertThat(methods.pendingCalls()).isZero();
    }
}
