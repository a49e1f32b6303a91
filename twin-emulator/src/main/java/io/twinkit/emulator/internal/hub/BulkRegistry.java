package io.twinkit.emulator.internal.hub;

import io.twinkit.core.TwinKey;
import io.twinkit.core.DeviceId;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.BulkOperation;
import io.twinkit.emulator.BulkResult;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.DeviceNotFoundException;
import io.twinkit.emulator.DeviceRegistry;
import io.twinkit.emulator.ModuleNotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Carries out bulk registry requests ({@link DeviceRegistry#bulk}). The request runs alone ({@link HubCore#exclusive}):
 * each item is computed against the state the items before it left, staged if it succeeds and reported if it fails
 * (nothing of a failed item is kept); then everything staged is committed to storage in one batch and published.
 *
 * <p>Failed items do not stop the others: the service answers such a request with {@code isSuccessful} false and one
 * error per failed item, and applies the rest (its REST reference: "Different operations (create, update, delete) on
 * different devices are allowed").
 */
final class BulkRegistry {

    private final HubCore core;
    private final HubTwins twins;

    BulkRegistry(HubCore core, HubTwins twins) {
        this.core = core;
        this.twins = twins;
    }

    BulkResult apply(List<BulkOperation> operations) {
        Objects.requireNonNull(operations, "operations");
        if (operations.isEmpty() || operations.size() > BulkOperation.MAX_ITEMS) {
            throw new IllegalArgumentException("a bulk registry request takes 1 to " + BulkOperation.MAX_ITEMS
                    + " items, not " + operations.size());
        }
        Set<TwinKey> keys = new HashSet<>();
        for (BulkOperation operation : operations) {
            if (!keys.add(operation.key())) {
                throw new IllegalArgumentException("'" + operation.key() + "' appears more than once in the bulk"
                        + " registry request; name each device or module once");
            }
        }
        return core.exclusive(() -> {
            Stage stage = new Stage();
            List<BulkResult.ItemError> errors = new ArrayList<>();
            for (BulkOperation operation : operations) {
                Map<TwinKey, HubEntry.@Nullable Slot> item = new LinkedHashMap<>();
                try {
                    stage.apply(operation, item);
                } catch (TwinException e) {
                    errors.add(new BulkResult.ItemError(operation.key(), operation.mode(), e.errorCode(),
                            String.valueOf(e.getMessage())));
                    stage.notifications.remove(operation.key());
                    continue;
                }
                stage.changes.putAll(item);
            }
            core.publishBulk(stage.changes, stage.notifications);
            return new BulkResult(errors);
        });
    }

    /** The changes of the items applied so far, over the hub's state. */
    private final class Stage {

        final Map<TwinKey, HubEntry.@Nullable Slot> changes = new LinkedHashMap<>();
        final Map<TwinKey, JsonObject> notifications = new LinkedHashMap<>();

        HubEntry.@Nullable Slot current(TwinKey key) {
            return changes.containsKey(key) ? changes.get(key) : core.slotOf(key);
        }

        HubEntry.Slot live(TwinKey key) {
            HubEntry.Slot slot = current(key);
            if (slot == null) {
                if (key.moduleId() != null && current(key.deviceKey()) != null) {
                    throw new ModuleNotFoundException("module '" + key.moduleId() + "' does not exist on device '"
                            + key.deviceId() + "' [404010 ModuleNotFound]");
                }
                throw new DeviceNotFoundException("device '" + key.deviceId() + "' does not exist [404001"
                        + " DeviceNotFound]");
            }
            return slot;
        }

        Optional<DeviceIdentity> device(DeviceId deviceId) {
            return Optional.ofNullable(current(TwinKey.device(deviceId))).map(HubEntry.Slot::identity);
        }

        void apply(BulkOperation operation, Map<TwinKey, HubEntry.@Nullable Slot> item) {
            TwinKey key = operation.key();
            switch (operation.mode()) {
                case CREATE -> {
                    if (current(key) != null) {
                        throw HubCore.alreadyExists(key);
                    }
                    if (key.moduleId() != null) {
                        live(key.deviceKey());
                    }
                    DeviceIdentity identity = HubRegistry.created(core, operation.identity(), this::device);
                    item.put(key, withTwin(HubEntry.Slot.of(identity, TwinState.fresh()), operation, null));
                }
                case UPDATE, UPDATE_IF_MATCH_ETAG -> {
                    HubEntry.Slot old = live(key);
                    if (operation.mode().conditional()) {
                        HubCore.requireIdentityMatch(old.identity(), etagOrNone(operation.etag()));
                    }
                    DeviceIdentity identity = HubRegistry.updated(core, old.identity(), operation.identity(),
                            this::device);
                    item.put(key, withTwin(HubEntry.Slot.of(identity, old.twin()), operation, null));
                }
                case UPDATE_TWIN, UPDATE_TWIN_IF_MATCH_ETAG -> {
                    HubEntry.Slot old = live(key);
                    String ifMatch = operation.mode().conditional() ? etagOrNone(operation.twinEtag()) : null;
                    item.put(key, withTwin(old, operation, ifMatch));
                }
                case DELETE, DELETE_IF_MATCH_ETAG -> {
                    HubEntry.Slot old = live(key);
                    if (operation.mode().conditional()) {
                        HubCore.requireIdentityMatch(old.identity(), etagOrNone(operation.etag()));
                    }
                    if (key.moduleId() == null) {
                        for (TwinKey module : modulesOf(key)) {
                            item.put(module, null);
                        }
                    }
                    item.put(key, null);
                }
            }
        }

        /** Returns the live modules of a device, as stored and as staged. */
        private List<TwinKey> modulesOf(TwinKey deviceKey) {
            Set<TwinKey> modules = new HashSet<>();
            core.liveModules(deviceKey).forEach(m -> modules.add(TwinKey.module(deviceKey.deviceId(), m)));
            changes.keySet().forEach(k -> {
                if (k.moduleId() != null && k.deviceId().equals(deviceKey.deviceId())) {
                    modules.add(k);
                }
            });
            return modules.stream().filter(k -> current(k) != null).sorted().toList();
        }

        /** Merges the item's tags and desired properties into the twin of {@code slot}, if it has any. */
        private HubEntry.Slot withTwin(HubEntry.Slot slot, BulkOperation operation, @Nullable String ifMatch) {
            if (operation.tags() == null && operation.desired() == null) {
                HubTwins.requireEtagMatch(slot, ifMatch);
                return slot;
            }
            JsonObject.Builder body = JsonObject.builder(2);
            if (operation.tags() != null) {
                body.put("tags", operation.tags());
            }
            if (operation.desired() != null) {
                body.put("properties", JsonObject.of("desired", operation.desired()));
            }
            HubCore.Outcome outcome = twins.updated(slot, TwinBodies.update(body.build(), core.options), ifMatch);
            if (outcome.notification() != null) {
                notifications.put(slot.identity().key(), outcome.notification());
            }
            return HubEntry.Slot.of(outcome.identity(), outcome.twin());
        }
    }

    /** An {@code ...IfMatchETag} item without an etag matches nothing, as an {@code If-Match} of {@code ""}. */
    private static String etagOrNone(@Nullable String etag) {
        return etag == null ? "\"\"" : etag;
    }
}
