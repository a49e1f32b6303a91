package io.twinkit.emulator.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A server-sent events client over a real TLS socket (host name verified): sends one GET, reads the status line and
 * headers, then decodes the chunked body into events ({@code id}, {@code event}, {@code data}; comments are kept as
 * events named {@code :}). It reads only when asked, so a test can play a consumer that stops reading.
 */
final class SseClient implements AutoCloseable {

    /** One event of the stream. */
    record Event(@Nullable String id, String event, String data) {
    }

    private final SSLSocket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private boolean ended;

    /** Opens {@code target} on localhost:{@code port} with the given request headers and reads the response head. */
    SseClient(SSLContext trust, int port, String target, Map<String, String> requestHeaders) throws IOException {
        this(trust, port, target, requestHeaders, 0);
    }

    /** As above, with a socket receive buffer of {@code receiveBuffer} bytes (0 for the system's). */
    SseClient(SSLContext trust, int port, String target, Map<String, String> requestHeaders, int receiveBuffer)
            throws IOException {
        socket = (SSLSocket) trust.getSocketFactory().createSocket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("localhost", port), 10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        socket.setSoTimeout(200);
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + "Accept: text/event-stream\r\n");
        requestHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        in = socket.getInputStream();
        String statusLine = line(Duration.ofSeconds(10));
        if (statusLine == null) {
            throw new IOException("the server sent no response");
        }
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String header = line(Duration.ofSeconds(10)); header != null && !header.isEmpty();
                header = line(Duration.ofSeconds(10))) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
    }

    int status() {
        return status;
    }

    @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Reads the rest of a non-stream response's body (by Content-Length). */
    String body() throws IOException {
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = new byte[length];
        int read = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (read < length && System.nanoTime() < deadline) {
            try {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            } catch (SocketTimeoutException e) {
                // keep reading until the deadline
            }
        }
        return new String(body, 0, read, StandardCharsets.UTF_8);
    }

    /**
     * Returns the next event, reading until it is complete; {@code null} at the end of the stream or of the wait.
     */
    @Nullable Event next(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Event event = parse();
            if (event != null) {
                return event;
            }
            if (ended || System.nanoTime() - deadline > 0) {
                return null;
            }
            readChunk(deadline);
        }
    }

    /** Returns the next event that is not a comment. */
    @Nullable Event nextEvent(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Event event = next(wait); event != null; event = next(Duration.ofNanos(deadline - System.nanoTime()))) {
            if (!event.event().equals(":")) {
                return event;
            }
        }
        return null;
    }

    /** Reads events until the server ends the stream or {@code wait} passes; returns them and whether it ended. */
    List<Event> readToEnd(Duration wait) throws IOException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event != null) {
                events.add(event);
            } else if (ended) {
                break;
            }
        }
        return events;
    }

    /** Returns whether the server ended the stream (its last chunk, or the connection's end). */
    boolean ended() {
        return ended;
    }

    private @Nullable Event parse() {
        String buffered = text.toString(StandardCharsets.UTF_8);
        int end = buffered.indexOf("\n\n");
        if (end < 0) {
            return null;
        }
        String block = buffered.substring(0, end);
        byte[] rest = buffered.substring(end + 2).getBytes(StandardCharsets.UTF_8);
        text.reset();
        text.writeBytes(rest);
        String id = null;
        String event = "message";
        StringBuilder data = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            if (line.startsWith(":")) {
                event = ":";
                data.append(line.substring(1).trim());
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        return new Event(id, event, data.toString());
    }

    /** Reads one chunk of the chunked body into the text buffer. */
    private void readChunk(long deadline) throws IOException {
        String sizeLine = line(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        if (sizeLine == null || ended) {
            return;
        }
        int size = Integer.parseInt(sizeLine.trim(), 16);
        if (size == 0) {
            ended = true;
            return;
        }
        byte[] chunk = new byte[size];
        int read = 0;
        while (read < size) {
            try {
                int n = in.read(chunk, read, size - read);
                if (n < 0) {
                    ended = true;
                    return;
                }
                read += n;
            } catch (SocketTimeoutException e) {
                // the rest of the chunk is on its way
            }
        }
        text.writeBytes(chunk);
        line(Duration.ofSeconds(10));
    }

    /** Reads one CRLF-terminated line; returns null and marks the end when the stream ends. */
    private @Nullable String line(Duration wait) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() - deadline > 0 && line.size() == 0) {
                    return null;
                }
                continue;
            } catch (IOException e) {
                ended = true;
                return null;
            }
            if (b < 0) {
                ended = true;
                return null;
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
