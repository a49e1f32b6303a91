package io.twinkit.emulator;

/**
 * A right a shared access policy grants.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-dev-guide-sas">Control access to IoT Hub</a>
 */
public enum AccessRight {
    /** Read the identity registry. */
    REGISTRY_READ("RegistryRead"),
    /** Read and write the identity registry. */
    REGISTRY_WRITE("RegistryWrite"),
    /** Service-facing operations: twins, queries, messages. */
    SERVICE_CONNECT("ServiceConnect"),
    /** Device-facing operations, for any device. */
    DEVICE_CONNECT("DeviceConnect");

    private final String wireName;

    AccessRight(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name the service uses, e.g. {@code ServiceConnect}. */
    public String wireName() {
        return wireName;
    }
}
