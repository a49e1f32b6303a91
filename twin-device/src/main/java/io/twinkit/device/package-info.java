/**
 * The device-side twin client over the official Azure IoT device SDK: desired-property listeners with the service's
 * documented recovery after every reconnect, reported-property patches, Plug and Play acknowledgements. No SDK type
 * appears in this package's API; the SDK adapter lives in {@code io.twinkit.device.internal}, which is not part of the
 * API.
 *
 * <p>Clients are thread-safe; parameters and results are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.twinkit.device;

import org.jspecify.annotations.NullMarked;
