package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.OwnLoopbackUnavailableException;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.util.Arrays;

/**
 * Starts the emulator the examples run on when no hub is named: in this process, in memory, on a loopback address of
 * its own (127.0.0.2 or the next free one) so that devices connect over MQTT on port 8883 there, whatever else uses
 * 127.0.0.1:8883; where the machine has no such address (macOS has only 127.0.0.1 unless more are aliased), on
 * 127.0.0.1 with free ports, for devices connecting over MQTT over WebSocket ({@link HubSettings#ofEmulator}).
 */
public final class EmbeddedEmulator {

    private EmbeddedEmulator() {
    }

    /**
     * Starts an emulator with the given devices, keeping everything in memory: MQTT on port 8883 of a loopback address
     * of its own, HTTPS and MQTT over WebSocket on free ports there; or, where no such address can be claimed, every
     * port free on 127.0.0.1. Close it when done.
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
     * Starts an emulator with the given hub options (a throttling tier, say) and devices as {@link #start(String...)}
     * does. Close it when done.
     *
     * @param options the hub's options; their data directory, if any, is used
     * @param deviceIds the devices to create
     * @return the running emulator
     * @throws IllegalArgumentException if a device id is invalid
     * @throws java.io.UncheckedIOException if a listener cannot be bound
     */
    public static TwinkitEmulator start(HubOptions options, String... deviceIds) {
        EmulatorConfig config = EmulatorConfig.builder()
                .hubOptions(options)
                .httpsPort(0)
                .mqttPort(0)
                .mqttWsPort(0)
                .devices(Arrays.stream(deviceIds).map(DeviceId::of).toList())
                .build();
        try {
            return TwinkitEmulator.start(config.toBuilder().ownLoopbackAddress(true)
                    .mqttPort(EmulatorConfig.DEFAULT_MQTT_PORT).build());
        } catch (OwnLoopbackUnavailableException e) {
            // no address of its own: the device SDK cannot reach MQTT on 8883 without colliding, WebSocket it is
            return TwinkitEmulator.start(config);
        }
    }
}
