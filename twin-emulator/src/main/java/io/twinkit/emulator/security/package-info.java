/**
 * Security for the emulator's network front ends: {@link io.twinkit.emulator.security.SasToken shared access
 * signature tokens} as IoT Hub signs and checks them, the {@link io.twinkit.emulator.security.HubAuthenticator}
 * that turns a token into a service or device principal of a hub, and the
 * {@link io.twinkit.emulator.security.EmulatorCertificates emulator's own CA and server certificate} for TLS.
 *
 * <p>Every public type is immutable and thread-safe; parameters and results are non-null unless annotated
 * {@code @Nullable}. Authentication failures are {@link io.twinkit.core.error.TwinException}s carrying the IoT Hub error
 * code the service answers with.
 */
@NullMarked
package io.twinkit.emulator.security;

import org.jspecify.annotations.NullMarked;
