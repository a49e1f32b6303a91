package io.twinkit.emulator.internal.mqtt;

import io.twinkit.emulator.TelemetryMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The property bag of a telemetry topic, {@code devices/{id}[/modules/{mid}]/messages/events/{property bag}}, decoded
 * as IoT Hub decodes it: {@code key=value} pairs separated by {@code &}, both percent-encoded.
 *
 * <ul>
 *   <li>The bag may end with one {@code /} (the Java device SDK ends a module's topic so) and start with one
 *       {@code ?} (the form the Python SDK's notes give); empty pairs are skipped, a pair without {@code =} has the
 *       value "", a pair with an empty name is skipped, and a name given twice keeps its first place and its last
 *       value.</li>
 *   <li>Every properly encoded character is decoded: {@code %XX} escapes that form well-formed UTF-8. Other text,
 *       an escape that is not (a lone {@code %}, {@code %zz}, {@code %FF}) included, stays as it is, and {@code +}
 *       stays a plus (the device SDKs encode a space as {@code %20}). Names are decoded too, so the Node SDK's
 *       {@code %24.mid} is {@code $.mid}.</li>
 *   <li>Names starting with {@code $.} are system properties: {@code $.mid}, {@code $.cid}, {@code $.uid},
 *       {@code $.to}, {@code $.ct}, {@code $.ce}, {@code $.exp}, {@code $.sub}, {@code $.ifid} and {@code $.on}
 *       become the system properties {@link TelemetryMessage} names; {@code $.ctime} becomes the application property
 *       {@value TelemetryMessage#CREATION_TIME_UTC}; {@code $.cdid} and {@code $.cmid} (the connection's ids, which
 *       only the hub sets) are ignored; any other name, {@code $.} ones included, is an application property.</li>
 * </ul>
 *
 * @param systemProperties the system properties the device set, by their service names
 * @param applicationProperties the application properties, in the order sent
 * @param propertyBytes the UTF-8 bytes of every decoded name and value, which count against the message size as on
 *     the service (neither the topic before the bag nor the {@code =} and {@code &} count)
 */
record TelemetryTopic(Map<String, String> systemProperties, Map<String, String> applicationProperties,
                      long propertyBytes) {

    /** The most bytes of body and properties a message may have: the service's 256 KiB. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private static final Map<String, String> SYSTEM_NAMES = Map.ofEntries(
            Map.entry("$.mid", TelemetryMessage.MESSAGE_ID),
            Map.entry("$.cid", TelemetryMessage.CORRELATION_ID),
            Map.entry("$.uid", TelemetryMessage.USER_ID),
            Map.entry("$.to", TelemetryMessage.TO),
            Map.entry("$.ct", TelemetryMessage.CONTENT_TYPE),
            Map.entry("$.ce", TelemetryMessage.CONTENT_ENCODING),
            Map.entry("$.exp", TelemetryMessage.ABSOLUTE_EXPIRY_TIME),
            Map.entry("$.sub", TelemetryMessage.COMPONENT),
            Map.entry("$.ifid", TelemetryMessage.INTERFACE_ID),
            Map.entry("$.on", TelemetryMessage.OUTPUT_NAME));
    private static final String CREATION_TIME = "$.ctime";
    private static final String CONNECTION_DEVICE_ID = "$.cdid";
    private static final String CONNECTION_MODULE_ID = "$.cmid";

    TelemetryTopic {
        systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
        applicationProperties = Collections.unmodifiableMap(new LinkedHashMap<>(applicationProperties));
    }

    /**
     * Decodes the property bag of a telemetry topic of the connection at {@code clientPath}.
     *
     * @param topic the PUBLISH topic, which {@link TwinTopic#parse} recognised as this connection's telemetry
     * @param clientPath {@code devices/{deviceId}} or {@code devices/{deviceId}/modules/{moduleId}}
     * @throws IllegalArgumentException if the topic is not the connection's telemetry topic
     */
    static TelemetryTopic parse(String topic, String clientPath) {
        Objects.requireNonNull(topic, "topic");
        String prefix = clientPath + "/messages/events";
        if (!topic.startsWith(prefix) || topic.length() > prefix.length() && topic.charAt(prefix.length()) != '/') {
            throw new IllegalArgumentException("'" + topic + "' is not the telemetry topic of " + clientPath);
        }
        String bag = topic.length() <= prefix.length() + 1 ? "" : topic.substring(prefix.length() + 1);
        if (bag.endsWith("/")) {
            bag = bag.substring(0, bag.length() - 1);
        }
        if (bag.startsWith("?")) {
            bag = bag.substring(1);
        }
        Map<String, String> system = new LinkedHashMap<>();
        Map<String, String> application = new LinkedHashMap<>();
        long bytes = 0;
        int start = 0;
        while (start <= bag.length()) {
            int end = bag.indexOf('&', start);
            if (end < 0) {
                end = bag.length();
            }
            if (end > start) {
                String pair = bag.substring(start, end);
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                bytes += utf8Length(name) + utf8Length(value);
                if (!name.isEmpty()) {
                    put(name, value, system, application);
                }
            }
            start = end + 1;
        }
        return new TelemetryTopic(system, application, bytes);
    }

    private static void put(String name, String value, Map<String, String> system, Map<String, String> application) {
        String systemName = SYSTEM_NAMES.get(name);
        if (systemName != null) {
            system.put(systemName, value);
        } else if (name.equals(CREATION_TIME)) {
            application.put(TelemetryMessage.CREATION_TIME_UTC, value);
        } else if (!name.equals(CONNECTION_DEVICE_ID) && !name.equals(CONNECTION_MODULE_ID)) {
            application.put(name, value);
        }
    }

    /**
     * Checks the service's size rule for a message with this bag and a body of {@code bodyBytes}.
     *
     * @throws IllegalArgumentException if body and properties together exceed {@link #MAX_MESSAGE_BYTES}
     */
    void checkSize(int bodyBytes) {
        if (bodyBytes + propertyBytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("a telemetry message of " + bodyBytes + " body bytes and "
                    + propertyBytes + " property bytes exceeds IoT Hub's " + MAX_MESSAGE_BYTES + " bytes");
        }
    }

    /**
     * Percent-decodes {@code text} as described in the class comment: each run of escapes that forms well-formed
     * UTF-8 characters is decoded; anything else stays as it is.
     */
    static String decode(String text) {
        int percent = text.indexOf('%');
        if (percent < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, percent);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int i = percent;
        while (i < text.length()) {
            char c = text.charAt(i);
            int lead = c == '%' ? escaped(text, i) : -1;
            int length = lead < 0 ? 0 : sequenceLength(lead);
            String decoded = length == 0 ? null : character(text, i, length, utf8);
            if (decoded != null) {
                out.append(decoded);
                i += 3 * length;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Returns the one UTF-8 character the {@code length} escapes at {@code index} encode, or {@code null}. */
    private static @Nullable String character(String text, int index, int length, CharsetDecoder utf8) {
        byte[] bytes = new byte[length];
        for (int k = 0; k < length; k++) {
            int b = escaped(text, index + 3 * k);
            if (b < 0) {
                return null;
            }
            bytes[k] = (byte) b;
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Returns the length of the UTF-8 sequence {@code lead} starts, or 0 if it starts none. */
    private static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        return lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    }

    /** Returns the byte of the escape {@code %XX} at {@code index}, or -1 if there is none. */
    private static int escaped(String text, int index) {
        if (index + 2 >= text.length() || text.charAt(index) != '%') {
            return -1;
        }
        int high = hex(text.charAt(index + 1));
        int low = hex(text.charAt(index + 2));
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f') {
            return (c | 0x20) - 'a' + 10;
        }
        return -1;
    }

    private static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
