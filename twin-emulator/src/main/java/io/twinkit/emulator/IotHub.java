package io.twinkit.emulator;

import java.util.List;
import java.util.Objects;

/**
 * A local IoT Hub: an identity registry, twins with the service's version, etag and metadata rules, and
 * desired-property notifications, in memory or persisted to {@link HubOptions#dataDirectory()}.
 *
 * <pre>{@code
 * try (IotHub hub = IotHub.create()) {
 *     hub.registry().createDevice(DeviceId.of("dev1"));
 *     TwinKey dev1 = TwinKey.device("dev1");
 *     try (Subscription s = hub.twins().subscribe(dev1, (key, patch) -> received.add(patch))) {
 *         hub.twins().update(dev1, JsonObject.of("properties", JsonObject.of("desired",
 *                 JsonObject.of("rate", JsonValue.of(5)))), null);     // received: {"rate":5,"$version":2}
 *     }
 *     hub.twins().report(dev1, JsonObject.of("rate", JsonValue.of(5)), null);   // reported $version 2
 *     hub.twins().get(dev1).version();                                            // OptionalLong[4]
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing the hub releases its storage; any later call throws {@link IllegalStateException}.
 *
 * <p>An interface so that this package, the API, does not depend on the implementation: the emulator supplies the
 * only implementation, which {@link #create(HubOptions)} finds as a {@link Provider} service. Users call the
 * factories; they do not implement this interface.
 */
public interface IotHub extends AutoCloseable {

    /** Returns a new in-memory hub with {@link HubOptions#defaults()}. */
    static IotHub create() {
        return create(HubOptions.defaults());
    }

    /**
     * Returns a new hub with {@code options}: in memory, or, with a data directory, holding whatever the directory
     * holds (a new directory starts with {@link SharedAccessPolicy#defaults()}).
     *
     * @throws HubStorageException if the data directory cannot be opened or read
     * @throws IllegalStateException if no {@link Provider} is on the class path or module path, which means the
     *     twin-emulator jar is incomplete (for example a merged jar that dropped {@code META-INF/services})
     */
    static IotHub create(HubOptions options) {
        Objects.requireNonNull(options, "options");
        return HubProviders.provider().open(options);
    }

    /** Returns the options the hub was created with. */
    HubOptions options();

    /**
     * Returns what recovering a damaged data directory at start gave up ({@link HubOptions#recoverStore()}), one
     * sentence per loss naming the file and the records or commits lost; empty when the store was intact, recovery
     * was not asked for, or the hub is in memory.
     */
    List<String> storeRecovery();

    /** Returns the identity registry. */
    DeviceRegistry registry();

    /** Returns the twins. */
    TwinService twins();

    /** Returns the query service: IoT Hub SQL over the hub's device and module twins, with paging. */
    QueryService queries();

    /** Returns the automatic device and module configurations, applied to the twins they target. */
    ConfigurationService configurations();

    /**
     * Returns the scheduled jobs: twin updates and direct method calls over the devices a condition selects, at a
     * scheduled time.
     */
    JobService jobs();

    /** Returns the direct methods: calls of a method on a connected device or module, answered by the device. */
    MethodService methods();

    /**
     * Returns the device-to-cloud messages (telemetry) the hub's devices and modules sent, in a bounded journal, as a
     * back end would read them from the hub's built-in events endpoint.
     */
    TelemetryService telemetry();

    /** Closes the hub and its storage; closing twice does nothing. */
    @Override
    void close();

    /**
     * Opens hubs for {@link IotHub#create(HubOptions)}: the service through which this package reaches the
     * emulator's implementation without depending on it. The twin-emulator module supplies the only implementation,
     * declared with {@code provides} in its module descriptor and in {@code META-INF/services} for the class path.
     * Users do not implement or call it; they call {@link IotHub#create(HubOptions)}.
     */
    interface Provider {

        /**
         * Returns a new hub with {@code options}, as {@link IotHub#create(HubOptions)} describes.
         *
         * @throws HubStorageException if the data directory cannot be opened or read
         */
        IotHub open(HubOptions options);
    }
}
