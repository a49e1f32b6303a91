package io.twinkit.service;

import io.twinkit.core.WireNamed;

/**
 * What a scheduled job does, as IoT Hub names it in a job's {@code type}. The service spells each constant as
 * {@link #wireName()}; reading ignores case.
 */
public enum TwinJobType implements WireNamed {
    /** Applies a patch of tags and desired properties to every twin the job's condition selects. */
    SCHEDULE_UPDATE_TWIN("scheduleUpdateTwin"),
    /** Invokes a direct method on every device the job's condition selects. */
    SCHEDULE_DEVICE_METHOD("scheduleDeviceMethod"),
    /** A type the hub did not name. */
    UNKNOWN("unknown");

    private final String wireName;

    TwinJobType(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name the service uses in JSON and in the {@code jobType} query parameter. */
    @Override
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the constant whose wire name is {@code text}, ignoring case.
     *
     * @param text the wire name
     * @return the type
     * @throws IllegalArgumentException if there is none, listing the accepted names
     */
    public static TwinJobType fromWireName(String text) {
        return WireNamed.fromWireName(TwinJobType.class, text);
    }

    /** Returns the wire name. */
    @Override
    public String toString() {
        return wireName;
    }
}
