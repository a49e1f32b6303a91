package io.twinkit.device;

import io.twinkit.core.TwinMappingException;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs direct method handlers off the SDK's threads: on a bounded pool ({@code concurrency} threads, at most
 * {@value #QUEUE_CAPACITY} calls waiting), each call answered exactly once, by its handler or, when it takes longer
 * than the timeout, with 504 (and its thread interrupted; what it returns later is dropped). Calls without a handler
 * go to the unknown-method handler, by default 501.
 */
final class MethodDispatcher implements AutoCloseable {

    /** The calls that may wait for a free method thread; beyond them a call is answered 503 at once. */
    static final int QUEUE_CAPACITY = DeviceConnectionBuilder.METHOD_QUEUE_CAPACITY;

    private static final Logger LOG = LoggerFactory.getLogger(MethodDispatcher.class);

    /** Sends an answer; called once per call, from a method thread or the timer. */
    interface Replier {
        void reply(MethodResponse response);
    }

    private final Map<String, MethodHandler> handlers = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timer;
    private volatile MethodHandler unknown = MethodDispatcher::notImplemented;

    MethodDispatcher(int concurrency, Duration timeout) {
        this.timeout = timeout;
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), threads("twinkit-method-"));
        this.timer = new ScheduledThreadPoolExecutor(1, threads("twinkit-method-timer-"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    void register(String name, MethodHandler handler) {
        handlers.put(name, handler);
    }

    void registerUnknown(MethodHandler handler) {
        unknown = handler;
    }

    /** Wraps a typed handler: the payload mapped to {@code type} (400 if it does not map), the result mapped back. */
    static <P, R> MethodHandler typed(Class<P> type, TypedMethodHandler<P, R> handler) {
        return request -> {
            P payload;
            try {
                payload = TwinJson.standard().fromJsonValue(request.payload(), type);
            } catch (TwinMappingException e) {
                return MethodResponse.withMessage(400, "the payload of method '" + request.name()
                        + "' does not map to " + type.getSimpleName() + (e.path().isEmpty() ? "" : " at '"
                        + e.path() + "'"));
            }
            R result = handler.handle(payload);
            return result instanceof MethodResponse response ? response : MethodResponse.ok(result);
        };
    }

    /**
     * Takes a call from the SDK: parses the payload (400 if it is not JSON) and hands the call to a method thread
     * (503 if every thread is busy and the queue is full), with the timeout started now.
     */
    void dispatch(String name, byte[] payload, Replier replier) {
        JsonValue json;
        try {
            json = payload.length == 0 ? JsonNull.INSTANCE : JsonValue.parse(payload);
        } catch (TwinJsonException e) {
            replier.reply(MethodResponse.withMessage(400, "the payload of method '" + name + "' is not JSON: "
                    + e.getMessage()));
            return;
        }
        Call call = new Call(new MethodRequest(name, json), replier);
        try {
            call.timer = timer.schedule(call::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
            call.work = pool.submit(call::run);
        } catch (RejectedExecutionException e) {
            call.answer(MethodResponse.withMessage(503, "the device is busy: " + pool.getMaximumPoolSize()
                    + " method calls run and " + QUEUE_CAPACITY + " wait; method '" + name + "' was not run"));
        }
    }

    /** One call: answered once, by whichever of its handler and its timer comes first. */
    private final class Call {
        final MethodRequest request;
        final Replier replier;
        final AtomicBoolean answered = new AtomicBoolean();
        volatile @Nullable ScheduledFuture<?> timer;
        volatile @Nullable Future<?> work;

        Call(MethodRequest request, Replier replier) {
            this.request = request;
            this.replier = replier;
        }

        void run() {
            MethodResponse response = invoke(request);
            if (!answer(response)) {
                LOG.info("method '{}' answered {} after its {} timeout; the late answer is dropped", request.name(),
                        response.status(), timeout);
            }
        }

        void expire() {
            if (answer(MethodResponse.withMessage(504, "method '" + request.name() + "' did not complete within "
                    + timeout))) {
                LOG.warn("method '{}' did not complete within {}; answered 504 and interrupted its handler",
                        request.name(), timeout);
                Future<?> running = work;
                if (running != null) {
                    running.cancel(true);
                }
            }
        }

        boolean answer(MethodResponse response) {
            if (!answered.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> pending = timer;
            if (pending != null) {
                pending.cancel(false);
            }
            try {
                replier.reply(response);
            } catch (RuntimeException e) {
                LOG.warn("the answer to method '{}' could not be sent", request.name(), e);
            }
            return true;
        }
    }

    private MethodResponse invoke(MethodRequest request) {
        MethodHandler handler = handlers.getOrDefault(request.name(), unknown);
        try {
            MethodResponse response = Objects.requireNonNull(handler.handle(request), "the handler's response");
            int size = response.payload().toJsonBytes().length;
            if (size > MethodResponse.MAX_PAYLOAD_BYTES) {
                LOG.warn("method '{}' answered a payload of {} bytes, more than IoT Hub's {}", request.name(), size,
                        MethodResponse.MAX_PAYLOAD_BYTES);
                return MethodResponse.withMessage(500, "the answer of method '" + request.name() + "' has "
                        + size + " bytes, more than IoT Hub's " + MethodResponse.MAX_PAYLOAD_BYTES);
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MethodResponse.withMessage(500, "method '" + request.name() + "' was interrupted");
        } catch (Exception e) {
            // the exception's message may say more than the back end should see; it stays in the device's log
            LOG.warn("method '{}' failed", request.name(), e);
            return MethodResponse.withMessage(500, "method '" + request.name() + "' failed on the device: "
                    + e.getClass().getSimpleName());
        }
    }

    private static MethodResponse notImplemented(MethodRequest request) {
        return MethodResponse.withMessage(501, "method '" + request.name() + "' has no handler on this device");
    }

    /** Stops the method threads (interrupting running handlers); calls not answered yet get no answer. */
    @Override
    public void close() {
        pool.shutdownNow();
        timer.shutdownNow();
    }
}
