package io.twinkit.emulator.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening side of one front end (all its ports): caps its open connections and keeps it accepting whatever
 * accepting throws. It sits in the pipeline of each listening channel (shared by the front end's ports), which
 * receives every accepted connection before Netty's acceptor registers it.
 *
 * <ul>
 *   <li>Beyond {@code maxConnections} open connections a new one is closed at once, before any byte is read;
 *       refusals are counted ({@link #refused()}) and logged at most once per {@value #LOG_INTERVAL_SECONDS} s.</li>
 *   <li>A failed accept (typically "Too many open files" when the process has no descriptor left) pauses accepting
 *       for {@value #ACCEPT_BACKOFF_MILLIS} ms, is logged at most once per {@value #LOG_INTERVAL_SECONDS} s, and goes
 *       no further: Netty would log it for every attempt.</li>
 *   <li>The time-zone data the JDK's log formatter needs are loaded when the guard is created: loading them later,
 *       while descriptors are exhausted, throws an {@link Error} in the middle of logging that used to kill the
 *       acceptor thread for good. A listening channel from {@link #newServerChannel()} moreover stays open when
 *       accepting throws an {@link Error}.</li>
 *   <li>A connection accepted by another front end can be moved here ({@link #admit(Channel)}, then
 *       {@link #release(Channel)} on the guard that accepted it): an HTTPS connection upgraded to MQTT over
 *       WebSocket counts as an MQTT connection from then on, not as an HTTPS one.</li>
 * </ul>
 *
 * <p>Not part of the emulator's API. Thread-safe.
 */
@ChannelHandler.Sharable
public final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final long LOG_INTERVAL_SECONDS = 10;
    private static final long ACCEPT_BACKOFF_MILLIS = 200;

    private final String frontEnd;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Channel> counted = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failedAccepts = new AtomicLong();
    private final AtomicLong refusedLogged = new AtomicLong();
    private final AtomicLong failedLogged = new AtomicLong();
    private final AtomicLong nextRefusalLog = new AtomicLong(System.nanoTime());
    private final AtomicLong nextFailureLog = new AtomicLong(System.nanoTime());

    /**
     * Creates the guard of one front end.
     *
     * @param frontEnd the front end's name, for logs
     * @param maxConnections the most connections open at once
     * @throws IllegalArgumentException if {@code maxConnections} is below 1
     */
    public ConnectionGuard(String frontEnd, int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections " + maxConnections + " must be at least 1");
        }
        this.frontEnd = frontEnd;
        this.maxConnections = maxConnections;
        preloadLogData();
    }

    /**
     * Returns a listening channel that stays open when accepting throws an {@link Error}; Netty's closes itself then,
     * and the front end would never accept again.
     */
    public static NioServerSocketChannel newServerChannel() {
        return new ResilientServerChannel();
    }

    /** Loads what formatting a log line needs and would otherwise load from a file on first use. */
    static void preloadLogData() {
        // java.util.logging's SimpleFormatter stamps each line with ZoneId.systemDefault(): the rules come from
        // lib/tzdb.dat, read when the zone-rules provider initializes; its format names months and AM/PM
        String.format("%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %1$tZ", ZonedDateTime.now(ZoneId.systemDefault()));
    }

    /** Returns the number of open connections. */
    public int open() {
        return open.get();
    }

    /** Returns the number of connections refused because {@code maxConnections} were open. */
    public long refused() {
        return refused.get();
    }

    /** Returns the number of accepts that failed, for example for want of a file descriptor. */
    public long failedAccepts() {
        return failedAccepts.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Channel child)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!count(child)) {
            try {
                child.unsafe().closeForcibly();
            } finally {
                logRefusals();
            }
            return;
        }
        ctx.fireChannelRead(child);
    }

    /**
     * Counts {@code connection}, accepted elsewhere, as one of this front end's until it closes or is
     * {@linkplain #release(Channel) released}, if fewer than {@code maxConnections} are open; a refusal is counted
     * and logged like one at accept, but the caller closes the connection.
     *
     * @return whether the connection was admitted
     */
    public boolean admit(Channel connection) {
        if (count(connection)) {
            return true;
        }
        logRefusals();
        return false;
    }

    /** Stops counting {@code connection} (it moved to another front end); does nothing if it is not counted. */
    public void release(Channel connection) {
        if (counted.remove(connection)) {
            open.decrementAndGet();
        }
    }

    private boolean count(Channel connection) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refused.incrementAndGet();
            return false;
        }
        counted.add(connection);
        connection.closeFuture().addListener(closed -> release(connection));
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failedAccepts.incrementAndGet();
        Channel listener = ctx.channel();
        if (listener.config().isAutoRead()) {
            listener.config().setAutoRead(false);
            listener.eventLoop().schedule(() -> listener.config().setAutoRead(true), ACCEPT_BACKOFF_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        if (due(nextFailureLog)) {
            long failures = failedAccepts.get();
            long since = failures - failedLogged.getAndSet(failures);
            safeWarn("{}: {} accept(s) failed, accepting pauses {} ms after each: {}", frontEnd, since,
                    ACCEPT_BACKOFF_MILLIS, cause.toString());
        }
    }

    private void logRefusals() {
        if (due(nextRefusalLog)) {
            long total = refused.get();
            long since = total - refusedLogged.getAndSet(total);
            safeWarn("{}: refused {} connection(s): {} are open, the maximum", frontEnd, since, maxConnections);
        }
    }

    /** Returns whether the log interval has passed, claiming the next one. */
    private static boolean due(AtomicLong next) {
        long now = System.nanoTime();
        long at = next.get();
        return now - at >= 0 && next.compareAndSet(at, now + TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS));
    }

    /** Logs a warning; a logger that fails (it may need a resource that cannot be loaded now) must not stop us. */
    private static void safeWarn(String format, Object... arguments) {
        try {
            LOG.warn(format, arguments);
        } catch (RuntimeException | LinkageError e) {
            // nothing sensible is left to report it to
        }
    }

    /** Returns the front end and its counts, for logs. */
    @Override
    public String toString() {
        return "ConnectionGuard[" + frontEnd + ", open " + open.get() + " of " + maxConnections + ", refused "
                + refused.get() + "]";
    }

    /** A listening channel that keeps listening after an {@link Error} while accepting. */
    private static final class ResilientServerChannel extends NioServerSocketChannel {

        @Override
        protected boolean closeOnReadError(Throwable cause) {
            return !isActive();
        }
    }
}
