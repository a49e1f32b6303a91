package io.twinkit.emulator.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinKey;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.TelemetryPage;
import io.twinkit.emulator.TelemetrySubscription;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The journal behind {@code IotHub.telemetry()}: numbering, stamping, bounds and drops, reads, waits, listeners. */
@Timeout(30)
class TelemetryJournalTest {

    private static final TwinKey D1 = TwinKey.device("d1");
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.987654Z");

    private static TelemetryJournal journal(int size, long bytes) {
        return new TelemetryJournal(HubOptions.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .telemetryJournalSize(size).telemetryJournalBytes(bytes).build());
    }

    private static InboundTelemetry inbound(String body) {
        return new InboundTelemetry(D1, Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8), "gen-1", null);
    }

    @Test
    void messagesAreNumberedFromOneAndStampedWithTheHubsNames() {
        TelemetryJournal journal = journal(10, 1 << 20);
        TelemetryMessage first = journal.append(new InboundTelemetry(TwinKey.module("d1", "m1"),
                Map.of(TelemetryMessage.MESSAGE_ID, "m"), Map.of("k", "v"), new byte[] {1, 2}, "gen-m", "dtmi:x;1"));
        TelemetryMessage second = journal.append(inbound("b"));

        assertThat(first.sequenceNumber()).isEqualTo(1);
        assertThat(second.sequenceNumber()).isEqualTo(2);
        assertThat(first.enqueuedTime()).isEqualTo(Instant.parse("2026-03-01T10:15:30.987Z"));
        assertThat(first.systemProperties()).containsExactly(
                Map.entry(TelemetryMessage.MESSAGE_ID, "m"),
                Map.entry(TelemetryMessage.CONNECTION_DEVICE_ID, "d1"),
                Map.entry(TelemetryMessage.CONNECTION_MODULE_ID, "m1"),
                Map.entry(TelemetryMessage.CONNECTION_AUTH_METHOD,
                        "{\"scope\":\"module\",\"type\":\"sas\",\"issuer\":\"iothub\",\"acceptingIpFilterRule\":null}"),
                Map.entry(TelemetryMessage.CONNECTION_AUTH_GENERATION_ID, "gen-m"),
                Map.entry(TelemetryMessage.ENQUEUED_TIME, "2026-03-01T10:15:30.987Z"),
                Map.entry(TelemetryMessage.MESSAGE_SOURCE, "Telemetry"),
                Map.entry(TelemetryMessage.DATA_SCHEMA, "dtmi:x;1"));
        assertThat(first.applicationProperties()).containsExactly(Map.entry("k", "v"));
        assertThat(first.body()).containsExactly(1, 2);
        assertThat(journal.messages()).containsExactly(first, second);
        assertThat(journal.lastSequenceNumber()).isEqualTo(2);
        assertThat(journal.droppedCount()).isZero();
    }

    @Test
    void beyondItsSizeTheOldestMessagesAreDroppedAndCounted() {
        TelemetryJournal journal = journal(3, 1 << 20);
        for (int i = 1; i <= 40; i++) {
            journal.append(inbound("m" + i));
        }

        assertThat(journal.messages()).extracting(TelemetryMessage::bodyAsString).containsExactly("m38", "m39", "m40");
        assertThat(journal.messages()).extracting(TelemetryMessage::sequenceNumber).containsExactly(38L, 39L, 40L);
        assertThat(journal.droppedCount()).isEqualTo(37);
        assertThat(journal.lastSequenceNumber()).isEqualTo(40);
    }

    @Test
    void beyondItsBytesTheOldestMessagesAreDroppedAndTheNewestIsAlwaysKept() {
        long cost = TelemetryJournal.cost(journal(1, 1 << 20).append(inbound("x".repeat(1000))));
        assertThat(cost).isGreaterThan(1000);
        TelemetryJournal journal = journal(1000, 2 * cost + cost / 2);
        journal.append(inbound("x".repeat(1000)));
        journal.append(inbound("y".repeat(1000)));
        assertThat(journal.messages()).hasSize(2);
        assertThat(journal.bytes()).isEqualTo(2 * cost);

        journal.append(inbound("z".repeat(1000)));
        assertThat(journal.messages()).extracting(TelemetryMessage::sequenceNumber).containsExactly(2L, 3L);
        assertThat(journal.droppedCount()).isEqualTo(1);

        journal.append(inbound("w".repeat(5000)));
        assertThat(journal.messages()).extracting(TelemetryMessage::sequenceNumber).containsExactly(4L);
        assertThat(journal.droppedCount()).isEqualTo(3);
    }

    @Test
    void pollReturnsPagesAfterASequenceNumberAndTellsWhatWasSkipped() {
        TelemetryJournal journal = journal(5, 1 << 20);
        TelemetryPage empty = journal.poll(0, 10);
        assertThat(empty.messages()).isEmpty();
        assertThat(empty.next()).isZero();
        assertThat(empty.hasMore()).isFalse();

        for (int i = 1; i <= 8; i++) {
            journal.append(inbound("m" + i));
        }
        TelemetryPage fromStart = journal.poll(0, 2);
        assertThat(fromStart.messages()).extracting(TelemetryMessage::sequenceNumber).containsExactly(4L, 5L);
        assertThat(fromStart.skipped()).isEqualTo(3);
        assertThat(fromStart.droppedCount()).isEqualTo(3);
        assertThat(fromStart.lastSequenceNumber()).isEqualTo(8);
        assertThat(fromStart.hasMore()).isTrue();
        assertThat(fromStart.next()).isEqualTo(5);

        TelemetryPage rest = journal.poll(fromStart.next(), 100);
        assertThat(rest.messages()).extracting(TelemetryMessage::sequenceNumber).containsExactly(6L, 7L, 8L);
        assertThat(rest.skipped()).isZero();
        assertThat(rest.hasMore()).isFalse();
        assertThat(journal.poll(8, 1).messages()).isEmpty();
        assertThat(journal.poll(1000, 1).messages()).isEmpty();
        assertThatThrownBy(() -> journal.poll(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.poll(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void awaitFindsAHeldMessageAtOnceAndWaitsForOneToCome() throws Exception {
        TelemetryJournal journal = journal(10, 1 << 20);
        journal.append(inbound("early"));
        assertThat(journal.await(m -> m.bodyAsString().equals("early"), Duration.ZERO)).isPresent();
        assertThat(journal.await(1, m -> m.bodyAsString().equals("early"), Duration.ofMillis(20))).isEmpty();

        long mark = journal.lastSequenceNumber();
        CompletableFuture<Optional<TelemetryMessage>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return journal.await(mark, m -> m.bodyAsString().startsWith("late"),
                        Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        journal.append(inbound("other"));
        journal.append(inbound("late-1"));
        journal.append(inbound("late-2"));
        assertThat(waiting.get(20, TimeUnit.SECONDS)).map(TelemetryMessage::bodyAsString).hasValue("late-1");
    }

    @Test
    void listenersGetEveryNewMessageInOrderUntilTheyUnsubscribe() {
        TelemetryJournal journal = journal(10, 1 << 20);
        journal.append(inbound("before"));
        List<String> seen = new CopyOnWriteArrayList<>();
        TelemetrySubscription failing = journal.subscribe(m -> {
            throw new IllegalStateException("a broken listener");
        });
        TelemetrySubscription subscription = journal.subscribe(m -> seen.add(m.sequenceNumber() + m.bodyAsString()));

        journal.append(inbound("a"));
        journal.append(inbound("b"));
        subscription.close();
        subscription.close();
        journal.append(inbound("c"));

        assertThat(seen).containsExactly("2a", "3b");
        assertThat(subscription.isActive()).isFalse();
        assertThat(failing.isActive()).as("a failing listener stays subscribed").isTrue();
        assertThat(journal.messages()).hasSize(4);
    }

    @Test
    void closingEndsSubscriptionsAndWakesWaitersWithIllegalState() throws Exception {
        TelemetryJournal journal = journal(10, 1 << 20);
        TelemetrySubscription subscription = journal.subscribe(m -> { });
        List<Throwable> failures = new ArrayList<>();
        Thread waiter = new Thread(() -> {
            try {
                journal.await(m -> false, Duration.ofSeconds(30));
            } catch (InterruptedException | RuntimeException e) {
                synchronized (failures) {
                    failures.add(e);
                }
            }
        });
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        journal.close();
        waiter.join(10_000);

        synchronized (failures) {
            assertThat(failures).singleElement().isInstanceOf(IllegalStateException.class);
        }
        assertThat(subscription.isActive()).isFalse();
        assertThatThrownBy(() -> journal.append(inbound("x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(journal::messages).isInstanceOf(IllegalStateException.class);
        journal.close();
    }
}
