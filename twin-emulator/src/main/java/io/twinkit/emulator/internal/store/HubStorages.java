package io.twinkit.emulator.internal.store;

import io.twinkit.emulator.HubOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Chooses the storage of a hub from its options. */
public final class HubStorages {

    private HubStorages() {
    }

    /**
     * Returns the storage for {@code options}: {@link HubStorage#inMemory()} when there is no data directory,
     * otherwise a persistent store in that directory, recovered if {@link HubOptions#recoverStore()} says so and
     * acknowledging commits as {@link HubOptions#durability()} says.
     *
     * @throws io.twinkit.emulator.HubStorageException if the data directory cannot be opened
     */
    public static HubStorage open(HubOptions options) {
        Objects.requireNonNull(options, "options");
        Optional<Path> directory = options.dataDirectory();
        if (directory.isEmpty()) {
            return HubStorage.inMemory();
        }
        return MvStoreHubStorage.open(directory.get(), options.recoverStore(), options.durability());
    }
}
