package io.twinkit.service;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An IoT Hub service connection string, {@code HostName=…;SharedAccessKeyName=…;SharedAccessKey=…}, parsed and
 * checked. Keys may come in any order and in any letter case; keys other than those three are kept in
 * {@link #extras()} and otherwise ignored. The host may carry a port ({@code localhost:8443}), which the official
 * SDK's own parser rejects but an emulator needs.
 *
 * <p>Instances are immutable; {@link #toString()} hides the key.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-dev-guide-sas">IoT Hub security tokens</a>
 */
public final class ServiceConnectionString {

    private static final String HOST_NAME = "HostName";
    private static final String KEY_NAME = "SharedAccessKeyName";
    private static final String KEY = "SharedAccessKey";

    private final String hostName;
    private final String sharedAccessKeyName;
    private final String sharedAccessKey;
    private final Map<String, String> extras;

    private ServiceConnectionString(String hostName, String sharedAccessKeyName, String sharedAccessKey,
            Map<String, String> extras) {
        this.hostName = hostName;
        this.sharedAccessKeyName = sharedAccessKeyName;
        this.sharedAccessKey = sharedAccessKey;
        this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /**
     * Parses a service connection string.
     *
     * @param connectionString {@code HostName=…;SharedAccessKeyName=…;SharedAccessKey=…}
     * @return the parsed connection string
     * @throws IllegalArgumentException if the string is empty, a part is not {@code key=value}, a key appears twice,
     *     HostName, SharedAccessKeyName or SharedAccessKey is missing or empty, the host name is malformed, or the
     *     key is not base64
     */
    public static ServiceConnectionString parse(String connectionString) {
        Objects.requireNonNull(connectionString, "connectionString");
        if (connectionString.isBlank()) {
            throw new IllegalArgumentException("the service connection string is empty; expected "
                    + "HostName=…;SharedAccessKeyName=…;SharedAccessKey=…");
        }
        Map<String, String> known = new LinkedHashMap<>();
        Map<String, String> extras = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (String part : connectionString.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("the connection string part '" + redact(part)
                        + "' is not key=value");
            }
            String key = part.substring(0, eq).trim();
            // base64 keys end in '=', so only the first '=' separates key from value
            String value = part.substring(eq + 1).trim();
            String folded = key.toLowerCase(Locale.ROOT);
            String previous = seen.put(folded, key);
            if (previous != null) {
                throw new IllegalArgumentException("the connection string has the key '" + key
                        + "' twice (keys are case-insensitive)");
            }
            String canonical = canonical(folded);
            if (canonical != null) {
                known.put(canonical, value);
            } else {
                extras.put(key, value);
            }
        }
        String host = required(known, HOST_NAME);
        checkHost(host);
        String keyName = required(known, KEY_NAME);
        String key = required(known, KEY);
        try {
            byte[] decoded = Base64.getDecoder().decode(key);
            if (decoded.length == 0) {
                throw new IllegalArgumentException("empty");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the connection string's SharedAccessKey is not base64 "
                    + "(the key of policy '" + keyName + "' as the portal shows it)", e);
        }
        return new ServiceConnectionString(host, keyName, key, extras);
    }

    private static @Nullable String canonical(String folded) {
        return switch (folded) {
            case "hostname" -> HOST_NAME;
            case "sharedaccesskeyname" -> KEY_NAME;
            case "sharedaccesskey" -> KEY;
            default -> null;
        };
    }

    private static String required(Map<String, String> known, String key) {
        String value = known.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the connection string has no " + key
                    + "; expected HostName=…;SharedAccessKeyName=…;SharedAccessKey=…");
        }
        return value;
    }

    private static void checkHost(String host) {
        int colon = host.lastIndexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        if (!name.matches("[A-Za-z0-9_\\-.]+")) {
            throw new IllegalArgumentException("the connection string's HostName '" + host
                    + "' is not a host name (letters, digits, '-', '_', '.', optionally ':port')");
        }
        if (colon >= 0) {
            String port = host.substring(colon + 1);
            boolean valid = port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1
                    && Integer.parseInt(port) <= 65535;
            if (!valid) {
                throw new IllegalArgumentException("the connection string's HostName '" + host
                        + "' has a port that is not a number from 1 to 65535");
            }
        }
    }

    private static String redact(String part) {
        return part.length() <= 12 ? part : part.substring(0, 12) + "…";
    }

    /** Returns the host, e.g. {@code myhub.azure-devices.net}, with {@code :port} when one was given. */
    public String hostName() {
        return hostName;
    }

    /** Returns the host without any port, the name a SAS token's resource URI is built from. */
    public String hostNameWithoutPort() {
        int colon = hostName.lastIndexOf(':');
        return colon < 0 ? hostName : hostName.substring(0, colon);
    }

    /** Returns the shared access policy name, e.g. {@code iothubowner}. */
    public String sharedAccessKeyName() {
        return sharedAccessKeyName;
    }

    /** Returns the policy's key, base64 as given. */
    public String sharedAccessKey() {
        return sharedAccessKey;
    }

    /** Returns the keys other than the three known ones, in the order given, with their original spelling. */
    public Map<String, String> extras() {
        return extras;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof ServiceConnectionString other && hostName.equals(other.hostName)
                && sharedAccessKeyName.equals(other.sharedAccessKeyName)
                && sharedAccessKey.equals(other.sharedAccessKey) && extras.equals(other.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hostName, sharedAccessKeyName, sharedAccessKey, extras);
    }

    /** Returns the connection string with the key replaced by {@code ***}. */
    @Override
    public String toString() {
        return "HostName=" + hostName + ";SharedAccessKeyName=" + sharedAccessKeyName + ";SharedAccessKey=***";
    }
}
