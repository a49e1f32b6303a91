/**
 * IoT Hub queries: the fluent DSL {@link io.twinkit.query.TwinQuery}, the {@link io.twinkit.query.Query} value,
 * and the exceptions for queries the service would reject.
 *
 * <p>All types are immutable and thread-safe; parameters and results are non-null unless annotated
 * {@code @Nullable}.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-query-language">IoT Hub query language</a>
 */
@NullMarked
package io.twinkit.query;

import org.jspecify.annotations.NullMarked;
