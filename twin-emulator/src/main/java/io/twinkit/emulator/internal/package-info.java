/**
 * Implementation of the emulator that is not part of its API; it may change in any release.
 */
@NullMarked
package io.twinkit.emulator.internal;

import org.jspecify.annotations.NullMarked;
