package io.twinkit.emulator.internal.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.twinkit.emulator.internal.RequestLog;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Logs each request of one service connection with its answer ({@link RequestLog#https}): it sits right after the
 * HTTP codec, so it sees every request head as decoded (also one the aggregator answers 413, one the codec could not
 * decode, and a WebSocket upgrade) and every answer on its way out, whichever handler wrote it. Answers come in the
 * order of the requests, so each takes the oldest request waiting; the time is counted from the request's head to
 * the answer's write. Interim answers (100 Continue) are not answers; after {@code 101 Switching Protocols} the
 * connection is no longer HTTP and the handler leaves. Requests still waiting when the connection ends are logged as
 * unanswered. Only added when the log is on. All methods run on the channel's event loop.
 */
final class HttpsRequestLogger extends ChannelDuplexHandler {

    /** A request waiting for its answer. */
    private record Pending(String method, String uri, long startNanos) {
    }

    private final RequestLog log;
    private final Deque<Pending> waiting = new ArrayDeque<>();

    HttpsRequestLogger(RequestLog log) {
        this.log = log;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            waiting.add(new Pending(request.method().name(), request.uri(), System.nanoTime()));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof HttpResponse response)
                || response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                && !response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            ctx.write(msg, promise);
            return;
        }
        Pending request = waiting.poll();
        String policy = ctx.channel().attr(RequestLog.POLICY).getAndSet(null);
        int status = response.status().code();
        ctx.write(msg, promise);
        long nanos = request == null ? 0 : System.nanoTime() - request.startNanos();
        log.https(request == null ? "-" : request.method(), request == null ? "-" : request.uri(), status, nanos,
                policy);
        if (status == HttpResponseStatus.SWITCHING_PROTOCOLS.code() && ctx.pipeline().context(this) != null) {
            // a WebSocket: no more HTTP on this connection
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        for (Pending request; (request = waiting.poll()) != null; ) {
            log.httpsUnanswered(request.method(), request.uri(), now - request.startNanos());
        }
        ctx.fireChannelInactive();
    }
}
