/**
 * The device side over the official Azure IoT device SDK: {@link io.twinkit.device.DeviceConnection}, a device's or
 * module's one connection to IoT Hub, with its twin (desired-property listeners with the service's documented
 * recovery after every reconnect, reported-property patches, Plug and Play acknowledgements), direct methods (typed
 * and raw handlers on the connection's own threads, with a timeout), telemetry (acknowledged sends with a bounded
 * outbox) and its connection status. No SDK type appears in this package's API; the SDK adapter lives in
 * {@code io.twinkit.device.internal}, which is not part of the API.
 *
 * <p>Connections are thread-safe, values immutable; parameters and results are non-null unless annotated
 * {@code @Nullable}.
 */
@NullMarked
package io.twinkit.device;

import org.jspecify.annotations.NullMarked;
