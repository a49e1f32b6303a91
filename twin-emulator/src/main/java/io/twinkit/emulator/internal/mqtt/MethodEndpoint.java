package io.twinkit.emulator.internal.mqtt;

import io.netty.util.concurrent.EventExecutor;
import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.CloudToDeviceMethod;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.MethodHandler;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.Subscription;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct methods of one MQTT connection: while the connection owns its session and the session holds
 * {@code $iothub/methods/POST/#}, the device is registered with the hub's {@link io.twinkit.emulator.MethodService}
 * ({@link #open()}), each call is published on {@code $iothub/methods/POST/{name}/?$rid={rid}} at QoS 0 (as the
 * service sends them) and the device's publish on {@code $iothub/methods/res/{status}/?$rid={rid}} answers it
 * ({@link #answer}). A {@code $rid} answered twice, or never issued, is logged and ignored; an answer that is not
 * JSON, or larger than {@value CloudToDeviceMethod#MAX_PAYLOAD_BYTES} bytes, fails the call with 502000. Closing
 * ({@link #close()}) takes the device offline, which fails its calls in flight with 404103.
 *
 * <p>Every method but {@link #onMethod} runs on the connection's executor, so the fields need no locks;
 * {@link #onMethod}, called by the hub on the caller's thread, hops onto it.
 */
final class MethodEndpoint implements MethodHandler {

    /** Publishes a call to the device, if the connection still may; returns whether it was written. */
    @FunctionalInterface
    interface Publisher {
        boolean publish(String topic, byte[] payload);
    }

    /** What {@link #answer} did: the answer completed its call. */
    static final String DELIVERED = "delivered";
    /** What {@link #answer} did: no call waits for this {@code $rid}; ignored. */
    static final String NO_CALL = "ignored: no call in flight";
    /** What {@link #answer} did: the body is too large; the call fails with 502. */
    static final String TOO_LARGE = "too large: the call fails with 502";
    /** What {@link #answer} did: the body is not JSON; the call fails with 502. */
    static final String NOT_JSON = "not JSON: the call fails with 502";

    private static final Logger LOG = LoggerFactory.getLogger(MethodEndpoint.class);

    private final IotHub hub;
    private final TwinKey key;
    private final EventExecutor executor;
    private final Publisher publisher;
    private final Map<String, CompletableFuture<MethodResult>> pending = new HashMap<>();
    private @Nullable Subscription registration;
    /**
     * The last {@code $rid} issued by any connection of this process: a device that reconnects may still answer a call
     * of its dropped connection, and that late answer must not complete a new call that got the same number.
     */
    private static final AtomicLong LAST_REQUEST_ID = new AtomicLong();

    MethodEndpoint(IotHub hub, TwinKey key, EventExecutor executor, Publisher publisher) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.key = Objects.requireNonNull(key, "key");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** Takes the device online for direct methods, if it is not yet; a failing hub is logged. */
    void open() {
        if (registration != null) {
            return;
        }
        try {
            registration = hub.methods().register(key, this);
        } catch (RuntimeException e) {
            LOG.debug("{} could not go online for direct methods: {}", key, e.toString());
        }
    }

    /** Takes the device offline for direct methods; its calls in flight fail with 404103. */
    void close() {
        Subscription current = registration;
        registration = null;
        pending.clear();
        if (current != null) {
            current.close();
        }
    }

    @Override
    public CompletionStage<MethodResult> onMethod(TwinKey device, String methodName, JsonValue payload) {
        CompletableFuture<MethodResult> answer = new CompletableFuture<>();
        byte[] body = payload.toJsonBytes();
        try {
            executor.execute(() -> send(methodName, body, answer));
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(unavailable("the MQTT front end is shutting down"));
        }
        return answer;
    }

    private void send(String methodName, byte[] body, CompletableFuture<MethodResult> answer) {
        if (answer.isDone()) {
            return;
        }
        if (registration == null) {
            answer.completeExceptionally(unavailable("its connection went offline for direct methods"));
            return;
        }
        String requestId = Long.toString(LAST_REQUEST_ID.incrementAndGet());
        if (!publisher.publish(MethodTopic.request(methodName, requestId), body)) {
            answer.completeExceptionally(unavailable("its connection could not take the call"));
            return;
        }
        pending.put(requestId, answer);
        // a call the hub gave up on (timed out, abandoned) is forgotten, so a late answer is ignored
        answer.whenComplete((result, failure) -> {
            try {
                executor.execute(() -> pending.remove(requestId, answer));
            } catch (RejectedExecutionException closing) {
                // the connection is going away with its table
            }
        });
    }

    /**
     * Answers the call of {@code topic}'s {@code $rid} with the device's status and body.
     *
     * @return what became of the answer, for the request log: {@link #DELIVERED}, {@link #NO_CALL},
     *     {@link #TOO_LARGE} or {@link #NOT_JSON}
     */
    String answer(MethodTopic topic, byte[] body) {
        CompletableFuture<MethodResult> answer = pending.remove(topic.requestId());
        if (answer == null) {
            LOG.debug("{} answered $rid {}, which is no call in flight (answered already, timed out, or never sent);"
                    + " ignored", key, topic.requestId());
            return NO_CALL;
        }
        if (body.length > CloudToDeviceMethod.MAX_PAYLOAD_BYTES) {
            answer.completeExceptionally(new TwinException(IotHubErrorCode.GENERIC_BAD_GATEWAY, "Bad device response."
                    + " (" + key + " answered with " + body.length + " bytes, more than the "
                    + CloudToDeviceMethod.MAX_PAYLOAD_BYTES + " a direct method response may have) [502000"
                    + " GenericBadGateway]"));
            return TOO_LARGE;
        }
        JsonValue payload;
        try {
            payload = body.length == 0 ? JsonNull.INSTANCE : JsonValue.parse(body);
        } catch (TwinException e) {
            answer.completeExceptionally(new TwinException(IotHubErrorCode.GENERIC_BAD_GATEWAY, "Bad device response."
                    + " (the answer of " + key + " is not JSON: " + e.getMessage() + ") [502000 GenericBadGateway]"));
            return NOT_JSON;
        }
        answer.complete(new MethodResult(topic.status(), payload));
        return DELIVERED;
    }

    private TwinException unavailable(String why) {
        return new TwinException(IotHubErrorCode.DEVICE_NOT_ONLINE, "Device unavailable. (" + key + ": " + why
                + ") [404103 DeviceNotOnline]");
    }

    /** Returns the device and its state, for logs. */
    @Override
    public String toString() {
        return "MethodEndpoint[" + key + (registration == null ? ", offline" : ", online") + ", " + pending.size()
                + " in flight]";
    }
}
