/**
 * The twin model: {@link io.twinkit.core.TwinDocument}, {@link io.twinkit.core.PropertySet},
 * {@link io.twinkit.core.PropertySection}, {@link io.twinkit.core.PropertyMetadata},
 * {@link io.twinkit.core.MergePatch}, {@link io.twinkit.core.TwinPath} and the validated identifiers
 * {@link io.twinkit.core.DeviceId}, {@link io.twinkit.core.ModuleId} and {@link io.twinkit.core.ETag}.
 *
 * <p>Every type is immutable and thread-safe. Parameters and return values are non-null unless annotated
 * {@code @Nullable}; optional values are {@code Optional}, {@code OptionalLong} or empty collections, never
 * {@code null}. Exceptions extend {@link io.twinkit.core.error.TwinException} and carry the IoT Hub error code the
 * service would answer with.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-device-twins">Understand device twins</a>
 */
@NullMarked
package io.twinkit.core;

import io.twinkit.core.error.TwinException;
import org.jspecify.annotations.NullMarked;
