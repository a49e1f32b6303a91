package io.twinkit.reliability.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.internal.telemetry.InboundTelemetry;
import io.twinkit.emulator.internal.telemetry.TelemetryJournal;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The telemetry accounting of the load test, on journals filled in-process (no network). */
class TelemetryCheckTest {

    @Test
    void everyAcknowledgedMessageFoundOnceIsAccountedForAndNothingIsLost() {
        try (IotHub hub = IotHub.create()) {
            journal(hub, "d1", 1, 2, 3);
            journal(hub, "d2", 1, 2);
            TelemetryCheck check = new TelemetryCheck();

            check.journal(List.of(ledger("d1", 3, bits(1, 2, 3), bits()), ledger("d2", 2, bits(1, 2), bits())),
                    hub.telemetry());

            assertThat(check.acked()).isEqualTo(5);
            assertThat(check.exactlyOnce()).isEqualTo(5);
            assertThat(check.lost() + check.duplicates() + check.unexpected() + check.corrupt()
                    + check.droppedByJournal()).isZero();
            assertThat(check.notes()).isEmpty();
            assertThat(check.accounting()).startsWith("the journal dropped nothing");
        }
    }

    @Test
    void aMissingAcknowledgedMessageIsLostAndATwiceJournaledOneADuplicate() {
        try (IotHub hub = IotHub.create()) {
            journal(hub, "d1", 1, 3, 3);
            TelemetryCheck check = new TelemetryCheck();

            check.journal(List.of(ledger("d1", 3, bits(1, 2, 3), bits())), hub.telemetry());

            assertThat(check.lost()).isEqualTo(1);
            assertThat(check.duplicates()).isEqualTo(1);
            assertThat(check.exactlyOnce()).isEqualTo(1);
            assertThat(check.notes()).containsExactly(
                    "d1: acknowledged message 2 is not in the journal (the first of the device it holds is 1)",
                    "d1: message 3 is journaled 2 times");
        }
    }

    @Test
    void messagesWithoutAPubAckMayBeThereOrNotButNothingElseMay() {
        try (IotHub hub = IotHub.create()) {
            journal(hub, "d1", 1, 2, 9);
            journal(hub, "stranger", 1);
            TelemetryCheck check = new TelemetryCheck();

            check.journal(List.of(ledger("d1", 3, bits(1), bits(2, 3))), hub.telemetry());

            assertThat(check.lost()).isZero();
            assertThat(check.toJson().valueOrNull("unknownOutcomePresent")).hasToString("1");
            assertThat(check.toJson().valueOrNull("unknownOutcomeAbsent")).hasToString("1");
            assertThat(check.unexpected()).isEqualTo(2);
        }
    }

    @Test
    void messagesTheJournalDroppedOldestFirstAreCountedAsDroppedNotLost() {
        try (IotHub hub = IotHub.create(HubOptions.builder().telemetryJournalSize(4).build())) {
            journal(hub, "d1", 1, 2, 3);
            journal(hub, "d2", 1, 2, 3);
            journal(hub, "d1", 4);       // the newest 4 stay: d2's 1 to 3 and d1's 4; d1's 1 to 3 are dropped
            TelemetryCheck check = new TelemetryCheck();

            check.journal(List.of(ledger("d1", 4, bits(1, 2, 3, 4), bits()), ledger("d2", 3, bits(1, 2, 3), bits())),
                    hub.telemetry());

            assertThat(hub.telemetry().droppedCount()).isEqualTo(3);
            assertThat(check.droppedByJournal()).isEqualTo(3);
            assertThat(check.lost()).isZero();
            assertThat(check.exactlyOnce()).isEqualTo(4);
            assertThat(check.accounting()).isEqualTo("the journal dropped its 3 oldest messages to stay within its"
                    + " bounds; 3 acknowledged messages, each older than the first of its device the journal still"
                    + " holds, are counted as dropped by the journal, not as lost");
        }
    }

    @Test
    void aMessageWithAnotherBodyOrIdIsCorrupt() {
        try (IotHub hub = IotHub.create()) {
            TelemetryJournal.of(hub).append(new InboundTelemetry(TwinKey.device("d1"),
                    Map.of(TelemetryMessage.MESSAGE_ID, "d1-1", TelemetryMessage.CONTENT_TYPE, "application/json"),
                    Map.of(LoadDevice.TELEMETRY_SEQ, "1"), "{\"seq\":2}".getBytes(), null, null));
            TelemetryCheck check = new TelemetryCheck();

            check.journal(List.of(ledger("d1", 1, bits(1), bits())), hub.telemetry());

            assertThat(check.corrupt()).isEqualTo(1);
            assertThat(check.notes()).singleElement().asString().startsWith("d1: message 1 has body {\"seq\":2}");
        }
    }

    private static void journal(IotHub hub, String device, long... seqs) {
        for (long seq : seqs) {
            TelemetryJournal.of(hub).append(new InboundTelemetry(TwinKey.device(device),
                    Map.of(TelemetryMessage.MESSAGE_ID, device + "-" + seq,
                            TelemetryMessage.CONTENT_TYPE, "application/json"),
                    Map.of(LoadDevice.TELEMETRY_SEQ, Long.toString(seq)), LoadDevice.telemetryBody(device, seq),
                    null, null));
        }
    }

    private static DeviceLedger ledger(String device, long lastSeq, BitSet acked, BitSet unknown) {
        return new DeviceLedger(device, LoadDevice.ReportMode.OVERWRITE, 0, 0, new BitSet(), new BitSet(),
                new BitSet(), 0, 0, JsonObject.empty(), 0, 0, true, lastSeq, acked, unknown);
    }

    private static BitSet bits(int... values) {
        BitSet bits = new BitSet();
        for (int value : values) {
            bits.set(value);
        }
        return bits;
    }
}
