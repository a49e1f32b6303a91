package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.internal.store.HubStorage;
import io.twinkit.emulator.internal.store.HubStorages;
import io.twinkit.emulator.internal.Throttle;
import io.twinkit.emulator.internal.TwinChangeListener;
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

    private final HubCore core;
    private final DeviceRegistry registry;
    private final TwinService twins;
    private final QueryService queries;

    private IotHub(HubCore core) {
        this.core = core;
        Throttle throttle = Throttle.create(core.options);
        this.twins = new TwinService(core, throttle);
        this.registry = new DeviceRegistry(core, twins);
        // no write can happen before the hub is handed out, so the snapshot and the listener leave no gap
        this.queries = QueryService.create(core.options, core.snapshot(), throttle);
        core.addChangeListener(queries::twinChanged);
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
        Objects.requireNonNull(options, "options");
        return create(options, HubStorages.open(options));
    }

    /** Returns a hub over {@code storage}, loading its state; the hub owns the storage and closes it. */
    static IotHub create(HubOptions options, HubStorage storage) {
        try {
            return new IotHub(new HubCore(options, storage));
        } catch (RuntimeException | Error e) {
            storage.close();
            throw e;
        }
    }

    /** Returns the options the hub was created with. */
    public HubOptions options() {
        return core.options;
    }

    /**
     * Returns what recovering a damaged data directory at start gave up ({@link HubOptions#recoverStore()}), one
     * sentence per loss naming the file and the records or commits lost; empty when the store was intact, recovery
     * was not asked for, or the hub is in memory.
     */
    public List<String> storeRecovery() {
        return core.storeRecovery();
    }

    /** Returns the identity registry. */
    public DeviceRegistry registry() {
        return registry;
    }

    /** Returns the twins. */
    public TwinService twins() {
        return twins;
    }

    /** Returns the query service: IoT Hub SQL over the hub's device and module twins, with paging. */
    public QueryService queries() {
        return queries;
    }

    /**
     * Registers a listener for every committed twin change (see {@link TwinChangeListener}). Register before the hub
     * is handed out, then read {@link #snapshot()}: no change can fall between the two.
     */
    void addTwinChangeListener(TwinChangeListener listener) {
        core.addChangeListener(listener);
    }

    /** Returns every twin as {@link TwinService#get} returns it, by key: the initial load of a view. */
    List<TwinDocument> snapshot() {
        return core.snapshot();
    }

    /** Closes the hub and its storage; closing twice does nothing. */
    @Override
    public void close() {
        queries.close();
        core.close();
    }

    /** Returns the hub name, for logs. */
    @Override
    public String toString() {
        return "IotHub[" + core.options.hubName() + "]";
    }
}
