/**
 * The plumbing both clients share, free of any SDK type: the twinkit emulator's ready announcement, JVM-wide extra
 * trust for HTTPS, and the minting of shared access signatures. Not part of the API (the module does not export it),
 * may change in any release. It depends on twin-core and the public {@code io.twinkit.service} types only; neither
 * side's {@code internal} package is used here, and the two sides' {@code internal} packages never use each other.
 */
@NullMarked
package io.twinkit.client.internal;

import org.jspecify.annotations.NullMarked;
