package io.twinkit.device;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Connects {@link DeviceConnection}s to a {@link TwinkitEmulator} through the builder's ready-line support: MQTT with
 * the emulator's device connection string (the SDK pins it to port 8883 of the connection string's host), MQTT over
 * WebSocket through {@code <hostName>:<mqttWsPort>} of the ready line; both trust the emulator's CA.
 */
final class EmulatorDevices {

    private EmulatorDevices() {
    }

    /**
     * Starts an emulator with MQTT on 8883 of a loopback address of its own (127.0.0.2 and up), so that these tests
     * run beside other emulators and brokers; where the machine has no such address (macOS without aliases), on
     * 127.0.0.1:8883, failing with a clear message if that port is taken.
     */
    static TwinkitEmulator start() {
        EmulatorConfig config = EmulatorConfig.builder().httpsPort(0).mqttPort(EmulatorConfig.DEFAULT_MQTT_PORT)
                .mqttWsPort(0).build();
        if (TwinkitEmulator.ownLoopbackAddressesSupported()) {
            return TwinkitEmulator.start(config.toBuilder().ownLoopbackAddress(true).build());
        }
        try {
            return TwinkitEmulator.start(config);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("the device SDK speaks MQTT over TLS on port 8883 only; this machine has no"
                    + " loopback address but 127.0.0.1 for an emulator of its own, and 127.0.0.1:8883 cannot be bound;"
                    + " stop whatever uses it, or alias 127.0.0.2 (sudo ifconfig lo0 alias 127.0.0.2 up), and rerun: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Starts an emulator on free ports only, for tests over {@link Transport#MQTT_WEBSOCKET}, which may run while other
     * processes use 8883.
     */
    static TwinkitEmulator startOnFreePorts() {
        return TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0).build());
    }

    /**
     * Returns a builder for a device of the emulator over a transport, configured from the emulator's ready line
     * (trust and WebSocket port) and the device's connection string.
     */
    static DeviceConnectionBuilder builder(TwinkitEmulator emulator, DeviceId device, Transport transport) {
        return DeviceConnection.builder()
                .emulatorReadyLine(emulator.readyInfo().toString())
                .connectionString(emulator.deviceConnectionString(device))
                .transport(transport)
                .operationTimeout(Duration.ofSeconds(20));
    }

    /** Creates a device in the emulator's registry and returns its key. */
    static TwinKey createDevice(TwinkitEmulator emulator, String id) {
        emulator.hub().registry().createDevice(DeviceId.of(id));
        return TwinKey.device(id);
    }

    /** Waits up to 20 seconds for {@code condition}, failing with {@code what} was not seen. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
