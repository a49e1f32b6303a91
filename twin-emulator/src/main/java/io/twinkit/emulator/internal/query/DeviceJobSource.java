package io.twinkit.emulator.internal.query;

import java.util.List;

/** Where the query service finds the device job records of {@code devices.jobs}: the hub's scheduled jobs. */
@FunctionalInterface
public interface DeviceJobSource {

    /** The source of a hub that runs no jobs. */
    DeviceJobSource NONE = List::of;

    /** Returns every device job record now, jobs in the order they were scheduled, then devices in job order. */
    List<? extends DeviceJobRecord> deviceJobs();
}
