/**
 * Implementation, not API: the hub behind {@link io.twinkit.emulator.IotHub} (found through the
 * {@link io.twinkit.emulator.IotHub.Provider} service), its state and write rules
 * ({@link io.twinkit.emulator.internal.hub.HubCore}), the registry, twins and bulk requests over it, and the records
 * it stores. It may change in any release.
 */
@NullMarked
package io.twinkit.emulator.internal.hub;

import org.jspecify.annotations.NullMarked;
