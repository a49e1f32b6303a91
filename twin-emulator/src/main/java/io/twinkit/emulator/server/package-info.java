/**
 * The emulator as a whole: {@link io.twinkit.emulator.server.TwinkitEmulator} starts an
 * {@link io.twinkit.emulator.IotHub} with its HTTPS service API and its MQTT device API (over TLS and over secure
 * WebSocket) in one call, and {@link io.twinkit.emulator.server.EmulatorCommand} does the same from the command line
 * ({@code java -jar twin-emulator-cli.jar}), announcing the ports, connection strings and trust files in one
 * machine-readable line.
 *
 * <p>Every public type is immutable or thread-safe; parameters and results are non-null unless annotated
 * {@code @Nullable}.
 */
@NullMarked
package io.twinkit.emulator.server;

import org.jspecify.annotations.NullMarked;
