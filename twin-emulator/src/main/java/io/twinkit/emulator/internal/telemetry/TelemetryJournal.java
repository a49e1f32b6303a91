package io.twinkit.emulator.internal.telemetry;

import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinTime;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.TelemetryListener;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.TelemetryPage;
import io.twinkit.emulator.TelemetryService;
import io.twinkit.emulator.TelemetrySubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TelemetryService} of a hub: a bounded journal of the messages its devices sent, in the order enqueued.
 * Each message gets the next sequence number (from 1) and the hub's clock's time (to the millisecond) when
 * {@link #append} takes it, and the system properties the hub stamps: the connection's device and module ids, the
 * authentication method ({@code {"scope":"device"|"module","type":"sas","issuer":"iothub",
 * "acceptingIpFilterRule":null}}), the identity's generation id, the enqueued time, {@code iothub-message-source:
 * Telemetry} and, for a device that announced one, its model id as {@code dt-dataschema}. Beyond
 * {@link HubOptions#telemetryJournalSize()} messages or {@link HubOptions#telemetryJournalBytes()} bytes the oldest
 * are dropped and counted; the first drop is logged.
 *
 * <p>Thread-safe: one lock guards the journal; listeners run under it, so they see the messages in order.
 */
public final class TelemetryJournal implements TelemetryService {

    /** The value of {@link TelemetryMessage#MESSAGE_SOURCE}. */
    public static final String MESSAGE_SOURCE = "Telemetry";

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryJournal.class);
    private static final long MESSAGE_OVERHEAD_BYTES = 256;
    private static final long PROPERTY_OVERHEAD_BYTES = 48;

    private final int maxMessages;
    private final long maxBytes;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final List<Listening> listeners = new ArrayList<>();
    private TelemetryMessage[] ring = new TelemetryMessage[16];
    private int head;
    private int size;
    private long bytes;
    private long lastSequenceNumber;
    private long droppedCount;
    private boolean closed;

    /** Creates the empty journal of a hub with {@code options}. */
    public TelemetryJournal(HubOptions options) {
        Objects.requireNonNull(options, "options");
        this.maxMessages = options.telemetryJournalSize();
        this.maxBytes = options.telemetryJournalBytes();
        this.clock = options.clock();
    }

    /**
     * Returns the journal behind {@code hub}'s telemetry, which front ends feed.
     *
     * @throws IllegalArgumentException if the hub is not the emulator's own implementation
     */
    public static TelemetryJournal of(IotHub hub) {
        if (hub.telemetry() instanceof TelemetryJournal journal) {
            return journal;
        }
        throw new IllegalArgumentException("the telemetry of " + hub + " is not the emulator's journal, so no device"
                + " can send to it");
    }

    /**
     * Enqueues a message: numbers it, stamps it, keeps it (dropping the oldest beyond the bounds) and hands it to every
     * listener, in order.
     *
     * @return the message as enqueued
     * @throws IllegalStateException if the hub is closed
     */
    public TelemetryMessage append(InboundTelemetry inbound) {
        Objects.requireNonNull(inbound, "inbound");
        lock.lock();
        try {
            checkOpen();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            TelemetryMessage message = stamp(inbound, lastSequenceNumber + 1, now);
            lastSequenceNumber++;
            add(message);
            appended.signalAll();
            for (Listening listening : List.copyOf(listeners)) {
                listening.deliver(message);
            }
            return message;
        } finally {
            lock.unlock();
        }
    }

    private static TelemetryMessage stamp(InboundTelemetry inbound, long sequenceNumber, Instant now) {
        TwinKey source = inbound.source();
        TelemetryMessage.Builder message = TelemetryMessage.builder(sequenceNumber, source, now).body(inbound.body());
        inbound.systemProperties().forEach(message::systemProperty);
        message.systemProperty(TelemetryMessage.CONNECTION_DEVICE_ID, source.deviceId().value());
        source.module().ifPresent(module -> message.systemProperty(TelemetryMessage.CONNECTION_MODULE_ID,
                module.value()));
        message.systemProperty(TelemetryMessage.CONNECTION_AUTH_METHOD, "{\"scope\":\""
                + (source.isModule() ? "module" : "device")
                + "\",\"type\":\"sas\",\"issuer\":\"iothub\",\"acceptingIpFilterRule\":null}");
        if (inbound.generationId() != null) {
            message.systemProperty(TelemetryMessage.CONNECTION_AUTH_GENERATION_ID, inbound.generationId());
        }
        message.systemProperty(TelemetryMessage.ENQUEUED_TIME, TwinTime.format(now));
        message.systemProperty(TelemetryMessage.MESSAGE_SOURCE, MESSAGE_SOURCE);
        if (inbound.modelId() != null && !inbound.modelId().isEmpty()) {
            message.systemProperty(TelemetryMessage.DATA_SCHEMA, inbound.modelId());
        }
        inbound.applicationProperties().forEach(message::applicationProperty);
        return message.build();
    }

    /** Returns what {@code message} counts against {@link HubOptions#telemetryJournalBytes()}. */
    static long cost(TelemetryMessage message) {
        long cost = MESSAGE_OVERHEAD_BYTES + message.bodySize();
        for (Map<String, String> properties : List.of(message.systemProperties(), message.applicationProperties())) {
            for (Map.Entry<String, String> property : properties.entrySet()) {
                cost += PROPERTY_OVERHEAD_BYTES + 2L * (property.getKey().length() + property.getValue().length());
            }
        }
        return cost;
    }

    private void add(TelemetryMessage message) {
        long cost = cost(message);
        while (size > 0 && (size >= maxMessages || bytes + cost > maxBytes)) {
            TelemetryMessage oldest = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            bytes -= cost(oldest);
            if (droppedCount++ == 0) {
                LOG.info("the telemetry journal is full ({} messages, {} bytes at most): from now on it drops the"
                        + " oldest messages, which TelemetryService.droppedCount() and GET /twinkit/telemetry count",
                        maxMessages, maxBytes);
            }
        }
        if (size == ring.length) {
            TelemetryMessage[] grown = new TelemetryMessage[ring.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = at(i);
            }
            ring = grown;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = message;
        size++;
        bytes += cost;
    }

    private TelemetryMessage at(int index) {
        return ring[(head + index) & (ring.length - 1)];
    }

    /** Returns the index of the first message after {@code sequenceNumber}; {@code size} if there is none. */
    private int indexAfter(long sequenceNumber) {
        if (size == 0) {
            return 0;
        }
        long first = at(0).sequenceNumber();
        return (int) Math.min(size, Math.max(0, sequenceNumber + 1 - first));
    }

    /** Returns how many messages after {@code sequenceNumber} were dropped before they could be read. */
    private long skippedAfter(long sequenceNumber) {
        long firstHeld = size == 0 ? lastSequenceNumber + 1 : at(0).sequenceNumber();
        return Math.max(0, firstHeld - 1 - sequenceNumber);
    }

    @Override
    public TelemetrySubscription subscribe(TelemetryListener listener) {
        Objects.requireNonNull(listener, "listener");
        lock.lock();
        try {
            checkOpen();
            Listening listening = new Listening(listener);
            listeners.add(listening);
            return listening;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TelemetryMessage> messages() {
        lock.lock();
        try {
            checkOpen();
            List<TelemetryMessage> all = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                all.add(at(i));
            }
            return List.copyOf(all);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TelemetryPage poll(long afterSequenceNumber, int maxMessages) {
        if (afterSequenceNumber < 0 || maxMessages < 1) {
            throw new IllegalArgumentException("a poll needs a sequence number of at least 0 and at least 1 message: "
                    + afterSequenceNumber + ", " + maxMessages);
        }
        lock.lock();
        try {
            checkOpen();
            int from = indexAfter(afterSequenceNumber);
            int to = (int) Math.min(size, (long) from + maxMessages);
            List<TelemetryMessage> page = new ArrayList<>(Math.max(0, to - from));
            for (int i = from; i < to; i++) {
                page.add(at(i));
            }
            return new TelemetryPage(page, afterSequenceNumber, lastSequenceNumber, droppedCount,
                    skippedAfter(afterSequenceNumber));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<TelemetryMessage> await(Predicate<? super TelemetryMessage> condition, Duration timeout)
            throws InterruptedException {
        return await(0, condition, timeout);
    }

    @Override
    public Optional<TelemetryMessage> await(long afterSequenceNumber, Predicate<? super TelemetryMessage> condition,
                                            Duration timeout) throws InterruptedException {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        if (afterSequenceNumber < 0) {
            throw new IllegalArgumentException("the sequence number to wait after must not be negative: "
                    + afterSequenceNumber);
        }
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        long checked = afterSequenceNumber;
        lock.lockInterruptibly();
        try {
            while (true) {
                checkOpen();
                for (int i = indexAfter(checked); i < size; i++) {
                    TelemetryMessage message = at(i);
                    if (condition.test(message)) {
                        return Optional.of(message);
                    }
                }
                checked = Math.max(checked, lastSequenceNumber);
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return Optional.empty();
                }
                appended.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long lastSequenceNumber() {
        lock.lock();
        try {
            checkOpen();
            return lastSequenceNumber;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long droppedCount() {
        lock.lock();
        try {
            checkOpen();
            return droppedCount;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the bytes the journal's messages count (see {@link HubOptions#telemetryJournalBytes()}). */
    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the journal with its hub: its messages are dropped, its subscriptions end, waiting calls and every later
     * call throw {@link IllegalStateException}. Closing twice does nothing.
     */
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            listeners.forEach(listening -> listening.active = false);
            listeners.clear();
            ring = new TelemetryMessage[1];
            head = 0;
            size = 0;
            bytes = 0;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the hub is closed");
        }
    }

    /** Returns the numbers, for logs. */
    @Override
    public String toString() {
        lock.lock();
        try {
            return "TelemetryJournal[" + size + " of " + maxMessages + " messages, " + bytes + " of " + maxBytes
                    + " bytes, last #" + lastSequenceNumber + ", dropped " + droppedCount + (closed ? ", closed]"
                    : "]");
        } finally {
            lock.unlock();
        }
    }

    /** One listener's subscription; delivered to under the journal's lock. */
    private final class Listening implements TelemetrySubscription {

        private final TelemetryListener listener;
        private boolean active = true;

        Listening(TelemetryListener listener) {
            this.listener = listener;
        }

        void deliver(TelemetryMessage message) {
            if (!active) {
                return;
            }
            try {
                listener.onTelemetry(message);
            } catch (RuntimeException e) {
                LOG.warn("a telemetry listener failed on message #{} from {}", message.sequenceNumber(),
                        message.source(), e);
            }
        }

        @Override
        public boolean isActive() {
            lock.lock();
            try {
                return active;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                active = false;
                listeners.remove(this);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public String toString() {
            return "TelemetrySubscription[" + (active ? "active]" : "closed]");
        }
    }
}
