package io.twinkit.emulator.internal.hub;

import io.twinkit.core.Capabilities;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ETag;
import io.twinkit.core.InvalidIdException;
import io.twinkit.core.ModuleId;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinPath;
import io.twinkit.core.TwinSection;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.ConfigurationAlreadyExistsException;
import io.twinkit.emulator.ConfigurationContent;
import io.twinkit.emulator.ConfigurationMetrics;
import io.twinkit.emulator.ConfigurationNotFoundException;
import io.twinkit.emulator.ConfigurationService;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.DeviceNotFoundException;
import io.twinkit.emulator.DeviceRegistry;
import io.twinkit.emulator.HubConfiguration;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.ModuleAlreadyExistsException;
import io.twinkit.emulator.ModuleNotFoundException;
import io.twinkit.emulator.internal.config.ConfigurationMetricsCounter;
import io.twinkit.emulator.internal.config.ConfigurationRule;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ConfigurationService} of a hub: configurations kept by id (and in the {@code CONFIGURATIONS} storage
 * namespace, as their REST JSON without metric results), applied to the twins by one daemon thread
 * {@link io.twinkit.emulator.HubOptions#configurationApplyDelay()} after each change, through
 * {@link ConfigurationApplier} and {@link HubCore#write}. Thread-safe: configuration writes are serialized, reads
 * take the current immutable set, and twin writes run under the twin's lock like any other.
 */
public final class HubConfigurations implements ConfigurationService {

    private static final Logger LOG = LoggerFactory.getLogger(IotHub.class);

    /** How often one pass re-applies to a twin whose own change made another configuration target it. */
    private static final int MAX_ROUNDS = 8;

    /** The smallest step of the service's clock, between two creation times. */
    private static final Duration TICK = Duration.ofNanos(100);

    private static final String DESIRED = "properties.desired";

    private final HubCore core;
    private final DeviceRegistry registry;
    private final ConfigurationApplier applier;
    private final ScheduledThreadPoolExecutor executor;
    private volatile @Nullable Thread applyingThread;
    private final Object pendingLock = new Object();
    private int pending;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Map<String, ConfigurationRule> rules;
    private Instant lastCreated = Instant.MIN;

    HubConfigurations(HubCore core, DeviceRegistry registry) {
        this.core = core;
        this.registry = registry;
        this.applier = new ConfigurationApplier(core);
        Map<String, ConfigurationRule> loaded = new TreeMap<>();
        core.loadRecords(Namespace.CONFIGURATIONS).forEach((id, record) -> {
            ConfigurationRule rule = read(id, record);
            loaded.put(id, rule);
            lastCreated = max(lastCreated, rule.createdTime());
        });
        this.rules = Map.copyOf(loaded);
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "twinkit-configurations-" + core.options.hubName());
            thread.setDaemon(true);
            applyingThread = thread;
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        if (!loaded.isEmpty()) {
            schedule(this::applyToAll);
        }
    }

    private ConfigurationRule read(String id, JsonObject record) {
        try {
            HubConfiguration configuration = HubConfiguration.fromJson(record);
            if (!configuration.id().equals(id)) {
                throw new IllegalArgumentException("it holds configuration '" + configuration.id() + "'");
            }
            return ConfigurationRule.compile(configuration, core.validator);
        } catch (TwinException | IllegalArgumentException e) {
            throw new HubStorageException("CONFIGURATIONS record '" + id + "' is unreadable: " + e.getMessage());
        }
    }

    @Override
    public HubConfiguration create(HubConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        core.checkOpen();
        synchronized (this) {
            if (rules.containsKey(configuration.id())) {
                throw new ConfigurationAlreadyExistsException("configuration '" + configuration.id()
                        + "' already exists [409401 ConfigurationAlreadyExists]; update it with If-Match, or delete"
                        + " it first");
            }
            Instant now = core.now();
            Instant created = max(now, lastCreated.plus(TICK));
            HubConfiguration stored = stored(configuration, created, created, etag(1));
            ConfigurationRule rule = ConfigurationRule.compile(stored, core.validator);
            if (rules.size() >= MAX_CONFIGURATIONS) {
                throw new TwinException(IotHubErrorCode.CONFIGURATION_COUNT_LIMIT_EXCEEDED, "the hub holds "
                        + rules.size() + " configurations, the most a standard-tier hub holds; delete one first"
                        + " [413101 ConfigurationCountLimitExceeded]");
            }
            commit(stored);
            lastCreated = created;
            publish(rule);
            return withMetrics(rule, core.snapshot());
        }
    }

    @Override
    public HubConfiguration update(HubConfiguration configuration, @Nullable String ifMatch) {
        Objects.requireNonNull(configuration, "configuration");
        core.checkOpen();
        synchronized (this) {
            ConfigurationRule current = require(configuration.id());
            HubConfiguration existing = current.configuration();
            HubConfiguration stored = stored(configuration, existing.createdTime().orElseThrow(), core.now(),
                    etag(counter(existing.etag().orElseThrow()) + 1));
            ConfigurationRule rule = ConfigurationRule.compile(stored, core.validator);
            if (!configuration.content().equals(existing.content())) {
                throw new TwinException(IotHubErrorCode.CANNOT_MODIFY_IMMUTABLE_CONFIGURATION_CONTENT, "the content"
                        + " of configuration '" + existing.id() + "' cannot change after it was created; create a new"
                        + " configuration with the new content [400403 CannotModifyImmutableConfigurationContent]");
            }
            requireMatch(existing, ifMatch);
            commit(stored);
            publish(rule);
            return withMetrics(rule, core.snapshot());
        }
    }

    @Override
    public HubConfiguration get(String id) {
        Objects.requireNonNull(id, "id");
        core.checkOpen();
        return withMetrics(require(id), core.snapshot());
    }

    @Override
    public Optional<HubConfiguration> find(String id) {
        Objects.requireNonNull(id, "id");
        core.checkOpen();
        ConfigurationRule rule = rules.get(id);
        return rule == null ? Optional.empty() : Optional.of(withMetrics(rule, core.snapshot()));
    }

    @Override
    public void delete(String id, @Nullable String ifMatch) {
        Objects.requireNonNull(id, "id");
        core.checkOpen();
        synchronized (this) {
            ConfigurationRule current = require(id);
            requireMatch(current.configuration(), ifMatch);
            core.commitRecords(List.of(Mutation.delete(Namespace.CONFIGURATIONS, id)));
            Map<String, ConfigurationRule> next = new TreeMap<>(rules);
            next.remove(id);
            rules = Map.copyOf(next);
            schedule(this::applyToAll);
        }
    }

    @Override
    public List<HubConfiguration> list() {
        return list(Integer.MAX_VALUE);
    }

    @Override
    public List<HubConfiguration> list(int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1: " + top);
        }
        core.checkOpen();
        List<TwinDocument> twins = core.snapshot();
        return new TreeMap<>(rules).values().stream().limit(top).map(rule -> withMetrics(rule, twins)).toList();
    }

    @Override
    public void applyContent(DeviceId edgeDevice, ConfigurationContent content) {
        Objects.requireNonNull(edgeDevice, "edgeDevice");
        Objects.requireNonNull(content, "content");
        core.checkOpen();
        DeviceIdentity device = registry.getDevice(edgeDevice);
        if (!device.capabilities().map(Capabilities::iotEdge).orElse(false)) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "device '" + edgeDevice + "' is not an IoT Edge"
                    + " device (capabilities.iotEdge is false); modules content applies to Edge devices only"
                    + " [400004 ArgumentInvalid]");
        }
        Map<ModuleId, PropertySet> modules = edgeModules(content);
        for (Map.Entry<ModuleId, PropertySet> module : modules.entrySet()) {
            TwinKey key = TwinKey.module(edgeDevice, module.getKey());
            if (registry.find(key).isEmpty()) {
                try {
                    registry.createModule(edgeDevice, module.getKey());
                } catch (ModuleAlreadyExistsException raced) {
                    // another request created it meanwhile
                }
            }
            PropertySet desired = module.getValue();
            core.write(key, current -> {
                TwinState twin = current.twin();
                long version = twin.desiredVersion() + 1;
                PropertySection section = PropertySection.of(desired, version).withMetadata(
                        new MetadataStamper(core.now(), version).afterReplace(desired.toJson()));
                TwinState next = new TwinState(twin.etagCounter() + 1, twin.tags(), section, twin.reported(),
                        twin.configurations());
                return new HubCore.Outcome(current.identity(), next,
                        desired.toJson().with(PropertySection.VERSION, JsonNumber.of(version)));
            });
        }
    }

    /**
     * Checks IoT Edge modules content and returns each module's desired properties.
     *
     * @throws TwinException (400402) as {@link ConfigurationService#applyContent} describes
     */
    private Map<ModuleId, PropertySet> edgeModules(ConfigurationContent content) {
        if (content.modulesContent().isEmpty()) {
            throw contentError("applying configuration content to an Edge device needs modulesContent"
                    + " (the modules and their desired properties, as in a deployment manifest); deviceContent and"
                    + " moduleContent belong to configurations");
        }
        if (!content.deviceContent().isEmpty() || !content.moduleContent().isEmpty()) {
            throw contentError("modules content applied to an Edge device cannot carry deviceContent"
                    + " or moduleContent");
        }
        for (String system : List.of("$edgeAgent", "$edgeHub")) {
            if (!content.modulesContent().containsKey(system)) {
                throw contentError("modulesContent must name " + system + ", as every deployment"
                        + " does, but names " + content.modulesContent().keySet());
            }
        }
        Map<ModuleId, PropertySet> modules = new LinkedHashMap<>();
        for (Map.Entry<String, JsonObject> entry : content.modulesContent().entrySet()) {
            ModuleId moduleId;
            try {
                moduleId = ModuleId.of(entry.getKey());
            } catch (InvalidIdException e) {
                throw contentError("modulesContent names an invalid module id: " + e.getMessage());
            }
            modules.put(moduleId, edgeDesired(entry.getKey(), entry.getValue()));
        }
        return modules;
    }

    private PropertySet edgeDesired(String module, JsonObject content) {
        JsonObject document = JsonObject.empty();
        JsonValue root = content.valueOrNull(DESIRED);
        if (root != null) {
            if (!(root instanceof JsonObject object)) {
                throw contentError("modulesContent." + module + "." + DESIRED + " must be an object"
                        + " but is " + root);
            }
            // read-only members, as a twin read back carries them, are ignored as in a twin replace
            document = object.without(PropertySection.VERSION).without(PropertySection.METADATA);
        }
        PropertySet desired;
        try {
            desired = PropertySet.of(document);
            for (int i = 0; i < content.size(); i++) {
                String key = content.keyAt(i);
                if (key.equals(DESIRED)) {
                    continue;
                }
                if (!key.startsWith(DESIRED + ".") || key.length() == DESIRED.length() + 1) {
                    throw contentError("modulesContent." + module + " has '" + key + "'; a module's"
                            + " content is properties.desired or properties.desired.<path> settings");
                }
                desired = desired.with(TwinPath.of(key.substring(DESIRED.length() + 1).split("\\.", -1))
                        .toString(), content.valueAt(i));
            }
            core.validator.validateDocument(TwinSection.DESIRED, desired);
        } catch (TwinException | IllegalArgumentException e) {
            if (e instanceof TwinException refused
                    && refused.errorCode() == IotHubErrorCode.INVALID_CONFIGURATION_CONTENT) {
                throw refused;
            }
            throw contentError("the desired properties of module " + module + " break the twin rules: "
                    + e.getMessage());
        }
        return desired;
    }

    @Override
    public boolean awaitApplied(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pendingLock) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(pendingLock, left);
            }
            return true;
        }
    }

    /**
     * Records a committed twin change: the twin is evaluated again after the apply delay, if the hub has any
     * configuration. Changes the applying thread makes itself are evaluated in its own pass. Called under the twin's
     * lock, so it only schedules.
     */
    void twinChanged(TwinKey key, @Nullable TwinDocument state) {
        if (state == null || rules.isEmpty() || closed.get() || Thread.currentThread() == applyingThread) {
            return;
        }
        schedule(() -> applyTo(key));
    }

    /** Stops applying; pending applications are dropped. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            executor.shutdownNow();
            synchronized (pendingLock) {
                pending = 0;
                pendingLock.notifyAll();
            }
        }
    }

    private void schedule(Runnable work) {
        synchronized (pendingLock) {
            pending++;
        }
        Runnable task = () -> {
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                if (!closed.get()) {
                    LOG.warn("applying the configurations of hub {} failed; the next change applies them again",
                            core.options.hubName(), e);
                }
            } finally {
                done();
            }
        };
        try {
            executor.schedule(task, core.options.configurationApplyDelay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            done();
        }
    }

    private void done() {
        synchronized (pendingLock) {
            if (pending > 0) {
                pending--;
            }
            if (pending == 0) {
                pendingLock.notifyAll();
            }
        }
    }

    private void applyToAll() {
        for (TwinDocument twin : core.snapshot()) {
            if (closed.get()) {
                return;
            }
            applyTo(new TwinKey(twin.deviceId(), twin.moduleId().orElse(null)));
        }
    }

    /** Applies the configurations to one twin until they make no further change (at most {@value #MAX_ROUNDS}). */
    private void applyTo(TwinKey key) {
        for (int round = 0; round < MAX_ROUNDS && !closed.get(); round++) {
            Collection<ConfigurationRule> current = rules.values();
            boolean[] changed = new boolean[1];
            try {
                core.write(key, slot -> {
                    HubCore.Outcome outcome = applier.apply(slot, current);
                    changed[0] = outcome.twin() != slot.twin();
                    return outcome;
                });
            } catch (DeviceNotFoundException | ModuleNotFoundException gone) {
                // the twin was deleted meanwhile
                return;
            } catch (IllegalStateException closedHub) {
                return;
            }
            if (!changed[0]) {
                return;
            }
        }
    }

    private void publish(ConfigurationRule rule) {
        Map<String, ConfigurationRule> next = new TreeMap<>(rules);
        next.put(rule.id(), rule);
        rules = Map.copyOf(next);
        schedule(this::applyToAll);
    }

    private void commit(HubConfiguration stored) {
        core.commitRecords(List.of(Mutation.put(Namespace.CONFIGURATIONS, stored.id(), stored.toJson())));
    }

    private ConfigurationRule require(String id) {
        ConfigurationRule rule = rules.get(id);
        if (rule == null) {
            throw new ConfigurationNotFoundException("configuration '" + id + "' does not exist [404301"
                    + " ConfigurationNotFound]");
        }
        return rule;
    }

    private static void requireMatch(HubConfiguration existing, @Nullable String ifMatch) {
        ETag etag = existing.etag().orElseThrow();
        if (ifMatch != null && !etag.matchesIfMatch(ifMatch)) {
            throw new PreconditionFailedException("If-Match " + ifMatch + " does not match the etag " + etag
                    + " of configuration '" + existing.id() + "' [412001 PreconditionFailed]; read it again and"
                    + " retry");
        }
    }

    /** Returns what the hub keeps of a request: its own times and etag, no metric results. */
    private static HubConfiguration stored(HubConfiguration request, Instant created, Instant updated, ETag etag) {
        return request.toBuilder()
                .createdTime(created)
                .lastUpdatedTime(updated)
                .etag(etag)
                .systemMetrics(ConfigurationMetrics.empty())
                .metrics(ConfigurationMetrics.of(request.metrics().queries()))
                .build();
    }

    private static HubConfiguration withMetrics(ConfigurationRule rule, List<TwinDocument> twins) {
        return rule.configuration().toBuilder()
                .systemMetrics(ConfigurationMetricsCounter.systemMetrics(rule, twins))
                .metrics(ConfigurationMetricsCounter.customMetrics(rule, twins))
                .build();
    }

    /** Returns the etag of a configuration's {@code counter}-th version: base64 of the counter in ASCII decimal. */
    static ETag etag(long counter) {
        return ETag.of(Base64.getEncoder().encodeToString(Long.toString(counter).getBytes(StandardCharsets.US_ASCII)));
    }

    private static TwinException contentError(String message) {
        return new TwinException(IotHubErrorCode.INVALID_CONFIGURATION_CONTENT, message
                + " [400402 InvalidConfigurationContent]");
    }

    private static long counter(ETag etag) {
        long counter = HubRecords.identityEtagCounter(etag);
        return Math.max(counter, 0);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
