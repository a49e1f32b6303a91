package io.twinkit.emulator.internal.mqtt;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A topic a device publishes to, as IoT Hub's MQTT twin API reads it:
 * <ul>
 *   <li>{@code $iothub/twin/GET/?$rid={rid}}: read the twin;</li>
 *   <li>{@code $iothub/twin/PATCH/properties/reported/?$rid={rid}[&$version={v}]}: report properties;</li>
 *   <li>{@code devices/{deviceId}[/modules/{moduleId}]/messages/events/…}: telemetry, whose property bag
 *       {@link TelemetryTopic} decodes.</li>
 * </ul>
 *
 * @param kind what the topic asks for
 * @param requestId the {@code $rid} exactly as sent (echoed verbatim in the response topic), or {@code null} for
 *     telemetry
 * @param version the {@code $version} parameter as sent, or {@code null} when absent
 */
record TwinTopic(Kind kind, @Nullable String requestId, @Nullable String version) {

    /** The device-to-hub operations. */
    enum Kind {
        /** {@code $iothub/twin/GET/}. */
        GET_TWIN,
        /** {@code $iothub/twin/PATCH/properties/reported/}. */
        REPORT,
        /** Device-to-cloud telemetry. */
        TELEMETRY
    }

    static final String GET_PREFIX = "$iothub/twin/GET/";
    static final String REPORT_PREFIX = "$iothub/twin/PATCH/properties/reported/";
    static final String RESPONSE_FILTER = "$iothub/twin/res/#";
    static final String DESIRED_FILTER = "$iothub/twin/PATCH/properties/desired/#";
    static final String DESIRED_PREFIX = "$iothub/twin/PATCH/properties/desired/";
    static final String RESPONSE_PREFIX = "$iothub/twin/res/";
    static final String METHODS_FILTER = "$iothub/methods/POST/#";
    /**
     * The longest {@code $rid}, in characters: IoT Hub's limit on a message's {@code message-id}. The SDKs send
     * GUIDs (36) or counters; a {@code $rid} of 65,512 characters fits a request topic but no response topic.
     */
    static final int MAX_REQUEST_ID_CHARS = 128;

    TwinTopic {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Parses the topic a device published to.
     *
     * @param topic the PUBLISH topic name
     * @param clientPath {@code devices/{deviceId}} or {@code devices/{deviceId}/modules/{moduleId}} of the publisher
     * @return the operation
     * @throws IllegalArgumentException if the topic is none of the device API's, or a twin request has no
     *     {@code $rid} or one longer than {@link #MAX_REQUEST_ID_CHARS}
     */
    static TwinTopic parse(String topic, String clientPath) {
        Objects.requireNonNull(topic, "topic");
        if (topic.startsWith(GET_PREFIX)) {
            return twinRequest(Kind.GET_TWIN, topic, GET_PREFIX);
        }
        if (topic.startsWith(REPORT_PREFIX)) {
            return twinRequest(Kind.REPORT, topic, REPORT_PREFIX);
        }
        if (topic.startsWith(clientPath + "/messages/events/") || topic.equals(clientPath + "/messages/events")) {
            return new TwinTopic(Kind.TELEMETRY, null, null);
        }
        throw new IllegalArgumentException("'" + topic + "' is not a topic a device may publish to (twin GET, reported"
                + " PATCH or " + clientPath + "/messages/events/)");
    }

    /**
     * Returns whether a device may subscribe to {@code filter}: the twin response and desired filters,
     * {@code $iothub/methods/POST/#}, or a filter without {@code +} in its own {@code devices/{id}[/modules/{mid}]/}
     * namespace (with {@code #} only as a whole last level). Only the twin filters and the methods filter ever
     * receive anything.
     */
    static boolean acceptsFilter(String filter, String clientPath) {
        if (filter.equals(RESPONSE_FILTER) || filter.equals(DESIRED_FILTER) || filter.equals(METHODS_FILTER)) {
            return true;
        }
        if (!filter.startsWith(clientPath + "/")) {
            return false;
        }
        int hash = filter.indexOf('#');
        return filter.indexOf('+') < 0 && (hash < 0 || (hash == filter.length() - 1 && filter.charAt(hash - 1) == '/'));
    }

    /**
     * Returns the response topic {@code $iothub/twin/res/{status}/?$rid={rid}[&$version={version}]}: at most
     * 27 + 4 × {@link #MAX_REQUEST_ID_CHARS} + 29 UTF-8 bytes.
     *
     * @throws IllegalArgumentException if {@code requestId} is longer than {@link #MAX_REQUEST_ID_CHARS} or
     *     {@code status} has not 3 digits
     */
    static String response(int status, String requestId, @Nullable Long version) {
        if (requestId.length() > MAX_REQUEST_ID_CHARS || status < 100 || status > 999) {
            throw new IllegalArgumentException("no response topic for status " + status + " and a $rid of "
                    + requestId.length() + " characters");
        }
        return RESPONSE_PREFIX + status + "/?$rid=" + requestId + (version == null ? "" : "&$version=" + version);
    }

    /** Returns the desired-properties notification topic {@code $iothub/twin/PATCH/properties/desired/?$version=n}. */
    static String desired(long version) {
        return DESIRED_PREFIX + "?$version=" + version;
    }

    private static TwinTopic twinRequest(Kind kind, String topic, String prefix) {
        String rest = topic.substring(prefix.length());
        if (!rest.startsWith("?")) {
            throw new IllegalArgumentException("'" + topic + "' needs '?$rid=…' after '" + prefix + "'");
        }
        String requestId = null;
        String version = null;
        for (String pair : rest.substring(1).split("&", -1)) {
            if (pair.startsWith("$rid=") && requestId == null) {
                requestId = pair.substring("$rid=".length());
            } else if (pair.startsWith("$version=") && version == null) {
                version = pair.substring("$version=".length());
            }
        }
        if (requestId == null || requestId.isEmpty()) {
            throw new IllegalArgumentException("'" + topic + "' has no $rid, so no response could reach the device");
        }
        if (requestId.length() > MAX_REQUEST_ID_CHARS) {
            throw new IllegalArgumentException("the $rid of a " + kind + " request has " + requestId.length()
                    + " characters, more than the " + MAX_REQUEST_ID_CHARS + " IoT Hub allows; refused, no response"
                    + " topic could carry it");
        }
        return new TwinTopic(kind, requestId, version);
    }
}
