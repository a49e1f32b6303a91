package io.twinkit.emulator.internal;

import io.netty.util.AttributeKey;
import io.twinkit.core.TwinKey;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log of a wire emulator ({@code --log-requests}, {@code EmulatorConfig.Builder.logRequests}): one line
 * per HTTPS request, per MQTT CONNECT and per MQTT PUBLISH a device sends, handed to a sink.
 *
 * <p>The lines (fields separated by one space):
 * <ul>
 *   <li>{@code HTTPS <method> <path and query> <status> <ms>ms[ policy=<name>]}: the policy is the shared access
 *       policy of a token the request was authorized with; {@code <status>} is {@code -} and the time is followed by
 *       {@code closed before an answer} when the connection ended first.</li>
 *   <li>{@code MQTT CONNECT <client id> accepted} or {@code MQTT CONNECT <client id> refused <CONNACK code>
 *       <its name>: <reason>}, with {@code MQTT-WS} for MQTT over WebSocket.</li>
 *   <li>{@code MQTT PUBLISH <device>[/<module>] <topic> <outcome>}: the status the hub answered a twin request with
 *       ({@code 200}, {@code 204}, {@code 400}, …), {@code acked #<sequence number>} (QoS 1) or
 *       {@code enqueued #<sequence number>} (QoS 0) for telemetry, the fate of a direct method answer, or
 *       {@code refused: <reason>} when the emulator closed the connection for it.</li>
 * </ul>
 *
 * <p>No line carries a credential: the value of every {@code name=value} pair (in paths, query strings, topics and
 * reasons) whose name is or ends with {@code sig}, {@code signature}, {@code key}, {@code token}, {@code secret} or
 * {@code password} (any case, also percent-encoded) is written as {@code <redacted>}, and so is any part that holds
 * {@code SharedAccessSignature}, {@code sig=} or {@code SharedAccessKey=}. A line is printable ASCII only: a
 * backslash, a control character or any other character is escaped (<code>&#92;&#92;</code>, <code>&#92;n</code>,
 * <code>&#92;x7f</code>, <code>&#92;u00e9</code>), and in the identifying fields (method, path, client, topic) a
 * space too (<code>&#92;x20</code>), so that fields stay apart. Each field is cut to its own bound with
 * {@code ...(+N)} naming the characters left out, and a line never exceeds {@value #MAX_LINE_CHARS} characters
 * (bytes), whatever a client sends.
 *
 * <p>Logging costs nothing when it is off: {@link #OFF} builds no text, and callers ask {@link #enabled()} before
 * any work of their own. A sink that throws loses that line only. Not part of the emulator's API. Thread-safe; the
 * sink is called from the emulator's I/O threads, several at once.
 */
public final class RequestLog {

    /** The longest line, in characters; every character of a line is ASCII, so this is also its size in bytes. */
    public static final int MAX_LINE_CHARS = 2000;
    /** What a secret is replaced with. */
    public static final String REDACTED = "<redacted>";
    /** The request log that logs nothing. */
    public static final RequestLog OFF = new RequestLog(null);
    /**
     * The shared access policy the current HTTPS request of a channel was authorized with, set by the service
     * handler and taken by the HTTPS request logger when the answer is written.
     */
    public static final AttributeKey<String> POLICY = AttributeKey.valueOf(RequestLog.class, "policy");

    static final int MAX_METHOD_CHARS = 32;
    static final int MAX_PATH_CHARS = 1024;
    static final int MAX_NAME_CHARS = 256;
    static final int MAX_REASON_CHARS = 512;

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final Set<String> SECRET_SUFFIXES = Set.of("sig", "signature", "key", "token", "secret",
            "password");
    private static final String[] SECRET_MARKERS = {"sharedaccesssignature", "sig=", "sharedaccesskey="};

    private final @Nullable Consumer<String> sink;

    private RequestLog(@Nullable Consumer<String> sink) {
        this.sink = sink;
    }

    /** Returns a request log that hands its lines to {@code sink}, or {@link #OFF} for {@code null}. */
    public static RequestLog to(@Nullable Consumer<String> sink) {
        return sink == null ? OFF : new RequestLog(sink);
    }

    /** Returns whether lines are logged; callers check it before computing anything only a line needs. */
    public boolean enabled() {
        return sink != null;
    }

    /**
     * Logs an answered HTTPS request.
     *
     * @param method the request's method
     * @param uri the request's path and query, as received
     * @param status the status of the answer
     * @param nanos the time from taking the request up to writing its answer
     * @param policy the shared access policy the request was authorized with, or {@code null}
     */
    public void https(String method, String uri, int status, long nanos, @Nullable String policy) {
        if (sink == null) {
            return;
        }
        StringBuilder line = httpsStart(method, uri).append(status).append(' ')
                .append(TimeUnit.NANOSECONDS.toMillis(nanos)).append("ms");
        if (policy != null) {
            append(line.append(" policy="), policy, MAX_NAME_CHARS, true, true);
        }
        emit(line);
    }

    /** Logs an HTTPS request whose connection ended before it was answered, {@code nanos} after it was taken up. */
    public void httpsUnanswered(String method, String uri, long nanos) {
        if (sink == null) {
            return;
        }
        emit(httpsStart(method, uri).append("- ").append(TimeUnit.NANOSECONDS.toMillis(nanos))
                .append("ms closed before an answer"));
    }

    /**
     * Logs a CONNECT.
     *
     * @param transport {@code MQTT} or {@code MQTT-WS}
     * @param clientId the client id of the CONNECT, or {@code null} if it could not be read
     * @param refusal the name of the CONNACK code of a refusal, or {@code null} when accepted
     * @param code the CONNACK code of a refusal
     * @param reason why it was refused, or {@code null}
     */
    public void mqttConnect(String transport, @Nullable String clientId, @Nullable String refusal, int code,
                            @Nullable String reason) {
        if (sink == null) {
            return;
        }
        StringBuilder line = new StringBuilder(128).append(transport).append(" CONNECT ");
        append(line, clientId == null ? "-" : clientId, MAX_NAME_CHARS, true, true);
        if (refusal == null) {
            line.append(" accepted");
        } else {
            line.append(" refused ").append(code).append(' ');
            append(line, refusal, MAX_NAME_CHARS, true, false);
            if (reason != null) {
                append(line.append(": "), reason, MAX_REASON_CHARS, false, true);
            }
        }
        emit(line);
    }

    /** Logs a twin request (GET or reported PATCH) the hub answered with {@code status}. */
    public void mqttTwin(String transport, TwinKey client, String topic, int status) {
        if (sink == null) {
            return;
        }
        emit(publishStart(transport, client, topic).append(status));
    }

    /** Logs a telemetry message the hub enqueued as {@code sequenceNumber}, acknowledged if {@code acked}. */
    public void mqttTelemetry(String transport, TwinKey client, String topic, boolean acked, long sequenceNumber) {
        if (sink == null) {
            return;
        }
        emit(publishStart(transport, client, topic).append(acked ? "acked #" : "enqueued #").append(sequenceNumber));
    }

    /** Logs a direct method answer of a device and what became of it ({@code outcome}, a fixed phrase). */
    public void mqttMethodAnswer(String transport, TwinKey client, String topic, String outcome) {
        if (sink == null) {
            return;
        }
        emit(publishStart(transport, client, topic).append(outcome));
    }

    /** Logs a PUBLISH the emulator refused by closing the connection, and why. */
    public void mqttRefused(String transport, @Nullable TwinKey client, String topic, String reason) {
        if (sink == null) {
            return;
        }
        StringBuilder line = publishStart(transport, client, topic).append("refused: ");
        append(line, reason, MAX_REASON_CHARS, false, true);
        emit(line);
    }

    private static StringBuilder httpsStart(String method, String uri) {
        StringBuilder line = new StringBuilder(128).append("HTTPS ");
        append(line, method, MAX_METHOD_CHARS, true, false);
        append(line.append(' '), uri, MAX_PATH_CHARS, true, true);
        return line.append(' ');
    }

    private static StringBuilder publishStart(String transport, @Nullable TwinKey client, String topic) {
        StringBuilder line = new StringBuilder(128).append(transport).append(" PUBLISH ");
        append(line, client == null ? "-" : client.toString(), MAX_NAME_CHARS, true, false);
        append(line.append(' '), topic, MAX_PATH_CHARS, true, true);
        return line.append(' ');
    }

    private void emit(StringBuilder line) {
        Consumer<String> target = sink;
        if (target == null) {
            return;
        }
        String text = line.length() <= MAX_LINE_CHARS ? line.toString()
                : line.substring(0, MAX_LINE_CHARS - 3) + "...";
        try {
            target.accept(text);
        } catch (RuntimeException e) {
            LOG.debug("the request log's sink failed; the line is lost", e);
        }
    }

    /**
     * Appends {@code text} to {@code line}, its secrets redacted when {@code redact}, escaped to printable ASCII (a
     * space too when {@code escapeSpace}), and cut after {@code max} characters with {@code ...(+N)}.
     */
    static StringBuilder append(StringBuilder line, String text, int max, boolean escapeSpace, boolean redact) {
        // a secret follows its marker, so cutting the input first never leaves a secret without its marker
        String input = text.length() > 4 * max ? text.substring(0, 4 * max) : text;
        String shown = redact ? redact(input) : input;
        int written = 0;
        int i = 0;
        for (; i < shown.length(); i++) {
            String escaped = escape(shown.charAt(i), escapeSpace);
            int length = escaped == null ? 1 : escaped.length();
            if (written + length > max) {
                break;
            }
            if (escaped == null) {
                line.append(shown.charAt(i));
            } else {
                line.append(escaped);
            }
            written += length;
        }
        if (i < shown.length() || input.length() < text.length()) {
            line.append("...(+").append(shown.length() - i + text.length() - input.length()).append(')');
        }
        return line;
    }

    /** Returns the escape of {@code c}, or {@code null} if it is printable ASCII that stays as it is. */
    private static @Nullable String escape(char c, boolean escapeSpace) {
        if (c == '\\') {
            return "\\\\";
        }
        if (c > ' ' && c < 0x7f || c == ' ' && !escapeSpace) {
            return null;
        }
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x100 ? String.format(Locale.ROOT, "\\x%02x", (int) c)
                    : String.format(Locale.ROOT, "\\u%04x", (int) c);
        };
    }

    /**
     * Returns {@code text} with every secret replaced by {@code <redacted>}: the value of a {@code name=value} part
     * whose name (percent-decoded, any case) is or ends with a secret's name, and any part that holds a SAS token's
     * marks; parts are separated by {@code / ? & ; , space ' "} and parentheses.
     */
    static String redact(String text) {
        StringBuilder out = null;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && !isSeparator(text.charAt(i))) {
                continue;
            }
            String part = text.substring(start, i);
            String shown = redactPart(part);
            if (shown != part && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, start);
            }
            if (out != null) {
                out.append(shown);
                if (i < text.length()) {
                    out.append(text.charAt(i));
                }
            }
            start = i + 1;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isSeparator(char c) {
        return switch (c) {
            case '/', '?', '&', ';', ',', ' ', '\'', '"', '(', ')', '\t', '\n', '\r' -> true;
            default -> false;
        };
    }

    /** Returns {@code part} itself when it holds no secret, else its redacted form. */
    private static String redactPart(String part) {
        if (part.isEmpty()) {
            return part;
        }
        String decoded = decode(decode(part)).toLowerCase(Locale.ROOT);
        int eq = part.indexOf('=');
        if (eq > 0) {
            String name = decode(decode(part.substring(0, eq))).toLowerCase(Locale.ROOT);
            if (isSecretName(name)) {
                return part.substring(0, eq + 1) + REDACTED;
            }
            String value = decode(decode(part.substring(eq + 1))).toLowerCase(Locale.ROOT);
            return holdsToken(value) ? part.substring(0, eq + 1) + REDACTED : part;
        }
        return holdsToken(decoded) ? REDACTED : part;
    }

    private static boolean isSecretName(String name) {
        String bare = name.strip();
        for (String suffix : SECRET_SUFFIXES) {
            if (bare.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsToken(String lowerCase) {
        for (String marker : SECRET_MARKERS) {
            if (lowerCase.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** Decodes {@code %XX} escapes byte by byte (enough to see ASCII marks); anything else stays. */
    private static String decode(String text) {
        int percent = text.indexOf('%');
        if (percent < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, percent);
        for (int i = percent; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.append((char) Integer.parseInt(text, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Returns whether lines are logged, for logs. */
    @Override
    public String toString() {
        return sink == null ? "RequestLog[off]" : "RequestLog[on]";
    }
}
