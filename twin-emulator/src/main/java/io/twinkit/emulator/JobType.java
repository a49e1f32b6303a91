package io.twinkit.emulator;

import java.util.Objects;
import java.util.Optional;

/**
 * What a scheduled job does, the {@code type} of the service's job ({@code jobType} in a device job record).
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-jobs">Schedule jobs on multiple
 *     devices</a>
 */
public enum JobType {
    /** Updates the tags and desired properties of every device the job's condition selects. */
    SCHEDULE_UPDATE_TWIN("scheduleUpdateTwin"),
    /** Calls a direct method on every device the job's condition selects. */
    SCHEDULE_DEVICE_METHOD("scheduleDeviceMethod");

    private final String wireName;

    JobType(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name the service uses, e.g. {@code scheduleUpdateTwin}. */
    public String wireName() {
        return wireName;
    }

    /** Returns the type the service names {@code name} (exactly, as it writes it), if any. */
    public static Optional<JobType> fromWireName(String name) {
        Objects.requireNonNull(name, "name");
        for (JobType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
