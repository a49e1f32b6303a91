package io.twinkit.emulator.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import io.twinkit.emulator.internal.store.MvStoreHubStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM that commits to {@link MvStoreHubStorage} with SIGKILL and checks that every commit it acknowledged is in
 * the directory afterwards, and that the file holds whole batches only.
 */
class StorageCrashTest {

    private static final int ACKS_BEFORE_KILL = 200;

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedCommitSurvivesSigkill() throws Exception {
        Path dir = temp.resolve("data");
        Map<Long, Long> lastAckByTwin = new HashMap<>();
        long maxAck = 0;
        try (ChildJvm child = ChildJvm.start(CrashWriterMain.class, temp.resolve("stderr.txt"), dir.toString())) {
            List<String> seen = new ArrayList<>(child.awaitLines(ACKS_BEFORE_KILL, Duration.ofSeconds(60)));
            // while the child holds the directory, MVStore's file lock keeps this process out
            assertThatThrownBy(() -> MvStoreHubStorage.open(dir))
                    .isInstanceOf(HubStorageException.class)
                    .hasMessageContaining("in use by another process");
            seen.addAll(child.kill());
            for (String line : seen) {
                assertThat(line).as("a line of the writer").matches("ACK [0-9]+");
                long ack = Long.parseLong(line.substring(4));
                assertThat(ack).as("acknowledgements come in order").isEqualTo(maxAck + 1);
                maxAck = ack;
                lastAckByTwin.put(ack % CrashWriterMain.TWINS, ack);
            }
        }

        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            long last = number(storage.load(Namespace.IDENTITIES).get("writer"), "last");
            assertThat(last).as("the last committed batch").isGreaterThanOrEqualTo(maxAck);
            Map<String, JsonObject> twins = storage.load(Namespace.TWINS);
            for (Map.Entry<Long, Long> acked : lastAckByTwin.entrySet()) {
                JsonObject twin = twins.get("t" + acked.getKey());
                assertThat(twin).as("twin t%d", acked.getKey()).isNotNull();
                assertThat(number(twin, "counter")).as("counter of t%d", acked.getKey())
                        .isGreaterThanOrEqualTo(acked.getValue());
            }
            // whole batches only: the twin of the last batch carries its counter and no twin is ahead of it
            assertThat(number(twins.get("t" + last % CrashWriterMain.TWINS), "counter")).isEqualTo(last);
            for (Map.Entry<String, JsonObject> twin : twins.entrySet()) {
                long counter = number(twin.getValue(), "counter");
                assertThat(counter).as(twin.getKey()).isLessThanOrEqualTo(last);
                assertThat("t" + counter % CrashWriterMain.TWINS).isEqualTo(twin.getKey());
            }
        }
    }

    private static long number(@Nullable JsonObject record, String member) {
        assertThat(record).as("the record holding '%s'", member).isNotNull();
        assertThat(record.valueOrNull(member)).as("%s of %s", member, record).isInstanceOf(JsonNumber.class);
        return ((JsonNumber) record.valueOrNull(member)).longValue();
    }
}
