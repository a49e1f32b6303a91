/**
 * Implementation, not API: the hub's storage, in memory or in an MVStore file with sealed records and commit markers,
 * and its recovery after damage. It may change in any release.
 */
@NullMarked
package io.twinkit.emulator.internal.store;

import org.jspecify.annotations.NullMarked;
