package com.example.fleet;

import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;

import io.twinkit.core.TwinKey;
import io.twinkit.query.Query;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.util.List;
import java.util.Map;

/** The back end: puts devices into plants, and finds a plant's devices that are on cellular. */
public final class PlantInventory {

    record Location(String plant) {
    }

    record Tags(Location location) {
    }

    private final TwinServiceClient hub;

    public PlantInventory(TwinServiceClient hub) {
        this.hub = hub;
    }

    public void assign(String deviceId, String plant) {
        // the tags as a merge patch: {"location":{"plant":"..."}}
        hub.update(TwinKey.device(deviceId), TwinPatch.tagsChange(Map.of(), new Tags(new Location(plant))));
    }

    public List<String> onCellular(String plant) {
        Query query = selectAll().fromDevices()
                .where(tag("location.plant").eq(plant).and(reported("connectivity.type").eq("cellular")));
        return hub.queries().twins(query).map(twin -> twin.deviceId().value()).toList();
    }
}
