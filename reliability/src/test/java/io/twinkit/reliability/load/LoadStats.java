package io.twinkit.reliability.load;

import io.twinkit.core.json.JsonObject;
import io.twinkit.reliability.support.Latencies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** What a group of {@link LoadDevice}s did, counted as it happens. Thread-safe. */
public final class LoadStats {

    private static final int MAX_PROBLEMS = 50;

    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder unknown = new LongAdder();
    final LongAdder skippedOffline = new LongAdder();
    final LongAdder skippedBusy = new LongAdder();
    final LongAdder connectAttempts = new LongAdder();
    final LongAdder connects = new LongAdder();
    final LongAdder drops = new LongAdder();
    final LongAdder desiredReceived = new LongAdder();
    final LongAdder desiredGaps = new LongAdder();
    final LongAdder desiredStale = new LongAdder();
    final LongAdder resyncs = new LongAdder();
    final Latencies reportLatency = new Latencies();
    final LongAdder telemetrySent = new LongAdder();
    final LongAdder telemetryAcked = new LongAdder();
    final LongAdder telemetryUnknown = new LongAdder();
    final LongAdder telemetrySkippedBusy = new LongAdder();
    final Latencies telemetryLatency = new Latencies();
    private final List<String> problems = new ArrayList<>();
    private int problemCount;
    private volatile String firstRefusal = "";

    /** Records something that must not happen (a version going back, an error answer, a refused subscription). */
    void problem(String what) {
        synchronized (problems) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(what);
            }
        }
    }

    /** Records the answer to a refused report, keeping the first one. */
    void refusal(String topic, String payload) {
        synchronized (problems) {
            if (firstRefusal.isEmpty()) {
                firstRefusal = topic + " " + payload;
            }
        }
    }

    /** Returns the response topic and payload of the first refused report, or "" when none was refused. */
    public String firstRefusal() {
        return firstRefusal;
    }

    /** Returns the number of problems recorded. */
    public int problemCount() {
        synchronized (problems) {
            return problemCount;
        }
    }

    /** Returns the first problems recorded, for failure messages. */
    public List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** Returns the reported-update round trips, publish to the 204 response. */
    public Latencies reportLatency() {
        return reportLatency;
    }

    /** Returns the telemetry round trips, publish to PUBACK. */
    public Latencies telemetryLatency() {
        return telemetryLatency;
    }

    /** Returns the telemetry messages sent. */
    public long telemetrySent() {
        return telemetrySent.sum();
    }

    /** Returns the telemetry messages the hub acknowledged (PUBACK). */
    public long telemetryAcked() {
        return telemetryAcked.sum();
    }

    /** Returns the telemetry messages whose connection ended before their PUBACK. */
    public long telemetryUnknown() {
        return telemetryUnknown.sum();
    }

    /** Returns the acknowledged reported updates. */
    public long acked() {
        return acked.sum();
    }

    /** Returns the reported updates sent. */
    public long sent() {
        return sent.sum();
    }

    /** Returns the reported updates whose outcome is unknown: the connection ended before the response. */
    public long unknown() {
        return unknown.sum();
    }

    /** Returns the reported updates the hub answered with an error. */
    public long refused() {
        return refused.sum();
    }

    /** Returns the ticks without a report because the device was offline or had too many in flight. */
    public long skipped() {
        return skippedOffline.sum() + skippedBusy.sum();
    }

    /** Returns the connections that reached the online state (CONNACK, SUBACK and the twin GET). */
    public long connects() {
        return connects.sum();
    }

    /** Returns the counters as JSON. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("reportsSent", sent.sum())
                .put("reportsAcked", acked.sum())
                .put("reportsRefused", refused.sum())
                .put("reportsUnknownOutcome", unknown.sum())
                .put("ticksSkippedOffline", skippedOffline.sum())
                .put("ticksSkippedBusy", skippedBusy.sum())
                .put("connectAttempts", connectAttempts.sum())
                .put("connects", connects.sum())
                .put("drops", drops.sum())
                .put("desiredNotifications", desiredReceived.sum())
                .put("desiredGaps", desiredGaps.sum())
                .put("desiredStaleDropped", desiredStale.sum())
                .put("desiredResyncs", resyncs.sum())
                .put("telemetrySent", telemetrySent.sum())
                .put("telemetryAcked", telemetryAcked.sum())
                .put("telemetryUnknownOutcome", telemetryUnknown.sum())
                .put("telemetrySkippedBusy", telemetrySkippedBusy.sum())
                .put("problems", problemCount())
                .build();
    }
}
