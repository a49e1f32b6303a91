package io.twinkit.service;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ETag;
import io.twinkit.core.ModuleId;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.pnp.WritableProperties;
import io.twinkit.core.pnp.WritablePropertyState;
import io.twinkit.core.pnp.WritablePropertyStatus;
import io.twinkit.query.Query;
import io.twinkit.service.internal.ExtraTrust;
import io.twinkit.service.internal.RenewingSasCredential;
import io.twinkit.service.internal.ServiceSdk;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The back-end (service-side) twin client: reads, patches and replaces device twins, retries read-modify-writes on
 * etag conflicts and pages through queries lazily. It runs over the official service SDK (iot-service-client) but no
 * SDK type appears here. Errors are unchecked {@link ServiceException}s carrying the IoT Hub error code and HTTP
 * status; a conflict is a {@link PreconditionFailedException}, an unknown twin a {@link TwinNotFoundException}.
 *
 * <p>Immutable and thread-safe; share one instance. Built with {@link #builder()}.
 */
public final class TwinServiceClient implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final ServiceSdk sdk;
    private final String hostName;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TwinServiceClient(ServiceSdk sdk, String hostName) {
        this.sdk = sdk;
        this.hostName = hostName;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the hub host this client talks to, with {@code :port} when one was given. */
    public String hostName() {
        return hostName;
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
                sleep(retry.delayAfter(attempt));
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
     * Runs a {@code SELECT *} twin query and returns the twins, fetching pages of {@link QueryOptions#defaults()} as
     * the stream is consumed.
     *
     * @param query a query selecting whole twins
     * @return the twins; nothing is sent until a terminal operation runs
     * @throws IllegalArgumentException if the query projects or aggregates (use {@link #queryRows(Query)})
     */
    public Stream<TwinDocument> query(Query query) {
        return query(query, QueryOptions.defaults());
    }

    /**
     * Runs a {@code SELECT *} twin query with the given page size.
     *
     * @param query a query selecting whole twins
     * @param options the page size
     * @return the twins, fetched lazily
     * @throws IllegalArgumentException if the query projects or aggregates
     * @throws ServiceException while consuming, if the hub answers with an error
     */
    public Stream<TwinDocument> query(Query query, QueryOptions options) {
        Objects.requireNonNull(query, "query");
        if (!query.isSelectAll() || query.isAggregate()) {
            throw new IllegalArgumentException("query '" + query.toSql() + "' does not select whole twins; "
                    + "use queryRows for projections and aggregates");
        }
        return query(query.toSql(), options);
    }

    /**
     * Runs a twin query given as text ({@code SELECT * FROM devices …}) with pages of 100.
     *
     * @param sql the query
     * @return the twins, fetched lazily
     * @throws ServiceException while consuming, if the hub answers with an error
     */
    public Stream<TwinDocument> query(String sql) {
        return query(sql, QueryOptions.defaults());
    }

    /**
     * Runs a twin query given as text with the given page size.
     *
     * @param sql the query
     * @param options the page size
     * @return the twins, fetched lazily
     * @throws ServiceException while consuming, if the hub answers with an error
     */
    public Stream<TwinDocument> query(String sql, QueryOptions options) {
        return queryRows(sql, options).map(TwinDocument::fromJson);
    }

    /**
     * Runs a query whose rows are not whole twins (projections, aggregates, {@code GROUP BY}) and returns the rows
     * as JSON objects, exactly as the hub sent them.
     *
     * @param query the query
     * @return the rows, fetched lazily in pages of 100
     * @throws ServiceException while consuming, if the hub answers with an error
     */
    public Stream<JsonObject> queryRows(Query query) {
        return queryRows(Objects.requireNonNull(query, "query").toSql(), QueryOptions.defaults());
    }

    /**
     * Runs a query given as text and returns its rows as JSON objects.
     *
     * @param sql the query
     * @return the rows, fetched lazily in pages of 100
     * @throws ServiceException while consuming, if the hub answers with an error
     */
    public Stream<JsonObject> queryRows(String sql) {
        return queryRows(sql, QueryOptions.defaults());
    }

    /**
     * Runs a query given as text with the given page size and returns its rows as JSON objects.
     *
     * @param sql the query
     * @param options the page size
     * @return the rows, fetched lazily
     * @throws ServiceException while consuming, if the hub answers with an error
     * @throws IllegalStateException if the client is closed
     */
    public Stream<JsonObject> queryRows(String sql, QueryOptions options) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        checkOpen();
        int characteristics = Spliterator.ORDERED | Spliterator.NONNULL;
        return StreamSupport.stream(() -> Spliterators.spliteratorUnknownSize(
                sdk.query(sql, options.pageSize()), characteristics), characteristics, false);
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
        return await(deviceId, timeout, twin -> condition.test(twin.reported().properties()),
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
        TwinDocument last = await(deviceId, timeout,
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

    /** Reads the twin until it satisfies {@code accept}, or throws the timeout {@code describe} words for the last. */
    private TwinDocument await(DeviceId deviceId, Duration timeout, Predicate<TwinDocument> accept,
            Function<TwinDocument, String> describe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TwinDocument twin = getTwin(deviceId);
            if (accept.test(twin)) {
                return twin;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TwinTimeoutException(describe.apply(twin));
            }
            sleep(Duration.ofNanos(Math.min(left, POLL_INTERVAL.toNanos())));
        }
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

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the TwinServiceClient for " + hostName + " is closed");
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read the twin again", e);
        }
    }

    /**
     * Builds a {@link TwinServiceClient}. Not thread-safe; each {@link #build()} gives an independent client.
     *
     * <p>Against a hub: {@link #connectionString(String)}. Against a twinkit emulator with its private CA: either
     * {@link #connectionString(String)} plus {@link #trustCertificate(X509Certificate)}, or just
     * {@link #emulatorReadyLine(String)} with the emulator's {@code TWINKIT-EMULATOR-READY} line.
     */
    public static final class Builder {

        private @Nullable ServiceConnectionString connectionString;
        private final List<X509Certificate> trusted = new ArrayList<>();
        private Duration tokenValidity = Duration.ofHours(1);

        private Builder() {
        }

        /**
         * Sets the hub's service connection string (a policy with service-connect rights, e.g. iothubowner). The
         * host may carry a port, as an emulator's does.
         *
         * @param connectionString {@code HostName=…;SharedAccessKeyName=…;SharedAccessKey=…}
         * @return this builder
         * @throws IllegalArgumentException if the string is malformed (see {@link ServiceConnectionString#parse})
         */
        public Builder connectionString(String connectionString) {
            this.connectionString = ServiceConnectionString.parse(connectionString);
            return this;
        }

        /**
         * Sets the hub's parsed service connection string.
         *
         * @param connectionString the connection string
         * @return this builder
         */
        public Builder connectionString(ServiceConnectionString connectionString) {
            this.connectionString = Objects.requireNonNull(connectionString, "connectionString");
            return this;
        }

        /**
         * Trusts {@code ca} as a TLS root in addition to the JVM's trust store, for a hub with a private CA such as
         * the twinkit emulator ({@code emulator.certificates().caCertificate()}).
         *
         * <p><b>Global effect:</b> the service SDK has no TLS option of its own, so {@link #build()} installs, once per
         * JVM, a default {@link javax.net.ssl.HttpsURLConnection} socket factory whose trust manager accepts what the
         * JVM's default trust store accepts plus every CA registered this way. Every HttpsURLConnection of the JVM
         * then trusts these CAs; nothing else about TLS changes, and host names are still verified.
         *
         * @param ca the CA certificate
         * @return this builder
         */
        public Builder trustCertificate(X509Certificate ca) {
            trusted.add(Objects.requireNonNull(ca, "ca"));
            return this;
        }

        /**
         * Configures the client for a running twinkit emulator from the line it prints when ready, so that no
         * certificate has to be handled by hand: sets the announced {@code serviceConnectionString} and
         * {@linkplain #trustCertificate(X509Certificate) trusts} the CA certificate(s) in the PEM file named by
         * {@code caCertificateFile} (with the same JVM-wide effect).
         *
         * <p>Takes the whole line as the launcher prints it ({@code TWINKIT-EMULATOR-READY {"hubName":…}}) or just the
         * JSON, as {@code TwinkitEmulator.readyInfo().toString()} gives it in a test:
         *
         * <pre>{@code
         * TwinServiceClient client = TwinServiceClient.builder()
         *         .emulatorReadyLine(emulator.readyInfo().toString())
         *         .build();
         * }</pre>
         *
         * <p>The CA file is read here, not at {@link #build()}; a later {@link #connectionString(String)} overrides the
         * announced one.
         *
         * @param readyLineOrJson the ready line, or its JSON object
         * @return this builder
         * @throws IllegalArgumentException if the text is neither, lacks {@code serviceConnectionString} or
         *     {@code caCertificateFile} as strings, the connection string is malformed, or the file holds no X.509
         *     certificate
         * @throws java.io.UncheckedIOException if the CA file cannot be read
         */
        public Builder emulatorReadyLine(String readyLineOrJson) {
            EmulatorReadyLine ready = EmulatorReadyLine.parse(readyLineOrJson);
            this.connectionString = ready.connectionString();
            trusted.addAll(ready.caCertificates());
            return this;
        }

        /**
         * Sets how long each SAS token is valid; tokens are re-minted when less than a fifth is left. Default 1 h.
         *
         * @param validity at least 10 seconds
         * @return this builder
         * @throws IllegalArgumentException if validity is under 10 seconds
         */
        public Builder tokenValidity(Duration validity) {
            Objects.requireNonNull(validity, "validity");
            if (validity.compareTo(Duration.ofSeconds(10)) < 0) {
                throw new IllegalArgumentException("token validity " + validity + " is under 10 seconds");
            }
            this.tokenValidity = validity;
            return this;
        }

        /**
         * Builds the client. No request is sent.
         *
         * @return the client
         * @throws IllegalStateException if no connection string was set, or the extra trust cannot be installed
         */
        public TwinServiceClient build() {
            ServiceConnectionString cs = connectionString;
            if (cs == null) {
                throw new IllegalStateException("no connection string: call connectionString(...) before build()");
            }
            trusted.forEach(ExtraTrust::trust);
            RenewingSasCredential credential = new RenewingSasCredential(cs.sharedAccessKey(), cs.hostName(),
                    cs.sharedAccessKeyName(), tokenValidity, Clock.systemUTC());
            return new TwinServiceClient(new ServiceSdk(cs.hostName(), credential), cs.hostName());
        }
    }
}
