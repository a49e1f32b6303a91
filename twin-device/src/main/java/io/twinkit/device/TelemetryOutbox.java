package io.twinkit.device;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.device.internal.SdkDeviceConnection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The telemetry messages sent and not yet acknowledged, at most {@code capacity}: a message beyond is refused at once
 * with {@link OutboxFullException}. The device SDK holds the messages themselves (and sends them again after a
 * reconnect); the outbox counts them and completes their futures on its own thread, never on the SDK's.
 */
final class TelemetryOutbox implements AutoCloseable {

    private final SdkDeviceConnection connection;
    private final int capacity;
    private final Supplier<ConnectionState> state;
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<CompletableFuture<Void>> waiting = ConcurrentHashMap.newKeySet();
    private final ExecutorService completions = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "twinkit-telemetry");
        thread.setDaemon(true);
        return thread;
    });

    TelemetryOutbox(SdkDeviceConnection connection, int capacity, Supplier<ConnectionState> state) {
        this.connection = connection;
        this.capacity = capacity;
        this.state = state;
    }

    /** Returns the messages sent and not yet acknowledged (nor failed). */
    int pending() {
        return pending.get();
    }

    CompletableFuture<Void> send(TelemetryMessage message) {
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            return CompletableFuture.failedFuture(new OutboxFullException(capacity, state.get()));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        waiting.add(result);
        SdkDeviceConnection.Telemetry telemetry = new SdkDeviceConnection.Telemetry(message.body(),
                message.contentType().orElse(null), message.contentEncoding().orElse(null),
                message.messageId().orElse(null), message.correlationId().orElse(null), message.properties());
        CompletableFuture<SdkDeviceConnection.Response> sent;
        try {
            sent = connection.sendTelemetry(telemetry);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((response, error) -> {
            pending.decrementAndGet();
            waiting.remove(result);
            Runnable completion;
            if (error == null && response.status() == 200) {
                completion = () -> result.complete(null);
            } else {
                int status = error == null ? response.status() : 503;
                String why = error == null ? response.message() : error.getMessage();
                TelemetryException failure = new TelemetryException(DeviceTwinException.codeOf(status), status,
                        "the hub did not acknowledge " + message + " (status " + status + "): " + why, error);
                completion = () -> result.completeExceptionally(failure);
            }
            try {
                completions.execute(completion);
            } catch (RejectedExecutionException closed) {
                completion.run();
            }
        });
        return result;
    }

    /** Fails the messages still awaiting their acknowledgement, then stops the completion thread. */
    @Override
    public void close() {
        TelemetryException closed = new TelemetryException(IotHubErrorCode.SERVICE_UNAVAILABLE, 503,
                "the connection closed before the message was acknowledged", null);
        for (CompletableFuture<Void> future : waiting) {
            future.completeExceptionally(closed);
        }
        completions.shutdown();
    }
}
