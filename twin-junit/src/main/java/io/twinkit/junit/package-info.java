/**
 * JUnit 5 support for tests that talk to the twinkit emulator over the network, as an application does:
 * {@link io.twinkit.junit.EmulatorHub} on a test class starts a {@link io.twinkit.emulator.server.TwinkitEmulator}
 * (HTTPS service API, MQTT device API) once per class or once per run, creates the devices and modules it names,
 * and injects its {@link io.twinkit.junit.EmulatorEndpoint} (the ready line and what it says), a
 * {@link io.twinkit.service.TwinServiceClient}, a {@link io.twinkit.junit.DeviceConnections} factory of
 * {@link io.twinkit.device.DeviceConnection}s and the emulator itself. Everything injected is closed by the extension.
 *
 * <p>For tests of back-end code against an in-process hub with no network, twin-emulator's
 * {@link io.twinkit.emulator.junit.TwinkitHub} is lighter.
 */
@NullMarked
package io.twinkit.junit;

import org.jspecify.annotations.NullMarked;
