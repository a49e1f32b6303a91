package io.twinkit.benchmarks;

import io.twinkit.core.ETag;
import io.twinkit.core.PropertySection;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The seeded generator of the benchmark fixtures: realistic device twins of a given {@link Size}, in the service's
 * JSON form with identity fields, {@code tags}, and desired and reported properties with {@code $version} and a
 * {@code $metadata} tree that mirrors them. {@link DesiredChanges} derives the next desired state of a twin, {@link FleetTwins} makes the
 * small twins the query and emulator benchmarks hold by the thousand.
 *
 * <p>Everything is a pure function of its arguments: the same size and seed give the same bytes on every JVM
 * ({@link Random} is specified bit for bit). Keys, values, nesting and the size split between the sections (about
 * 15% tags, 40% desired, 45% reported) are drawn from the seed; every document is within IoT Hub's limits.
 */
public final class TwinGenerator {

    /** The seed the benchmarks use. */
    public static final long DEFAULT_SEED = 0x7717_C0DEL;

    /** The fixture sizes: serialized length of the whole twin and deepest object level below a section root. */
    public enum Size {
        /** About 1 KB, objects nested 5 levels deep. */
        SMALL(1024, 5),
        /** About 8 KB, objects nested 7 levels deep. */
        MEDIUM(8 * 1024, 7),
        /** About 32 KB, objects nested 10 levels deep (the service's limit). */
        LARGE(32 * 1024, 10);

        private final int targetBytes;
        private final int maxDepth;

        Size(int targetBytes, int maxDepth) {
            this.targetBytes = targetBytes;
            this.maxDepth = maxDepth;
        }

        /** Returns the length the serialized twin aims at, in bytes. */
        public int targetBytes() {
            return targetBytes;
        }

        /** Returns the deepest object level below a section root; the root is level 0, as in IoT Hub's limit. */
        public int maxDepth() {
            return maxDepth;
        }
    }

    private static final String[] WORDS = {
        "temperature", "humidity", "pressure", "firmware", "version", "interval", "threshold", "mode", "enabled",
        "location", "region", "plant", "building", "floor", "room", "sensor", "config", "telemetry", "battery",
        "level", "sendFrequency", "sampleRate", "calibration", "offset", "gain", "network", "wifi", "signal",
        "rssi", "gateway", "schedule", "maintenance", "owner", "team", "alarm", "limits", "minimum", "maximum",
        "unit", "channel", "display", "brightness", "power", "voltage", "current", "uptime", "status", "health",
    };
    private static final String[] TEXTS = {
        "cellular", "wifi", "ethernet", "celsius", "fahrenheit", "auto", "manual", "eco", "boost", "standby",
        "Redmond43", "Munich12", "Osaka7", "nominal", "degraded", "pending", "applied", "westeurope", "eastus",
    };
    /** The timestamps of the generated metadata and values. */
    static final String[] TIMES = {
        "2024-03-01T08:15:30.1234567Z", "2024-03-04T17:02:11.4452917Z", "2024-03-09T23:59:01.0000001Z",
        "2024-03-12T06:30:45.9876543Z", "2024-03-15T12:00:00.5Z", "2024-03-18T19:45:12.3141592Z",
    };
    private static final double[] TAGS_DESIRED_REPORTED = {0.15, 0.40, 0.45};

    private TwinGenerator() {
    }

    /** Returns the twin of {@code size} generated from {@link #DEFAULT_SEED}. */
    public static JsonObject twin(Size size) {
        return twin(size, DEFAULT_SEED);
    }

    /**
     * Returns a twin of {@code size} in the service's JSON form, as {@code GET /twins/{id}} returns it: its serialized
     * length is within a few percent of {@link Size#targetBytes()}, and the deepest object below a section root is at
     * level {@link Size#maxDepth()} (in {@code tags}; in desired and reported too from {@link Size#MEDIUM} up).
     */
    public static JsonObject twin(Size size, long seed) {
        Objects.requireNonNull(size, "size");
        Random random = new Random(seed * 31 + size.ordinal());
        Sections sections = new Sections();
        if (size == Size.SMALL) {
            // a 1 KB twin has room for little besides its identity fields and metadata: one lean chain in the tags,
            // which carry no metadata, and a few leaves in each property section
            sections.add(0, word(random), chain(random, size.maxDepth(), 1), 0);
            sections.add(1, sections.freshKey(1, random), leaf(random), 1);
            sections.add(1, sections.freshKey(1, random), leaf(random), 1);
            sections.add(2, sections.freshKey(2, random), leaf(random), 2);
        } else {
            sections.add(0, word(random), chain(random, size.maxDepth(), 2), 0);
            sections.add(1, word(random), chain(random, size.maxDepth(), 2), 1);
            sections.add(2, word(random), chain(random, size.maxDepth() - 1, 2), 2);
        }
        int target = size.targetBytes();
        JsonObject document = assemble(sections, seed);
        int length = length(document);
        while (length < target * 0.97) {
            int section = pick(random, sections, target);
            JsonValue value = random.nextInt(3) == 0 ? leaf(random) : group(random, 1 + random.nextInt(3));
            String key = sections.freshKey(section, random);
            int stamp = random.nextInt(TIMES.length);
            sections.add(section, key, value, stamp);
            JsonObject candidate = assemble(sections, seed);
            int candidateLength = length(candidate);
            if (candidateLength > target * 1.03) {
                sections.removeLast(section);
                // too big a step: finish with single leaves
                JsonValue small = JsonNumber.of(random.nextInt(1000));
                sections.add(section, key, small, stamp);
                candidate = assemble(sections, seed);
                candidateLength = length(candidate);
                if (candidateLength > target * 1.03) {
                    sections.removeLast(section);
                    break;
                }
            }
            document = candidate;
            length = candidateLength;
        }
        return document;
    }

    /** Returns the deepest object level of {@code properties}, its root being level 0 (IoT Hub's depth rule). */
    public static int maxDepth(JsonObject properties) {
        int deepest = 0;
        for (int i = 0; i < properties.size(); i++) {
            if (properties.valueAt(i) instanceof JsonObject nested) {
                deepest = Math.max(deepest, 1 + maxDepth(nested));
            }
        }
        return deepest;
    }

    /** Returns the number of leaves (non-object values, arrays counted as one) of {@code properties}. */
    public static int leafCount(JsonObject properties) {
        int leaves = 0;
        for (int i = 0; i < properties.size(); i++) {
            leaves += properties.valueAt(i) instanceof JsonObject nested ? leafCount(nested) : 1;
        }
        return leaves;
    }

    // ---------------------------------------------------------------- assembly

    /** The user properties of the three sections, top-level group by group, with the stamp of each group. */
    private static final class Sections {
        private final List<List<String>> keys = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        private final List<List<JsonValue>> values = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        private final List<List<Integer>> stamps = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

        void add(int section, String key, JsonValue value, int stamp) {
            keys.get(section).add(key);
            values.get(section).add(value);
            stamps.get(section).add(stamp);
        }

        void removeLast(int section) {
            int last = keys.get(section).size() - 1;
            keys.get(section).remove(last);
            values.get(section).remove(last);
            stamps.get(section).remove(last);
        }

        String freshKey(int section, Random random) {
            String key = word(random);
            while (keys.get(section).contains(key)) {
                key = word(random) + random.nextInt(100);
            }
            return key;
        }

        JsonObject properties(int section) {
            JsonObject.Builder builder = JsonObject.builder(keys.get(section).size());
            for (int i = 0; i < keys.get(section).size(); i++) {
                builder.put(keys.get(section).get(i), values.get(section).get(i));
            }
            return builder.build();
        }

        int length(int section) {
            return length(properties(section));
        }

        private static int length(JsonObject object) {
            return TwinGenerator.length(object);
        }
    }

    private static int pick(Random random, Sections sections, int target) {
        double draw = random.nextDouble();
        int section = draw < TAGS_DESIRED_REPORTED[0] ? 0
                : draw < TAGS_DESIRED_REPORTED[0] + TAGS_DESIRED_REPORTED[1] ? 1 : 2;
        // tags carry no metadata, so their share of the bytes is their own; keep them under the service's 8 KB
        if (section == 0 && sections.length(0) > Math.min(target * TAGS_DESIRED_REPORTED[0], 7000)) {
            section = 2;
        }
        return section;
    }

    private static JsonObject assemble(Sections sections, long seed) {
        long desiredVersion = 3 + Math.floorMod(seed, 20);
        long reportedVersion = 5 + Math.floorMod(seed, 50);
        JsonObject desired = sections.properties(1);
        JsonObject reported = sections.properties(2);
        return JsonObject.builder(16)
                .put("deviceId", "thermostat-" + Long.toHexString(seed))
                .put("etag", ETag.ofCounter(7).value())
                .put("deviceEtag", "NTMzNjQ0Mjc4")
                .put("status", "enabled")
                .put("statusUpdateTime", "0001-01-01T00:00:00Z")
                .put("connectionState", "Connected")
                .put("lastActivityTime", TIMES[5])
                .put("cloudToDeviceMessageCount", 0)
                .put("authenticationType", "sas")
                .put("x509Thumbprint", thumbprint())
                .put("modelId", "dtmi:com:example:Thermostat;1")
                .put("version", 7 + reportedVersion)
                .put("tags", sections.properties(0))
                .put("properties", JsonObject.of(
                        "desired", section(desired, desiredVersion, metadata(sections, 1, desiredVersion)),
                        "reported", section(reported, reportedVersion, metadata(sections, 2, -1))))
                .build();
    }

    /** Returns the thumbprint of a SAS device, as the service writes it. */
    static JsonObject thumbprint() {
        return JsonObject.of("primaryThumbprint", JsonNull.INSTANCE, "secondaryThumbprint", JsonNull.INSTANCE);
    }

    private static JsonObject section(JsonObject properties, long version, JsonObject metadata) {
        return properties.toBuilder()
                .put(PropertySection.METADATA, metadata)
                .put(PropertySection.VERSION, version)
                .build();
    }

    /** Returns a section: {@code properties} with a metadata tree stamped {@code time} throughout, and its version. */
    static JsonObject section(JsonObject properties, long version, String time, long lastUpdatedVersion) {
        return section(properties, version, mirror(properties, time, lastUpdatedVersion));
    }

    private static JsonObject metadata(Sections sections, int section, long version) {
        JsonObject.Builder root = JsonObject.builder();
        root.put("$lastUpdated", TIMES[TIMES.length - 1]);
        if (version >= 0) {
            root.put("$lastUpdatedVersion", version);
        }
        List<String> keys = sections.keys.get(section);
        for (int i = 0; i < keys.size(); i++) {
            String time = TIMES[sections.stamps.get(section).get(i)];
            long groupVersion = version < 0 ? -1 : Math.max(1, version - sections.stamps.get(section).get(i) % 3);
            root.put(keys.get(i), node(sections.values.get(section).get(i), time, groupVersion));
        }
        return root.build();
    }

    private static JsonObject node(JsonValue value, String time, long version) {
        return value instanceof JsonObject object ? mirror(object, time, version) : stamp(time, version).build();
    }

    private static JsonObject mirror(JsonObject properties, String time, long version) {
        JsonObject.Builder node = stamp(time, version);
        for (int i = 0; i < properties.size(); i++) {
            node.put(properties.keyAt(i), node(properties.valueAt(i), time, version));
        }
        return node.build();
    }

    private static JsonObject.Builder stamp(String time, long version) {
        JsonObject.Builder node = JsonObject.builder();
        node.put("$lastUpdated", time);
        if (version >= 0) {
            node.put("$lastUpdatedVersion", version);
        }
        return node;
    }

    // ---------------------------------------------------------------- values

    /** An object at level 1 with objects below it down to level {@code depth}, up to {@code leaves} at each level. */
    private static JsonObject chain(Random random, int depth, int leaves) {
        JsonObject.Builder object = JsonObject.builder();
        int count = 1 + random.nextInt(leaves);
        for (int i = 0; i < count; i++) {
            putFresh(object, random, leaf(random));
        }
        if (depth > 1) {
            putFresh(object, random, chain(random, depth - 1, leaves));
        }
        return object.build();
    }

    /** An object at level 1 with at most {@code depth} levels: one to three leaves and up to two nested groups. */
    private static JsonObject group(Random random, int depth) {
        JsonObject.Builder object = JsonObject.builder();
        int leaves = 1 + random.nextInt(3);
        for (int i = 0; i < leaves; i++) {
            putFresh(object, random, leaf(random));
        }
        if (depth > 1) {
            int children = random.nextInt(4) == 0 ? 2 : 1;
            for (int i = 0; i < children; i++) {
                putFresh(object, random, group(random, depth - 1));
            }
        }
        return object.build();
    }

    private static void putFresh(JsonObject.Builder object, Random random, JsonValue value) {
        String key = word(random);
        while (object.valueOrNull(key) != null) {
            key = word(random) + random.nextInt(100);
        }
        object.put(key, value);
    }

    /** Returns a random leaf: an integer, a double, a string, a boolean or a small array. */
    static JsonValue leaf(Random random) {
        int kind = random.nextInt(100);
        if (kind < 30) {
            return JsonNumber.of(random.nextInt(100_000));
        } else if (kind < 50) {
            return JsonNumber.of(Math.round(random.nextDouble() * 100_000) / 100.0);
        } else if (kind < 80) {
            return JsonString.of(random.nextInt(4) == 0 ? TIMES[random.nextInt(TIMES.length)]
                    : TEXTS[random.nextInt(TEXTS.length)] + "-" + random.nextInt(1000));
        } else if (kind < 95) {
            return JsonBoolean.of(random.nextBoolean());
        }
        JsonArray.Builder array = JsonArray.builder();
        int size = 2 + random.nextInt(3);
        boolean numbers = random.nextBoolean();
        for (int i = 0; i < size; i++) {
            array.add(numbers ? JsonNumber.of(random.nextInt(1000)) : JsonString.of(TEXTS[random.nextInt(TEXTS.length)]));
        }
        return array.build();
    }

    /** Returns a random key word. */
    static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static int length(JsonValue value) {
        return value.toJsonBytes().length;
    }
}
