package io.twinkit.reliability.support;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.IotHub;
import java.util.List;

/**
 * Everything a request could change in a hub, as one JSON object to compare before and after: every identity and
 * every twin, by key. Connection state and activity times are left out, since connecting is no write.
 */
public final class HubState {

    private static final List<String> CONNECTION_MEMBERS = List.of("connectionState", "connectionStateUpdatedTime",
            "lastActivityTime");

    private HubState() {
    }

    /** Returns the state of {@code hub} now. */
    public static JsonObject of(IotHub hub) {
        JsonObject.Builder state = JsonObject.builder();
        for (DeviceIdentity device : hub.registry().list()) {
            put(hub, state, device);
            for (DeviceIdentity module : hub.registry().modules(device.key().deviceId())) {
                put(hub, state, module);
            }
        }
        return state.build();
    }

    /** Returns what a write can change in {@code twin}: its JSON without connection state and activity time. */
    public static JsonObject content(TwinDocument twin) {
        return withoutConnection(twin.toJson());
    }

    private static void put(IotHub hub, JsonObject.Builder state, DeviceIdentity identity) {
        state.put("identity " + identity.key(), withoutConnection(identity.toJson()));
        state.put("twin " + identity.key(), content(hub.twins().get(identity.key())));
    }

    private static JsonObject withoutConnection(JsonObject json) {
        JsonObject result = json;
        for (String member : CONNECTION_MEMBERS) {
            result = result.without(member);
        }
        return result;
    }
}
