package io.twinkit.examples;

import static io.twinkit.query.TwinQuery.count;
import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.select;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.selectCount;
import static io.twinkit.query.TwinQuery.tag;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.query.Field;
import io.twinkit.query.Query;
import io.twinkit.query.QueryOptions;
import io.twinkit.query.QueryPage;
import io.twinkit.service.TwinServiceClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Queries over a fleet: a few thousand simulated devices are seeded straight into an embedded emulator's hub (tags
 * by region and plant, reported connectivity), then the back end counts them with {@code GROUP BY} and pages through
 * the cellular ones with continuations, the way a dashboard or a batch job would. The counts are checked against
 * what was seeded.
 */
public final class FleetQuery {

    /** The fleet size when none is given. */
    public static final int DEFAULT_DEVICES = 3000;
    /** The rows per page of the paged query. */
    public static final int PAGE_SIZE = 250;

    private static final String[][] PLANTS = {
        {"US", "Redmond43"}, {"US", "Redmond44"}, {"US", "Austin7"}, {"EU", "Dublin5"}, {"EU", "Amsterdam9"},
        {"APAC", "Singapore3"},
    };
    private static final String[] CONNECTIVITY = {"cellular", "cellular", "cellular", "wifi", "wifi", "wifi", "wifi",
        "ethernet", "ethernet", "ethernet"};

    /**
     * What the queries found, next to what was seeded.
     *
     * @param devices the devices seeded
     * @param total what {@code SELECT COUNT()} counted
     * @param byRegion the {@code GROUP BY} counts per region
     * @param byConnectivity the {@code GROUP BY} counts per connectivity type
     * @param pages the twins on each page of the cellular query
     * @param distinctPaged the distinct devices over all those pages
     * @param seededByRegion the devices seeded per region
     * @param seededByConnectivity the devices seeded per connectivity type
     */
    public record Result(int devices, long total, Map<String, Long> byRegion, Map<String, Long> byConnectivity,
            List<Integer> pages, int distinctPaged, Map<String, Long> seededByRegion,
            Map<String, Long> seededByConnectivity) {

        /** Returns whether every count matches the seeded fleet and the pages cover the cellular devices once. */
        public boolean totalsAddUp() {
            long cellular = seededByConnectivity.getOrDefault("cellular", 0L);
            return total == devices && byRegion.equals(seededByRegion) && byConnectivity.equals(seededByConnectivity)
                    && pages.stream().mapToLong(Integer::longValue).sum() == cellular && distinctPaged == cellular;
        }
    }

    private FleetQuery() {
    }

    /**
     * Runs the scenario and exits 0 when the totals add up.
     *
     * @param args an optional fleet size
     */
    public static void main(String[] args) {
        System.exit(runAsProgram(List.of(args), System.out, System.err));
    }

    static int runAsProgram(List<String> args, PrintStream out, PrintStream err) {
        return Exit.guard("fleet", err, () -> {
            int devices = DEFAULT_DEVICES;
            if (args.size() > 1) {
                throw new SettingsException("usage: fleet [devices]");
            }
            if (args.size() == 1) {
                try {
                    devices = Integer.parseInt(args.get(0));
                } catch (NumberFormatException e) {
                    throw new SettingsException("the fleet size '" + args.get(0) + "' is not a number", e);
                }
                if (devices < 1 || devices > 100_000) {
                    throw new SettingsException("the fleet size " + devices + " is outside 1..100000");
                }
            }
            if (!run(out, devices).totalsAddUp()) {
                throw new ExampleFailure("the end: the counts do not add up");
            }
        });
    }

    /**
     * Runs the scenario on an embedded emulator.
     *
     * @param out where the steps are printed
     * @param devices the fleet size
     * @return the counts found and seeded
     * @throws ExampleFailure if a count does not match what was seeded
     */
    public static Result run(PrintStream out, int devices) {
        Steps steps = new Steps(out);
        try (TwinkitEmulator emulator = EmbeddedEmulator.start()) {
            HubSettings settings = HubSettings.ofEmulator(emulator);
            steps.line("Fleet queries on " + settings.description());
            steps.step("Seeding " + devices + " devices into the hub in-process (tags and reported properties)");
            Map<String, Long> seededByRegion = new TreeMap<>();
            Map<String, Long> seededByConnectivity = new TreeMap<>();
            seed(emulator.hub(), devices, seededByRegion, seededByConnectivity);

            try (TwinServiceClient backEnd = settings.backEnd()) {
                Query total = selectCount("devices").fromDevices();
                steps.step("Back end counts them: " + total.toSql());
                long counted = backEnd.queries().rows(total).findFirst()
                        .flatMap(row -> row.get("devices")).map(v -> v.asNumber().longValue()).orElse(-1L);
                steps.detail(counted + " devices");
                steps.check(counted == devices, "counted " + counted + " devices, seeded " + devices);

                Map<String, Long> byRegion = groupBy(backEnd, tag("location.region"), "region", steps);
                steps.check(byRegion.equals(seededByRegion), "GROUP BY region gave " + byRegion + ", seeded "
                        + seededByRegion);
                Map<String, Long> byConnectivity = groupBy(backEnd, reported("connectivity.type"), "connectivity",
                        steps);
                steps.check(byConnectivity.equals(seededByConnectivity), "GROUP BY connectivity gave "
                        + byConnectivity + ", seeded " + seededByConnectivity);

                Query cellular = selectAll().fromDevices().where(reported("connectivity.type").eq("cellular"));
                steps.step("Back end pages through the cellular devices, " + PAGE_SIZE + " per page:");
                steps.detail(cellular.toSql());
                List<Integer> pages = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                QueryOptions options = QueryOptions.ofPageSize(PAGE_SIZE);
                while (true) {
                    QueryPage<TwinDocument> page = backEnd.queries().twinPage(cellular, options);
                    pages.add(page.items().size());
                    page.items().forEach(twin -> seen.add(twin.deviceId().value()));
                    steps.detail(String.format("page %d: %3d twins, %s", pages.size(), page.items().size(),
                            page.hasMore() ? "continuation " + abbreviate(page.continuation().orElseThrow())
                                    : "last page"));
                    if (!page.hasMore()) {
                        break;
                    }
                    options = options.withContinuation(page.continuation().orElseThrow());
                }
                long expected = seededByConnectivity.getOrDefault("cellular", 0L);
                steps.detail(seen.size() + " distinct devices on " + pages.size() + " pages");
                steps.check(seen.size() == expected && pages.stream().mapToInt(Integer::intValue).sum() == expected,
                        "the pages hold " + pages + " twins, " + seen.size() + " distinct; " + expected
                                + " cellular devices were seeded");
                Result result = new Result(devices, counted, byRegion, byConnectivity, List.copyOf(pages),
                        seen.size(), Map.copyOf(seededByRegion), Map.copyOf(seededByConnectivity));
                steps.line("Done: the counts and the pages add up to the " + devices + " devices seeded.");
                return result;
            }
        }
    }

    /** Creates the devices and writes their tags and reported properties straight into the hub, as a fixture. */
    private static void seed(IotHub hub, int devices, Map<String, Long> byRegion, Map<String, Long> byConnectivity) {
        Random random = new Random(43);
        for (int i = 1; i <= devices; i++) {
            TwinKey key = TwinKey.device(String.format("sensor-%05d", i));
            String[] plant = PLANTS[random.nextInt(PLANTS.length)];
            String connectivity = CONNECTIVITY[random.nextInt(CONNECTIVITY.length)];
            hub.registry().createDevice(key.deviceId());
            hub.twins().update(key, JsonObject.of("tags", JsonObject.of("location", JsonObject.of(
                    "region", JsonValue.of(plant[0]), "plant", JsonValue.of(plant[1])))), null);
            hub.twins().report(key, JsonObject.of("connectivity", JsonObject.of("type", JsonValue.of(connectivity)),
                    "firmwareVersion", JsonValue.of(random.nextInt(4) == 0 ? "1.0.0" : "2.0.0")), null);
            byRegion.merge(plant[0], 1L, Long::sum);
            byConnectivity.merge(connectivity, 1L, Long::sum);
        }
    }

    /** Runs {@code SELECT field AS alias, COUNT() AS devices ... GROUP BY field}, prints and returns the counts. */
    private static Map<String, Long> groupBy(TwinServiceClient backEnd, Field field, String alias, Steps steps) {
        Query query = select(field.as(alias), count().as("devices")).groupBy(field).fromDevices();
        steps.step("Back end groups them by " + alias + ":");
        steps.detail(query.toSql());
        Map<String, Long> counts = new TreeMap<>();
        backEnd.queries().rows(query).forEach(row -> counts.put(row.get(alias).map(JsonValue::asString)
                .orElse("(undefined)"), row.get("devices").map(v -> v.asNumber().longValue()).orElse(0L)));
        counts.forEach((value, n) -> steps.detail(String.format("%-12s %5d", value, n)));
        return counts;
    }

    private static String abbreviate(String continuation) {
        return continuation.length() <= 20 ? continuation
                : continuation.substring(0, 8) + "..." + continuation.substring(continuation.length() - 8);
    }
}
