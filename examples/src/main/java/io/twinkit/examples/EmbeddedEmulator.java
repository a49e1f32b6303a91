package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.util.Arrays;

/** Starts the emulator the examples run on when no hub is named: in this process, in memory, on free ports. */
public final class EmbeddedEmulator {

    private EmbeddedEmulator() {
    }

    /**
     * Starts an emulator with the given devices on free ports (HTTPS, MQTT and MQTT over WebSocket), keeping
     * everything in memory. Close it when done.
     *
     * @param deviceIds the devices to create
     * @return the running emulator
     * @throws IllegalArgumentException if a device id is invalid
     * @throws java.io.UncheckedIOException if a listener cannot be bound
     */
    public static TwinkitEmulator start(String... deviceIds) {
        return start(HubOptions.defaults(), deviceIds);
    }

    /**
     * Starts an emulator with the given hub options (a throttling tier, say) and devices on free ports, keeping
     * everything in memory. Close it when done.
     *
     * @param options the hub's options; their data directory, if any, is used
     * @param deviceIds the devices to create
     * @return the running emulator
     * @throws IllegalArgumentException if a device id is invalid
     * @throws java.io.UncheckedIOException if a listener cannot be bound
     */
    public static TwinkitEmulator start(HubOptions options, String... deviceIds) {
        return TwinkitEmulator.start(EmulatorConfig.builder()
                .hubOptions(options)
                .httpsPort(0)
                .mqttPort(0)
                .mqttWsPort(0)
                .devices(Arrays.stream(deviceIds).map(DeviceId::of).toList())
                .build());
    }
}
