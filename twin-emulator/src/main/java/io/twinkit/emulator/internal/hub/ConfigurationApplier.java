package io.twinkit.emulator.internal.hub;

import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertyMetadata;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinPath;
import io.twinkit.core.TwinSection;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.internal.config.ConfigurationPlanner;
import io.twinkit.emulator.internal.config.ConfigurationPlanner.Claim;
import io.twinkit.emulator.internal.config.ConfigurationPlanner.Plan;
import io.twinkit.emulator.internal.config.ConfigurationRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configurations of a hub to one twin: computes, from the twin as it is and the
 * {@link ConfigurationPlanner plan} of the configurations, the twin as they make it (see
 * {@link io.twinkit.emulator.ConfigurationService} for the rules). Runs under the twin's lock, inside
 * {@link HubCore#write}.
 *
 * <p>Which configuration wrote a property is read from the twin itself: a node of the desired {@code $metadata}
 * that a configuration wrote carries {@code $lastUpdatedBy} (its id) and {@code $lastUpdatedByDigest}, as on the
 * service; a back-end write of the property stamps a fresh node without them. Objects a configuration's write
 * created carry the marks too, so that they go with its last property.
 */
final class ConfigurationApplier {

    static final String LAST_UPDATED_BY = "$lastUpdatedBy";
    static final String LAST_UPDATED_BY_DIGEST = "$lastUpdatedByDigest";

    private static final Logger LOG = LoggerFactory.getLogger(IotHub.class);

    private final HubCore core;

    ConfigurationApplier(HubCore core) {
        this.core = core;
    }

    /**
     * Returns what {@code rules} make of the twin in {@code current}: the same slot's state when nothing changes,
     * else the new twin with the desired-property notification its change sends.
     */
    HubCore.Outcome apply(HubEntry.Slot current, Collection<ConfigurationRule> rules) {
        TwinState twin = current.twin();
        Plan plan = ConfigurationPlanner.plan(current.document(), rules);
        Map<String, ConfigurationStatus> previous = twin.configurations() == null ? Map.of() : twin.configurations();
        PropertySection desired = twin.desired();
        JsonObject before = desired.properties().toJson();
        JsonObject metadata = desired.metadata().map(PropertyMetadata::toJson).orElse(JsonObject.empty());

        MergePatch.Builder patch = MergePatch.builder();
        Map<TwinPath, Claim> written = new TreeMap<>();
        for (Map.Entry<TwinPath, Claim> entry : plan.claims().entrySet()) {
            TwinPath path = entry.getKey();
            Claim claim = entry.getValue();
            String owner = owner(metadata, path);
            boolean starts = previous.get(claim.configurationId()) != ConfigurationStatus.APPLIED;
            boolean takesOver = owner != null && !owner.equals(claim.configurationId());
            if (!starts && !takesOver) {
                continue;
            }
            JsonValue now = valueAt(before, path);
            if (claim.value().isNull()) {
                if (now != null) {
                    patch.delete(path);
                }
            } else if (!claim.value().equals(now) || !claim.configurationId().equals(owner)) {
                patch.set(path, claim.value());
                written.put(path, claim);
            }
        }
        Set<TwinPath> claimed = plan.claims().keySet();
        Set<TwinPath> enclosing = new HashSet<>();
        for (TwinPath path : claimed) {
            for (TwinPath above = path.parent(); !above.isRoot(); above = above.parent()) {
                enclosing.add(above);
            }
        }
        List<TwinPath> objects = new ArrayList<>();
        removeLeftovers(metadata, TwinPath.root(), before, claimed, enclosing, patch, objects);
        MergePatch built = prune(patch, before, objects);

        Map<String, ConfigurationStatus> statuses = new TreeMap<>(plan.statuses());
        PropertySection nextDesired = desired;
        JsonObject notification = null;
        if (!built.isEmpty()) {
            try {
                PropertySet properties = TwinBodies.apply(core.validator, core.options, TwinSection.DESIRED,
                        desired.properties(), built);
                long version = twin.desiredVersion() + 1;
                PropertyMetadata stamped = new MetadataStamper(core.now(), version).afterPatch(desired.metadata(),
                        before, built.toJson());
                nextDesired = PropertySection.of(properties, version)
                        .withMetadata(PropertyMetadata.of(mark(stamped.toJson(), before, written)));
                notification = built.toJson().with(PropertySection.VERSION, JsonNumber.of(version));
            } catch (TwinException refused) {
                LOG.debug("configurations cannot be applied to twin {}: {}", current.identity().key(),
                        refused.getMessage());
                for (Claim claim : written.values()) {
                    statuses.put(claim.configurationId(), ConfigurationStatus.TARGETED);
                }
            }
        }
        Map<String, ConfigurationStatus> nextStatuses = statuses;
        if (statuses.isEmpty()) {
            // a twin no configuration targets has no section, unless it came with an empty one
            nextStatuses = previous.isEmpty() ? twin.configurations() : null;
        }
        if (nextDesired == desired && Objects.equals(nextStatuses, twin.configurations())) {
            return new HubCore.Outcome(current.identity(), twin, null);
        }
        TwinState next = new TwinState(twin.etagCounter() + 1, twin.tags(), nextDesired, twin.reported(),
                nextStatuses);
        return new HubCore.Outcome(current.identity(), next, notification);
    }

    /**
     * Adds to {@code patch} the removal of every property below {@code path} that a configuration wrote (its node
     * carries {@code $lastUpdatedBy}) and that no claim of the plan covers, overlaps or sits below: the configuration
     * no longer applies it. Objects it wrote that still hold something are collected in {@code objects}, for
     * {@link #prune}.
     */
    private static void removeLeftovers(JsonObject node, TwinPath path, JsonObject before, Set<TwinPath> claimed,
                                        Set<TwinPath> enclosing, MergePatch.Builder patch, List<TwinPath> objects) {
        for (int i = 0; i < node.size(); i++) {
            String key = node.keyAt(i);
            if (key.startsWith("$") || !(node.valueAt(i) instanceof JsonObject child)) {
                continue;
            }
            TwinPath at = path.child(key);
            JsonValue value = valueAt(before, at);
            if (value == null) {
                continue;
            }
            boolean marked = child.valueOrNull(LAST_UPDATED_BY) instanceof JsonString;
            if (marked && !ConfigurationPlanner.overlapsAny(at, claimed, enclosing)) {
                if (value instanceof JsonObject object && !object.isEmpty()) {
                    objects.add(at);
                } else {
                    patch.delete(at);
                    continue;
                }
            }
            if (value instanceof JsonObject) {
                removeLeftovers(child, at, before, claimed, enclosing, patch, objects);
            }
        }
    }

    /** Returns {@code patch} with the removal of each of {@code objects} that it leaves empty, deepest first. */
    private static MergePatch prune(MergePatch.Builder patch, JsonObject before, List<TwinPath> objects) {
        MergePatch built = patch.build();
        if (objects.isEmpty()) {
            return built;
        }
        objects.sort((a, b) -> Integer.compare(b.size(), a.size()));
        JsonObject after = built.applyTo(before);
        for (TwinPath object : objects) {
            if (valueAt(after, object) instanceof JsonObject left && left.isEmpty()) {
                patch.delete(object);
                built = patch.build();
                after = built.applyTo(before);
            }
        }
        return built;
    }

    /**
     * Returns {@code metadata} with {@code $lastUpdatedBy} and {@code $lastUpdatedByDigest} on the node of each
     * property in {@code written}, and on each object the write created (absent from {@code before}) whose written
     * properties all come from one configuration.
     */
    private static JsonObject mark(JsonObject metadata, JsonObject before, Map<TwinPath, Claim> written) {
        Map<TwinPath, Set<Claim>> created = new HashMap<>();
        JsonObject out = metadata;
        for (Map.Entry<TwinPath, Claim> entry : written.entrySet()) {
            out = markAt(out, entry.getKey(), 0, entry.getValue());
            for (TwinPath above = entry.getKey().parent(); !above.isRoot(); above = above.parent()) {
                if (valueAt(before, above) instanceof JsonObject) {
                    break;
                }
                created.computeIfAbsent(above, k -> new HashSet<>()).add(entry.getValue());
            }
        }
        for (Map.Entry<TwinPath, Set<Claim>> entry : new LinkedHashMap<>(created).entrySet()) {
            Set<String> ids = new HashSet<>();
            entry.getValue().forEach(claim -> ids.add(claim.configurationId()));
            if (ids.size() == 1) {
                out = markAt(out, entry.getKey(), 0, entry.getValue().iterator().next());
            }
        }
        return out;
    }

    private static JsonObject markAt(JsonObject node, TwinPath path, int index, Claim claim) {
        if (index == path.size()) {
            return node.with(LAST_UPDATED_BY, JsonString.of(claim.configurationId()))
                    .with(LAST_UPDATED_BY_DIGEST, JsonString.of(claim.digest()));
        }
        String key = path.segment(index);
        if (!(node.valueOrNull(key) instanceof JsonObject child)) {
            return node;
        }
        return node.with(key, markAt(child, path, index + 1, claim));
    }

    /** Returns the {@code $lastUpdatedBy} of the metadata node at {@code path}, if there is one. */
    static @Nullable String owner(JsonObject metadata, TwinPath path) {
        JsonObject node = metadata;
        for (String segment : path.segments()) {
            if (!(node.valueOrNull(segment) instanceof JsonObject child)) {
                return null;
            }
            node = child;
        }
        return node.valueOrNull(LAST_UPDATED_BY) instanceof JsonString by ? by.value() : null;
    }

    static @Nullable JsonValue valueAt(JsonObject document, TwinPath path) {
        JsonValue value = document;
        for (String segment : path.segments()) {
            if (!(value instanceof JsonObject object)) {
                return null;
            }
            value = object.valueOrNull(segment);
            if (value == null) {
                return null;
            }
        }
        return value;
    }
}
