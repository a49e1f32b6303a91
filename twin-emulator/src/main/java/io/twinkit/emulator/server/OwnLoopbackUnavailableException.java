package io.twinkit.emulator.server;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Thrown by {@link TwinkitEmulator#start(EmulatorConfig)} when {@link EmulatorConfig#ownLoopbackAddress()} is set and
 * no loopback address from {@value EmulatorConfig#OWN_LOOPBACK_FIRST} to {@value EmulatorConfig#OWN_LOOPBACK_LAST}
 * could be claimed: either the machine has no such address (macOS has only 127.0.0.1 unless aliased; Linux routes all
 * of 127.0.0.0/8 to the loopback interface), or on each of them one of the configured ports is taken. The message
 * says which, and how to fix it. Nothing of the emulator is left running.
 *
 * <p>A caller that can do without the device SDK's MQTT over TLS (for example a test that connects over MQTT over
 * WebSocket, whose port is free to choose) catches it and starts without an own loopback address;
 * {@link TwinkitEmulator#ownLoopbackAddressesSupported()} tells beforehand whether the machine has such addresses.
 */
public final class OwnLoopbackUnavailableException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was tried, what failed and how to fix it
     * @param cause the last failure to bind
     */
    public OwnLoopbackUnavailableException(String message, IOException cause) {
        super(message, cause);
    }
}
