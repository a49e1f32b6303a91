package io.twinkit.emulator.internal.query;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonObject;

/**
 * One device job record of the hub's scheduled jobs, a row of {@code SELECT * FROM devices.jobs}: one device's part in
 * one job. Immutable once handed out, so a kept query result renders it when its page is read.
 */
public interface DeviceJobRecord {

    /** Returns the device. */
    DeviceId deviceId();

    /**
     * Returns the record as the service writes it: {@code deviceId}, {@code jobId}, {@code jobType}, {@code status},
     * {@code startTimeUtc}, {@code endTimeUtc}, {@code createdDateTimeUtc}, {@code lastUpdatedDateTimeUtc},
     * {@code outcome} and, for a failure, {@code error}.
     */
    JsonObject toJson();
}
