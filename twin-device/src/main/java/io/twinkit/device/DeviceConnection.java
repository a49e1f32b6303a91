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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's (or module's) one connection to IoT Hub, over the official device SDK: everything a device app does
 * with the hub goes through it. An identity gets one connection at a time (the hub closes the older one when another
 * opens with the same identity), hence one {@code DeviceConnection} per device or module identity, shared by the
 * whole app; a module identity's connection (a {@code ModuleId} in the connection string) offers the same.
 *
 * <ul>
 *   <li><b>Twin.</b> Desired-property listeners that never see a stale, duplicate or missed change, plain or typed
 *       ({@link #addDesiredListener(Class, TypedDesiredListener)}); reported properties as patches, minimal diffs of
 *       typed values ({@link #report(Object)}), coalesced bursts and Plug and Play acknowledgements. After
 *       {@link #open()} and after every reconnect the connection follows the service's documented recovery (the
 *       <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-device-twins">device reconnection
 *       flow</a>): it fetches the whole twin and delivers the desired state when it is newer than the last delivered
 *       one.
 *   <li><b>Direct methods.</b> {@link #onMethod(String, Class, TypedMethodHandler)} (records in, records out),
 *       {@link #onMethod(String, MethodHandler)} (raw JSON) and {@link #onUnknownMethod(MethodHandler)}. Handlers run
 *       on the connection's own method threads ({@link DeviceConnectionBuilder#methodConcurrency(int)} at once), never
 *       on the SDK's, within {@link DeviceConnectionBuilder#methodTimeout(Duration)}. The connection answers by itself:
 *       501 for a method without a handler (the C# device SDK's {@code MethodNotImplemented}; the Java SDK leaves it
 *       to the app, its samples answer 404), 400 for a payload that is not JSON or does not map to the handler's
 *       type, 500 for a handler that throws (the exception stays in the device's log), 504 for one that takes too
 *       long (its thread is interrupted and what it returns later is dropped), 503 when every method thread is busy
 *       and {@value DeviceConnectionBuilder#METHOD_QUEUE_CAPACITY} calls wait. Each of these answers has the payload
 *       {@code {"message": "…"}}.
 *   <li><b>Telemetry.</b> {@link #send(TelemetryMessage)} and its shorthands send device-to-cloud messages at
 *       least once (MQTT QoS 1); the future completes when the hub acknowledged the message. While the connection is
 *       down, messages wait in the outbox and go out after the reconnect; at most
 *       {@link DeviceConnectionBuilder#telemetryOutbox(int)} messages may await their acknowledgement, and a send
 *       beyond fails at once with {@link OutboxFullException}. A message whose acknowledgement was lost in a reconnect
 *       is sent again, with the same message id.
 *   <li><b>Status.</b> {@link #connectionStatus()} and {@link #addConnectionStatusListener(ConnectionStatusListener)}:
 *       connected, retrying after a loss, disconnected, each with the reason the SDK gives. Once disconnected for
 *       good (the SDK gave up reconnecting after {@link DeviceConnectionBuilder#reconnectTimeout(Duration)}, or the hub
 *       refused the credentials) the connection stays down: close it and build a new one.
 * </ul>
 *
 * <p>Listeners, handlers and futures never run on the SDK's threads: desired listeners on one dispatch thread,
 * method handlers on the method threads, status listeners on one status thread, telemetry futures complete on one
 * telemetry thread. Thread-safe; close it when done.
 */
public final class DeviceConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
    private static final int RESYNC_ATTEMPTS = 5;
    private static final long RESYNC_PAUSE_MILLIS = 500;

    private final SdkDeviceConnection connection;
    private final Duration timeout;
    private final ReportCoalescer coalescer;
    private final MethodDispatcher methods;
    private final TelemetryOutbox outbox;
    private final DesiredTracker tracker = new DesiredTracker();
    private final TwinJson json = TwinJson.standard();
    private final ExecutorService sync = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "twinkit-twin-resync");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService statusDispatch = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "twinkit-connection-status");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ConnectionStatusListener> statusListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<ConnectionStatus> status = new AtomicReference<>(ConnectionStatus.of(
            ConnectionState.DISCONNECTED, ConnectionStatusReason.NOT_OPENED, null, Instant.now()));
    private final AtomicBoolean opened = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object reportedLock = new Object();
    private PropertySection reported = PropertySection.empty();
    private volatile boolean disconnected;

    DeviceConnection(SdkDeviceConnection connection, Duration timeout, Duration coalescingWindow,
                     int methodConcurrency, Duration methodTimeout, int outboxCapacity) {
        this.connection = connection;
        this.timeout = timeout;
        this.coalescer = new ReportCoalescer(coalescingWindow, this::reported, patch -> sendReport(patch, null));
        this.methods = new MethodDispatcher(methodConcurrency, methodTimeout);
        this.outbox = new TelemetryOutbox(connection, outboxCapacity, () -> status.get().state());
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
     * Connects, subscribes to desired-property notifications and direct methods, fetches the twin and delivers its
     * desired properties. Add listeners and method handlers before, to miss nothing.
     *
     * @throws IllegalStateException if the connection was opened before or is closed
     * @throws DeviceTwinException if the connection, a subscription or the fetch fails or times out
     */
    public void open() {
        if (closed.get()) {
            throw new IllegalStateException("the connection is closed");
        }
        if (!opened.compareAndSet(false, true)) {
            throw new IllegalStateException("the connection is already open");
        }
        SdkDeviceConnection.Events events = new SdkDeviceConnection.Events() {
            @Override
            public void desiredPatch(JsonObject patch, long version) {
                if (tracker.onPatch(patch, version)) {
                    scheduleResync();
                }
            }

            @Override
            public void connectionChanged(SdkDeviceConnection.State state, SdkDeviceConnection.Reason reason,
                                          @Nullable Throwable cause) {
                statusChanged(state(state), reason(reason), cause);
                if (state != SdkDeviceConnection.State.CONNECTED) {
                    disconnected = true;
                } else if (disconnected) {
                    disconnected = false;
                    scheduleResync();
                }
            }

            @Override
            public void methodRequest(String name, String requestId, byte[] payload) {
                methods.dispatch(name, payload, response -> connection.respond(requestId, response.status(),
                        response.payload().toJsonBytes()).whenComplete((sent, error) -> {
                            if (error != null || sent.status() != 200) {
                                LOG.warn("the answer {} to method '{}' was not sent: {}", response.status(), name,
                                        error != null ? error.getMessage() : sent.message());
                            }
                        }));
            }
        };
        CompletableFuture<Void> subscribed = connection.open(events);
        try {
            subscribed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DeviceTwinException(IotHubErrorCode.SERVICE_UNAVAILABLE, 503,
                    "cannot connect and subscribe to desired properties and methods: " + e.getCause().getMessage(),
                    e.getCause());
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
        return sendReport(Objects.requireNonNull(patch, "patch"), null);
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
        return sendReport(Objects.requireNonNull(patch, "patch"), expectedVersion);
    }

    /**
     * Queues a reported-properties patch and sends it together with the others queued within the
     * {@linkplain DeviceConnectionBuilder#reportCoalescing(Duration) coalescing window} as one reported PATCH. The
     * patches are applied in order (later values win), so the reported properties end as if each had been sent
     * alone, with one {@code $version} increment for the whole window.
     *
     * @param patch the change
     * @return the reported {@code $version} after the combined patch; it fails with a {@link DeviceTwinException}
     *     as {@link #report(MergePatch)} would, or with an {@link IllegalStateException} if the connection closes first
     * @throws IllegalStateException if the connection is not open or is closed
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
        return sendReport(patch, null);
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
        return sendReport(WritableProperties.ackPatch(component, property, ack), null);
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
        return sendReport(patch, null);
    }

    // ---------------------------------------------------------------- direct methods

    /**
     * Sets the handler of the direct method {@code name}, which answers with raw JSON; it replaces an earlier
     * handler of that name. Set handlers before {@link #open()} to answer the first calls.
     *
     * @param name the method's name (case-sensitive), not empty
     * @param handler answers each call, on a method thread
     * @throws IllegalArgumentException if the name is empty
     */
    public void onMethod(String name, MethodHandler handler) {
        methods.register(methodName(name), Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Sets the handler of the direct method {@code name} with typed values: the payload is mapped to
     * {@code payloadType} through {@link TwinJson} (a payload that does not map is answered 400 without calling the
     * handler), and the handler's result is answered with status 200 and mapped back to JSON (a
     * {@link MethodResponse} result is answered as it is). It replaces an earlier handler of that name.
     *
     * <pre>{@code
     * connection.onMethod("reboot", RebootRequest.class, request -> new RebootResult(scheduleReboot(request.delay())));
     * }</pre>
     *
     * @param name the method's name (case-sensitive), not empty
     * @param payloadType a record, POJO, map or simple type
     * @param handler answers each call, on a method thread
     * @param <P> the payload's type
     * @param <R> the result's type
     * @throws IllegalArgumentException if the name is empty
     */
    public <P, R> void onMethod(String name, Class<P> payloadType, TypedMethodHandler<P, R> handler) {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(handler, "handler");
        methods.register(methodName(name), MethodDispatcher.typed(payloadType, handler));
    }

    /**
     * Sets the handler of the direct methods that have no handler of their own, replacing the built-in one, which
     * answers 501 with {@code {"message":"method '…' has no handler on this device"}}.
     *
     * @param handler answers each call of a method without a handler, on a method thread
     */
    public void onUnknownMethod(MethodHandler handler) {
        methods.registerUnknown(Objects.requireNonNull(handler, "handler"));
    }

    private static String methodName(String name) {
        if (Objects.requireNonNull(name, "name").isEmpty()) {
            throw new IllegalArgumentException("a method needs a name");
        }
        return name;
    }

    // ---------------------------------------------------------------- telemetry

    /**
     * Sends a telemetry (device-to-cloud) message. While the connection is down the message waits in the outbox
     * and goes out after the reconnect.
     *
     * @param message the message
     * @return completes when the hub acknowledged the message (MQTT PUBACK), on the connection's telemetry thread;
     *     fails at once with {@link OutboxFullException} when {@link DeviceConnectionBuilder#telemetryOutbox(int)}
     *     messages already await their acknowledgement, and later with {@link TelemetryException} when the device SDK
     *     gives up on the message (its reconnects expired, the hub refused it) or the connection closes first
     * @throws IllegalStateException if the connection is not open or is closed
     */
    public CompletableFuture<Void> send(TelemetryMessage message) {
        Objects.requireNonNull(message, "message");
        requireOpen();
        return outbox.send(message);
    }

    /**
     * Sends a value as a JSON telemetry message ({@code application/json}, {@code utf-8}) with application
     * properties: {@code send(TelemetryMessage.json(value).properties(properties).build())}; a {@code byte[]} value is
     * sent as bytes, as {@link #send(byte[], Map)} does.
     *
     * @param value a record, POJO, map, list, simple value or {@link io.twinkit.core.json.JsonValue}
     * @param properties the application properties, e.g. {@code Map.of("alert", "true")}
     * @return as {@link #send(TelemetryMessage)}
     * @throws io.twinkit.core.TwinMappingException if the value does not map to JSON
     * @throws IllegalArgumentException if the value is a {@link TelemetryMessage} (send it as it is), a property name
     *     is reserved or the message is too large
     * @throws IllegalStateException if the connection is not open or is closed
     */
    public CompletableFuture<Void> send(Object value, Map<String, String> properties) {
        Objects.requireNonNull(value, "value");
        if (value instanceof TelemetryMessage) {
            throw new IllegalArgumentException("a TelemetryMessage is sent with send(message); build its properties in");
        }
        TelemetryMessage.Builder builder = value instanceof byte[] bytes ? TelemetryMessage.bytes(bytes)
                : TelemetryMessage.json(value);
        return send(builder.properties(properties).build());
    }

    /**
     * Sends bytes as a telemetry message with application properties, without content type or encoding:
     * {@code send(TelemetryMessage.bytes(body).properties(properties).build())}.
     *
     * @param body the body, not empty
     * @param properties the application properties
     * @return as {@link #send(TelemetryMessage)}
     * @throws IllegalArgumentException if the body is empty, a property name is reserved or the message is too large
     * @throws IllegalStateException if the connection is not open or is closed
     */
    public CompletableFuture<Void> send(byte[] body, Map<String, String> properties) {
        return send(TelemetryMessage.bytes(body).properties(properties).build());
    }

    /** Returns how many telemetry messages were sent and await their acknowledgement (the outbox's fill). */
    public int pendingTelemetry() {
        return outbox.pending();
    }

    // ---------------------------------------------------------------- connection status

    /** Returns the connection's current status; {@link ConnectionStatusReason#NOT_OPENED} before {@link #open()}. */
    public ConnectionStatus connectionStatus() {
        return status.get();
    }

    /**
     * Adds a listener for the connection's status changes (connected, retrying after a loss, disconnected); add it
     * before {@link #open()} to see the first connect.
     *
     * @param listener called on the connection's status thread, in order
     */
    public void addConnectionStatusListener(ConnectionStatusListener listener) {
        statusListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private synchronized void statusChanged(ConnectionState state, ConnectionStatusReason reason,
                                            @Nullable Throwable cause) {
        ConnectionStatus next = ConnectionStatus.of(state, reason, cause, Instant.now());
        ConnectionStatus previous = status.getAndSet(next);
        if (previous.state() == state && previous.reason() == reason) {
            return;
        }
        LOG.debug("connection {} -> {}", previous, next);
        try {
            statusDispatch.execute(() -> {
                for (ConnectionStatusListener listener : statusListeners) {
                    try {
                        listener.onStatusChanged(next, previous);
                    } catch (RuntimeException e) {
                        LOG.warn("connection status listener failed on {}", next, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("connection closed, status {} not delivered", next, e);
        }
    }

    private static ConnectionState state(SdkDeviceConnection.State state) {
        return switch (state) {
            case CONNECTED -> ConnectionState.CONNECTED;
            case DISCONNECTED_RETRYING -> ConnectionState.RETRYING;
            case DISCONNECTED -> ConnectionState.DISCONNECTED;
        };
    }

    private static ConnectionStatusReason reason(SdkDeviceConnection.Reason reason) {
        return switch (reason) {
            case CONNECTION_OK -> ConnectionStatusReason.CONNECTION_OK;
            case EXPIRED_SAS_TOKEN -> ConnectionStatusReason.EXPIRED_SAS_TOKEN;
            case BAD_CREDENTIAL -> ConnectionStatusReason.BAD_CREDENTIAL;
            case RETRY_EXPIRED -> ConnectionStatusReason.RETRY_EXPIRED;
            case NO_NETWORK -> ConnectionStatusReason.NO_NETWORK;
            case COMMUNICATION_ERROR -> ConnectionStatusReason.COMMUNICATION_ERROR;
            case CLIENT_CLOSE -> ConnectionStatusReason.CLIENT_CLOSED;
        };
    }

    // ---------------------------------------------------------------- plumbing

    private long sendReport(MergePatch patch, @Nullable Long expectedVersion) {
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
            LOG.debug("connection closed, no resync", e);
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
            throw new IllegalStateException("the connection is closed");
        }
        if (!opened.get()) {
            throw new IllegalStateException("the connection is not open: call open() first");
        }
    }

    /**
     * Disconnects: coalesced reports not sent yet fail, method handlers still running are interrupted (their calls
     * get no answer), telemetry not acknowledged yet fails with {@link TelemetryException}; desired and status
     * listeners get what was already decided, the status {@link ConnectionStatusReason#CLIENT_CLOSED} last. Twice
     * does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            coalescer.close();
            sync.shutdownNow();
            methods.close();
            connection.close();
        } finally {
            outbox.close();
            statusChanged(ConnectionState.DISCONNECTED, ConnectionStatusReason.CLIENT_CLOSED, null);
            statusDispatch.shutdown();
            tracker.close();
            try {
                statusDispatch.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
