package io.twinkit.emulator.internal.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.emulator.AccessRight;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request for the emulator's own telemetry endpoints, which IoT Hub does not have (its telemetry is read from the
 * Event Hubs-compatible endpoint): {@code GET /twinkit/telemetry?since=N&max=M}, a JSON page of the journal, and
 * {@code GET /twinkit/telemetry/stream?since=N}, server-sent events. Both need a hub-level token with ServiceConnect.
 *
 * @param stream whether the request asks for the event stream
 * @param since the sequence number after which to read: the {@code since} parameter; for a stream the
 *     {@code Last-Event-ID} header instead when it is given (a reconnecting event source); {@code null} when neither
 *     is (a page then starts at the oldest message held, a stream with the next message enqueued)
 * @param max the most messages of a page: the {@code max} parameter, {@value #DEFAULT_MAX} by default
 */
record TelemetryCall(boolean stream, @Nullable Long since, int max) {

    /** The right both endpoints need. */
    static final AccessRight RIGHT = AccessRight.SERVICE_CONNECT;
    /** The routes, for the service API's 404 answer. */
    static final String ROUTES = "GET /twinkit/telemetry?since=N&max=M and GET /twinkit/telemetry/stream?since=N";
    /** The page size when the request names none. */
    static final int DEFAULT_MAX = 100;
    /** The largest page size. */
    static final int MAX_MAX = 1000;

    /**
     * Resolves a request to a telemetry call, or returns {@code null} when its path is not under
     * {@code /twinkit/telemetry} (or is another {@code /twinkit} path, which the service API then answers 404).
     *
     * @param lastEventId the {@code Last-Event-ID} header, or {@code null}
     * @throws WireException 405 for a method other than GET
     * @throws TwinException (400004) for a {@code since} or {@code max} out of range
     */
    static @Nullable TelemetryCall resolve(HttpMethod method, String uri, @Nullable String lastEventId) {
        List<String> segments = ServiceCall.segments(ServiceCall.rawPath(uri));
        int n = segments.size();
        if (n < 2 || n > 3 || !"twinkit".equals(segments.get(0)) || !"telemetry".equals(segments.get(1))
                || n == 3 && !"stream".equals(segments.get(2))) {
            return null;
        }
        boolean stream = n == 3;
        if (!HttpMethod.GET.equals(method)) {
            throw WireException.methodNotAllowed(method + " is not allowed on " + uri + "; use GET");
        }
        QueryStringDecoder query = new QueryStringDecoder(uri);
        Long since = number(query, "since", 0, Long.MAX_VALUE);
        if (stream && lastEventId != null && !lastEventId.isBlank()) {
            since = parse("Last-Event-ID", lastEventId.trim(), 0, Long.MAX_VALUE);
        }
        Long max = stream ? null : number(query, "max", 1, MAX_MAX);
        return new TelemetryCall(stream, since, max == null ? DEFAULT_MAX : max.intValue());
    }

    private static @Nullable Long number(QueryStringDecoder query, String name, long min, long max) {
        List<String> values = query.parameters().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return parse("the " + name + " parameter", values.get(0).trim(), min, max);
    }

    private static long parse(String what, String text, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, what + " of a telemetry read must be an integer"
                + " from " + min + " to " + max + ", not '" + text + "'");
    }
}
