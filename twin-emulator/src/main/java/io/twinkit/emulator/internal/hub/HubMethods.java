package io.twinkit.emulator.internal.hub;

import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.CloudToDeviceMethod;
import io.twinkit.emulator.MethodHandler;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.MethodService;
import io.twinkit.emulator.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MethodService} of a hub: the devices online for direct methods (one {@link MethodHandler} each), the
 * calls waiting for their device to come online, and the calls in flight, each with its timer.
 *
 * <p>A call's outcome is the completion of its future, whoever comes first (the device's answer, a timer, the
 * device going away, the caller cancelling, the hub closing); the one cleanup registered on that future removes the
 * call from every table, stops its timer and cancels the device's pending answer. One lock guards the tables; the
 * hub never calls a handler nor completes a future while it holds the lock, since both run other code (the MQTT
 * front end, the HTTPS answer, a job). One daemon thread runs the timers.
 */
public final class HubMethods implements MethodService {

    private static final Logger LOG = LoggerFactory.getLogger(HubMethods.class);
    /** The service's message of a 404103 for a device that did not connect in time. */
    private static final String CONNECT_TIMED_OUT = "Timed out waiting for device to connect.";
    /** The service's message of a 404103 for a device that went away with the call in flight. */
    private static final String UNAVAILABLE = "Device unavailable.";

    private final HubCore core;
    private final int maxPerDevice;
    private final int maxPerHub;
    private final ScheduledThreadPoolExecutor timers;
    private final Object lock = new Object();
    private final Map<TwinKey, Registration> online = new HashMap<>();
    private final Map<TwinKey, Set<Call>> waiting = new HashMap<>();
    private final Map<TwinKey, Integer> perDevice = new HashMap<>();
    private int total;
    private boolean closed;

    HubMethods(HubCore core) {
        this(core, MAX_CALLS_PER_DEVICE, MAX_CALLS_PER_HUB);
    }

    /** Creates the direct methods of {@code core} with other bounds on the calls kept at once (for tests). */
    HubMethods(HubCore core, int maxPerDevice, int maxPerHub) {
        this.core = core;
        this.maxPerDevice = maxPerDevice;
        this.maxPerHub = maxPerHub;
        String name = "twinkit-methods-" + core.options.hubName();
        this.timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public MethodResult invoke(TwinKey key, String methodName, JsonValue payload, Duration responseTimeout,
                               Duration connectTimeout) throws InterruptedException {
        CompletableFuture<MethodResult> result = invokeAsync(key, methodName, payload, responseTimeout,
                connectTimeout);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("the direct method failed", e.getCause());
        }
    }

    @Override
    public CompletableFuture<MethodResult> invokeAsync(TwinKey key, String methodName, JsonValue payload,
                                                       Duration responseTimeout, Duration connectTimeout) {
        return invokeAsync(key, new CloudToDeviceMethod(methodName, payload, responseTimeout, connectTimeout));
    }

    @Override
    public CompletableFuture<MethodResult> invokeAsync(TwinKey key, CloudToDeviceMethod method) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(method, "method");
        core.checkOpen();
        try {
            core.read(key);
        } catch (TwinException e) {
            return CompletableFuture.failedFuture(e);
        }
        Call call = new Call(key, method);
        Registration target;
        synchronized (lock) {
            checkOpen();
            int calls = perDevice.getOrDefault(key, 0);
            if (calls >= maxPerDevice) {
                return CompletableFuture.failedFuture(new TwinException(
                        IotHubErrorCode.DEVICE_MAXIMUM_INFLIGHT_METHOD_EXCEEDED, "device " + describe(key)
                        + " already has " + calls + " direct method calls waiting or in flight, as many as it may"
                        + " [403800 DeviceMaximumInflightMethodExceeded]"));
            }
            if (total >= maxPerHub) {
                return CompletableFuture.failedFuture(new TwinException(IotHubErrorCode.THROTTLING_EXCEPTION,
                        "the hub already has " + total + " direct method calls waiting or in flight, as many as"
                        + " it keeps; retry later [429001 ThrottlingException]"));
            }
            target = online.get(key);
            if (target == null && method.connectTimeout().isZero()) {
                return CompletableFuture.failedFuture(notOnline(call, CONNECT_TIMED_OUT, "it is not online for"
                        + " direct methods (connected with a subscription to $iothub/methods/POST/#) and the call's"
                        + " connect timeout is 0 s"));
            }
            perDevice.merge(key, 1, Integer::sum);
            total++;
            if (target == null) {
                waiting.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(call);
                call.timer = schedule(() -> connectTimedOut(call), method.connectTimeout());
            } else {
                attach(call, target);
            }
        }
        // registered after the tables hold the call, so that the cleanup always finds what it removes
        call.result.whenComplete((result, failure) -> finished(call));
        if (target != null) {
            deliver(call, target);
        }
        return call.result;
    }

    @Override
    public Subscription register(TwinKey key, MethodHandler handler) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(handler, "handler");
        core.checkOpen();
        Registration registration = new Registration(key, handler);
        List<Call> orphaned = List.of();
        List<Call> arrived = new ArrayList<>();
        synchronized (lock) {
            checkOpen();
            Registration previous = online.put(key, registration);
            if (previous != null) {
                previous.active = false;
                orphaned = new ArrayList<>(previous.calls);
            }
            Set<Call> queued = waiting.remove(key);
            if (queued != null) {
                for (Call call : queued) {
                    stopTimer(call);
                    attach(call, registration);
                    arrived.add(call);
                }
            }
        }
        LOG.debug("{} is online for direct methods", key);
        for (Call call : orphaned) {
            fail(call, notOnline(call, UNAVAILABLE, "a new connection took the device over before it answered"));
        }
        for (Call call : arrived) {
            deliver(call, registration);
        }
        return registration;
    }

    /** Returns whether {@code key} has a handler now, for tests and logs. */
    public boolean isOnline(TwinKey key) {
        synchronized (lock) {
            return online.containsKey(key);
        }
    }

    /** Returns how many calls are waiting or in flight, over every device, for tests. */
    public int pendingCalls() {
        synchronized (lock) {
            return total;
        }
    }

    /** Fails every waiting and in-flight call with 503001, takes every device offline and stops the timers. */
    void close() {
        List<Call> calls = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            waiting.values().forEach(calls::addAll);
            for (Registration registration : online.values()) {
                registration.active = false;
                calls.addAll(registration.calls);
            }
            waiting.clear();
            online.clear();
        }
        for (Call call : calls) {
            fail(call, new TwinException(IotHubErrorCode.SERVICE_UNAVAILABLE, "the hub closed while the direct"
                    + " method " + call.method.methodName() + " of " + describe(call.key) + " was pending"
                    + " [503001 ServiceUnavailable]"));
        }
        timers.shutdownNow();
    }

    /** Puts {@code call} in flight on {@code registration} and starts its response timer; with the lock held. */
    private void attach(Call call, Registration registration) {
        call.at = registration;
        registration.calls.add(call);
        call.timer = schedule(() -> responseTimedOut(call), call.method.responseTimeout());
    }

    /** Hands {@code call} to the device's handler and follows its answer; without the lock. */
    private void deliver(Call call, Registration registration) {
        CompletableFuture<MethodResult> answer;
        try {
            CompletionStage<MethodResult> stage = registration.handler.onMethod(call.key, call.method.methodName(),
                    call.method.payload());
            if (stage == null) {
                throw new IllegalStateException("the handler returned no answer");
            }
            answer = stage.toCompletableFuture();
        } catch (RuntimeException e) {
            LOG.debug("the direct method handler of {} failed", call.key, e);
            fail(call, badGateway(call, "its handler failed: " + e));
            return;
        }
        synchronized (lock) {
            call.answer = answer;
        }
        if (call.result.isDone()) {
            // timed out or abandoned while the handler ran
            answer.cancel(false);
            return;
        }
        answer.whenComplete((result, failure) -> answered(call, result, failure));
    }

    private void answered(Call call, @Nullable MethodResult result, @Nullable Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof CancellationException) {
                return;
            }
            fail(call, cause instanceof TwinException twin ? twin : badGateway(call, "its answer failed: " + cause));
            return;
        }
        if (result == null) {
            fail(call, badGateway(call, "it answered nothing"));
            return;
        }
        int size = result.payload().toJsonBytes().length;
        if (size > CloudToDeviceMethod.MAX_PAYLOAD_BYTES) {
            fail(call, badGateway(call, "its answer's payload has " + size + " bytes, more than the "
                    + CloudToDeviceMethod.MAX_PAYLOAD_BYTES + " a direct method response may have"));
            return;
        }
        if (!call.result.complete(result)) {
            LOG.debug("a late answer of {} to {} was ignored", call.key, call.method.methodName());
        }
    }

    private void connectTimedOut(Call call) {
        synchronized (lock) {
            Set<Call> queued = waiting.get(call.key);
            if (queued == null || !queued.contains(call)) {
                return;
            }
        }
        fail(call, notOnline(call, CONNECT_TIMED_OUT, "it did not come online for direct methods (connected with a"
                + " subscription to $iothub/methods/POST/#) within the call's connect timeout of "
                + call.method.connectTimeout().getSeconds() + " s"));
    }

    private void responseTimedOut(Call call) {
        fail(call, new TwinException(IotHubErrorCode.GATEWAY_TIMEOUT, "Timed out waiting for the response from"
                + " device. (" + describe(call.key) + " did not answer " + call.method.methodName() + " within the"
                + " call's response timeout of " + call.method.responseTimeout().getSeconds() + " s) [504101"
                + " GatewayTimeout]"));
    }

    /** The cleanup of a call, once, whatever completed it. */
    private void finished(Call call) {
        CompletableFuture<MethodResult> answer;
        synchronized (lock) {
            if (call.released) {
                return;
            }
            call.released = true;
            stopTimer(call);
            Set<Call> queued = waiting.get(call.key);
            if (queued != null && queued.remove(call) && queued.isEmpty()) {
                waiting.remove(call.key);
            }
            if (call.at != null) {
                call.at.calls.remove(call);
            }
            perDevice.computeIfPresent(call.key, (k, n) -> n > 1 ? n - 1 : null);
            total--;
            answer = call.answer;
        }
        if (answer != null && !answer.isDone()) {
            answer.cancel(false);
        }
    }

    private static void fail(Call call, TwinException failure) {
        call.result.completeExceptionally(failure);
    }

    private @Nullable ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }

    private static void stopTimer(Call call) {
        if (call.timer != null) {
            call.timer.cancel(false);
            call.timer = null;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the hub is closed");
        }
    }

    /** Returns the 404103 of {@code call}: the service's sentence, then what happened. */
    private static TwinException notOnline(Call call, String sentence, String why) {
        return new TwinException(IotHubErrorCode.DEVICE_NOT_ONLINE, sentence + " (the direct method "
                + call.method.methodName() + " of " + describe(call.key) + " was not answered: " + why + ")"
                + " [404103 DeviceNotOnline]");
    }

    private static TwinException badGateway(Call call, String why) {
        return new TwinException(IotHubErrorCode.GENERIC_BAD_GATEWAY, "Bad device response. (the hub could not"
                + " relay the answer of " + describe(call.key) + " to " + call.method.methodName() + ": " + why
                + ") [502000 GenericBadGateway]");
    }

    private static String describe(TwinKey key) {
        return key.isModule() ? "module '" + key.moduleId() + "' of device '" + key.deviceId() + "'"
                : "device '" + key.deviceId() + "'";
    }

    /** One call: its request, its outcome and where it is; the mutable fields are guarded by the lock. */
    private static final class Call {

        final TwinKey key;
        final CloudToDeviceMethod method;
        final CompletableFuture<MethodResult> result = new CompletableFuture<>();
        @Nullable ScheduledFuture<?> timer;
        @Nullable Registration at;
        @Nullable CompletableFuture<MethodResult> answer;
        boolean released;

        Call(TwinKey key, CloudToDeviceMethod method) {
            this.key = key;
            this.method = method;
        }
    }

    /** A device online for direct methods; its mutable fields are guarded by the lock. */
    private final class Registration implements Subscription {

        final TwinKey key;
        final MethodHandler handler;
        final Set<Call> calls = new LinkedHashSet<>();
        boolean active = true;

        Registration(TwinKey key, MethodHandler handler) {
            this.key = key;
            this.handler = handler;
        }

        @Override
        public TwinKey key() {
            return key;
        }

        @Override
        public boolean isActive() {
            synchronized (lock) {
                return active;
            }
        }

        @Override
        public void close() {
            List<Call> orphaned;
            synchronized (lock) {
                if (!active) {
                    return;
                }
                active = false;
                online.remove(key, this);
                orphaned = new ArrayList<>(calls);
            }
            LOG.debug("{} is offline for direct methods", key);
            for (Call call : orphaned) {
                fail(call, notOnline(call, UNAVAILABLE, "it went offline (disconnected or unsubscribed) before it"
                    + " answered"));
            }
        }

        @Override
        public String toString() {
            return "MethodRegistration[" + key + (isActive() ? "" : ", closed") + "]";
        }
    }
}
