/**
 * twin-device: the back-end twin client ({@code io.twinkit.service}) and the device twin client
 * ({@code io.twinkit.device}) over the official Azure IoT SDKs. Only these two packages are API; the SDK adapters
 * ({@code io.twinkit.service.internal}, {@code io.twinkit.device.internal}) and the plumbing both clients share
 * ({@code io.twinkit.client.internal}) are not exported.
 *
 * <p>The SDKs are read as automatic modules named by their manifests' {@code Automatic-Module-Name}:
 * {@code com.microsoft.iot.service.client} (iot-service-client) and {@code com.microsoft.iot.device.client}
 * (iot-device-client). Their packages do not overlap ({@code com.microsoft.azure.sdk.iot.service…} and
 * {@code …device…}), nor with their dependencies', so both sit on the module path. Two of the service SDK's own
 * dependencies are required directly because the adapter names their types: {@code com.azure.core} (the
 * {@code AzureSasCredential} the SDK clients authenticate with) and {@code com.google.gson} (the SDK's twin
 * collections expose Gson's {@code JsonObject}, whose text the adapter reads). No SDK, Gson or azure-core type appears
 * in an exported signature. The SDKs and slf4j-api 1.7 are automatic modules, which javac's {@code requires-automatic}
 * lint reports on every {@code requires}; none of them is required transitively, so no user depends on their
 * automatic names through this module, and the warning is suppressed.
 */
@SuppressWarnings("requires-automatic")
module io.twinkit.device {
    requires transitive io.twinkit.core;
    requires transitive io.twinkit.query;
    requires com.microsoft.iot.service.client;
    requires com.microsoft.iot.device.client;
    requires com.azure.core;
    requires com.google.gson;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports io.twinkit.device;
    exports io.twinkit.service;
}
