package io.twinkit.emulator.internal.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.EventExecutor;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The backpressure of one MQTT connection, between the MQTT decoder and the {@link MqttConnectionHandler} on the
 * channel's event loop: it stops reading from the socket while more than {@link #PAUSE_UNHANDLED} packets read from
 * it have not been handled yet, or while the channel is not writable (more than the {@link #WATER_MARK}'s high mark
 * of answers wait to be sent, because the device does not read them), and reads again once at most
 * {@link #RESUME_UNHANDLED} packets wait and the channel is writable. A device that sends faster than it reads its
 * answers thus fills its own TCP buffers, not the emulator's memory.
 *
 * <p>Reading is switched with the channel's {@code autoRead}, on the event loop only. The connection handler, which
 * may run on another executor, reports each handled packet through {@link #handled()}.
 */
final class MqttReadGate extends ChannelInboundHandlerAdapter {

    /** The outbound buffer's marks: unwritable above 64 KiB waiting to be sent, writable again below 32 KiB. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);
    /** Reading stops when this many packets read from the connection wait for the handler. */
    static final int PAUSE_UNHANDLED = 256;
    /** Reading resumes when at most this many packets wait (and the channel is writable). */
    static final int RESUME_UNHANDLED = 64;

    private final AtomicInteger unhandled = new AtomicInteger();
    private @Nullable ChannelHandlerContext ctx;
    private volatile boolean paused;

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        context.channel().config().setWriteBufferWaterMark(WATER_MARK);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        unhandled.incrementAndGet();
        evaluate();
        context.fireChannelRead(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        evaluate();
        context.fireChannelWritabilityChanged();
    }

    /** Reports that the handler is done with one packet this gate passed on; from any thread. */
    void handled() {
        if (unhandled.decrementAndGet() <= RESUME_UNHANDLED && paused) {
            ChannelHandlerContext context = ctx;
            if (context != null) {
                onEventLoop(context.executor());
            }
        }
    }

    /** Returns whether reading is paused, for tests. */
    boolean isPaused() {
        return paused;
    }

    private void onEventLoop(EventExecutor executor) {
        if (executor.inEventLoop()) {
            evaluate();
        } else {
            executor.execute(this::evaluate);
        }
    }

    /** Pauses or resumes reading; on the event loop only. */
    private void evaluate() {
        Channel channel = Objects.requireNonNull(ctx, "ctx").channel();
        if (!paused && (unhandled.get() >= PAUSE_UNHANDLED || !channel.isWritable())) {
            paused = true;
            channel.config().setAutoRead(false);
        }
        // a packet handled between the check above and the write of paused saw paused == false: look again
        if (paused && unhandled.get() <= RESUME_UNHANDLED && channel.isWritable()) {
            paused = false;
            channel.config().setAutoRead(true);
        }
    }
}
