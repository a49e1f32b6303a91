package io.twinkit.emulator.internal.hub;

import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.ConfigurationService;
import io.twinkit.emulator.DeviceRegistry;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.JobService;
import io.twinkit.emulator.MethodService;
import io.twinkit.emulator.QueryService;
import io.twinkit.emulator.TelemetryService;
import io.twinkit.emulator.TwinService;
import io.twinkit.emulator.internal.Throttle;
import io.twinkit.emulator.internal.TwinChangeListener;
import io.twinkit.emulator.internal.query.HubQueries;
import io.twinkit.emulator.internal.store.HubStorage;
import io.twinkit.emulator.internal.store.HubStorages;
import io.twinkit.emulator.internal.telemetry.TelemetryJournal;
import java.util.List;
import java.util.Objects;

/**
 * The {@link IotHub} implementation, a hub at work: its {@link HubCore} with the registry, the twins and the
 * query service over it, which share one throttle, and the configurations; the query service and the configurations
 * are registered for every committed change; the direct methods; the scheduled jobs, which call those methods
 * and whose device job records the query service reads; and the telemetry journal, in memory. Thread-safe.
 * Closing it drops the telemetry, stops the jobs, fails the pending method calls, stops the configurations,
 * closes the query service and then the storage; any later call throws
 * {@link IllegalStateException}.
 */
public final class Hub implements IotHub {

    private final HubCore core;
    private final HubRegistry registry;
    private final HubTwins twins;
    private final HubQueries queries;
    private final HubConfigurations configurations;
    private final HubJobs jobs;
    private final HubMethods methods;
    private final TelemetryJournal telemetry;

    private Hub(HubCore core) {
        this.core = core;
        this.telemetry = new TelemetryJournal(core.options);
        Throttle throttle = Throttle.create(core.options);
        this.twins = new HubTwins(core, throttle);
        this.registry = new HubRegistry(core, twins);
        // no write can happen before the hub is handed out, so the snapshot and the listener leave no gap
        this.queries = HubQueries.create(core.options, core.snapshot(), throttle);
        core.addChangeListener(queries::twinChanged);
        try {
            this.configurations = new HubConfigurations(core, registry);
        } catch (RuntimeException | Error e) {
            queries.close();
            throw e;
        }
        this.methods = new HubMethods(core);
        try {
            this.jobs = new HubJobs(core, twins, methods);
        } catch (RuntimeException | Error e) {
            methods.close();
            configurations.close();
            queries.close();
            throw e;
        }
        core.addChangeListener(configurations::twinChanged);
        queries.deviceJobs(jobs);
    }

    /**
     * Opens a hub with {@code options}: in memory, or over its data directory.
     *
     * @throws HubStorageException if the data directory cannot be opened or read
     */
    public static Hub open(HubOptions options) {
        Objects.requireNonNull(options, "options");
        return open(options, HubStorages.open(options));
    }

    /** Returns a hub over {@code storage}, loading its state; the hub owns the storage and closes it. */
    public static Hub open(HubOptions options, HubStorage storage) {
        try {
            return new Hub(new HubCore(options, storage));
        } catch (RuntimeException | Error e) {
            storage.close();
            throw e;
        }
    }

    /** Returns the options the hub was opened with. */
    @Override
    public HubOptions options() {
        return core.options;
    }

    /** Returns what recovering a damaged store at start gave up (see {@link HubStorage#recovered()}). */
    @Override
    public List<String> storeRecovery() {
        return core.storeRecovery();
    }

    /** Returns the identity registry. */
    @Override
    public DeviceRegistry registry() {
        return registry;
    }

    /** Returns the twins. */
    @Override
    public TwinService twins() {
        return twins;
    }

    /** Returns the query service. */
    @Override
    public QueryService queries() {
        return queries;
    }

    /** Returns the automatic device and module configurations. */
    @Override
    public ConfigurationService configurations() {
        return configurations;
    }

    /** Returns the scheduled jobs. */
    @Override
    public JobService jobs() {
        return jobs;
    }

    /** Returns the direct methods. */
    @Override
    public MethodService methods() {
        return methods;
    }

    /** Returns the telemetry journal, which the MQTT front end feeds. */
    @Override
    public TelemetryService telemetry() {
        return telemetry;
    }

    /**
     * Registers a listener for every committed twin change (see {@link TwinChangeListener}). Register before the hub
     * is handed out, then read {@link #snapshot()}: no change can fall between the two.
     */
    public void addTwinChangeListener(TwinChangeListener listener) {
        core.addChangeListener(listener);
    }

    /** Returns every twin as {@link TwinService#get} returns it, by key: the initial load of a view. */
    public List<TwinDocument> snapshot() {
        return core.snapshot();
    }

    /**
     * Closes the telemetry journal, stops the jobs, fails the pending direct method calls, stops applying
     * configurations, closes the query service and the storage; closing twice does nothing.
     */
    @Override
    public void close() {
        telemetry.close();
        jobs.close();
        methods.close();
        configurations.close();
        queries.close();
        core.close();
    }

    /** Returns the hub name, for logs. */
    @Override
    public String toString() {
        return "IotHub[" + core.options.hubName() + "]";
    }
}
