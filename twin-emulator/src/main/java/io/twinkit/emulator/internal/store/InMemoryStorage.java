package io.twinkit.emulator.internal.store;

import io.twinkit.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** The storage of an in-memory hub: the hub's own maps are the state, so there is nothing to load or write. */
enum InMemoryStorage implements HubStorage {
    INSTANCE;

    @Override
    public Map<String, JsonObject> load(Namespace namespace) {
        return Map.of();
    }

    @Override
    public void commit(List<Mutation> mutations) {
        // nothing outlives the process
    }

    @Override
    public boolean isPersistent() {
        return false;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
