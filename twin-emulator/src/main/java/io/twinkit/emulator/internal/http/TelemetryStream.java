package io.twinkit.emulator.internal.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.TelemetryPage;
import io.twinkit.emulator.TelemetryService;
import io.twinkit.emulator.TelemetrySubscription;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code GET /twinkit/telemetry/stream}: the telemetry journal as server-sent events ({@code text/event-stream})
 * on a connection that serves nothing else from then on. It takes the place of the connection's
 * {@link ServiceRequestHandler} once the request is authorized.
 *
 * <p>Events: each message is {@code id: <sequence number>}, {@code event: telemetry} and one {@code data:} line with
 * the message's JSON ({@link TelemetryMessage#toJson()}); messages the journal dropped before the stream could send
 * them (or before it started, for a {@code since} older than the oldest message held) are announced as
 * {@code event: skipped} with {@code {"skipped":N,"after":N}}; a comment line
 * ({@code : keep-alive}) comes every {@value #HEARTBEAT_SECONDS} seconds. A reconnecting event source sends
 * {@code Last-Event-ID} and goes on after that message.
 *
 * <p>Flow control: the stream writes only while the connection is writable (Netty's outbound buffer below its high
 * water mark), reading the journal from its own position, so it buffers at most that and one event. A consumer that
 * stops reading while more than {@value #MAX_BEHIND} messages wait for it is dropped: it gets a last event
 * {@code event: dropped} with {@code {"reason":…,"lastSent":N,"lastSequenceNumber":N}}, and the connection is closed
 * (at the latest {@value #CLOSE_GRACE_SECONDS} seconds later, read or not). A request the client sends on the stream's
 * connection closes it. All methods run on the channel's event loop.
 */
final class TelemetryStream extends ChannelInboundHandlerAdapter {

    /** The most messages a stream whose connection is not writable may fall behind before it is dropped. */
    static final int MAX_BEHIND = 1000;
    static final int HEARTBEAT_SECONDS = 15;
    static final int CLOSE_GRACE_SECONDS = 5;
    private static final int BATCH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryStream.class);

    private final TelemetryService telemetry;
    private final Runnable released;
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long cursor;
    private boolean ending;
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable TelemetrySubscription subscription;
    private @Nullable ScheduledFuture<?> heartbeat;

    /**
     * Creates a stream that starts after the message {@code after}.
     *
     * @param released run once when the stream ends, to free its place among the open streams
     */
    TelemetryStream(TelemetryService telemetry, long after, Runnable released) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.cursor = after;
        this.released = Objects.requireNonNull(released, "released");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        HttpUtil.setTransferEncodingChunked(head, true);
        try {
            subscription = telemetry.subscribe(message -> schedulePump());
        } catch (IllegalStateException e) {
            // the hub closed meanwhile
            release();
            context.close();
            return;
        }
        context.write(head);
        context.writeAndFlush(chunk(": twinkit telemetry after #" + cursor + "\n\n"));
        heartbeat = context.executor().scheduleAtFixedRate(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS,
                TimeUnit.SECONDS);
        context.channel().config().setAutoRead(true);
        pump();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ReferenceCountUtil.release(msg);
        LOG.debug("closing telemetry stream {}: the client sent a request on it", context.channel());
        context.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        pump();
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        release();
        context.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.debug("closing telemetry stream {}: {}", context.channel(), cause.toString());
        context.close();
    }

    /** Asks the event loop to send what is new; many asks before it runs make one run. */
    private void schedulePump() {
        ChannelHandlerContext context = ctx;
        if (context != null && pumpScheduled.compareAndSet(false, true)) {
            try {
                context.executor().execute(this::pump);
            } catch (RejectedExecutionException e) {
                // the server is shutting down and closes the connection
                pumpScheduled.set(false);
            }
        }
    }

    /** Sends the messages after the cursor while the connection is writable; drops a consumer too far behind. */
    private void pump() {
        pumpScheduled.set(false);
        ChannelHandlerContext context = ctx;
        if (context == null || ending || !context.channel().isActive()) {
            return;
        }
        boolean wrote = false;
        try {
            while (context.channel().isWritable()) {
                TelemetryPage page = telemetry.poll(cursor, BATCH);
                if (page.skipped() > 0) {
                    context.write(chunk("event: skipped\ndata: " + JsonObject.builder(2)
                            .put("skipped", page.skipped()).put("after", cursor).build() + "\n\n"));
                    wrote = true;
                }
                if (page.messages().isEmpty()) {
                    break;
                }
                for (TelemetryMessage message : page.messages()) {
                    context.write(chunk("id: " + message.sequenceNumber() + "\nevent: telemetry\ndata: "
                            + message.toJson() + "\n\n"));
                    cursor = message.sequenceNumber();
                    wrote = true;
                    if (!context.channel().isWritable()) {
                        break;
                    }
                }
            }
            if (wrote) {
                context.flush();
            }
            long behind = telemetry.lastSequenceNumber() - cursor;
            if (!context.channel().isWritable() && behind > MAX_BEHIND) {
                drop(context, "the consumer stopped reading while " + behind + " messages waited for it, more than "
                        + MAX_BEHIND);
            }
        } catch (IllegalStateException e) {
            // the hub is closed: the stream has nothing more to say
            context.close();
        }
    }

    private void heartbeat() {
        ChannelHandlerContext context = ctx;
        if (context != null && !ending && context.channel().isActive() && context.channel().isWritable()) {
            context.writeAndFlush(chunk(": keep-alive\n\n"));
        }
    }

    /** Ends the stream with a last event and closes the connection once it is written, or after a grace period. */
    private void drop(ChannelHandlerContext context, String reason) {
        ending = true;
        long last = telemetry.lastSequenceNumber();
        LOG.debug("dropping telemetry stream {}: {}", context.channel(), reason);
        release();
        context.write(chunk("event: dropped\ndata: " + JsonObject.builder(3).put("reason", reason)
                .put("lastSent", cursor).put("lastSequenceNumber", last).build() + "\n\n"));
        context.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        context.executor().schedule(() -> context.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /** Frees the place of a stream that never started, its connection gone. */
    void abandon() {
        release();
    }

    /** Unsubscribes, stops the heartbeat and frees the stream's place, once. */
    private void release() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.debug("unsubscribing a telemetry stream failed", e);
            }
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        released.run();
    }

    private static DefaultHttpContent chunk(String text) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }
}
