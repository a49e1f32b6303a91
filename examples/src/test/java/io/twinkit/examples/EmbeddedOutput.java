package io.twinkit.examples;

import io.twinkit.emulator.server.TwinkitEmulator;

/** What the programs print about an {@link EmbeddedEmulator}, which depends on the loopback addresses of the machine. */
final class EmbeddedOutput {

    /** The emulator's host in the first line: its own loopback address, or localhost where it has none. */
    static final String HOST = "(127\\.0\\.0\\.\\d+|localhost)";

    private EmbeddedOutput() {
    }

    /**
     * Returns how the device connects to an embedded emulator, as {@link SimulatedDevice} says it: MQTT (on 8883 of the
     * emulator's own loopback address) where the machine has such addresses, else MQTT over WebSocket.
     */
    static String transport() {
        return TwinkitEmulator.ownLoopbackAddressesSupported() ? "MQTT" : "MQTT over WebSocket";
    }

    /** Returns a pattern of the whole output whose first line starts with {@code start} and the emulator's host. */
    static String startingWith(String start) {
        return "(?s)" + java.util.regex.Pattern.quote(start) + HOST + ":\\d+ .*";
    }
}
