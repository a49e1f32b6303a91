package io.twinkit.device;

import io.twinkit.core.DeviceId;
import io.twinkit.core.InvalidIdException;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed device (or module) connection string of the form
 * {@code HostName=…;DeviceId=…[;ModuleId=…];SharedAccessKey=…[;GatewayHostName=…]}. Parts may come in any order and
 * their names are case-insensitive. Immutable and thread-safe; {@link #toString()} never shows the key.
 */
public final class DeviceConnectionString {

    private static final String HOST_NAME = "hostname";
    private static final String DEVICE_ID = "deviceid";
    private static final String MODULE_ID = "moduleid";
    private static final String SHARED_ACCESS_KEY = "sharedaccesskey";
    private static final String GATEWAY_HOST_NAME = "gatewayhostname";
    private static final String X509 = "x509";
    private static final String SHARED_ACCESS_KEY_NAME = "sharedaccesskeyname";

    private final String hostName;
    private final DeviceId deviceId;
    private final @Nullable ModuleId moduleId;
    private final String sharedAccessKey;
    private final @Nullable String gatewayHostName;

    private DeviceConnectionString(String hostName, DeviceId deviceId, @Nullable ModuleId moduleId,
                                   String sharedAccessKey, @Nullable String gatewayHostName) {
        this.hostName = hostName;
        this.deviceId = deviceId;
        this.moduleId = moduleId;
        this.sharedAccessKey = sharedAccessKey;
        this.gatewayHostName = gatewayHostName;
    }

    /**
     * Parses a device or module connection string.
     *
     * @param connectionString the connection string, e.g. {@code HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKey=…}
     * @return the parsed connection string
     * @throws IllegalArgumentException naming the missing or bad part: no {@code HostName}, no {@code DeviceId}, an
     *     invalid device or module id, no {@code SharedAccessKey} or one that is not base64, a duplicated or unknown
     *     part, {@code x509=true} (not supported yet) or a service ({@code SharedAccessKeyName}) connection string
     */
    public static DeviceConnectionString parse(String connectionString) {
        Objects.requireNonNull(connectionString, "connectionString");
        Map<String, String> parts = split(connectionString);
        if (parts.containsKey(SHARED_ACCESS_KEY_NAME)) {
            throw new IllegalArgumentException("connection string has SharedAccessKeyName: that is a service (policy)"
                    + " connection string, a device needs HostName, DeviceId and SharedAccessKey");
        }
        String x509 = parts.get(X509);
        if (x509 != null) {
            if (x509.equalsIgnoreCase("true")) {
                throw new IllegalArgumentException("connection string has x509=true: X.509 device authentication is"
                        + " not supported yet, use a SharedAccessKey");
            }
            if (!x509.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("connection string has x509=" + x509 + ": must be true or false");
            }
        }
        String hostName = required(parts, HOST_NAME, "HostName");
        String deviceText = required(parts, DEVICE_ID, "DeviceId");
        DeviceId deviceId;
        try {
            deviceId = DeviceId.of(deviceText);
        } catch (InvalidIdException e) {
            throw new IllegalArgumentException("connection string has an invalid DeviceId '" + deviceText + "': "
                    + e.getMessage(), e);
        }
        ModuleId moduleId = null;
        String moduleText = parts.get(MODULE_ID);
        if (moduleText != null) {
            try {
                moduleId = ModuleId.of(moduleText);
            } catch (InvalidIdException e) {
                throw new IllegalArgumentException("connection string has an invalid ModuleId '" + moduleText + "': "
                        + e.getMessage(), e);
            }
        }
        String key = required(parts, SHARED_ACCESS_KEY, "SharedAccessKey");
        try {
            Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("connection string has a SharedAccessKey that is not base64: "
                    + e.getMessage(), e);
        }
        return new DeviceConnectionString(hostName, deviceId, moduleId, key, parts.get(GATEWAY_HOST_NAME));
    }

    private static Map<String, String> split(String connectionString) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : connectionString.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("connection string part '" + part + "' is not name=value");
            }
            String name = part.substring(0, equals).trim();
            String lower = name.toLowerCase(Locale.ROOT);
            switch (lower) {
                case HOST_NAME, DEVICE_ID, MODULE_ID, SHARED_ACCESS_KEY, GATEWAY_HOST_NAME, X509,
                     SHARED_ACCESS_KEY_NAME -> { }
                default -> throw new IllegalArgumentException("connection string has an unknown part '" + name
                        + "': expected HostName, DeviceId, ModuleId, SharedAccessKey or GatewayHostName");
            }
            if (parts.put(lower, part.substring(equals + 1).trim()) != null) {
                throw new IllegalArgumentException("connection string has " + name + " more than once");
            }
        }
        return parts;
    }

    private static String required(Map<String, String> parts, String key, String name) {
        String value = parts.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("connection string has no " + name);
        }
        return value;
    }

    /** Returns the IoT Hub host name, e.g. {@code myhub.azure-devices.net}. */
    public String hostName() {
        return hostName;
    }

    /** Returns the device id. */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** Returns the module id of a module connection string, or empty for a device. */
    public Optional<ModuleId> moduleId() {
        return Optional.ofNullable(moduleId);
    }

    /**
     * Returns the twin this connection string connects to: {@link TwinKey#device(DeviceId)} for a device,
     * {@link TwinKey#module(DeviceId, ModuleId)} for a module. The same key names the twin on the back-end client.
     */
    public TwinKey twinKey() {
        return new TwinKey(deviceId, moduleId);
    }

    /** Returns the base64 shared access key. */
    public String sharedAccessKey() {
        return sharedAccessKey;
    }

    /** Returns the gateway (IoT Edge) host name the device connects through, or empty to connect to the hub. */
    public Optional<String> gatewayHostName() {
        return Optional.ofNullable(gatewayHostName);
    }

    /** Returns the connection string in canonical form, with the key, for handing to a transport. */
    public String toConnectionString() {
        StringBuilder text = new StringBuilder("HostName=").append(hostName).append(";DeviceId=")
                .append(deviceId.value());
        if (moduleId != null) {
            text.append(";ModuleId=").append(moduleId.value());
        }
        text.append(";SharedAccessKey=").append(sharedAccessKey);
        if (gatewayHostName != null) {
            text.append(";GatewayHostName=").append(gatewayHostName);
        }
        return text.toString();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof DeviceConnectionString other && hostName.equals(other.hostName)
                && deviceId.equals(other.deviceId) && Objects.equals(moduleId, other.moduleId)
                && sharedAccessKey.equals(other.sharedAccessKey)
                && Objects.equals(gatewayHostName, other.gatewayHostName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hostName, deviceId, moduleId, sharedAccessKey, gatewayHostName);
    }

    /** Returns the host and ids without the key, safe for logs. */
    @Override
    public String toString() {
        return "DeviceConnectionString[" + hostName + ", " + deviceId.value()
                + (moduleId == null ? "" : "/" + moduleId.value())
                + (gatewayHostName == null ? "" : ", via " + gatewayHostName) + "]";
    }
}
