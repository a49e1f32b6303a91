package io.twinkit.emulator.internal.mqtt;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The CONNECT user name of an IoT Hub device or module:
 * {@code {host}/{deviceId}[/{moduleId}]/?api-version=…[&model-id=…][&DeviceClientType=…]}. Everything after
 * {@code /?} is a URL query string; unknown parameters are kept and ignored.
 *
 * @param hostName the host the client believes it talks to ({@code 127.0.0.1}, {@code myhub.azure-devices.net}, …)
 * @param clientId the client id the user name names, {@code deviceId} or {@code deviceId/moduleId}
 * @param parameters the decoded query parameters, in order; the first of a repeated name wins
 */
record MqttUsername(String hostName, String clientId, Map<String, String> parameters) {

    MqttUsername {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(clientId, "clientId");
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses {@code username} for the connection of {@code clientId}. The client id is matched literally, since
     * device ids may hold {@code ?} and {@code #}, which would make a search for {@code /?} ambiguous.
     *
     * @throws IllegalArgumentException if the user name is not of that form, names another client id, or its query
     *     string is not valid URL encoding
     */
    static MqttUsername parse(String username, String clientId) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(clientId, "clientId");
        int slash = username.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("the user name must be {host}/{clientId}/?api-version=…, found no host"
                    + " before a '/'");
        }
        String rest = username.substring(slash + 1);
        if (!rest.startsWith(clientId + "/")) {
            throw new IllegalArgumentException("the user name names another client than the client id '" + clientId
                    + "': it must be " + username.substring(0, slash) + "/" + clientId + "/?api-version=…");
        }
        String tail = rest.substring(clientId.length() + 1);
        if (!tail.isEmpty() && !tail.startsWith("?")) {
            throw new IllegalArgumentException("the user name must continue with '/?' after the client id '" + clientId
                    + "'");
        }
        return new MqttUsername(username.substring(0, slash), clientId, query(tail.isEmpty() ? "" : tail.substring(1)));
    }

    /** Returns {@code api-version}, if given. */
    Optional<String> apiVersion() {
        return Optional.ofNullable(parameters.get("api-version"));
    }

    /** Returns {@code model-id}, the DTDL model the device announces, if given and not empty. */
    Optional<String> modelId() {
        return Optional.ofNullable(parameters.get("model-id")).filter(id -> !id.isEmpty());
    }

    /**
     * Parses a URL query string into decoded name/value pairs (a name without {@code =} has the value "").
     *
     * @throws IllegalArgumentException if a {@code %} escape is malformed
     */
    static Map<String, String> query(String query) {
        Map<String, String> result = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return result;
        }
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.putIfAbsent(name, value);
        }
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed URL encoding in '" + text + "': " + e.getMessage(), e);
        }
    }
}
