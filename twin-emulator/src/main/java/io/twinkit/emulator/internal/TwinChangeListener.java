package io.twinkit.emulator.internal;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import org.jspecify.annotations.Nullable;

/**
 * Receives every committed twin change of a hub, so that a view such as the query index never reads the store's
 * internals. The hub calls {@link #twinChanged} after the change is durable and visible to readers, synchronously,
 * while it still holds the lock of that twin: calls for one twin arrive in commit order, calls for different twins
 * may arrive concurrently from different threads. Implementations must be thread-safe and return quickly; an
 * exception they throw is logged and does not fail the write.
 */
public interface TwinChangeListener {

    /**
     * Receives the new state of the twin {@code key}: after a create, import, service update or replace, device
     * report, or identity update (which changes identity fields such as {@code status} and {@code deviceEtag}), the
     * full twin as {@code GET} returns it; {@code null} when the twin was deleted (a device's modules each get their
     * own call before the device).
     *
     * @param key the twin
     * @param state the twin after the change, or {@code null} if it no longer exists
     */
    void twinChanged(TwinKey key, @Nullable TwinDocument state);
}
