package io.twinkit.service;

import io.twinkit.core.PreconditionFailedException;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ETag;
import io.twinkit.core.ModuleId;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.pnp.WritableProperties;
import io.twinkit.core.pnp.WritablePropertyState;
import io.twinkit.core.pnp.WritablePropertyStatus;
import io.twinkit.service.internal.ServiceSdk;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The back-end (service-side) twin client: reads, patches and replaces device twins, retries read-modify-writes on
 * etag conflicts, waits for devices to converge and, through {@link #queries()}, pages through queries lazily. It
 * runs over the official service SDK (iot-service-client) but no SDK type appears here. Errors are unchecked
 * {@link ServiceException}s carrying the IoT Hub error code and HTTP status; a conflict is a
 * {@link PreconditionFailedException}, an unknown twin a {@link TwinNotFoundException}.
 *
 * <p>Immutable and thread-safe; share one instance. Built with {@link #builder()}.
 */
public final class TwinServiceClient implements AutoCloseable {

    private final ServiceSdk sdk;
    private final String hostName;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TwinQueryClient queries;

    TwinServiceClient(ServiceSdk sdk, String hostName) {
        this.sdk = sdk;
        this.hostName = hostName;
        this.queries = new TwinQueryClient(sdk, this);
    }

    /** Returns a new builder. */
    public static TwinServiceClientBuilder builder() {
        return new TwinServiceClientBuilder();
    }

    /** Returns the hub host this client talks to, with {@code :port} when one was given. */
    public String hostName() {
        return hostName;
    }

    /**
     * Returns the client's queries: twins and rows as lazily paging streams, and single pages with a continuation.
     * It shares this client's connection and is closed with it.
     */
    public TwinQueryClient queries() {
        return queries;
    }

    /**
     * Reads a device twin.
     *
     * @param deviceId the device
     * @return the twin as the hub has it
     * @throws TwinNotFoundException if the device does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument getTwin(DeviceId deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        checkOpen();
        return sdk.get(deviceId.value(), null);
    }

    /**
     * Reads a module twin.
     *
     * @param deviceId the device
     * @param moduleId the module
     * @return the twin as the hub has it
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument getTwin(DeviceId deviceId, ModuleId moduleId) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(moduleId, "moduleId");
        checkOpen();
        return sdk.get(deviceId.value(), moduleId.value());
    }

    /**
     * Applies a patch to a device twin's tags and desired properties, unconditionally. An empty patch sends nothing
     * and returns the current twin.
     *
     * @param deviceId the device
     * @param patch the change
     * @return the twin after the change
     * @throws TwinNotFoundException if the device does not exist
     * @throws ServiceException for any other error answer (400 for a patch that breaks a hub limit)
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument update(DeviceId deviceId, TwinPatch patch) {
        return update(deviceId, patch, null);
    }

    /**
     * Applies a patch only if the twin still has the etag {@code ifMatch}. An empty patch sends nothing and returns
     * the current twin without checking the etag.
     *
     * @param deviceId the device
     * @param patch the change
     * @param ifMatch the etag the twin must still have, or null for an unconditional update
     * @return the twin after the change
     * @throws PreconditionFailedException if the twin's etag is no longer {@code ifMatch}
     * @throws TwinNotFoundException if the device does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument update(DeviceId deviceId, TwinPatch patch, @Nullable ETag ifMatch) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(patch, "patch");
        checkOpen();
        if (patch.isEmpty()) {
            return getTwin(deviceId);
        }
        return sdk.write(deviceId.value(), null, patch.tags().toJson(), patch.desired().toJson(),
                ifMatch == null ? null : ifMatch.quoted(), false);
    }

    /**
     * Applies a patch to a module twin's tags and desired properties, unconditionally. An empty patch sends nothing
     * and returns the current module twin.
     *
     * @param deviceId the device
     * @param moduleId the module
     * @param patch the change
     * @return the module twin after the change
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer (400 for a patch that breaks a hub limit)
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument update(DeviceId deviceId, ModuleId moduleId, TwinPatch patch) {
        return update(deviceId, moduleId, patch, null);
    }

    /**
     * Applies a patch to a module twin only if it still has the etag {@code ifMatch}. An empty patch sends nothing
     * and returns the current module twin without checking the etag.
     *
     * @param deviceId the device
     * @param moduleId the module
     * @param patch the change
     * @param ifMatch the etag the module twin must still have, or null for an unconditional update
     * @return the module twin after the change
     * @throws PreconditionFailedException if the module twin's etag is no longer {@code ifMatch}
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument update(DeviceId deviceId, ModuleId moduleId, TwinPatch patch, @Nullable ETag ifMatch) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(patch, "patch");
        checkOpen();
        if (patch.isEmpty()) {
            return getTwin(deviceId, moduleId);
        }
        return sdk.write(deviceId.value(), moduleId.value(), patch.tags().toJson(), patch.desired().toJson(),
                ifMatch == null ? null : ifMatch.quoted(), false);
    }

    /**
     * Reads the twin, asks {@code change} for a patch and applies it on condition of the etag read, starting over
     * after a 412 until {@code retry} runs out of attempts. {@code change} may run several times, so it should be a
     * pure function of the twin. When it returns an empty patch nothing is sent and the twin read is returned.
     *
     * @param deviceId the device
     * @param change computes the patch from the current twin
     * @param retry the attempt limit and back-off
     * @return the twin after the change
     * @throws PreconditionFailedException if every attempt met a conflict
     * @throws TwinNotFoundException if the device does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed or the twin read has no etag
     */
    public TwinDocument update(DeviceId deviceId, Function<TwinDocument, TwinPatch> change, RetryOptions retry) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(retry, "retry");
        for (int attempt = 1;; attempt++) {
            TwinDocument current = getTwin(deviceId);
            TwinPatch patch = Objects.requireNonNull(change.apply(current), "patch returned by change");
            if (patch.isEmpty()) {
                return current;
            }
            ETag etag = current.etag().orElseThrow(() -> new IllegalStateException("the twin of '"
                    + deviceId.value() + "' came back without an etag; a conditional update needs one"));
            try {
                return update(deviceId, patch, etag);
            } catch (PreconditionFailedException conflict) {
                if (attempt >= retry.maxAttempts()) {
                    throw conflict;
                }
                Waits.sleep(retry.delayAfter(attempt));
            }
        }
    }

    /**
     * Replaces a device twin's tags and desired properties whole (keys not in the new sets are removed).
     *
     * @param deviceId the device
     * @param tags the new tags
     * @param desired the new desired properties
     * @param ifMatch the etag the twin must still have, or null for an unconditional replace
     * @return the twin after the replace
     * @throws PreconditionFailedException if the twin's etag is no longer {@code ifMatch}
     * @throws TwinNotFoundException if the device does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalArgumentException if both sets are empty (the SDK cannot send such a replace)
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument replace(DeviceId deviceId, PropertySet tags, PropertySet desired, @Nullable ETag ifMatch) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(desired, "desired");
        checkOpen();
        if (tags.isEmpty() && desired.isEmpty()) {
            throw new IllegalArgumentException("replace of '" + deviceId.value() + "' with empty tags and empty "
                    + "desired properties: the service SDK refuses to send a twin with neither");
        }
        return sdk.write(deviceId.value(), null, tags.toJson(), desired.toJson(),
                ifMatch == null ? null : ifMatch.quoted(), true);
    }

    /**
     * Replaces a device twin's tags and desired properties whole, unconditionally.
     *
     * @param deviceId the device
     * @param tags the new tags
     * @param desired the new desired properties
     * @return the twin after the replace
     * @throws TwinNotFoundException if the device does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalArgumentException if both sets are empty
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument replace(DeviceId deviceId, PropertySet tags, PropertySet desired) {
        return replace(deviceId, tags, desired, null);
    }

    /**
     * Replaces a module twin's tags and desired properties whole (keys not in the new sets are removed).
     *
     * @param deviceId the device
     * @param moduleId the module
     * @param tags the new tags
     * @param desired the new desired properties
     * @param ifMatch the etag the module twin must still have, or null for an unconditional replace
     * @return the module twin after the replace
     * @throws PreconditionFailedException if the module twin's etag is no longer {@code ifMatch}
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalArgumentException if both sets are empty (the SDK cannot send such a replace)
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument replace(DeviceId deviceId, ModuleId moduleId, PropertySet tags, PropertySet desired,
            @Nullable ETag ifMatch) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(desired, "desired");
        checkOpen();
        if (tags.isEmpty() && desired.isEmpty()) {
            throw new IllegalArgumentException("replace of '" + deviceId.value() + "/" + moduleId.value()
                    + "' with empty tags and empty desired properties: the service SDK refuses to send a twin with "
                    + "neither");
        }
        return sdk.write(deviceId.value(), moduleId.value(), tags.toJson(), desired.toJson(),
                ifMatch == null ? null : ifMatch.quoted(), true);
    }

    /**
     * Replaces a module twin's tags and desired properties whole, unconditionally.
     *
     * @param deviceId the device
     * @param moduleId the module
     * @param tags the new tags
     * @param desired the new desired properties
     * @return the module twin after the replace
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalArgumentException if both sets are empty
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument replace(DeviceId deviceId, ModuleId moduleId, PropertySet tags, PropertySet desired) {
        return replace(deviceId, moduleId, tags, desired, null);
    }

    /**
     * Polls the device twin until its reported properties satisfy {@code condition}, reading it every 200 ms at most.
     *
     * @param deviceId the device
     * @param condition what the reported properties must satisfy
     * @param timeout how long to wait in all
     * @return the first twin read whose reported properties satisfy the condition
     * @throws TwinTimeoutException if the condition still fails when the timeout has passed
     * @throws TwinNotFoundException if the device does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed or the waiting thread is interrupted
     */
    public TwinDocument awaitReported(DeviceId deviceId, Predicate<PropertySet> condition, Duration timeout) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        return Waits.until(() -> getTwin(deviceId), timeout, twin -> condition.test(twin.reported().properties()),
                twin -> "the reported properties of '" + deviceId.value() + "' did not reach the expected state "
                        + "within " + timeout + "; last seen: " + twin.reported().properties().toJson());
    }

    /**
     * Reads the device twin and returns where an IoT Plug and Play writable property stands: whether the device has
     * acknowledged the desired value's version, and how (see {@link WritableProperties#status}).
     *
     * @param deviceId the device
     * @param component the component, or null for the default component
     * @param property the writable property
     * @return the property's status
     * @throws IllegalArgumentException if {@code component} or {@code property} is not a valid PnP name
     * @throws TwinNotFoundException if the device does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed
     */
    public WritablePropertyStatus writableProperty(DeviceId deviceId, @Nullable String component, String property) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(property, "property");
        TwinDocument twin = getTwin(deviceId);
        return WritableProperties.status(twin.desired(), twin.reported(), component, property);
    }

    /**
     * Polls the device twin until a writable property's status satisfies {@code condition}, reading it every 200 ms
     * at most.
     *
     * @param deviceId the device
     * @param component the component, or null for the default component
     * @param property the writable property
     * @param condition what the status must satisfy
     * @param timeout how long to wait in all
     * @return the first status that satisfies the condition
     * @throws TwinTimeoutException if the condition still fails when the timeout has passed; names the last status
     * @throws IllegalArgumentException if {@code component} or {@code property} is not a valid PnP name
     * @throws TwinNotFoundException if the device does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed or the waiting thread is interrupted
     */
    public WritablePropertyStatus awaitWritableProperty(DeviceId deviceId, @Nullable String component,
            String property, Predicate<WritablePropertyStatus> condition, Duration timeout) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        String name = component == null ? property : component + "." + property;
        TwinDocument last = Waits.until(() -> getTwin(deviceId), timeout,
                twin -> condition.test(statusOf(twin, component, property)),
                twin -> "the writable property '" + name + "' of '" + deviceId.value() + "' did not reach the "
                        + "expected state within " + timeout + "; last seen: " + statusOf(twin, component, property));
        return statusOf(last, component, property);
    }

    /**
     * Polls the device twin until a writable property is in the {@code target} state, reading it every 200 ms at
     * most.
     *
     * @param deviceId the device
     * @param component the component, or null for the default component
     * @param property the writable property
     * @param target the state to wait for
     * @param timeout how long to wait in all
     * @return the first status in the target state
     * @throws TwinTimeoutException if the property is still in another state when the timeout has passed
     * @throws IllegalArgumentException if {@code component} or {@code property} is not a valid PnP name
     * @throws TwinNotFoundException if the device does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed or the waiting thread is interrupted
     */
    public WritablePropertyStatus awaitWritableProperty(DeviceId deviceId, @Nullable String component,
            String property, WritablePropertyState target, Duration timeout) {
        Objects.requireNonNull(target, "target");
        return awaitWritableProperty(deviceId, component, property, status -> status.state() == target, timeout);
    }

    private static WritablePropertyStatus statusOf(TwinDocument twin, @Nullable String component, String property) {
        return WritableProperties.status(twin.desired(), twin.reported(), component, property);
    }

    /** Closes the client; later calls throw {@link IllegalStateException}. Closing twice is harmless. */
    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "TwinServiceClient[" + hostName + (closed.get() ? ", closed]" : "]");
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the TwinServiceClient for " + hostName + " is closed");
        }
    }
}
