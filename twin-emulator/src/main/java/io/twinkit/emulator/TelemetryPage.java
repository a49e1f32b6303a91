package io.twinkit.emulator;

import java.util.List;
import java.util.Objects;

/**
 * One read of the telemetry journal, from {@link TelemetryService#poll(long, int)}: the messages after a sequence
 * number and what the journal looked like at that moment.
 *
 * <pre>{@code
 * long seen = 0;
 * TelemetryPage page = hub.telemetry().poll(seen, 100);
 * page.messages().forEach(this::handle);
 * seen = page.next();                    // pass it to the next poll
 * if (page.skipped() > 0) { ... }        // messages dropped from the journal before they could be read
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TelemetryPage {

    private final List<TelemetryMessage> messages;
    private final long after;
    private final long lastSequenceNumber;
    private final long droppedCount;
    private final long skipped;

    /**
     * Creates a page.
     *
     * @param messages the messages read, in sequence-number order
     * @param after the sequence number the read started after
     * @param lastSequenceNumber the sequence number of the newest message the hub had enqueued (0 for none)
     * @param droppedCount how many messages the journal had dropped in all
     * @param skipped how many messages after {@code after} had been dropped before this read could return them
     * @throws IllegalArgumentException if a number is negative or the messages are not in order after {@code after}
     */
    public TelemetryPage(List<TelemetryMessage> messages, long after, long lastSequenceNumber, long droppedCount,
                         long skipped) {
        this.messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (after < 0 || lastSequenceNumber < 0 || droppedCount < 0 || skipped < 0) {
            throw new IllegalArgumentException("page numbers must not be negative: after " + after + ", last "
                    + lastSequenceNumber + ", dropped " + droppedCount + ", skipped " + skipped);
        }
        long previous = after;
        for (TelemetryMessage message : this.messages) {
            if (message.sequenceNumber() <= previous) {
                throw new IllegalArgumentException("message #" + message.sequenceNumber() + " does not follow #"
                        + previous);
            }
            previous = message.sequenceNumber();
        }
        this.after = after;
        this.lastSequenceNumber = lastSequenceNumber;
        this.droppedCount = droppedCount;
        this.skipped = skipped;
    }

    /** Returns the messages after {@link #after()}, oldest first. */
    public List<TelemetryMessage> messages() {
        return messages;
    }

    /** Returns the sequence number the read started after. */
    public long after() {
        return after;
    }

    /** Returns the sequence number to read after next: the last message's, or {@link #after()} for an empty page. */
    public long next() {
        return messages.isEmpty() ? after : messages.get(messages.size() - 1).sequenceNumber();
    }

    /** Returns whether the journal held more messages after this page's last one when it was read. */
    public boolean hasMore() {
        return next() < lastSequenceNumber;
    }

    /** Returns the sequence number of the newest message the hub had enqueued when the page was read; 0 for none. */
    public long lastSequenceNumber() {
        return lastSequenceNumber;
    }

    /** Returns how many messages the journal had dropped (oldest first, to stay within its bounds) in all. */
    public long droppedCount() {
        return droppedCount;
    }

    /**
     * Returns how many messages after {@link #after()} the journal had dropped before this read: those the reader
     * missed, between {@link #after()} and the first message of the page.
     */
    public long skipped() {
        return skipped;
    }

    /** Returns the numbers and the message count, for logs. */
    @Override
    public String toString() {
        return "TelemetryPage[after " + after + ", " + messages.size() + " messages, last " + lastSequenceNumber
                + ", dropped " + droppedCount + ", skipped " + skipped + "]";
    }
}
