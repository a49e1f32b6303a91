package io.twinkit.core.pnp;

import io.twinkit.core.json.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The state of one writable property in a twin: its desired value, the desired version that last wrote it, and the
 * device's ack, if any. {@link WritableProperties#status} reads it from the desired and reported sections.
 *
 * <pre>{@code
 * // "desired":  {"targetTemperature": 21.3, "$version": 3}
 * // "reported": {"targetTemperature": {"value": 21.3, "ac": 200, "av": 3, "ad": "complete"}}
 * WritablePropertyStatus status = WritableProperties.status(desired, reported, null, "targetTemperature");
 * status.state();            // ACCEPTED
 * status.desiredVersion();   // OptionalLong[3]
 * status.isInSync();         // true
 * }</pre>
 *
 * <p>The state follows from the three parts (see {@link #state()}): an ack whose {@code av} is lower than
 * {@link #desiredVersion()} answers an older value and counts as no ack. When the desired version is unknown (the
 * twin carried neither {@code $metadata} nor {@code $version}) any ack is taken as answering the current value.
 *
 * <p>Immutable and thread-safe; equality compares the desired value (JSON equality), version and ack.
 */
public final class WritablePropertyStatus {

    private static final WritablePropertyStatus NOT_REQUESTED = new WritablePropertyStatus(null, -1, null);

    private final @Nullable JsonValue desiredValue;
    private final long desiredVersion;
    private final @Nullable WritablePropertyAck ack;

    private WritablePropertyStatus(@Nullable JsonValue desiredValue, long desiredVersion,
                                   @Nullable WritablePropertyAck ack) {
        this.desiredValue = desiredValue;
        this.desiredVersion = desiredVersion;
        this.ack = ack;
    }

    /**
     * Returns the status of a property with the given desired value, desired version and ack.
     *
     * @param desiredValue the desired value, or {@code null} when the desired section has none
     * @param desiredVersion the desired version that last wrote the property, or empty when unknown
     * @param ack the device's ack, or {@code null} when it reported none
     * @throws IllegalArgumentException if {@code desiredValue} is JSON {@code null}, {@code desiredVersion} is
     *     negative, or a version is given without a desired value
     */
    public static WritablePropertyStatus of(@Nullable JsonValue desiredValue, OptionalLong desiredVersion,
                                            @Nullable WritablePropertyAck ack) {
        Objects.requireNonNull(desiredVersion, "desiredVersion");
        if (desiredValue != null && desiredValue.isNull()) {
            throw new IllegalArgumentException("a desired value is never JSON null: a twin stores no nulls;"
                    + " pass null for a property that has no desired value");
        }
        if (desiredVersion.isPresent() && desiredVersion.getAsLong() < 0) {
            throw new IllegalArgumentException("desiredVersion must not be negative but is "
                    + desiredVersion.getAsLong());
        }
        if (desiredValue == null && desiredVersion.isPresent()) {
            throw new IllegalArgumentException("desiredVersion " + desiredVersion.getAsLong()
                    + " is given but there is no desired value for it to version");
        }
        if (desiredValue == null && ack == null) {
            return NOT_REQUESTED;
        }
        return new WritablePropertyStatus(desiredValue, desiredVersion.orElse(-1), ack);
    }

    /**
     * Returns the state:
     * {@link WritablePropertyState#NOT_REQUESTED} when there is no desired value;
     * {@link WritablePropertyState#PENDING} when there is no ack, or {@code ack.av < desiredVersion};
     * otherwise the state of the ack's code ({@link WritablePropertyState#ofCode(int)}).
     */
    public WritablePropertyState state() {
        if (desiredValue == null) {
            return WritablePropertyState.NOT_REQUESTED;
        }
        if (ack == null || ack.version() < desiredVersion) {
            return WritablePropertyState.PENDING;
        }
        return WritablePropertyState.ofCode(ack.code());
    }

    /** Returns the desired value, if the desired section has one. */
    public Optional<JsonValue> desiredValue() {
        return Optional.ofNullable(desiredValue);
    }

    /**
     * Returns the desired version that last wrote the property: its {@code $metadata.$lastUpdatedVersion} when the
     * desired section has metadata, else the desired section {@code $version}; empty when neither is known or there
     * is no desired value.
     */
    public OptionalLong desiredVersion() {
        return desiredVersion < 0 ? OptionalLong.empty() : OptionalLong.of(desiredVersion);
    }

    /** Returns the device's ack, if the reported section holds one for the property (stale or not). */
    public Optional<WritablePropertyAck> ack() {
        return Optional.ofNullable(ack);
    }

    /**
     * Returns whether the device has accepted the current desired value: there is a desired value, the ack has code
     * {@code 200} and its {@code av} is not lower than {@link #desiredVersion()}. A {@code 203} device default is not
     * in sync with a desired value, and nothing is in sync when nothing was requested.
     */
    public boolean isInSync() {
        return ack != null && ack.code() == AckCodes.ACCEPTED && state() == WritablePropertyState.ACCEPTED;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof WritablePropertyStatus other
                && desiredVersion == other.desiredVersion
                && Objects.equals(desiredValue, other.desiredValue)
                && Objects.equals(ack, other.ack);
    }

    @Override
    public int hashCode() {
        return Objects.hash(desiredValue, desiredVersion, ack);
    }

    /** Returns a description with the state and its three parts, for logs. */
    @Override
    public String toString() {
        return "WritablePropertyStatus[state=" + state()
                + ", desiredValue=" + desiredValue
                + ", desiredVersion=" + (desiredVersion < 0 ? "unknown" : Long.toString(desiredVersion))
                + ", ack=" + ack + "]";
    }
}
