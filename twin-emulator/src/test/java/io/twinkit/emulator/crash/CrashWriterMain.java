package io.twinkit.emulator.crash;

import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import io.twinkit.emulator.internal.store.MvStoreHubStorage;
import java.nio.file.Path;
import java.util.List;

/**
 * The child of {@link StorageCrashTest}: commits batch after batch to {@code MvStoreHubStorage} in the directory
 * given as the only argument and prints {@code ACK <i>} once commit {@code i} returned. Batch {@code i} writes twin
 * {@code t<i % 50>} with counter {@code i} and identity {@code writer} with {@code last = i}. It runs until it is
 * killed, its parent goes away (standard input closes) or a minute has passed.
 */
public final class CrashWriterMain {

    /** The number of twin records the writer cycles through. */
    static final int TWINS = 50;

    private CrashWriterMain() {
    }

    /** Runs the writer on the data directory {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        Orphans.exitWhenParentGoes();
        long stopAt = System.nanoTime() + 60_000_000_000L;
        MvStoreHubStorage storage = MvStoreHubStorage.open(Path.of(args[0]));
        for (long i = 1; System.nanoTime() < stopAt; i++) {
            storage.commit(List.of(
                    Mutation.put(Namespace.TWINS, "t" + (i % TWINS), JsonObject.builder().put("counter", i).build()),
                    Mutation.put(Namespace.IDENTITIES, "writer", JsonObject.builder().put("last", i).build())));
            System.out.println("ACK " + i);
            System.out.flush();
            if (System.out.checkError()) {
                break;
            }
        }
        storage.close();
        System.exit(3);
    }
}
