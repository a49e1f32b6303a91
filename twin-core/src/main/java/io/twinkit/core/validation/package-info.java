/**
 * IoT Hub's limits for twin sections: {@link io.twinkit.core.validation.TwinValidator} checks stored sections and
 * merge patches against configurable {@link io.twinkit.core.validation.TwinLimits}, and reports a broken
 * {@link io.twinkit.core.validation.ValidationRule} as a {@link io.twinkit.core.validation.TwinValidationException}
 * (HTTP 400, error code 400004) that names the one location at fault.
 *
 * <p>The contract follows the service and the project's conformance vectors ({@code validation.json},
 * {@code patch.json}): every rule applies at any depth; a request is accepted or rejected as a whole, so
 * {@code TwinValidator.apply} returns a result only when the patch and the resulting section are both valid; the
 * first violation in document order is the one reported. The twin model itself
 * ({@link io.twinkit.core.PropertySet}, {@link io.twinkit.core.MergePatch}) does not apply these limits, so that data
 * the service returns is never rejected by a client-side rule that has gone stale.
 *
 * <p>Every type is immutable and thread-safe, except the builder; parameters and return values are non-null.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-device-twins#tags-and-properties-format">Tags and properties format</a>
 */
@NullMarked
package io.twinkit.core.validation;

import org.jspecify.annotations.NullMarked;
