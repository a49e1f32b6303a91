package io.twinkit.reliability.load;

import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks twins against what was acknowledged: reported updates against each device's {@link DeviceLedger}, desired
 * updates against the back ends' {@link DesiredAcks}, and each device's view of its desired properties against the
 * twin. An update with an unknown outcome may be present or absent, but only whole and with its own value.
 *
 * <p>Counts: {@code lost} (an acknowledged update not in the twin), {@code unexpected} (something in the twin nobody
 * sent, or more versions than updates), {@code corrupt} (a value other than the one sent, or a version count that does
 * not match the updates present), {@code staleViews} (a device whose desired properties differ from the twin's).
 */
public final class TwinCheck {

    private long twins;
    private long reportsChecked;
    private long desiredChecked;
    private long lost;
    private long unexpected;
    private long corrupt;
    private long staleViews;
    private long unknownApplied;
    private long unknownAbsent;
    private final List<String> mismatches = new ArrayList<>();

    /**
     * Checks every ledger's twin, as {@code read} gives it by device id: its reports, its desired properties against
     * what the back ends were told and, when {@code deviceViews}, the device's own view of its desired properties.
     */
    public void twins(Collection<DeviceLedger> ledgers, BackendLoad backends, Function<String, TwinDocument> read,
            boolean deviceViews) {
        for (DeviceLedger ledger : ledgers) {
            TwinDocument twin = read.apply(ledger.deviceId());
            reports(ledger, twin);
            desired(ledger.deviceId(), backends, twin);
            if (deviceViews) {
                deviceView(ledger, twin);
            }
        }
    }

    /** Opens the hub stored in {@code dataDirectory} in this JVM and checks every ledger's twin there. */
    public void stored(Path dataDirectory, Collection<DeviceLedger> ledgers, BackendLoad backends) {
        try (IotHub hub = IotHub.create(HubOptions.builder().dataDirectory(dataDirectory).build())) {
            twins(ledgers, backends, id -> hub.twins().get(TwinKey.device(id)), false);
        }
    }

    /** Checks the reported properties of {@code twin} against what its device was told. */
    public void reports(DeviceLedger ledger, TwinDocument twin) {
        twins++;
        reportsChecked += ledger.ackedCount();
        long version = twin.reported().version().orElse(-1);
        PropertySet reported = twin.reported().properties();
        long acked = ledger.ackedCount();
        long unknown = ledger.unknown().cardinality();
        if (ledger.mode() == LoadDevice.ReportMode.OVERWRITE) {
            long min = ledger.baseReportedVersion() + acked;
            long max = min + unknown;
            if (version < min) {
                mismatch(ledger.deviceId(), "reported $version " + version + " below " + min, min - version, 0, 0);
            } else if (version > max) {
                mismatch(ledger.deviceId(), "reported $version " + version + " above " + max, 0, version - max, 0);
            }
            if (acked > 0) {
                long seq = reported.getLong("seq").orElse(-1);
                if (seq < ledger.lastAckedSeq()) {
                    mismatch(ledger.deviceId(), "seq " + seq + " below the last acknowledged "
                            + ledger.lastAckedSeq(), 1, 0, 0);
                } else if (seq != ledger.lastAckedSeq() && (seq > ledger.lastSeq() || !ledger.unknown().get((int) seq))) {
                    mismatch(ledger.deviceId(), "seq " + seq + " was never sent unacknowledged", 0, 1, 0);
                }
            }
            return;
        }
        long present = 0;
        for (String key : reported.keys()) {
            JsonValue value = reported.get(key).orElseThrow();
            long seq = key.startsWith("k") ? parse(key.substring(1)) : -1;
            if (seq <= 0 || seq > ledger.lastSeq()) {
                mismatch(ledger.deviceId(), "reported key " + key + " was never sent", 0, 1, 0);
            } else if (!(value instanceof JsonNumber number) || number.longValue() != seq) {
                mismatch(ledger.deviceId(), "reported " + key + " holds " + value, 0, 0, 1);
            } else if (ledger.refused().get((int) seq)) {
                mismatch(ledger.deviceId(), "reported " + key + " was refused but applied", 0, 1, 0);
            } else if (!ledger.acked().get((int) seq) && !ledger.unknown().get((int) seq)) {
                mismatch(ledger.deviceId(), "reported " + key + " has no outcome", 0, 1, 0);
            }
            present++;
        }
        for (int seq = ledger.acked().nextSetBit(0); seq >= 0; seq = ledger.acked().nextSetBit(seq + 1)) {
            if (!reported.contains("k" + seq)) {
                mismatch(ledger.deviceId(), "acknowledged report k" + seq + " is missing", 1, 0, 0);
            }
        }
        for (int seq = ledger.unknown().nextSetBit(0); seq >= 0; seq = ledger.unknown().nextSetBit(seq + 1)) {
            if (reported.contains("k" + seq)) {
                unknownApplied++;
            } else {
                unknownAbsent++;
            }
        }
        if (version != ledger.baseReportedVersion() + present) {
            mismatch(ledger.deviceId(), "reported $version " + version + " but " + present + " updates on $version "
                    + ledger.baseReportedVersion(), 0, 0, 1);
        }
    }

    /** Checks the desired properties of {@code twin} against the updates {@code backends} sent to its device. */
    public void desired(String deviceId, BackendLoad backends, TwinDocument twin) {
        desired(deviceId, backends.acks(deviceId), twin);
    }

    private void desired(String deviceId, DesiredAcks acks, TwinDocument twin) {
        desiredChecked += acks.acked;
        long version = twin.desired().version().orElse(-1);
        long min = 1 + acks.acked;
        long max = min + acks.unknown;
        if (version < min) {
            mismatch(deviceId, "desired $version " + version + " below " + min, min - version, 0, 0);
        } else if (version > max) {
            mismatch(deviceId, "desired $version " + version + " above " + max, 0, version - max, 0);
        }
        PropertySet desired = twin.desired().properties();
        for (String key : desired.keys()) {
            JsonValue value = desired.get(key).orElseThrow();
            boolean known = acks.lastAcked.containsKey(key) || acks.unknownAfter.containsKey(key);
            if (!known) {
                mismatch(deviceId, "desired " + key + " was never sent", 0, 1, 0);
            } else if (!(value instanceof JsonNumber number) || !acks.allows(key, number.longValue())) {
                Long last = acks.lastAcked.get(key);
                boolean older = value instanceof JsonNumber number && last != null && number.longValue() < last;
                mismatch(deviceId, "desired " + key + " holds " + value + ", last acknowledged " + last,
                        older ? 1 : 0, 0, older ? 0 : 1);
            }
        }
        for (Map.Entry<String, Long> acked : acks.lastAcked.entrySet()) {
            if (!desired.contains(acked.getKey())) {
                mismatch(deviceId, "acknowledged desired " + acked.getKey() + " is missing", 1, 0, 0);
            }
        }
    }

    /** Checks that a device holds the twin's desired properties at the twin's desired {@code $version}. */
    public void deviceView(DeviceLedger ledger, TwinDocument twin) {
        long version = twin.desired().version().orElse(-1);
        JsonObject properties = twin.desired().properties().toJson();
        if (ledger.desiredVersion() != version || !ledger.desired().equals(properties)) {
            staleViews++;
            note(ledger.deviceId() + " holds desired $version " + ledger.desiredVersion() + " " + ledger.desired()
                    + ", the twin " + version + " " + properties);
        }
    }

    private void mismatch(String deviceId, String what, long lostCount, long unexpectedCount, long corruptCount) {
        lost += lostCount;
        unexpected += unexpectedCount;
        corrupt += corruptCount;
        note(deviceId + ": " + what);
    }

    private void note(String what) {
        if (mismatches.size() < 20) {
            mismatches.add(what);
        }
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Returns the acknowledged updates that are not in the twins. */
    public long lost() {
        return lost;
    }

    /** Returns the sum of every kind of mismatch. */
    public long mismatches() {
        return lost + unexpected + corrupt + staleViews;
    }

    /** Returns the first mismatches, for failure messages. */
    public List<String> notes() {
        return List.copyOf(mismatches);
    }

    /** Returns the counts as JSON. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("twinsChecked", twins)
                .put("ackedReportsChecked", reportsChecked)
                .put("ackedDesiredChecked", desiredChecked)
                .put("lost", lost)
                .put("unexpected", unexpected)
                .put("corrupt", corrupt)
                .put("staleDeviceViews", staleViews)
                .put("unknownOutcomeApplied", unknownApplied)
                .put("unknownOutcomeAbsent", unknownAbsent)
                .build();
    }
}
