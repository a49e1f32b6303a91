package io.twinkit.service;

import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ETag;
import io.twinkit.core.ModuleId;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
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
 * etag conflicts, waits for devices to converge and, through {@link #queries()}, pages through queries lazily; the
 * fleet at once is reached through {@link #jobs()} (scheduled twin updates) and {@link #configurations()} (automatic
 * device configurations), and a device's direct methods through {@link #methods()}. It
 * runs over the official service SDK (iot-service-client) but no SDK type appears here. Errors are unchecked
 * {@link ServiceException}s carrying the IoT Hub error code and HTTP status; a conflict is a
 * {@link PreconditionFailedException}, an unknown twin a {@link TwinNotFoundException}.
 *
 * <p>A twin is named by a {@link TwinKey}: {@link TwinKey#device(DeviceId)} or
 * {@link TwinKey#module(DeviceId, ModuleId)}. Each operation is one method whose last parameter is an options object,
 * as the <a href="https://azure.github.io/azure-sdk/java_introduction.html">Azure SDK guidelines</a> prescribe:
 *
 * <ul>
 *   <li>{@link #getTwin(TwinKey)}: a read takes no options.
 *   <li>{@link #update(TwinKey, TwinPatch, UpdateOptions)} applies a merge patch, conditionally when the
 *       {@link UpdateOptions} name an etag; {@link #update(TwinKey, Function, UpdateOptions)} is the read-modify-write
 *       form, conditioned on the etag it reads and retried on conflict per {@link UpdateOptions#retry()}.
 *   <li>{@link #replace(TwinKey, PropertySet, PropertySet, UpdateOptions)} replaces tags and desired properties whole.
 * </ul>
 *
 * <p>One convenience without options is kept: {@link #update(TwinKey, TwinPatch)}, the unconditional merge patch.
 * It is the most frequent call by far, and an unconditional patch cannot conflict, so the options would only ever be
 * {@link UpdateOptions#defaults()}. The read-modify-write form has none, because it is the one whose behaviour the
 * options shape (attempts and back-off); {@code replace} has none, because it removes every key it does not send, and
 * spelling the options makes the choice between "replace whatever is there" and "replace what I read" visible at the
 * call.
 *
 * <p>Immutable and thread-safe; share one instance. Built with {@link #builder()}.
 */
public final class TwinServiceClient implements AutoCloseable {

    private final ServiceSdk sdk;
    private final String hostName;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TwinQueryClient queries;
    private final TwinJobClient jobs;
    private final DeviceConfigurationClient configurations;
    private final DirectMethodClient methods;

    TwinServiceClient(ServiceSdk sdk, String hostName, RetryOptions transientRetry) {
        this.sdk = sdk;
        this.hostName = hostName;
        this.queries = new TwinQueryClient(sdk, this);
        this.jobs = new TwinJobClient(sdk.jobs(), this, transientRetry);
        this.configurations = new DeviceConfigurationClient(sdk.configurations(), this, transientRetry);
        this.methods = new DirectMethodClient(sdk.methods(), this);
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
     * Returns the client's jobs: twin updates scheduled over every twin a condition selects, followed to their end,
     * cancelled, listed by type and status, and each device's part of a job. It shares this client's connection and
     * is closed with it.
     */
    public TwinJobClient jobs() {
        return jobs;
    }

    /**
     * Returns the client's automatic device configurations: created, read, updated on condition of their etag,
     * listed and deleted, and awaited until applied. It shares this client's connection and is closed with it.
     */
    public DeviceConfigurationClient configurations() {
        return configurations;
    }

    /**
     * Returns the client's direct methods: a method invoked on a device or module, with typed or raw payloads, and
     * the device's answer. It shares this client's connection and is closed with it.
     */
    public DirectMethodClient methods() {
        return methods;
    }

    /**
     * Reads a device or module twin.
     *
     * @param key the device ({@link TwinKey#device(DeviceId)}) or module ({@link TwinKey#module(DeviceId, ModuleId)})
     * @return the twin as the hub has it
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument getTwin(TwinKey key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        return sdk.get(key);
    }

    /**
     * Applies a patch to a twin's tags and desired properties, unconditionally: the same as
     * {@code update(key, patch, UpdateOptions.defaults())}. An empty patch sends nothing and returns the current twin.
     *
     * @param key the device or module
     * @param patch the change
     * @return the twin after the change
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer (400 for a patch that breaks a hub limit)
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument update(TwinKey key, TwinPatch patch) {
        return update(key, patch, UpdateOptions.defaults());
    }

    /**
     * Applies a patch to a twin's tags and desired properties, only if the twin still has the etag of
     * {@link UpdateOptions#ifMatch(ETag)} when the options name one. One attempt: the options' retry is not used. An
     * empty patch sends nothing and returns the current twin without checking the etag.
     *
     * @param key the device or module
     * @param patch the change
     * @param options the etag to match, if any
     * @return the twin after the change
     * @throws PreconditionFailedException if the twin's etag is no longer the one in {@code options}
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer (400 for a patch that breaks a hub limit)
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument update(TwinKey key, TwinPatch patch, UpdateOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(options, "options");
        checkOpen();
        if (patch.isEmpty()) {
            return getTwin(key);
        }
        return sdk.write(key, patch.tags().toJson(), patch.desired().toJson(), options.ifMatchHeader(), false);
    }

    /**
     * Reads the twin, asks {@code change} for a patch and applies it on condition of the etag read, starting over
     * after a 412 until the options' {@link UpdateOptions#retry() retry} runs out of attempts. {@code change} may run
     * several times, so it should be a pure function of the twin. When it returns an empty patch nothing is sent and
     * the twin read is returned.
     *
     * @param key the device or module
     * @param change computes the patch from the current twin
     * @param options the attempt limit and back-off; must not name an etag (each attempt uses the one it read)
     * @return the twin after the change
     * @throws PreconditionFailedException if every attempt met a conflict
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalArgumentException if {@code options} names an etag
     * @throws IllegalStateException if the client is closed or the twin read has no etag
     */
    public TwinDocument update(TwinKey key, Function<TwinDocument, TwinPatch> change, UpdateOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(options, "options");
        if (options.ifMatch().isPresent()) {
            throw new IllegalArgumentException("a read-modify-write of '" + key + "' conditions each attempt on the "
                    + "etag it reads; options with ifMatch(" + options.ifMatch().get().value() + ") would be ignored");
        }
        RetryOptions retry = options.retry();
        for (int attempt = 1;; attempt++) {
            TwinDocument current = getTwin(key);
            TwinPatch patch = Objects.requireNonNull(change.apply(current), "patch returned by change");
            if (patch.isEmpty()) {
                return current;
            }
            ETag etag = current.etag().orElseThrow(() -> new IllegalStateException("the twin of '"
                    + key + "' came back without an etag; a conditional update needs one"));
            try {
                return update(key, patch, options.ifMatch(etag));
            } catch (PreconditionFailedException conflict) {
                if (attempt >= retry.maxAttempts()) {
                    throw conflict;
                }
                Waits.sleep(retry.delayAfter(attempt));
            }
        }
    }

    /**
     * Replaces a twin's tags and desired properties whole (keys not in the new sets are removed), only if the twin
     * still has the etag of {@link UpdateOptions#ifMatch(ETag)} when the options name one. One attempt: the options'
     * retry is not used.
     *
     * @param key the device or module
     * @param tags the new tags
     * @param desired the new desired properties
     * @param options the etag to match, if any ({@link UpdateOptions#defaults()} for an unconditional replace)
     * @return the twin after the replace
     * @throws PreconditionFailedException if the twin's etag is no longer the one in {@code options}
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalArgumentException if both sets are empty (the SDK cannot send such a replace)
     * @throws IllegalStateException if the client is closed
     */
    public TwinDocument replace(TwinKey key, PropertySet tags, PropertySet desired, UpdateOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(options, "options");
        checkOpen();
        if (tags.isEmpty() && desired.isEmpty()) {
            throw new IllegalArgumentException("replace of '" + key + "' with empty tags and empty desired "
                    + "properties: the service SDK refuses to send a twin with neither");
        }
        return sdk.write(key, tags.toJson(), desired.toJson(), options.ifMatchHeader(), true);
    }

    /**
     * Polls the twin until its reported properties satisfy {@code condition}, reading it every 200 ms at most.
     *
     * @param key the device or module
     * @param condition what the reported properties must satisfy
     * @param timeout how long to wait in all
     * @return the first twin read whose reported properties satisfy the condition
     * @throws TwinTimeoutException if the condition still fails when the timeout has passed
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed or the waiting thread is interrupted
     */
    public TwinDocument awaitReported(TwinKey key, Predicate<PropertySet> condition, Duration timeout) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        return Waits.until(() -> getTwin(key), timeout, twin -> condition.test(twin.reported().properties()),
                twin -> "the reported properties of '" + key + "' did not reach the expected state "
                        + "within " + timeout + "; last seen: " + twin.reported().properties().toJson());
    }

    /**
     * Reads the twin and returns where an IoT Plug and Play writable property stands: whether the device has
     * acknowledged the desired value's version, and how (see {@link WritableProperties#status}).
     *
     * @param key the device or module
     * @param component the component, or null for the default component
     * @param property the writable property
     * @return the property's status
     * @throws IllegalArgumentException if {@code component} or {@code property} is not a valid PnP name
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed
     */
    public WritablePropertyStatus writableProperty(TwinKey key, @Nullable String component, String property) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(property, "property");
        return statusOf(getTwin(key), component, property);
    }

    /**
     * Polls the twin until a writable property's status satisfies {@code condition}, reading it every 200 ms at most.
     *
     * @param key the device or module
     * @param component the component, or null for the default component
     * @param property the writable property
     * @param condition what the status must satisfy
     * @param timeout how long to wait in all
     * @return the first status that satisfies the condition
     * @throws TwinTimeoutException if the condition still fails when the timeout has passed; names the last status
     * @throws IllegalArgumentException if {@code component} or {@code property} is not a valid PnP name
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed or the waiting thread is interrupted
     */
    public WritablePropertyStatus awaitWritableProperty(TwinKey key, @Nullable String component,
            String property, Predicate<WritablePropertyStatus> condition, Duration timeout) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        String name = component == null ? property : component + "." + property;
        TwinDocument last = Waits.until(() -> getTwin(key), timeout,
                twin -> condition.test(statusOf(twin, component, property)),
                twin -> "the writable property '" + name + "' of '" + key + "' did not reach the "
                        + "expected state within " + timeout + "; last seen: " + statusOf(twin, component, property));
        return statusOf(last, component, property);
    }

    /**
     * Polls the twin until a writable property is in the {@code target} state, reading it every 200 ms at most.
     *
     * @param key the device or module
     * @param component the component, or null for the default component
     * @param property the writable property
     * @param target the state to wait for
     * @param timeout how long to wait in all
     * @return the first status in the target state
     * @throws TwinTimeoutException if the property is still in another state when the timeout has passed
     * @throws IllegalArgumentException if {@code component} or {@code property} is not a valid PnP name
     * @throws TwinNotFoundException if the device or module does not exist
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed or the waiting thread is interrupted
     */
    public WritablePropertyStatus awaitWritableProperty(TwinKey key, @Nullable String component,
            String property, WritablePropertyState target, Duration timeout) {
        Objects.requireNonNull(target, "target");
        return awaitWritableProperty(key, component, property, status -> status.state() == target, timeout);
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
