package io.twinkit.examples;

import static io.twinkit.query.TwinQuery.desired;
import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.select;
import static io.twinkit.query.TwinQuery.tag;

import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.ThrottlingTier;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.query.Condition;
import io.twinkit.query.Query;
import io.twinkit.service.DeviceConfiguration;
import io.twinkit.service.TwinJob;
import io.twinkit.service.TwinJobOptions;
import io.twinkit.service.TwinJobStatistics;
import io.twinkit.service.TwinJobStatus;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rollout over a fleet: 1,000 simulated devices are registered with the bulk registry, every fourth one in plant
 * {@value #PLANT}; the back end creates an automatic device configuration that sets a telemetry interval on the
 * plant's twins, with a custom metric counting the plant's twins that want firmware {@value #FIRMWARE}, and waits
 * until the hub has applied it; then it schedules a twin-update job that asks the plant's twins for that firmware,
 * prints the job's progress until it is done, and waits for the metric to count every twin. At the end it deletes
 * the configuration and the devices.
 *
 * <p>The devices are simulated by their twins only; none connects. Each carries the tag
 * {@code simulation: twinkit-rollout}, and the configuration and the job target only devices with it, so that on a
 * real hub no other device is touched; the devices an earlier, interrupted run left are found by that tag and removed
 * first, and a device id the hub has already is refused and left alone. It runs on an emulator started in-process,
 * which throttles as an {@link #EMBEDDED_TIER} hub so that the job takes a few seconds, or, with
 * {@value HubSettings#SERVICE_CONNECTION_STRING} or {@value HubSettings#EMULATOR_READY} set, on that hub or standalone
 * emulator (a real hub computes configuration metrics every few minutes: allow for ten).
 */
public final class Rollout {

    /** The fleet size when none is given. */
    public static final int DEFAULT_DEVICES = 1000;
    /** The plant whose devices the configuration and the job target. */
    public static final String PLANT = "Redmond43";
    /** The configuration's id. */
    public static final String CONFIGURATION_ID = "telemetry-redmond43";
    /** The custom metric of the configuration: the plant's twins that want the new firmware. */
    public static final String METRIC = "onFirmware2";
    /** The firmware the job asks for. */
    public static final String FIRMWARE = "2.0.0";
    /**
     * The tier the embedded emulator throttles as: its jobs update 50 devices a second, as an S3 unit's do, so that
     * the job's progress can be followed.
     */
    public static final ThrottlingTier EMBEDDED_TIER = ThrottlingTier.S3;
    /** How long the hub gets to apply the configuration, run the job and count the metric, each. */
    public static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** The tag that marks the simulated devices, so that on a real hub no other device is targeted or removed. */
    public static final String SIMULATION = "twinkit-rollout";

    private static final String[] OTHER_PLANTS = {"Redmond44", "Austin7", "Dublin5"};
    private static final Condition SIMULATED = tag("simulation").eq(SIMULATION);

    /** The telemetry settings the configuration sets. */
    public record Telemetry(int interval, String unit) {
    }

    /** The desired properties of the configuration's content. */
    public record TelemetrySettings(Telemetry telemetry) {
    }

    /** The firmware the job asks for. */
    public record Firmware(String version) {
    }

    /** The desired properties the job sets. */
    public record FirmwareSettings(Firmware firmware) {
    }

    /**
     * What the rollout reached.
     *
     * @param devices the devices registered
     * @param inPlant those in {@value #PLANT}
     * @param targeted the twins the configuration targeted at the end
     * @param applied the twins it was applied to
     * @param jobStatus the job's final status
     * @param job the job's final statistics
     * @param metric the custom metric's final count
     */
    public record Result(int devices, int inPlant, long targeted, long applied, TwinJobStatus jobStatus,
            TwinJobStatistics job, long metric) {

        /** Returns whether the configuration and the job reached every twin of the plant, and no other. */
        public boolean reachedThePlant() {
            return targeted == inPlant && applied == inPlant && jobStatus == TwinJobStatus.COMPLETED
                    && job.deviceCount() == inPlant && job.succeeded() == inPlant && job.failed() == 0
                    && metric == inPlant;
        }
    }

    private Rollout() {
    }

    /**
     * Runs the scenario with the process's environment and exits 0 when it reached the plant.
     *
     * @param args an optional fleet size
     */
    public static void main(String[] args) {
        System.exit(runAsProgram(System.getenv(), List.of(args), System.out, System.err));
    }

    static int runAsProgram(Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
        return Exit.guard("rollout", err, () -> {
            if (args.size() > 1) {
                throw new SettingsException("usage: rollout [devices]");
            }
            int devices = DEFAULT_DEVICES;
            if (args.size() == 1) {
                try {
                    devices = Integer.parseInt(args.get(0));
                } catch (NumberFormatException e) {
                    throw new SettingsException("the fleet size '" + args.get(0) + "' is not a number", e);
                }
                if (devices < 4 || devices > 10_000) {
                    throw new SettingsException("the fleet size " + devices + " is outside 4..10000");
                }
            }
            Optional<HubSettings> configured = HubSettings.fromEnvironment(env);
            Result result;
            if (configured.isPresent()) {
                if (!configured.get().hasBackEnd()) {
                    throw new SettingsException("the rollout runs a back end: set "
                            + HubSettings.SERVICE_CONNECTION_STRING + " (or " + HubSettings.EMULATOR_READY
                            + "), or neither to run on an embedded emulator");
                }
                result = run(configured.get(), out, devices);
            } else {
                result = run(out, devices);
            }
            if (!result.reachedThePlant()) {
                throw new ExampleFailure("the end: the rollout did not reach exactly the plant's twins: " + result);
            }
        });
    }

    /**
     * Runs the scenario on an embedded emulator.
     *
     * @param out where the steps are printed
     * @param devices the fleet size, at least 4
     * @return what the rollout reached
     * @throws ExampleFailure if a step does not see what it expected
     */
    public static Result run(PrintStream out, int devices) {
        try (TwinkitEmulator emulator = EmbeddedEmulator.start(HubOptions.builder()
                .throttling(EMBEDDED_TIER, 1).build())) {
            return run(HubSettings.ofEmulator(emulator), out, devices);
        }
    }

    /**
     * Runs the scenario on a hub or emulator.
     *
     * @param settings where the back end connects
     * @param out where the steps are printed
     * @param devices the fleet size, at least 4
     * @return what the rollout reached
     * @throws ExampleFailure if a step does not see what it expected
     */
    public static Result run(HubSettings settings, PrintStream out, int devices) {
        Objects.requireNonNull(settings, "settings");
        Steps steps = new Steps(out);
        steps.line("Firmware rollout on " + settings.description());
        try (TwinServiceClient backEnd = settings.backEnd()) {
            BulkRegistry registry = new BulkRegistry(settings.serviceConnectionString());
            removeLeftovers(backEnd, registry, steps);
            Map<String, JsonObject> fleet = fleet(devices);
            int inPlant = devices / 4;
            steps.step("Registering " + devices + " devices with the bulk registry, " + BulkRegistry.MAX_ITEMS
                    + " per request; every 4th is in plant " + PLANT);
            BulkRegistry.Outcome registered = registry.create(fleet);
            Result result;
            try {
                steps.detail(registered.applied().size() + " devices registered, " + inPlant + " in " + PLANT);
                steps.check(registered.refusals().isEmpty(), "the hub refused " + registered.refusals().size()
                        + " devices, " + String.join("; ", registered.refusals().subList(0,
                                Math.min(3, registered.refusals().size()))));
                result = rollout(backEnd, steps, devices, inPlant);
            } finally {
                cleanUp(backEnd, registry, registered.applied(), steps);
            }
            steps.line("Done: the configuration reached " + result.applied() + " of " + inPlant + " twins in " + PLANT
                    + ", the job updated " + result.job().succeeded() + " of " + result.job().deviceCount() + ".");
            return result;
        }
    }

    /**
     * Removes the devices an earlier run that did not get to clean up left behind: those tagged as this scenario's
     * ({@code tags.simulation}), and no other.
     */
    private static void removeLeftovers(TwinServiceClient backEnd, BulkRegistry registry, Steps steps) {
        List<String> leftovers = backEnd.queries().rows(select(deviceId()).fromDevices().where(SIMULATED))
                .map(row -> row.get("deviceId").map(id -> id.asString()).orElse(""))
                .filter(id -> !id.isEmpty()).toList();
        if (!leftovers.isEmpty()) {
            BulkRegistry.Outcome removed = registry.delete(leftovers);
            steps.line("(removed " + removed.applied().size() + " devices an earlier run left behind)");
        }
    }

    private static Result rollout(TwinServiceClient backEnd, Steps steps, int devices, int inPlant) {
        Condition inThePlant = tag("location.plant").eq(PLANT).and(SIMULATED);
        Query onNewFirmware = select(deviceId()).fromDevices()
                .where(inThePlant.and(desired("firmware.version").eq(FIRMWARE)));
        DeviceConfiguration telemetry = DeviceConfiguration.builder(CONFIGURATION_ID)
                .priority(10)
                .label("purpose", "telemetry")
                .targetCondition(inThePlant)
                .deviceContentFrom(new TelemetrySettings(new Telemetry(30, "s")))
                .metric(METRIC, onNewFirmware)
                .build();
        steps.step("Back end creates configuration " + CONFIGURATION_ID + " (priority " + telemetry.priority() + ")");
        steps.detail("target:  " + telemetry.targetCondition());
        steps.detail("content: " + telemetry.deviceContent());
        steps.detail("metric " + METRIC + ": " + onNewFirmware.toSql());
        DeviceConfiguration created = backEnd.configurations().create(telemetry);
        steps.detail("created, etag " + created.etag().map(etag -> etag.value()).orElse("(none)"));

        steps.step("Waiting until the hub has applied it to the plant's twins:");
        Progress applying = new Progress(steps);
        DeviceConfiguration applied = backEnd.configurations().awaitApplied(CONFIGURATION_ID, configuration -> {
            applying.show("targeted " + configuration.targetedCount() + ", applied " + configuration.appliedCount());
            return configuration.targetedCount() == inPlant && configuration.appliedCount() == inPlant;
        }, TIMEOUT);

        TwinPatch firmware = TwinPatch.desiredChange(Map.of(), new FirmwareSettings(new Firmware(FIRMWARE)));
        steps.step("Back end schedules a twin update job over " + inThePlant + ": " + firmware.desired());
        TwinJob job = backEnd.jobs().scheduleTwinUpdate(inThePlant, firmware, TwinJobOptions.defaults());
        steps.detail("job " + job.id() + ": " + job.status());
        Progress running = new Progress(steps);
        TwinJob done = job.await(TIMEOUT, progress -> running.show(describe(progress)));
        steps.check(done.status() == TwinJobStatus.COMPLETED, "the job ended " + done.status()
                + done.failureReason().map(reason -> " (" + reason + ")").orElse(""));

        steps.step("Waiting until the configuration's metric " + METRIC + " counts the new firmware:");
        Progress counting = new Progress(steps);
        DeviceConfiguration counted = backEnd.configurations().awaitApplied(CONFIGURATION_ID, configuration -> {
            long metric = configuration.metricResults().getOrDefault(METRIC, 0L);
            counting.show(METRIC + " = " + metric);
            return metric == inPlant;
        }, TIMEOUT);
        long metric = counted.metricResults().getOrDefault(METRIC, 0L);
        Result result = new Result(devices, inPlant, applied.targetedCount(), applied.appliedCount(), done.status(),
                done.statistics(), metric);
        steps.check(result.reachedThePlant(), "the rollout reached " + result);
        return result;
    }

    private static void cleanUp(TwinServiceClient backEnd, BulkRegistry registry, List<String> registered,
            Steps steps) {
        steps.step("Cleaning up");
        try {
            backEnd.configurations().delete(CONFIGURATION_ID);
        } catch (TwinNotFoundException notCreated) {
            // the rollout stopped before it created the configuration
        }
        BulkRegistry.Outcome removed = registry.delete(registered);
        steps.detail("configuration " + CONFIGURATION_ID + " deleted, " + removed.applied().size()
                + " devices removed");
    }

    private static String describe(TwinJob job) {
        TwinJobStatistics statistics = job.statistics();
        return job.status() + ": " + statistics.succeeded() + " of " + statistics.deviceCount() + " succeeded, "
                + statistics.failed() + " failed, " + (statistics.pending() + statistics.running()) + " to go";
    }

    /** The devices and their tags: {@code rollout-0001} …, every fourth in {@value #PLANT}. */
    private static Map<String, JsonObject> fleet(int devices) {
        Map<String, JsonObject> fleet = new LinkedHashMap<>();
        for (int i = 1; i <= devices; i++) {
            String plant = i % 4 == 0 ? PLANT : OTHER_PLANTS[i % OTHER_PLANTS.length];
            fleet.put(String.format("rollout-%04d", i), JsonObject.of("location", JsonObject.of(
                    "region", JsonString.of(plant.startsWith("Dublin") ? "EU" : "US"),
                    "plant", JsonString.of(plant)), "simulation", JsonString.of(SIMULATION)));
        }
        return fleet;
    }

    /** Prints a progress line when it differs from the one before. */
    private static final class Progress {

        private final Steps steps;
        private String last = "";

        Progress(Steps steps) {
            this.steps = steps;
        }

        void show(String line) {
            if (!line.equals(last)) {
                steps.detail(line);
                last = line;
            }
        }
    }
}
