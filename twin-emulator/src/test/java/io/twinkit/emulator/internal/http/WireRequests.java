package io.twinkit.emulator.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Formats raw HTTP/1.1 requests, for the embedded pipeline and for raw TLS sockets alike. */
public final class WireRequests {

    private WireRequests() {
    }

    /**
     * Returns a request with {@code Host: localhost}, the headers in order and, with a body, its JSON content type
     * and length.
     */
    public static String format(String method, String target, Map<String, String> headers, @Nullable String body) {
        StringBuilder text = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        text.append("Host: localhost\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            text.append("Content-Type: application/json; charset=utf-8\r\n");
            text.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        text.append("\r\n");
        if (body != null) {
            text.append(body);
        }
        return text.toString();
    }
}
