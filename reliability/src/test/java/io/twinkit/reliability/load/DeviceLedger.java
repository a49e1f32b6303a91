package io.twinkit.reliability.load;

import io.twinkit.core.json.JsonObject;
import java.util.BitSet;

/**
 * What one {@link LoadDevice} knows at a moment: the outcome of each reported update it sent (by sequence number, from
 * 1) and the desired properties it holds after its GETs and notifications.
 *
 * @param deviceId the device
 * @param mode how its reports were shaped
 * @param baseReportedVersion the reported {@code $version} of its first GET
 * @param lastSeq the last sequence number sent
 * @param acked the updates answered 204
 * @param unknown the updates whose connection ended before an answer
 * @param refused the updates answered with an error
 * @param lastAckedSeq the highest acknowledged sequence number, 0 if none
 * @param lastAckedVersion the reported {@code $version} of that acknowledgement
 * @param desired the desired properties the device holds, without {@code $version}
 * @param desiredVersion their {@code $version}
 * @param desiredGaps notifications that skipped a version while the device was online
 * @param online whether the device is connected and in sync
 * @param lastTelemetrySeq the last telemetry message sent (numbered from 1), 0 if none
 * @param telemetryAcked the telemetry messages the hub acknowledged (PUBACK)
 * @param telemetryUnknown the telemetry messages whose connection ended before their PUBACK
 */
public record DeviceLedger(String deviceId, LoadDevice.ReportMode mode, long baseReportedVersion, long lastSeq,
                           BitSet acked, BitSet unknown, BitSet refused, long lastAckedSeq, long lastAckedVersion,
                           JsonObject desired, long desiredVersion, long desiredGaps, boolean online,
                           long lastTelemetrySeq, BitSet telemetryAcked, BitSet telemetryUnknown) {

    /** Returns the number of acknowledged updates. */
    public int ackedCount() {
        return acked.cardinality();
    }
}
