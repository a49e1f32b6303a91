package io.twinkit.emulator.internal.hub;

import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.DeviceIdentity;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One identity and its twin in the hub's map. Writers hold {@link #lock} while they compute, commit and publish;
 * readers read {@link #slot} without locking. A {@code null} slot means the entry is dead (deleted, or its creation
 * failed): it is removed from the map before its lock is released, so a writer that finds it dead looks again.
 */
final class HubEntry {

    final ReentrantLock lock = new ReentrantLock();

    /** The current state; {@code null} while being created and after deletion. */
    volatile @Nullable Slot slot;

    /** The modules of a device entry; changed only under {@link #lock}, read without it. */
    final Set<ModuleId> modules = new ConcurrentSkipListSet<>();

    /**
     * An immutable snapshot of an identity and its twin, with the twin rendered once per write.
     *
     * @param identity the identity
     * @param twin the twin state
     * @param document the twin as the service's GET returns it
     */
    record Slot(DeviceIdentity identity, TwinState twin, TwinDocument document) {

        static Slot of(DeviceIdentity identity, TwinState twin) {
            return new Slot(identity, twin, twin.toDocument(identity));
        }
    }
}
