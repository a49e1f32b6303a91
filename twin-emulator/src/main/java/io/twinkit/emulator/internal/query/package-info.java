/**
 * Implementation, not API: the query service of a hub, with its lagging view of the twins, the kept results of paged
 * queries (cursors) and their continuation tokens. It may change in any release.
 */
@NullMarked
package io.twinkit.emulator.internal.query;

import org.jspecify.annotations.NullMarked;
