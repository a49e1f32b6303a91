package io.twinkit.reliability.load;

import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.TelemetryService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the hub's telemetry journal against what the devices saw: every message a device saw acknowledged (PUBACK)
 * must be in the journal exactly once, with its own body, message id, content type and connection device id; a
 * message whose connection ended before its PUBACK may be there once or not at all; nothing else may be there.
 *
 * <p>The journal is bounded and drops its oldest messages first, counting them. A device's messages are journaled in
 * the order it sent them (one connection, read in order), so an acknowledged message that is missing and older than
 * the first message of its device the journal still holds was dropped by the journal, not lost; the check counts it
 * apart ({@code droppedByJournal}, never more than the journal says it dropped) and its note says so. Any other
 * missing acknowledged message is {@code lost}.
 */
public final class TelemetryCheck {

    private static final int MAX_NOTES = 20;

    private long held;
    private long journalDropped;
    private long lastSequenceNumber;
    private long acked;
    private long exactlyOnce;
    private long droppedByJournal;
    private long lost;
    private long duplicates;
    private long unexpected;
    private long corrupt;
    private long unknownPresent;
    private long unknownAbsent;
    private final List<String> notes = new ArrayList<>();

    /** Checks the journal of {@code telemetry} against the devices' ledgers, read after their messages drained. */
    public void journal(Collection<DeviceLedger> ledgers, TelemetryService telemetry) {
        // read the numbers first: the journal only grows, so held + dropped may only exceed them
        List<TelemetryMessage> messages = telemetry.messages();
        journalDropped = telemetry.droppedCount();
        lastSequenceNumber = telemetry.lastSequenceNumber();
        held = messages.size();
        Map<String, DeviceLedger> byDevice = new HashMap<>();
        ledgers.forEach(ledger -> byDevice.put(ledger.deviceId(), ledger));
        Map<String, TreeMap<Long, Integer>> counts = new HashMap<>();
        for (TelemetryMessage message : messages) {
            String device = message.deviceId().value();
            DeviceLedger ledger = byDevice.get(device);
            long seq = seqOf(message);
            if (ledger == null || seq < 1 || seq > ledger.lastTelemetrySeq()) {
                unexpected++;
                note("unexpected message #" + message.sequenceNumber() + " from " + device + " with "
                        + LoadDevice.TELEMETRY_SEQ + " " + message.applicationProperties().get(LoadDevice.TELEMETRY_SEQ));
                continue;
            }
            if (!ledger.telemetryAcked().get((int) seq) && !ledger.telemetryUnknown().get((int) seq)) {
                unexpected++;
                note(device + ": message " + seq + " is journaled, but the device saw it neither acknowledged nor"
                        + " cut off");
            }
            checkContent(device, seq, message);
            counts.computeIfAbsent(device, d -> new TreeMap<>()).merge(seq, 1, Integer::sum);
        }
        for (DeviceLedger ledger : ledgers) {
            TreeMap<Long, Integer> seen = counts.getOrDefault(ledger.deviceId(), new TreeMap<>());
            long firstHeld = seen.isEmpty() ? Long.MAX_VALUE : seen.firstKey();
            for (int seq = ledger.telemetryAcked().nextSetBit(1); seq > 0;
                 seq = ledger.telemetryAcked().nextSetBit(seq + 1)) {
                acked++;
                int count = seen.getOrDefault((long) seq, 0);
                if (count == 1) {
                    exactlyOnce++;
                } else if (count > 1) {
                    duplicates += count - 1;
                    note(ledger.deviceId() + ": message " + seq + " is journaled " + count + " times");
                } else if (seq < firstHeld && droppedByJournal < journalDropped) {
                    droppedByJournal++;
                } else {
                    lost++;
                    note(ledger.deviceId() + ": acknowledged message " + seq + " is not in the journal (the first of"
                            + " the device it holds is " + (firstHeld == Long.MAX_VALUE ? "none" : firstHeld) + ")");
                }
            }
            for (int seq = ledger.telemetryUnknown().nextSetBit(1); seq > 0;
                 seq = ledger.telemetryUnknown().nextSetBit(seq + 1)) {
                int count = seen.getOrDefault((long) seq, 0);
                if (count == 0) {
                    unknownAbsent++;
                } else {
                    unknownPresent++;
                    if (count > 1) {
                        duplicates += count - 1;
                        note(ledger.deviceId() + ": message " + seq + " (no PUBACK) is journaled " + count
                                + " times");
                    }
                }
            }
        }
        if (held + journalDropped < lastSequenceNumber) {
            note("the journal holds " + held + " and dropped " + journalDropped + ", fewer than the "
                    + lastSequenceNumber + " it numbered");
        }
    }

    private void checkContent(String device, long seq, TelemetryMessage message) {
        List<String> wrong = new ArrayList<>();
        if (!Arrays.equals(message.body(), LoadDevice.telemetryBody(device, seq))) {
            wrong.add("body " + message.bodyAsString());
        }
        if (!message.messageId().orElse("").equals(device + "-" + seq)) {
            wrong.add("message id " + message.messageId());
        }
        if (!message.contentType().orElse("").equals("application/json")) {
            wrong.add("content type " + message.contentType());
        }
        if (!device.equals(message.systemProperties().get(TelemetryMessage.CONNECTION_DEVICE_ID))) {
            wrong.add("connection device id " + message.systemProperties().get(TelemetryMessage.CONNECTION_DEVICE_ID));
        }
        if (!wrong.isEmpty()) {
            corrupt++;
            note(device + ": message " + seq + " has " + String.join(", ", wrong));
        }
    }

    private static long seqOf(TelemetryMessage message) {
        String text = message.applicationProperties().get(LoadDevice.TELEMETRY_SEQ);
        try {
            return text == null ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void note(String what) {
        if (notes.size() < MAX_NOTES) {
            notes.add(what);
        }
    }

    /** Returns the acknowledged messages that are not in the journal and that its drops do not explain. */
    public long lost() {
        return lost;
    }

    /** Returns the acknowledged messages missing from the journal because it dropped them (oldest first). */
    public long droppedByJournal() {
        return droppedByJournal;
    }

    /** Returns the messages the journal holds more than once, counted beyond the first. */
    public long duplicates() {
        return duplicates;
    }

    /** Returns the journaled messages no device sent, or that their device saw neither acknowledged nor cut off. */
    public long unexpected() {
        return unexpected;
    }

    /** Returns the journaled messages whose body, ids or content type are not what their device sent. */
    public long corrupt() {
        return corrupt;
    }

    /** Returns the acknowledged messages found in the journal exactly once. */
    public long exactlyOnce() {
        return exactlyOnce;
    }

    /** Returns the acknowledged messages checked. */
    public long acked() {
        return acked;
    }

    /** Returns the first problems found, for failure messages. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Returns what the accounting says about drops: none, or how many acknowledged messages they explain. */
    public String accounting() {
        if (journalDropped == 0) {
            return "the journal dropped nothing: every acknowledged message was looked for";
        }
        return "the journal dropped its " + journalDropped + " oldest messages to stay within its bounds; "
                + droppedByJournal + " acknowledged messages, each older than the first of its device the journal"
                + " still holds, are counted as dropped by the journal, not as lost";
    }

    /** Returns the figures as JSON. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("journalHeld", held)
                .put("journalDropped", journalDropped)
                .put("journalLastSequenceNumber", lastSequenceNumber)
                .put("acked", acked)
                .put("ackedInJournalExactlyOnce", exactlyOnce)
                .put("droppedByJournal", droppedByJournal)
                .put("lost", lost)
                .put("duplicates", duplicates)
                .put("unexpected", unexpected)
                .put("corrupt", corrupt)
                .put("unknownOutcomePresent", unknownPresent)
                .put("unknownOutcomeAbsent", unknownAbsent)
                .put("accounting", accounting())
                .build();
    }
}
