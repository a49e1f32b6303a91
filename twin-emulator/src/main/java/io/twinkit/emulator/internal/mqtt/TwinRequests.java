package io.twinkit.emulator.internal.mqtt;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a device's twin requests against the hub and turns each outcome into an MQTT response: a status,
 * the new reported {@code $version} of a successful report, and a payload (the device's view of the twin, nothing,
 * or the service's error body).
 *
 * <p>With a data directory a report waits for the store's commit (group commit: reports that wait together share one
 * commit and one sync), so reports run on {@link #REPORT_THREADS} threads of their own ({@link #reportLater}) rather
 * than on the few threads of the connections: many reports can then wait for the same commit. At most
 * {@link #MAX_QUEUED_REPORTS} more wait for a thread; beyond that a report is answered 429
 * ({@code ThrottleBacklogLimitExceeded}) and changes nothing. In memory reports run on the connection's thread.
 */
final class TwinRequests {

    private static final Logger LOG = LoggerFactory.getLogger(TwinRequests.class);
    private static final byte[] EMPTY = new byte[0];

    /**
     * The answer to one request.
     *
     * @param status the 3-digit status of the response topic
     * @param version the new reported {@code $version} for the response topic, or {@code null}
     * @param payload the response payload
     */
    record Response(int status, @Nullable Long version, byte[] payload) {

        Response {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** The threads that run reports waiting for the store, across all connections of a hub. */
    static final int REPORT_THREADS = 256;

    /** The most reports that wait for one of the {@link #REPORT_THREADS}. */
    static final int MAX_QUEUED_REPORTS = 10_000;

    private final IotHub hub;
    private final @Nullable ThreadPoolExecutor reports;
    private final int maxQueued;

    TwinRequests(IotHub hub) {
        this(hub, REPORT_THREADS, MAX_QUEUED_REPORTS);
    }

    /** As above, with {@code threads} report threads and room for {@code queued} reports waiting for them. */
    TwinRequests(IotHub hub, int threads, int queued) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.maxQueued = queued;
        if (hub.options().dataDirectory().isPresent()) {
            AtomicInteger made = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(queued), task -> {
                        Thread thread = new Thread(task, "twinkit-mqtt-report-" + made.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            pool.allowCoreThreadTimeOut(true);
            this.reports = pool;
        } else {
            this.reports = null;
        }
    }

    /** Returns whether reports wait for a store, so a connection hands them to {@link #reportLater}. */
    boolean reportsWait() {
        return reports != null;
    }

    /**
     * Runs {@link #report} on the report threads, then hands its response to {@code answer} on {@code executor} (the
     * connection's). When too many reports wait already, {@code answer} gets a 429 at once, on the calling thread.
     *
     * @throws IllegalStateException if reports do not wait for a store ({@link #reportsWait()} is false)
     */
    void reportLater(TwinKey key, @Nullable String versionText, byte[] payload, Executor executor,
                     Consumer<Response> answer) {
        ThreadPoolExecutor pool = reports;
        if (pool == null) {
            throw new IllegalStateException("reports of an in-memory hub run on the connection's thread");
        }
        try {
            pool.execute(() -> {
                Response response = report(key, versionText, payload);
                try {
                    executor.execute(() -> answer.accept(response));
                } catch (RejectedExecutionException e) {
                    LOG.debug("the answer to a report of {} is dropped: the front end is shutting down", key);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.accept(error(IotHubErrorCode.THROTTLE_BACKLOG_LIMIT_EXCEEDED, pool.isShutdown()
                    ? "the hub is not available: its MQTT server is closing"
                    : "too many reported-properties updates wait for the hub's store (" + maxQueued
                            + "); retry later"));
        }
    }

    /** Lets the reports taken run to their end and refuses further ones. */
    void close() {
        if (reports != null) {
            reports.shutdown();
        }
    }

    /** Answers a GET: 200 with {@code {"desired":{…},"reported":{…}}}, or the error. */
    Response get(TwinKey key) {
        return run(key, () -> new Response(200, null,
                hub.twins().deviceGet(key).toJsonBytes()));
    }

    /**
     * Answers a reported-properties PATCH: 204 with the new reported {@code $version}, or 400 for a malformed
     * {@code $version} or body or a patch the service would reject, 412 for a stale {@code $version}, and so on; a
     * failed report changes nothing.
     */
    Response report(TwinKey key, @Nullable String versionText, byte[] payload) {
        return run(key, () -> {
            Long expected = versionText == null ? null : parseVersion(versionText);
            JsonObject patch = JsonValue.parseObject(payload);
            long version = hub.twins().report(key, patch, expected);
            return new Response(204, version, EMPTY);
        });
    }

    private Response run(TwinKey key, Supplier<Response> request) {
        try {
            return request.get();
        } catch (TwinException e) {
            return error(e.errorCode(), e.getMessage());
        } catch (IllegalStateException e) {
            // the hub was closed under the connection
            return error(IotHubErrorCode.SERVICE_UNAVAILABLE, "the hub is not available: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("a twin request of {} failed", key, e);
            return error(IotHubErrorCode.SERVER_ERROR, "the request failed in the hub: " + e);
        }
    }

    private Response error(IotHubErrorCode code, @Nullable String message) {
        return new Response(code.httpStatus(), null,
                ErrorBody.of(code, message == null ? code.name() : message, hub.options().clock()));
    }

    private static long parseVersion(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "the $version of the topic, '" + text
                    + "', is not an integer [400004 ArgumentInvalid]");
        }
    }
}
