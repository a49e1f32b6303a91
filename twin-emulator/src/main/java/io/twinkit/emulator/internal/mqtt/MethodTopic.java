package io.twinkit.emulator.internal.mqtt;

import java.util.Objects;

/**
 * The topics of IoT Hub's direct methods over MQTT: the hub publishes a call on
 * {@code $iothub/methods/POST/{method name}/?$rid={rid}} to a device subscribed to {@code $iothub/methods/POST/#},
 * and the device answers on {@code $iothub/methods/res/{status}/?$rid={rid}} ({@link #parseResponse}).
 *
 * @param status the status the device answered with (any integer; the device SDKs send their own codes)
 * @param requestId the {@code $rid} of the call answered
 */
record MethodTopic(int status, String requestId) {

    static final String FILTER = TwinTopic.METHODS_FILTER;
    static final String REQUEST_PREFIX = "$iothub/methods/POST/";
    static final String RESPONSE_PREFIX = "$iothub/methods/res/";

    MethodTopic {
        Objects.requireNonNull(requestId, "requestId");
    }

    /** Returns whether a device published {@code topic} as the answer to a direct method. */
    static boolean isResponse(String topic) {
        return topic.startsWith(RESPONSE_PREFIX);
    }

    /** Returns the topic of a call of {@code methodName} with request id {@code requestId}. */
    static String request(String methodName, String requestId) {
        return REQUEST_PREFIX + methodName + "/?$rid=" + requestId;
    }

    /**
     * Parses a device's answer topic, {@code $iothub/methods/res/{status}/?$rid={rid}[&…]}.
     *
     * @throws IllegalArgumentException if the status is not an integer or the {@code $rid} is missing, empty or
     *     longer than {@link TwinTopic#MAX_REQUEST_ID_CHARS}
     */
    static MethodTopic parseResponse(String topic) {
        if (!isResponse(topic)) {
            throw new IllegalArgumentException("'" + topic + "' is not a direct method response topic");
        }
        String rest = topic.substring(RESPONSE_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || !rest.startsWith("?", slash + 1)) {
            throw new IllegalArgumentException("'" + topic + "' needs '{status}/?$rid=…' after '" + RESPONSE_PREFIX
                    + "'");
        }
        int status;
        try {
            status = Integer.parseInt(rest.substring(0, slash));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the status of the direct method response topic '" + topic
                    + "' is not an integer");
        }
        String requestId = null;
        for (String pair : rest.substring(slash + 2).split("&", -1)) {
            if (pair.startsWith("$rid=")) {
                requestId = pair.substring("$rid=".length());
                break;
            }
        }
        if (requestId == null || requestId.isEmpty() || requestId.length() > TwinTopic.MAX_REQUEST_ID_CHARS) {
            throw new IllegalArgumentException("the direct method response topic '" + shorten(topic) + "' has no $rid"
                    + " of 1 to " + TwinTopic.MAX_REQUEST_ID_CHARS + " characters");
        }
        return new MethodTopic(status, requestId);
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
