package io.twinkit.junit;

import io.twinkit.device.Transport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an {@link EmulatorHub} emulator listens and how to connect to it, as it was when it started: its ready line
 * and the values in it, for code under test that is configured with connection strings, ports or a CA certificate
 * rather than with the injected clients. Immutable and thread-safe.
 *
 * <pre>{@code
 * @EmulatorHub(devices = "sensor-1")
 * class BackEndServiceTest {
 *     @Test
 *     void startsAgainstTheEmulator(EmulatorEndpoint endpoint) {
 *         MyBackEnd app = MyBackEnd.configure(endpoint.serviceConnectionString(), endpoint.caCertificatePem());
 *         // or: TwinServiceClient.builder().emulatorReadyLine(endpoint.readyLine()).build()
 *     }
 * }
 * }</pre>
 */
public final class EmulatorEndpoint {

    private final String readyLine;
    private final String hubName;
    private final String serviceHostName;
    private final String deviceHostName;
    private final int httpsPort;
    private final int mqttPort;
    private final int mqttWsPort;
    private final String caCertificatePem;
    private final String serviceConnectionString;
    private final Map<String, String> deviceConnectionStrings;
    private final Transport transport;

    EmulatorEndpoint(String readyLine, String hubName, String serviceHostName, String deviceHostName, int httpsPort,
                     int mqttPort, int mqttWsPort, String caCertificatePem, String serviceConnectionString,
                     Map<String, String> deviceConnectionStrings, Transport transport) {
        this.readyLine = Objects.requireNonNull(readyLine, "readyLine");
        this.hubName = Objects.requireNonNull(hubName, "hubName");
        this.serviceHostName = Objects.requireNonNull(serviceHostName, "serviceHostName");
        this.deviceHostName = Objects.requireNonNull(deviceHostName, "deviceHostName");
        this.httpsPort = httpsPort;
        this.mqttPort = mqttPort;
        this.mqttWsPort = mqttWsPort;
        this.caCertificatePem = Objects.requireNonNull(caCertificatePem, "caCertificatePem");
        this.serviceConnectionString = Objects.requireNonNull(serviceConnectionString, "serviceConnectionString");
        this.deviceConnectionStrings = Collections.unmodifiableMap(new LinkedHashMap<>(deviceConnectionStrings));
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Returns the line the emulator's command line prints when it is ready, {@code TWINKIT-EMULATOR-READY {json}}:
     * what {@code TwinServiceClient.builder().emulatorReadyLine(...)} and
     * {@code DeviceConnection.builder().emulatorReadyLine(...)} take, and what a program started by the test may be
     * given as its configuration.
     */
    public String readyLine() {
        return readyLine;
    }

    /** Returns the hub name. */
    public String hubName() {
        return hubName;
    }

    /**
     * Returns the host of the HTTPS service API, which the server certificate names: the emulator's own loopback
     * address (such as {@code 127.0.0.2}) when it serves MQTT there, else {@code localhost}.
     */
    public String serviceHostName() {
        return serviceHostName;
    }

    /**
     * Returns the host in the device connection strings, where the MQTT device API listens: the emulator's own
     * loopback address (such as {@code 127.0.0.2}) when it serves MQTT there, else {@code 127.0.0.1}.
     */
    public String deviceHostName() {
        return deviceHostName;
    }

    /** Returns the port of the HTTPS service API, which serves MQTT over WebSocket too. */
    public int httpsPort() {
        return httpsPort;
    }

    /** Returns the port of MQTT over TLS: 8883 on an own loopback address, else a free port. */
    public int mqttPort() {
        return mqttPort;
    }

    /** Returns the port of MQTT over secure WebSocket of its own. */
    public int mqttWsPort() {
        return mqttWsPort;
    }

    /**
     * Returns the emulator's CA certificate as PEM text, the one certificate a client must trust; a new one for each
     * emulator.
     */
    public String caCertificatePem() {
        return caCertificatePem;
    }

    /**
     * Returns the {@code iothubowner} connection string of the HTTPS service API,
     * {@code HostName=<serviceHostName>:<httpsPort>;SharedAccessKeyName=iothubowner;SharedAccessKey=…}.
     */
    public String serviceConnectionString() {
        return serviceConnectionString;
    }

    /**
     * Returns the connection strings of the devices and modules declared on {@link EmulatorHub#devices()}, keyed as
     * declared ({@code deviceId} or {@code deviceId/moduleId}), in the order declared.
     */
    public Map<String, String> deviceConnectionStrings() {
        return deviceConnectionStrings;
    }

    /**
     * Returns the connection string of a device or module declared on {@link EmulatorHub#devices()}; for one created
     * later, ask {@link DeviceConnections#connectionString(String)}.
     *
     * @param deviceOrModule {@code deviceId} or {@code deviceId/moduleId}, as declared
     * @return its connection string
     * @throws IllegalArgumentException if it was not declared
     */
    public String deviceConnectionString(String deviceOrModule) {
        String connectionString = deviceConnectionStrings.get(Objects.requireNonNull(deviceOrModule,
                "deviceOrModule"));
        if (connectionString == null) {
            throw new IllegalArgumentException("'" + deviceOrModule + "' is not declared on @EmulatorHub(devices);"
                    + " declared: " + deviceConnectionStrings.keySet());
        }
        return connectionString;
    }

    /**
     * Returns the transport the injected {@link DeviceConnections} use: the annotation's, but
     * {@link Transport#MQTT_WEBSOCKET} where {@link Transport#MQTT} was asked for and no own loopback address could
     * be claimed (see {@link EmulatorHub#transport()}).
     */
    public Transport transport() {
        return transport;
    }

    /** Returns whether {@code obj} is an endpoint with the same ready line and values. */
    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof EmulatorEndpoint other && readyLine.equals(other.readyLine)
                && caCertificatePem.equals(other.caCertificatePem) && deviceHostName.equals(other.deviceHostName)
                && deviceConnectionStrings.equals(other.deviceConnectionStrings) && transport == other.transport;
    }

    /** Returns a hash of the ready line and values. */
    @Override
    public int hashCode() {
        return Objects.hash(readyLine, caCertificatePem, deviceHostName, deviceConnectionStrings, transport);
    }

    /** Returns the hub name, host names, ports, transport and declared devices, without keys. */
    @Override
    public String toString() {
        return "EmulatorEndpoint[" + hubName + ", https " + serviceHostName + ":" + httpsPort + ", mqtt "
                + deviceHostName + ":" + mqttPort + ", mqtt-ws " + mqttWsPort + ", " + transport + ", devices "
                + deviceConnectionStrings.keySet() + "]";
    }
}
