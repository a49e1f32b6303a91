package io.twinkit.emulator.internal.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.TelemetryPage;
import io.twinkit.emulator.TelemetryService;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The emulator-only telemetry endpoints of one HTTPS server ({@link TelemetryCall}), which let tests in any language
 * read what devices sent: a JSON page of the journal, and a stream of server-sent events ({@link TelemetryStream}).
 * Both are authenticated like every route of the service API, with a hub-level token whose policy grants
 * ServiceConnect. At most {@value #MAX_STREAMS} streams are open at once; another is answered 503.
 *
 * <p>A page is {@code {"messages":[…],"next":N,"hasMore":…,"lastSequenceNumber":N,"droppedCount":N,"skipped":N}},
 * each message in the form of {@link TelemetryMessage#toJson()}; it holds up to {@code max} messages and stops early
 * once it passes {@value #MAX_PAGE_BYTES} bytes (with at least one message), so read on from {@code next} while
 * {@code hasMore}. Thread-safe.
 */
final class TelemetryEndpoint {

    /** The most streams open at once. */
    static final int MAX_STREAMS = 32;
    /** The size after which a page takes no further message. */
    static final int MAX_PAGE_BYTES = 4 * 1024 * 1024;

    private final TelemetryService telemetry;
    private final ServiceAuthorizer authorizer;
    private final AtomicInteger openStreams = new AtomicInteger();

    TelemetryEndpoint(TelemetryService telemetry, ServiceAuthorizer authorizer) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    /**
     * Resolves and authorizes a telemetry request; returns {@code null} for any other path.
     *
     * @throws TwinException (401, 403) for a caller who may not read telemetry, first; then (400) for bad parameters
     * @throws WireException 405 for a method other than GET, to an authenticated caller
     */
    @Nullable TelemetryCall resolve(FullHttpRequest request) {
        return resolve(request, authorizer);
    }

    /** As {@link #resolve(FullHttpRequest)}, authorizing with {@code connectionAuthorizer} (the connection's own). */
    @Nullable TelemetryCall resolve(FullHttpRequest request, ServiceAuthorizer connectionAuthorizer) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        TelemetryCall call;
        try {
            call = TelemetryCall.resolve(request.method(), request.uri(), request.headers().get("Last-Event-ID"));
        } catch (WireException e) {
            // a bad credential is 401 on any path; what the request is wrong with is only told to a valid caller
            connectionAuthorizer.authorize(authorization, null, null);
            throw e;
        } catch (TwinException e) {
            // bad parameters are told only to a caller who may read telemetry
            connectionAuthorizer.authorize(authorization, TelemetryCall.RIGHT, null);
            throw e;
        }
        if (call != null) {
            connectionAuthorizer.authorize(authorization, TelemetryCall.RIGHT, null);
        }
        return call;
    }

    /**
     * Answers a page request.
     *
     * @throws IllegalStateException if the hub is closed
     */
    FullHttpResponse page(TelemetryCall call) {
        long after = call.since() == null ? 0 : call.since();
        TelemetryPage page = telemetry.poll(after, call.max());
        JsonArray.Builder messages = JsonArray.builder();
        long next = after;
        long bytes = 0;
        for (TelemetryMessage message : page.messages()) {
            if (bytes > MAX_PAGE_BYTES) {
                break;
            }
            JsonObject json = message.toJson();
            bytes += json.toJsonBytes().length;
            messages.add(json);
            next = message.sequenceNumber();
        }
        JsonObject body = JsonObject.builder(6)
                .put("messages", messages.build())
                .put("next", next)
                .put("hasMore", next < page.lastSequenceNumber())
                .put("lastSequenceNumber", page.lastSequenceNumber())
                .put("droppedCount", page.droppedCount())
                .put("skipped", page.skipped())
                .build();
        return ServiceResponses.json(HttpResponseStatus.OK, body.toJsonBytes());
    }

    /**
     * Opens a stream for a stream request: it starts after {@link TelemetryCall#since()}, or after the newest message
     * enqueued now.
     *
     * @throws TwinException (503) if {@value #MAX_STREAMS} streams are open
     * @throws IllegalStateException if the hub is closed
     */
    TelemetryStream openStream(TelemetryCall call) {
        if (openStreams.incrementAndGet() > MAX_STREAMS) {
            openStreams.decrementAndGet();
            throw new TwinException(IotHubErrorCode.SERVICE_UNAVAILABLE, "the emulator serves at most " + MAX_STREAMS
                    + " telemetry streams at once; close one and retry");
        }
        try {
            long after = call.since() == null ? telemetry.lastSequenceNumber() : call.since();
            return new TelemetryStream(telemetry, after, openStreams::decrementAndGet);
        } catch (RuntimeException e) {
            openStreams.decrementAndGet();
            throw e;
        }
    }

    /** Returns the number of open streams. */
    int openStreams() {
        return openStreams.get();
    }
}
