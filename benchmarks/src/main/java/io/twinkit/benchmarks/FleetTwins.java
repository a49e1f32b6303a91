package io.twinkit.benchmarks;

import io.twinkit.core.ETag;
import io.twinkit.core.PropertySection;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * The twins of a generated fleet, for the benchmarks that hold many: device {@code i} of the fleet is a pure function
 * of {@code i}, in the service's JSON form. {@link #twin(int)} is a realistic small twin with {@code $metadata};
 * {@link #compact(int)} the same device with only what a query reads.
 */
public final class FleetTwins {

    private static final String[] REGIONS = {"westeurope", "eastus", "japaneast", "brazilsouth", "australiaeast"};
    private static final String[] KINDS = {"thermostat", "meter", "camera", "gateway"};

    private FleetTwins() {
    }

    /**
     * Returns the twin of device {@code index} of a fleet: a small twin (about 1.2 KB serialized) whose
     * {@code tags.location.region} cycles through five regions and whose {@code properties.reported.temperature} is
     * spread evenly over 15 to 45, so that {@code region = 'westeurope' AND temperature > 30} selects about 10% of
     * the fleet. Its etag, versions and {@code $metadata} are consistent, so an emulator can import it.
     */
    public static JsonObject twin(int index) {
        return fleet(index, false);
    }

    /**
     * Returns the compact twin of device {@code index} of a fleet: the same device and property values as
     * {@link #twin(int)}, without {@code $metadata} and with only the identity fields a query reads (about 360
     * bytes serialized). Large scans use it so that a million of them fit in a benchmark's heap.
     */
    public static JsonObject compact(int index) {
        return fleet(index, true);
    }

    private static JsonObject fleet(int index, boolean compact) {
        Random random = new Random(index * 0x9E3779B97F4A7C15L);
        String time = TwinGenerator.TIMES[index % TwinGenerator.TIMES.length];
        long reportedVersion = 2 + random.nextInt(40);
        long desiredVersion = 1 + random.nextInt(5);
        JsonObject tags = JsonObject.builder()
                .put("location", JsonObject.of("region", JsonString.of(REGIONS[index % REGIONS.length]),
                        "plant", JsonString.of("plant-" + (index / REGIONS.length) % 50)))
                .put("kind", KINDS[random.nextInt(KINDS.length)])
                .put("floor", random.nextInt(12))
                .build();
        JsonObject desired = JsonObject.of("telemetry", JsonObject.of("interval",
                JsonNumber.of(new int[] {30, 60, 300}[random.nextInt(3)])));
        JsonObject reported = JsonObject.builder()
                .put("temperature", Math.round((15 + random.nextDouble() * 30) * 100) / 100.0)
                .put("firmware", JsonObject.of("version", JsonString.of("1.4." + random.nextInt(10))))
                .put("battery", random.nextInt(101))
                .build();
        JsonObject.Builder twin = JsonObject.builder(16)
                .put("deviceId", String.format(Locale.ROOT, "device-%07d", index))
                .put("etag", ETag.ofCounter(2).value());
        if (compact) {
            return twin.put("status", "enabled")
                    .put("connectionState", index % 3 == 0 ? "Disconnected" : "Connected")
                    .put("version", 2 + reportedVersion)
                    .put("tags", tags)
                    .put("properties", JsonObject.of(
                            "desired", desired.with(PropertySection.VERSION, JsonNumber.of(desiredVersion)),
                            "reported", reported.with(PropertySection.VERSION, JsonNumber.of(reportedVersion))))
                    .build();
        }
        return twin.put("deviceEtag", Base64.getEncoder().encodeToString(
                        Integer.toString(index + 1).getBytes(StandardCharsets.US_ASCII)))
                .put("status", "enabled")
                .put("statusUpdateTime", "0001-01-01T00:00:00Z")
                .put("connectionState", index % 3 == 0 ? "Disconnected" : "Connected")
                .put("lastActivityTime", time)
                .put("cloudToDeviceMessageCount", 0)
                .put("authenticationType", "sas")
                .put("x509Thumbprint", TwinGenerator.thumbprint())
                .put("modelId", "dtmi:com:example:Thermostat;1")
                .put("version", 2 + reportedVersion)
                .put("tags", tags)
                .put("properties", JsonObject.of(
                        "desired", TwinGenerator.section(desired, desiredVersion, time, desiredVersion),
                        "reported", TwinGenerator.section(reported, reportedVersion, time, -1)))
                .build();
    }
}
