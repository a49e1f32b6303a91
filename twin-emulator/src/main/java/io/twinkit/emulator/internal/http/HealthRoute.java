package io.twinkit.emulator.internal.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The emulator's own health route, {@value #PATH} (with any query string), the one route that needs no credentials,
 * for container health checks and scripts that wait for the emulator: {@code GET} answers 200
 * {@code {"status":"ok","hubName":"…","uptimeSeconds":N}} while the server serves and 503
 * {@code {"status":"closing"}} once it is closing; {@code HEAD} answers the same status and headers without the
 * body; any other method 405 with {@code Allow: GET, HEAD}. It tells nothing else: no identity, key or setting.
 * Answers are never cached ({@code Cache-Control: no-store}). Thread-safe.
 */
final class HealthRoute {

    /** The path of the route. */
    static final String PATH = "/twinkit/health";

    private final String hubName;
    private final long startNanos;
    private final BooleanSupplier closing;
    private final Clock clock;

    /**
     * Creates the route of a server that started now.
     *
     * @param hubName the hub's name, which the answer carries
     * @param closing whether the server is closing
     * @param clock the clock of error bodies' time stamps
     */
    HealthRoute(String hubName, BooleanSupplier closing, Clock clock) {
        this.hubName = Objects.requireNonNull(hubName, "hubName");
        this.closing = Objects.requireNonNull(closing, "closing");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startNanos = System.nanoTime();
    }

    /** Returns whether {@code uri} is {@value #PATH}, with or without a query string. */
    static boolean matches(String uri) {
        return uri.startsWith(PATH) && (uri.length() == PATH.length() || uri.charAt(PATH.length()) == '?');
    }

    /** Answers a request for the route with {@code method}. */
    FullHttpResponse answer(HttpMethod method) {
        boolean head = method.equals(HttpMethod.HEAD);
        if (!head && !method.equals(HttpMethod.GET)) {
            FullHttpResponse refused = ServiceResponses.error(405, 405, method + " is not allowed on " + PATH
                    + "; use GET or HEAD", ServiceResponses.newTrackingId(), clock.instant());
            refused.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return refused;
        }
        boolean closed = closing.getAsBoolean();
        JsonObject body = closed ? JsonObject.builder(1).put("status", JsonValue.of("closing")).build()
                : JsonObject.builder(3)
                        .put("status", JsonValue.of("ok"))
                        .put("hubName", JsonValue.of(hubName))
                        .put("uptimeSeconds", JsonValue.of(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime()
                                - startNanos)))
                        .build();
        FullHttpResponse response = ServiceResponses.json(closed ? HttpResponseStatus.SERVICE_UNAVAILABLE
                : HttpResponseStatus.OK, body.toJsonBytes());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (head) {
            // the headers of the GET, Content-Length included, without the body
            FullHttpResponse headers = response.replace(Unpooled.EMPTY_BUFFER);
            response.release();
            return headers;
        }
        return response;
    }
}
