/**
 * Implementation, not API (it may change in any release): security for the emulator's network front ends.
 * {@link io.twinkit.emulator.internal.security.SasToken Shared access signature tokens} as IoT Hub signs and checks
 * them, and the {@link io.twinkit.emulator.internal.security.HubAuthenticator} that turns a token into a service or
 * device principal of a hub. The emulator's own CA and server certificate for TLS are
 * {@link io.twinkit.emulator.internal.security.EmulatorCertificates}.
 *
 * <p>Every public type is immutable and thread-safe; parameters and results are non-null unless annotated
 * {@code @Nullable}. Authentication failures are {@link io.twinkit.core.error.TwinException}s carrying the IoT Hub error
 * code the service answers with.
 */
@NullMarked
package io.twinkit.emulator.internal.security;

import io.twinkit.core.error.TwinException;
import org.jspecify.annotations.NullMarked;
