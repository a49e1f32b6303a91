package io.twinkit.emulator.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.PropertySection;
import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.Durability;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a JVM running a persistent {@link IotHub} under concurrent twin writes with SIGKILL, restarts a hub on its
 * data directory and checks that every write the child saw acknowledged is there, with its version and value: in
 * either {@link Durability}, since a killed process leaves what it wrote to the store file with the operating system,
 * and its concurrent writers' commits are grouped into shared batches.
 */
class HubCrashTest {

    private static final int LINES_BEFORE_KILL = 300;

    @TempDir
    Path temp;

    /** The last acknowledged write of a section of a twin: its value of {@code n} and the section's version. */
    private record Ack(long n, long version) {
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void everyAcknowledgedTwinWriteSurvivesSigkillOfTheHub(Durability durability) throws Exception {
        Path dir = temp.resolve("data");
        HubOptions options = HubOptions.builder().dataDirectory(dir).build();
        List<String> lines;
        try (ChildJvm child = ChildJvm.start(HubCrashWriterMain.class, temp.resolve("stderr.txt"),
                dir.toString(), durability.name())) {
            assertThat(child.awaitLines(1, Duration.ofSeconds(60))).containsExactly("READY");
            lines = new ArrayList<>(child.awaitLines(LINES_BEFORE_KILL, Duration.ofSeconds(60)));
            // the running hub holds the directory: a second hub on it is refused, not run side by side
            assertThatThrownBy(() -> IotHub.create(options))
                    .isInstanceOf(HubStorageException.class)
                    .hasMessageContaining("in use by another process");
            lines.addAll(child.kill());
        }

        Map<String, Ack> desired = new HashMap<>();
        Map<String, Ack> reported = new HashMap<>();
        Map<String, Long> sharedByThread = new HashMap<>();
        long sharedVersion = 0;
        for (String line : lines) {
            assertThat(line).as("a line of the writer").matches("[DRS] [a-z0-9]+ [0-9]+ [0-9]+");
            String[] parts = line.split(" ");
            long n = Long.parseLong(parts[2]);
            long version = Long.parseLong(parts[3]);
            switch (parts[0]) {
                case "D" -> record(desired, parts[1], new Ack(n, version));
                case "R" -> record(reported, parts[1], new Ack(n, version));
                default -> {
                    sharedByThread.merge("t" + parts[1], n, Math::max);
                    sharedVersion = Math.max(sharedVersion, version);
                }
            }
        }
        assertThat(desired).as("devices with acknowledged desired updates").hasSizeGreaterThanOrEqualTo(
                HubCrashWriterMain.THREADS);

        try (IotHub hub = IotHub.create(options)) {
            for (Map.Entry<String, Ack> acked : desired.entrySet()) {
                assertSection("desired of " + acked.getKey(), hub.twins().get(TwinKey.device(acked.getKey()))
                        .desired(), acked.getValue());
            }
            for (Map.Entry<String, Ack> acked : reported.entrySet()) {
                assertSection("reported of " + acked.getKey(), hub.twins().get(TwinKey.device(acked.getKey()))
                        .reported(), acked.getValue());
            }
            TwinKey sharedKey = TwinKey.device(HubCrashWriterMain.SHARED);
            TwinDocument shared = hub.twins().get(sharedKey);
            assertThat(shared.reported().version().getAsLong()).as("reported $version of the shared twin")
                    .isGreaterThanOrEqualTo(sharedVersion);
            for (Map.Entry<String, Long> acked : sharedByThread.entrySet()) {
                assertThat(shared.reported().properties().getLong(acked.getKey()).getAsLong())
                        .as("shared reported %s", acked.getKey()).isGreaterThanOrEqualTo(acked.getValue());
            }
            // the restarted hub carries on from the stored versions
            long current = shared.reported().version().getAsLong();
            assertThat(hub.twins().report(sharedKey, shared.reported().properties().toJson(), current))
                    .isEqualTo(current + 1);
        }
    }

    /** Keeps the newest acknowledgement of a section; one thread writes it, so versions must rise. */
    private static void record(Map<String, Ack> acks, String device, Ack ack) {
        Ack previous = acks.put(device, ack);
        if (previous != null) {
            assertThat(ack.version()).as("acknowledged versions of %s rise", device)
                    .isGreaterThan(previous.version());
        }
    }

    private static void assertSection(String what, PropertySection section, Ack acked) {
        long version = section.version().getAsLong();
        long n = section.properties().getLong("n").getAsLong();
        assertThat(version).as("$version of %s", what).isGreaterThanOrEqualTo(acked.version());
        assertThat(n).as("n of %s", what).isGreaterThanOrEqualTo(acked.n());
        if (version == acked.version()) {
            assertThat(n).as("n of %s at the acknowledged $version", what).isEqualTo(acked.n());
        }
    }
}
