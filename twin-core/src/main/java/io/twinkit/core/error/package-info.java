/**
 * The error model every package of twinkit shares: {@link io.twinkit.core.error.IotHubErrorCode}, the codes the
 * service answers with; {@link io.twinkit.core.error.TwinException}, the base of every exception twinkit throws for a
 * twin-level problem, which carries one of those codes; {@link io.twinkit.core.error.TwinJsonException}, thrown
 * for JSON text that is malformed or of the wrong shape (400006); and the hub's answers to back-end calls,
 * {@link io.twinkit.core.error.ServiceException} and its kinds: {@link io.twinkit.core.error.TwinNotFoundException}
 * (404), {@link io.twinkit.core.error.PreconditionFailedException} (412), and for direct methods
 * {@link io.twinkit.core.error.DeviceNotOnlineException} (404103) and
 * {@link io.twinkit.core.error.MethodTimeoutException} (504101).
 *
 * <p>This package is the bottom of twin-core: it depends on no other twinkit package, so the JSON tree
 * ({@code io.twinkit.core.json}), the twin model ({@code io.twinkit.core}) and everything above them can throw these
 * exceptions without a dependency cycle between packages.
 *
 * <p>Every type is immutable and thread-safe; parameters and return values are non-null.
 */
@NullMarked
package io.twinkit.core.error;

import org.jspecify.annotations.NullMarked;
