package io.twinkit.device;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinMappingException;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.pnp.WritableProperties;
import io.twinkit.core.pnp.WritablePropertyAck;
import io.twinkit.device.internal.SdkDeviceConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's (or module's) view of its twin over the official device SDK: desired-property listeners that never see
 * a stale, duplicate or missed change, and reported-property patches. After {@link #open()} and after every
 * reconnect the client follows the service's documented recovery (the
 * <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-device-twins">
 * device reconnection flow</a>): it fetches the whole twin and delivers the desired state when it is newer than the
 * last delivered one. Thread-safe; close it when done.
 */
public final class DeviceConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
    private static final int RESYNC_ATTEMPTS = 5;
    private static final long RESYNC_PAUSE_MILLIS = 500;

    private final SdkDeviceConnection connection;
    private final Duration timeout;
    private final ReportCoalescer coalescer;
    private final DesiredTracker tracker = new DesiredTracker();
    private final TwinJson json = TwinJson.standard();
    private final ExecutorService sync = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "twinkit-twin-resync");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean opened = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object reportedLock = new Object();
    private PropertySection reported = PropertySection.empty();
    private volatile boolean disconnected;

    DeviceConnection(SdkDeviceConnection connection, Duration timeout, Duration coalescingWindow) {
        this.connection = connection;
        this.timeout = timeout;
        this.coalescer = new ReportCoalescer(coalescingWindow, this::reported, patch -> send(patch, null));
    }

    /** Returns a builder; a connection string is required. */
    public static DeviceConnectionBuilder builder() {
        return new DeviceConnectionBuilder();
    }

    /**
     * Adds a listener for desired-property changes; add listeners before {@link #open()} to see the initial state.
     *
     * @param listener called on the dispatch thread with each strictly newer desired state
     */
    public void addDesiredListener(DesiredListener listener) {
        tracker.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a listener that receives the full desired properties mapped to {@code type} through {@link TwinJson}
     * after each change. A change that does not map to the type is logged and skipped for this listener; other
     * listeners still see it.
     *
     * @param type a record, POJO or map type
     * @param listener called on the dispatch thread with each strictly newer desired state
     * @param <T> the mapped type
     */
    public <T> void addDesiredListener(Class<T> type, TypedDesiredListener<T> listener) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(listener, "listener");
        tracker.addListener(update -> {
            T value;
            try {
                value = json.toValue(update.properties(), type);
            } catch (TwinMappingException e) {
                LOG.warn("desired $version {} does not map to {} at '{}'; this listener skips it", update.version(),
                        type.getName(), e.path(), e);
                return;
            }
            listener.onDesired(value, update);
        });
    }

    /**
     * Connects, subscribes to desired-property notifications, fetches the twin and delivers its desired properties.
     *
     * @throws IllegalStateException if the client was opened before or is closed
     * @throws DeviceTwinException if the connection, the subscription or the fetch fails or times out
     */
    public void open() {
        if (closed.get()) {
            throw new IllegalStateException("the client is closed");
        }
        if (!opened.compareAndSet(false, true)) {
            throw new IllegalStateException("the client is already open");
        }
        SdkDeviceConnection.Events events = new SdkDeviceConnection.Events() {
            @Override
            public void desiredPatch(JsonObject patch, long version) {
                if (tracker.onPatch(patch, version)) {
                    scheduleResync();
                }
            }

            @Override
            public void connectionChanged(boolean connected) {
                if (!connected) {
                    disconnected = true;
                } else if (disconnected) {
                    disconnected = false;
                    scheduleResync();
                }
            }
        };
        CompletableFuture<Void> subscribed = connection.open(events);
        try {
            subscribed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DeviceTwinException(IotHubErrorCode.SERVICE_UNAVAILABLE, 503,
                    "cannot connect and subscribe to desired properties: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new DeviceTwinException(IotHubErrorCode.SERVICE_UNAVAILABLE, 503,
                    "no subscription acknowledgement within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceTwinException(IotHubErrorCode.SERVICE_UNAVAILABLE, 503, "interrupted while opening", e);
        }
        resync();
    }

    /** Returns the latest desired properties delivered to listeners, with {@code $version}; empty before open. */
    public PropertySection desired() {
        return tracker.snapshot();
    }

    /** Returns the latest known reported properties, with {@code $version}; empty before open. */
    public PropertySection reported() {
        synchronized (reportedLock) {
            return reported;
        }
    }

    /**
     * Sends a reported-properties patch (a {@code null} value deletes).
     *
     * @param patch the change
     * @return the new reported {@code $version}
     * @throws DeviceTwinException if the service rejects the patch or does not answer in time
     */
    public long report(MergePatch patch) {
        return send(Objects.requireNonNull(patch, "patch"), null);
    }

    /**
     * Sends a reported-properties patch that applies only if the reported {@code $version} is still
     * {@code expectedVersion}.
     *
     * @param patch the change
     * @param expectedVersion the reported {@code $version} the patch is based on
     * @return the new reported {@code $version}
     * @throws DeviceTwinException with status 412 ({@link IotHubErrorCode#PRECONDITION_FAILED}) if the version is
     *     stale, or as {@link #report(MergePatch)}
     */
    public long report(MergePatch patch, long expectedVersion) {
        return send(Objects.requireNonNull(patch, "patch"), expectedVersion);
    }

    /**
     * Queues a reported-properties patch and sends it together with the others queued within the
     * {@linkplain DeviceConnectionBuilder#reportCoalescing(Duration) coalescing window} as one reported PATCH. The
     * patches are applied in order (later values win), so the reported properties end as if each had been sent
     * alone, with one {@code $version} increment for the whole window.
     *
     * @param patch the change
     * @return the reported {@code $version} after the combined patch; it fails with a {@link DeviceTwinException}
     *     as {@link #report(MergePatch)} would, or with an {@link IllegalStateException} if the client closes first
     * @throws IllegalStateException if the client is not open or is closed
     */
    public CompletableFuture<Long> reportCoalesced(MergePatch patch) {
        Objects.requireNonNull(patch, "patch");
        requireOpen();
        return coalescer.submit(patch);
    }

    /**
     * Makes the reported properties equal to a typed value: sends the minimal patch from the latest known reported
     * properties to the value as {@link TwinJson} maps it (top-level keys the value lacks are deleted), and sends
     * nothing if there is no difference.
     *
     * @param value a record, POJO or map
     * @return the new reported {@code $version}, or the current one when nothing was sent
     * @throws io.twinkit.core.TwinMappingException if the value does not map to a JSON object
     * @throws DeviceTwinException as {@link #report(MergePatch)}
     */
    public long report(Object value) {
        PropertySet target = json.toPropertySet(Objects.requireNonNull(value, "value"));
        PropertySection current = reported();
        MergePatch patch = MergePatch.compute(current.properties(), target);
        if (patch.isEmpty()) {
            return current.version().orElse(0);
        }
        return send(patch, null);
    }

    /**
     * Acknowledges a Plug and Play writable property: reports {@code {"property":{ack}}}, or
     * {@code {"component":{"__t":"c","property":{ack}}}} for a named component.
     *
     * @param component the component, or {@code null} for the default component
     * @param property the writable property
     * @param ack the acknowledgement, typically {@link WritablePropertyAck#accepted} with the desired value and
     *     {@link DesiredUpdate#version()}
     * @return the new reported {@code $version}
     * @throws IllegalArgumentException if {@code component} or {@code property} is not a valid name
     * @throws DeviceTwinException as {@link #report(MergePatch)}
     */
    public long acknowledge(@Nullable String component, String property, WritablePropertyAck ack) {
        return send(WritableProperties.ackPatch(component, property, ack), null);
    }

    /**
     * Acknowledges several writable properties of one component in one reported patch.
     *
     * @param component the component, or {@code null} for the default component
     * @param acks the acknowledgements by property name, written in the map's iteration order
     * @return the new reported {@code $version}, or the current one when {@code acks} is empty and nothing was sent
     * @throws IllegalArgumentException if {@code component} or a property name is not a valid name
     * @throws DeviceTwinException as {@link #report(MergePatch)}
     */
    public long acknowledge(@Nullable String component, Map<String, WritablePropertyAck> acks) {
        MergePatch patch = WritableProperties.ackPatch(component, acks);
        if (patch.isEmpty()) {
            requireOpen();
            return reported().version().orElse(0);
        }
        return send(patch, null);
    }

    private long send(MergePatch patch, @Nullable Long expectedVersion) {
        requireOpen();
        SdkDeviceConnection.Response response = await(connection.report(patch.toJson(), expectedVersion),
                "reported patch");
        if (response.status() < 200 || response.status() > 299) {
            throw failure(response, "reported patch rejected");
        }
        Long version = response.version();
        if (version == null) {
            throw new DeviceTwinException(IotHubErrorCode.SERVER_ERROR, 500,
                    "reported patch accepted without a $version in the response");
        }
        synchronized (reportedLock) {
            if (version > reported.version().orElse(0)) {
                reported = PropertySection.of(patch.applyTo(reported.properties()), version);
            }
        }
        return version;
    }

    private void scheduleResync() {
        if (closed.get()) {
            return;
        }
        try {
            sync.execute(() -> {
                for (int attempt = 1; attempt <= RESYNC_ATTEMPTS && !closed.get(); attempt++) {
                    try {
                        resync();
                        return;
                    } catch (DeviceTwinException e) {
                        LOG.debug("twin resync attempt {} failed", attempt, e);
                        try {
                            Thread.sleep(RESYNC_PAUSE_MILLIS);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
                if (!closed.get()) {
                    LOG.warn("twin resync failed {} times; the next reconnect tries again", RESYNC_ATTEMPTS);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("client closed, no resync", e);
        }
    }

    private void resync() {
        SdkDeviceConnection.Response response = await(connection.getTwin(), "twin GET");
        JsonObject body = response.body();
        if (response.status() != 200 || body == null) {
            throw failure(response, "twin GET failed");
        }
        PropertySection fetchedReported = section(body, "reported");
        synchronized (reportedLock) {
            if (fetchedReported.version().orElse(0) >= reported.version().orElse(0)) {
                reported = fetchedReported.withoutMetadata();
            }
        }
        if (tracker.onFetched(section(body, "desired").withoutMetadata())) {
            scheduleResync();
        }
    }

    private static PropertySection section(JsonObject body, String name) {
        JsonValue value = body.valueOrNull(name);
        return value instanceof JsonObject object ? PropertySection.fromJson(object) : PropertySection.empty();
    }

    private SdkDeviceConnection.Response await(CompletableFuture<SdkDeviceConnection.Response> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DeviceTwinException(IotHubErrorCode.SERVICE_UNAVAILABLE, 503,
                    "no response to the " + what + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new DeviceTwinException(IotHubErrorCode.SERVICE_UNAVAILABLE, 503,
                    "the " + what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceTwinException(IotHubErrorCode.SERVICE_UNAVAILABLE, 503,
                    "interrupted while waiting for the " + what, e);
        }
    }

    private static DeviceTwinException failure(SdkDeviceConnection.Response response, String what) {
        return DeviceTwinException.fromStatus(response.status(),
                what + (response.message() == null ? "" : ": " + response.message()));
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the client is closed");
        }
        if (!opened.get()) {
            throw new IllegalStateException("the client is not open: call open() first");
        }
    }

    /** Disconnects and stops the dispatch thread after it delivered what was already decided; twice does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            coalescer.close();
            sync.shutdownNow();
            connection.close();
        } finally {
            tracker.close();
        }
    }
}
