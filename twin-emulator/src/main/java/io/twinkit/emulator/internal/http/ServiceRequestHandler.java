package io.twinkit.emulator.internal.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.RequestLog;
import io.twinkit.emulator.internal.security.SasToken;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each aggregated request of one connection: resolves it to a {@link ServiceCall}, authenticates it for the
 * call's right, carries it out, and turns every failure into the service's error body. A {@link TwinException} keeps
 * its status and code; anything else is logged and answered 500 (500001) without details, so no stack trace reaches
 * a client. A request the HTTP codec could not decode is answered 400 and the connection is closed, since its
 * framing is lost; other failures leave the connection open.
 *
 * <p>A direct method call ({@link MethodOperations}) is answered when its device answers: no thread waits for it,
 * the answer is written from whichever thread completes the call, and a connection that closes first abandons the
 * call (reading goes on one read at a time while the call waits, until a request is read behind it, so that the end
 * of the stream is seen).
 *
 * <p>One request at a time per connection: while one is answered, reading from the socket stops ({@code autoRead}
 * off), the requests already decoded behind it wait here in order, and the next is taken up only once the answer
 * has been written to the socket. A client that pipelines requests without reading the answers thus fills its own
 * TCP buffers, not the emulator's memory. The queue and the flag live on the channel's event loop.
 *
 * <p>{@value HealthRoute#PATH} is answered by the {@link HealthRoute} before anything else, without credentials. With
 * the request log on, the shared access policy of each request's accepted token is left in the channel's
 * {@link RequestLog#POLICY} attribute for the {@link HttpsRequestLogger}.
 */
final class ServiceRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    private static final Logger LOG = LoggerFactory.getLogger(HttpsServiceServer.class);

    private final ServiceOperations operations;
    private final JobOperations jobs;
    private final MethodOperations methods;
    private final ServiceAuthorizer authorizer;
    private final TelemetryEndpoint telemetry;
    private final HealthRoute health;
    private final Clock clock;
    private final @Nullable EventExecutor executor;
    private final Deque<FullHttpRequest> waiting = new ArrayDeque<>();
    private @Nullable Channel channel;
    private boolean answering;
    /** The answer being computed, a direct method call still waiting for its device, if any. */
    private volatile @Nullable CompletableFuture<FullHttpResponse> pending;

    /**
     * Creates the handler of one connection.
     *
     * @param executor the single-threaded executor that answers this connection's requests, in order; {@code null}
     *     to answer them on the I/O thread
     * @param telemetry the emulator-only telemetry endpoints of the server
     * @param health the server's health route
     * @param requestLog the server's request log: when it is on, accepted tokens' policies are recorded for it
     */
    ServiceRequestHandler(IotHub hub, ServiceAuthorizer authorizer, @Nullable EventExecutor executor,
                          TelemetryEndpoint telemetry, HealthRoute health, RequestLog requestLog) {
        this.operations = new ServiceOperations(hub);
        this.jobs = new JobOperations(hub);
        this.methods = new MethodOperations(hub);
        this.authorizer = requestLog.enabled() ? recordingPolicy(authorizer) : authorizer;
        this.telemetry = telemetry;
        this.health = health;
        this.clock = hub.options().clock();
        this.executor = executor;
    }

    /** Wraps {@code inner} so that each token it accepts leaves its policy in the channel's attribute. */
    private ServiceAuthorizer recordingPolicy(ServiceAuthorizer inner) {
        return (authorization, required, target) -> {
            inner.authorize(authorization, required, target);
            Channel connection = channel;
            if (connection != null && authorization != null) {
                connection.attr(RequestLog.POLICY).set(policyOf(authorization));
            }
        };
    }

    /** Returns the {@code skn} of a token that was accepted, or {@code null}. */
    private static @Nullable String policyOf(String authorization) {
        try {
            return SasToken.parse(authorization).keyName().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        request.retain();
        if (answering) {
            waiting.add(request);
        } else {
            start(ctx, request);
        }
    }

    /** Answers {@code request}, which this method releases, with reading paused until the answer is written. */
    private void start(ChannelHandlerContext ctx, FullHttpRequest request) {
        answering = true;
        ctx.channel().config().setAutoRead(false);
        if (executor == null) {
            try {
                respond(ctx, request);
            } finally {
                request.release();
            }
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    respond(ctx, request);
                } finally {
                    request.release();
                }
            });
        } catch (RejectedExecutionException e) {
            // the server is shutting down
            request.release();
            ctx.close();
        }
    }

    /** Takes up the next waiting request, or reads again; on the event loop, once an answer is written. */
    private void answered(ChannelHandlerContext ctx, boolean keepAlive) {
        answering = false;
        if (!keepAlive || !ctx.channel().isActive()) {
            discardWaiting();
            return;
        }
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            start(ctx, next);
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        CompletableFuture<FullHttpResponse> answer = pending;
        if (answer != null) {
            // the caller is gone: a direct method call it made is abandoned, freeing the device's place
            answer.cancel(false);
        }
        discardWaiting();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardWaiting();
    }

    private void discardWaiting() {
        for (FullHttpRequest request; (request = waiting.poll()) != null; ) {
            request.release();
        }
    }

    private void respond(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean decoded = request.decoderResult().isSuccess();
        boolean keepAlive = decoded && HttpUtil.isKeepAlive(request);
        boolean http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        String line = request.method() + " " + request.uri();
        CompletableFuture<FullHttpResponse> answer;
        try {
            if (decoded && HealthRoute.matches(request.uri())) {
                // the one route without credentials
                answer = CompletableFuture.completedFuture(health.answer(request.method()));
            } else {
                TelemetryCall telemetryCall = decoded ? telemetry.resolve(request, authorizer) : null;
                if (telemetryCall != null && telemetryCall.stream()) {
                    startStream(ctx, telemetry.openStream(telemetryCall));
                    return;
                }
                answer = telemetryCall != null ? CompletableFuture.completedFuture(telemetry.page(telemetryCall))
                        : answer(request);
            }
        } catch (RuntimeException | Error e) {
            answer = CompletableFuture.completedFuture(failure(e, line));
        }
        pending = answer;
        if (!answer.isDone()) {
            // a call waiting for its device: read on, one read at a time, to notice a caller that goes away
            ctx.channel().read();
        }
        // a direct method's answer comes later, on whichever thread completes it; the request is not touched then
        answer.whenComplete((response, e) -> write(ctx, e == null ? response : failure(e, line), keepAlive, http10));
    }

    /**
     * While a direct method call waits and nothing was read behind it, asks for the next read: the end of the
     * stream then closes the channel, which abandons the call. A request read meanwhile waits in the queue and stops
     * the reading, as reading stops for any answer.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        CompletableFuture<FullHttpResponse> answer = pending;
        if (answering && answer != null && !answer.isDone() && waiting.isEmpty() && ctx.channel().isActive()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    /** Turns a failure into the service's error body: a {@link TwinException} keeps its status and code. */
    private FullHttpResponse failure(Throwable e, String line) {
        if (e instanceof WireException wire) {
            return error(wire.status(), wire.errorCode(), String.valueOf(wire.getMessage()));
        }
        if (e instanceof TwinException twin) {
            return error(twin.httpStatus(), twin.errorCode().code(), String.valueOf(twin.getMessage()));
        }
        String trackingId = ServiceResponses.newTrackingId();
        LOG.error("the HTTPS service API failed on {} (trackingId {})", line, trackingId, e);
        return ServiceResponses.error(IotHubErrorCode.SERVER_ERROR.httpStatus(),
                IotHubErrorCode.SERVER_ERROR.code(), "the emulator failed to handle the request; its log has"
                        + " the details under trackingId " + trackingId, trackingId, clock.instant());
    }

    private void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, boolean http10) {
        pending = null;
        ChannelFuture written;
        if (keepAlive) {
            if (http10) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            written = ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            written = ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
        // the promise belongs to this handler's context, so the listener runs on the event loop
        written.addListener(future -> answered(ctx, keepAlive));
    }

    /**
     * Hands the connection over to {@code stream}, on the event loop: it takes this handler's place, and the requests
     * waiting here are dropped. A connection that closed meanwhile only frees the stream's place.
     */
    private void startStream(ChannelHandlerContext ctx, TelemetryStream stream) {
        try {
            ctx.channel().eventLoop().execute(() -> {
                try {
                    if (ctx.channel().isActive() && ctx.pipeline().context(this) != null) {
                        ctx.pipeline().replace(this, "telemetryStream", stream);
                        return;
                    }
                } catch (RuntimeException e) {
                    LOG.debug("a telemetry stream could not start on {}", ctx.channel(), e);
                    ctx.close();
                }
                stream.abandon();
            });
        } catch (RejectedExecutionException e) {
            stream.abandon();
            ctx.close();
        }
    }

    private CompletableFuture<FullHttpResponse> answer(FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            throw WireException.badRequest("malformed HTTP request: " + (cause == null ? "unreadable"
                    : cause.getMessage()));
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        JobCall jobCall = resolveJob(request, authorization);
        if (jobCall != null) {
            // jobs are hub-wide: only a hub-level token of a policy with the operation's right may ask
            authorizer.authorize(authorization, jobCall.operation().right(), null);
            return CompletableFuture.completedFuture(jobs.execute(jobCall, request));
        }
        ServiceCall call;
        try {
            call = ServiceCall.resolve(request.method(), request.headers().get(METHOD_OVERRIDE), request.uri());
        } catch (WireException e) {
            // a bad credential is 401 on any path; what the path is wrong with is only told to a valid caller
            authorizer.authorize(authorization, null, null);
            throw e;
        }
        // the caller is authenticated before its ids are judged, as on the service: a bad id is 400 only to a
        // caller who may ask at all
        TwinKey target = null;
        TwinException idError = null;
        if (call.deviceId() != null) {
            try {
                target = call.key();
            } catch (TwinException e) {
                idError = e;
            }
        }
        authorizer.authorize(authorization, call.operation().right(), target);
        if (idError != null) {
            throw idError;
        }
        if (call.operation() == ServiceCall.Operation.INVOKE_METHOD) {
            return methods.invoke(call, request);
        }
        return CompletableFuture.completedFuture(operations.execute(call, request));
    }

    /** Resolves a job route, or returns {@code null} for other paths; a bad job route is told to valid callers only. */
    private @Nullable JobCall resolveJob(FullHttpRequest request, @Nullable String authorization) {
        try {
            return JobCall.resolve(request.method(), request.headers().get(METHOD_OVERRIDE), request.uri());
        } catch (WireException e) {
            authorizer.authorize(authorization, null, null);
            throw e;
        }
    }

    private FullHttpResponse error(int status, int errorCode, String message) {
        return ServiceResponses.error(status, errorCode, message, ServiceResponses.newTrackingId(), clock.instant());
    }

    /** Closes a connection whose bytes cannot be read (a failed TLS handshake, a reset); others are unaffected. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing HTTPS service connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
