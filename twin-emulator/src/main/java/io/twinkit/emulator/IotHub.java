package io.twinkit.emulator;

import io.twinkit.emulator.internal.hub.Hub;
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
 */
public final class IotHub implements AutoCloseable {

    private final Hub hub;

    private IotHub(Hub hub) {
        this.hub = hub;
    }

    /** Returns a new in-memory hub with {@link HubOptions#defaults()}. */
    public static IotHub create() {
        return create(HubOptions.defaults());
    }

    /**
     * Returns a new hub with {@code options}: in memory, or, with a data directory, holding whatever the directory
     * holds (a new directory starts with {@link SharedAccessPolicy#defaults()}).
     *
     * @throws HubStorageException if the data directory cannot be opened or read
     */
    public static IotHub create(HubOptions options) {
        return new IotHub(Hub.open(Objects.requireNonNull(options, "options")));
    }

    /** Returns the options the hub was created with. */
    public HubOptions options() {
        return hub.options();
    }

    /**
     * Returns what recovering a damaged data directory at start gave up ({@link HubOptions#recoverStore()}), one
     * sentence per loss naming the file and the records or commits lost; empty when the store was intact, recovery
     * was not asked for, or the hub is in memory.
     */
    public List<String> storeRecovery() {
        return hub.storeRecovery();
    }

    /** Returns the identity registry. */
    public DeviceRegistry registry() {
        return hub.registry();
    }

    /** Returns the twins. */
    public TwinService twins() {
        return hub.twins();
    }

    /** Returns the query service: IoT Hub SQL over the hub's device and module twins, with paging. */
    public QueryService queries() {
        return hub.queries();
    }

    /** Closes the hub and its storage; closing twice does nothing. */
    @Override
    public void close() {
        hub.close();
    }

    /** Returns the hub name, for logs. */
    @Override
    public String toString() {
        return "IotHub[" + hub.options().hubName() + "]";
    }
}
