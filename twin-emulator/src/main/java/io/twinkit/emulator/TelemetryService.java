package io.twinkit.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The device-to-cloud messages (telemetry) of a hub, kept in a bounded journal in the order the hub enqueued them:
 * what a back end would read from the hub's built-in events endpoint. Devices send them over MQTT
 * ({@code devices/{id}/messages/events/…} and {@code devices/{id}/modules/{mid}/messages/events/…}); the journal keeps
 * the newest {@link HubOptions#telemetryJournalSize()} messages within {@link HubOptions#telemetryJournalBytes()},
 * dropping the oldest first and counting them ({@link #droppedCount()}). It lives in memory only, also for a hub with
 * a data directory.
 *
 * <pre>{@code
 * long mark = hub.telemetry().lastSequenceNumber();
 * // ... the device under test sends {"temperature":21.5} with the property alert=true ...
 * TelemetryMessage message = hub.telemetry()
 *         .await(mark, m -> "true".equals(m.applicationProperties().get("alert")), Duration.ofSeconds(5))
 *         .orElseThrow(() -> new AssertionError("no alert within 5 s"));
 * try (TelemetrySubscription s = hub.telemetry().subscribe(received::add)) { ... }
 * }</pre>
 *
 * <p>Thread-safe. After the hub is closed, every method throws {@link IllegalStateException}, and so does a call that
 * is waiting.
 */
public interface TelemetryService {

    /**
     * Registers a listener for every message enqueued from now on (see {@link TelemetryListener} for the thread it
     * runs on).
     *
     * @return the subscription; close it to unsubscribe
     */
    TelemetrySubscription subscribe(TelemetryListener listener);

    /** Returns every message the journal holds, oldest first. */
    List<TelemetryMessage> messages();

    /**
     * Returns up to {@code maxMessages} of the messages after {@code afterSequenceNumber}, oldest first, with the
     * journal's numbers at that moment; {@code poll(0, n)} starts at the oldest message held.
     *
     * @throws IllegalArgumentException if {@code afterSequenceNumber} is negative or {@code maxMessages} below 1
     */
    TelemetryPage poll(long afterSequenceNumber, int maxMessages);

    /**
     * Returns the oldest message the journal holds that satisfies {@code condition}, waiting up to {@code timeout}
     * for one to arrive if none does.
     *
     * @return the message, or empty if none came within {@code timeout}
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    Optional<TelemetryMessage> await(Predicate<? super TelemetryMessage> condition, Duration timeout)
            throws InterruptedException;

    /**
     * Returns the oldest message after {@code afterSequenceNumber} (for example {@link #lastSequenceNumber()} before
     * the device was told to send) that satisfies {@code condition}, waiting up to {@code timeout} for one to arrive
     * if none does.
     *
     * @return the message, or empty if none came within {@code timeout}
     * @throws IllegalArgumentException if {@code afterSequenceNumber} is negative
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    Optional<TelemetryMessage> await(long afterSequenceNumber, Predicate<? super TelemetryMessage> condition,
                                     Duration timeout) throws InterruptedException;

    /** Returns the sequence number of the newest message the hub has enqueued, 0 before the first. */
    long lastSequenceNumber();

    /** Returns how many messages the journal has dropped, oldest first, to stay within its bounds. */
    long droppedCount();
}
