package io.twinkit.emulator.internal.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a service connection that has had no complete request for the idle timeout: counted from the connection's
 * start and from each response that was written, paused while a request is being served. So a client that connects
 * and sends nothing, keeps an unused connection, or trickles a request in byte by byte (slowloris) holds a connection
 * for the idle timeout at most, while a slow hub call never closes one.
 *
 * <p>It sits right after the HTTP codec: a request is complete at its {@link LastHttpContent} (or at a message the
 * codec could not decode, which is answered), a response is done when its {@link LastHttpContent} was written. All
 * methods run on the channel's event loop.
 */
final class IdleRequestTimeout extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IdleRequestTimeout.class);

    private final long timeoutNanos;
    private @Nullable ScheduledFuture<?> timer;
    private int unanswered;

    IdleRequestTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            startTimer(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startTimer(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopTimer();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopTimer();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent || msg instanceof HttpObject http && http.decoderResult().isFailure()) {
            unanswered++;
            stopTimer();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof LastHttpContent)) {
            ctx.write(msg, promise);
            return;
        }
        ChannelPromise written = promise.unvoid();
        ctx.write(msg, written);
        written.addListener(done -> {
            unanswered = Math.max(0, unanswered - 1);
            if (unanswered == 0 && ctx.channel().isActive()) {
                startTimer(ctx);
            }
        });
    }

    private void startTimer(ChannelHandlerContext ctx) {
        if (timer == null && unanswered == 0) {
            timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (unanswered == 0 && ctx.channel().isActive()) {
            LOG.debug("closing service connection {}: no complete request within {} ms", ctx.channel(),
                    TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            ctx.close();
        }
    }
}
