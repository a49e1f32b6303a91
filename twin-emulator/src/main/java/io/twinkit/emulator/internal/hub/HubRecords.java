package io.twinkit.emulator.internal.hub;

import io.twinkit.core.TwinKey;
import io.twinkit.core.ETag;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.AccessRight;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import io.twinkit.emulator.internal.store.HubStorage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage records of a hub and how a hub is rebuilt from them. Keys are {@code deviceId} or
 * {@code deviceId/moduleId} ({@link TwinKey#toString()}) for identities and twins, the policy name for policies.
 * <ul>
 *   <li>{@code IDENTITIES}: {@link DeviceIdentity#toJson()}, the service's REST device or module JSON, keys
 *       included.</li>
 *   <li>{@code TWINS}: the service's twin JSON restricted to what the twin store owns (see {@link TwinState}).</li>
 *   <li>{@code POLICIES}: the service's policy JSON,
 *       {@code {"keyName":"service","primaryKey":"..","secondaryKey":"..","rights":"ServiceConnect"}}, rights
 *       comma-separated by wire name.</li>
 *   <li>{@code META}: {@code format} = {@code {"version":1}}, written with the default policies at first start;
 *       {@code identityEtag} = {@code {"counter":n}}, at least the last identity etag counter handed out.</li>
 *   <li>{@code CONFIGURATIONS}: written and read by {@link HubConfigurations}, by configuration id: the service's
 *       REST configuration JSON ({@link io.twinkit.emulator.HubConfiguration#toJson()}) without metric results.</li>
 * </ul>
 * An identity and its twin are always written in one batch.
 */
final class HubRecords {

    static final String META_FORMAT = "format";
    static final String META_IDENTITY_ETAG = "identityEtag";
    static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(IotHub.class);

    private HubRecords() {
    }

    /**
     * What a hub starts from.
     *
     * @param policies the shared access policies
     * @param slots every identity with its twin, devices before their modules
     * @param identityEtagCounter the largest identity etag counter seen
     */
    record Loaded(List<SharedAccessPolicy> policies, Map<TwinKey, HubEntry.Slot> slots, long identityEtagCounter) {
    }

    /**
     * Reads the state of a hub, writing the default policies first when the storage holds none.
     *
     * @throws HubStorageException if a record cannot be read or was written by a newer format
     */
    static Loaded load(HubStorage storage) {
        Map<String, JsonObject> meta = storage.load(Namespace.META);
        JsonObject format = meta.get(META_FORMAT);
        if (format != null && number(format, "version") > FORMAT_VERSION) {
            throw new HubStorageException("the data directory holds format version " + number(format, "version")
                    + ", newer than this twinkit's " + FORMAT_VERSION);
        }
        List<SharedAccessPolicy> policies = loadPolicies(storage);
        Map<String, JsonObject> identities = storage.load(Namespace.IDENTITIES);
        Map<String, JsonObject> twins = storage.load(Namespace.TWINS);
        JsonObject etagMeta = meta.get(META_IDENTITY_ETAG);
        long counter = etagMeta == null ? 0 : number(etagMeta, "counter");
        Map<TwinKey, HubEntry.Slot> slots = new TreeMap<>();
        for (Map.Entry<TwinKey, String> entry : sortedKeys(identities).entrySet()) {
            TwinKey key = entry.getKey();
            String text = entry.getValue();
            if (key.moduleId() != null && !slots.containsKey(key.deviceKey())) {
                LOG.warn("skipping stored module {}: its device is not stored", key);
                continue;
            }
            DeviceIdentity identity = readIdentity(text, identities.get(text));
            if (!identity.key().equals(key)) {
                throw new HubStorageException("IDENTITIES record '" + text + "' holds the identity " + identity.key());
            }
            JsonObject twinRecord = twins.get(text);
            TwinState twin;
            if (twinRecord == null) {
                LOG.warn("stored identity {} has no twin record; it gets a fresh twin", key);
                twin = TwinState.fresh();
            } else {
                twin = readTwin(text, twinRecord);
            }
            slots.put(key, HubEntry.Slot.of(identity, twin));
            counter = Math.max(counter, identity.etag().map(HubRecords::identityEtagCounter).orElse(0L));
        }
        for (String text : twins.keySet()) {
            if (!identities.containsKey(text)) {
                LOG.warn("skipping stored twin '{}': it has no identity record", text);
            }
        }
        return new Loaded(policies, slots, counter);
    }

    private static List<SharedAccessPolicy> loadPolicies(HubStorage storage) {
        Map<String, JsonObject> records = storage.load(Namespace.POLICIES);
        if (records.isEmpty()) {
            List<SharedAccessPolicy> defaults = SharedAccessPolicy.defaults();
            List<Mutation> batch = new ArrayList<>();
            for (SharedAccessPolicy policy : defaults) {
                batch.add(Mutation.put(Namespace.POLICIES, policy.name(), policyRecord(policy)));
            }
            batch.add(Mutation.put(Namespace.META, META_FORMAT, JsonObject.of("version",
                    JsonNumber.of(FORMAT_VERSION))));
            storage.commit(batch);
            return defaults;
        }
        List<SharedAccessPolicy> policies = new ArrayList<>();
        new TreeMap<>(records).forEach((name, json) -> policies.add(readPolicy(name, json)));
        return List.copyOf(policies);
    }

    static JsonObject policyRecord(SharedAccessPolicy policy) {
        String rights = EnumSet.copyOf(policy.rights()).stream().map(AccessRight::wireName)
                .collect(Collectors.joining(", "));
        return JsonObject.builder(4)
                .put("keyName", policy.name())
                .put("primaryKey", policy.primaryKey())
                .put("secondaryKey", policy.secondaryKey())
                .put("rights", rights)
                .build();
    }

    static SharedAccessPolicy readPolicy(String name, JsonObject json) {
        try {
            Set<AccessRight> rights = EnumSet.noneOf(AccessRight.class);
            for (String right : string(json, "rights").split(",")) {
                String wireName = right.trim();
                rights.add(Arrays.stream(AccessRight.values()).filter(r -> r.wireName().equals(wireName))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown right " + wireName)));
            }
            return new SharedAccessPolicy(string(json, "keyName"), string(json, "primaryKey"),
                    string(json, "secondaryKey"), rights);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new HubStorageException("POLICIES record '" + name + "' is unreadable: " + e.getMessage());
        }
    }

    /** Returns the decimal counter an identity etag encodes, or 0 when it is not of that form. */
    static long identityEtagCounter(ETag etag) {
        try {
            String text = new String(Base64.getDecoder().decode(etag.value()), StandardCharsets.US_ASCII);
            return text.matches("[0-9]{1,18}") ? Long.parseLong(text) : 0;
        } catch (IllegalArgumentException notBase64) {
            return 0;
        }
    }

    private static Map<TwinKey, String> sortedKeys(Map<String, JsonObject> records) {
        Map<TwinKey, String> keys = new TreeMap<>();
        for (String text : records.keySet()) {
            try {
                keys.put(TwinKey.parse(text), text);
            } catch (TwinException e) {
                throw new HubStorageException("IDENTITIES key '" + text + "' is not a device or module id: "
                        + e.getMessage());
            }
        }
        return keys;
    }

    private static DeviceIdentity readIdentity(String key, JsonObject json) {
        try {
            DeviceIdentity identity = DeviceIdentity.fromJson(json);
            if (identity.etag().isEmpty() || identity.generationId().isEmpty()) {
                throw new IllegalArgumentException("etag and generationId are required");
            }
            return identity;
        } catch (TwinException | IllegalArgumentException e) {
            throw new HubStorageException("IDENTITIES record '" + key + "' is unreadable: " + e.getMessage());
        }
    }

    private static TwinState readTwin(String key, JsonObject json) {
        try {
            return TwinState.of(TwinDocument.fromJson(json));
        } catch (TwinException | IllegalArgumentException e) {
            throw new HubStorageException("TWINS record '" + key + "' is unreadable: " + e.getMessage());
        }
    }

    private static long number(JsonObject json, String member) {
        JsonValue value = json.valueOrNull(member);
        if (value instanceof JsonNumber number && number.fitsInLong()) {
            return number.longValue();
        }
        throw new HubStorageException("META member '" + member + "' must be an integer but is " + value);
    }

    private static String string(JsonObject json, String member) {
        JsonValue value = json.valueOrNull(member);
        if (value instanceof JsonString text) {
            return text.value();
        }
        throw new IllegalArgumentException(member + " must be a string but is " + value);
    }
}
