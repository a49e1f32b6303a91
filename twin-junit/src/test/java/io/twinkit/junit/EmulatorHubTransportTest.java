package io.twinkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinKey;
import io.twinkit.device.DeviceConnection;
import io.twinkit.device.Transport;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.OwnLoopbackUnavailableException;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinServiceClient;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which transport the devices use: MQTT on port 8883 of a loopback address of the emulator's own by default (so
 * 127.0.0.1:8883 may be taken by anything), MQTT over WebSocket when asked, or, with a warning, when no own address can
 * be claimed.
 */
@Timeout(120)
class EmulatorHubTransportTest {

    private static void reportAndRead(DeviceConnection device, TwinkitEmulator emulator, String value) {
        assertThat(device.connectionStatus().state()).isEqualTo(io.twinkit.device.ConnectionState.CONNECTED);
        device.report(MergePatch.builder().set("via", value).build());
        assertThat(emulator.hub().twins().get(TwinKey.device("d")).reported().properties().getString("via"))
                .hasValue(value);
    }

    /** The default: MQTT over TLS on 8883 of the emulator's own loopback address. */
    @Nested
    @EmulatorHub(devices = "d")
    class ByDefault {

        @Test
        void devicesConnectOverMqttOn8883OfTheEmulatorsOwnLoopbackAddress(EmulatorEndpoint endpoint,
                TwinkitEmulator emulator, DeviceConnections devices, TwinServiceClient backEnd) {
            assumeThat(TwinkitEmulator.ownLoopbackAddressesSupported()).as("127.0.0.2 and up are local addresses")
                    .isTrue();
            assertThat(endpoint.transport()).isEqualTo(Transport.MQTT);
            assertThat(devices.transport()).isEqualTo(Transport.MQTT);
            assertThat(endpoint.deviceHostName()).matches("127\\.0\\.0\\.\\d+").isNotEqualTo("127.0.0.1")
                    .isEqualTo(emulator.bindAddress().getHostAddress());
            assertThat(endpoint.mqttPort()).isEqualTo(8883);
            assertThat(endpoint.deviceConnectionString("d")).startsWith("HostName=" + endpoint.deviceHostName() + ";");
            assertThat(endpoint.serviceHostName()).isEqualTo(endpoint.deviceHostName());

            reportAndRead(devices.connect("d"), emulator, "mqtt");
            assertThat(backEnd.getTwin(TwinKey.device("d")).reported().properties().getString("via"))
                    .hasValue("mqtt");
        }

        @Test
        void aDeviceMayStillConnectOverWebSocketToTheSameAddress(TwinkitEmulator emulator,
                                                                 DeviceConnections devices) {
            reportAndRead(devices.connect("d", b -> b.transport(Transport.MQTT_WEBSOCKET)), emulator, "websocket");
        }
    }

    /** Asked for: MQTT over WebSocket to an emulator on 127.0.0.1 with free ports only. */
    @Nested
    @EmulatorHub(devices = "d", transport = Transport.MQTT_WEBSOCKET)
    class OverWebSocket {

        @Test
        void devicesConnectOverWebSocketToAnEmulatorOn127001(EmulatorEndpoint endpoint, TwinkitEmulator emulator,
                                                              DeviceConnections devices) {
            assertThat(endpoint.transport()).isEqualTo(Transport.MQTT_WEBSOCKET);
            assertThat(endpoint.deviceHostName()).isEqualTo("127.0.0.1");
            assertThat(endpoint.serviceHostName()).isEqualTo("localhost");
            assertThat(emulator.bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(endpoint.mqttPort()).as("a free port, not the SDK's").isNotEqualTo(8883);

            reportAndRead(devices.connect("d"), emulator, "websocket");
        }
    }

    @Test
    void withoutAnOwnLoopbackAddressTheDevicesFallBackToWebSocketWithAWarning() throws Exception {
        HubSpec spec = HubSpec.of(ByDefault.class.getAnnotation(EmulatorHub.class), ByDefault.class);
        List<EmulatorConfig> tried = new ArrayList<>();
        List<LogRecord> warnings = new ArrayList<>();
        Logger log = Logger.getLogger(StartedEmulator.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (warnings) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        StartedEmulator started;
        try {
            started = StartedEmulator.start(spec, "@EmulatorHub on Sample", config -> {
                tried.add(config);
                if (config.ownLoopbackAddress()) {
                    throw new OwnLoopbackUnavailableException("no loopback address of its own (test)",
                            new BindException("taken"));
                }
                return TwinkitEmulator.start(config);
            });
        } finally {
            log.removeHandler(handler);
        }
        try {
            assertThat(tried).extracting(EmulatorConfig::ownLoopbackAddress).containsExactly(true, false);
            assertThat(started.endpoint().transport()).isEqualTo(Transport.MQTT_WEBSOCKET);
            assertThat(started.endpoint().deviceHostName()).isEqualTo("127.0.0.1");
            assertThat(started.endpoint().mqttPort()).isNotEqualTo(8883);
            assertThat(warnings).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(message(record)).contains("@EmulatorHub on Sample", "MQTT over WebSocket",
                        "no loopback address of its own (test)", "transport = MQTT_WEBSOCKET");
            });

            DeviceConnections devices = new DeviceConnections(started);
            try {
                reportAndRead(devices.connect("d"), started.emulator(), "fallback");
            } finally {
                devices.close();
            }
        } finally {
            started.close();
        }
    }

    @Test
    void devicesConnectOverMqttWhile127001Port8883IsTakenByAnotherProcess() throws Exception {
        assumeThat(TwinkitEmulator.ownLoopbackAddressesSupported()).isTrue();
        HubSpec spec = HubSpec.of(ByDefault.class.getAnnotation(EmulatorHub.class), ByDefault.class);
        try (ServerSocket occupant = occupy8883()) {
            assertThat(canBind(8883)).as("127.0.0.1:8883 is taken").isFalse();
            StartedEmulator started = StartedEmulator.start(spec, "@EmulatorHub on Sample");
            try {
                assertThat(started.endpoint().transport()).isEqualTo(Transport.MQTT);
                assertThat(started.endpoint().mqttPort()).isEqualTo(8883);
                DeviceConnections devices = new DeviceConnections(started);
                try {
                    reportAndRead(devices.connect("d"), started.emulator(), "beside-another-broker");
                    assertThat(started.emulator().hub().registry().get(TwinKey.device(DeviceId.of("d")))
                            .connectionState()).isEqualTo(ConnectionState.CONNECTED);
                } finally {
                    devices.close();
                }
            } finally {
                started.close();
            }
        }
    }

    /** Takes 127.0.0.1:8883 when it is free, as another broker would; empty when someone has it already. */
    private static @Nullable ServerSocket occupy8883() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8883));
            return socket;
        } catch (BindException taken) {
            socket.close();
            return null;
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String message(LogRecord record) {
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }
}
