/**
 * A local IoT Hub: {@link io.twinkit.emulator.IotHub} keeps a device registry, twins with the service's version,
 * etag and metadata rules, desired-property notifications, queries with paging, automatic device configurations,
 * scheduled jobs and direct methods, in memory or persisted to a data directory.
 *
 * <p>Every public type is immutable or thread-safe; parameters and results are non-null unless annotated
 * {@code @Nullable}. Failures are {@link io.twinkit.core.error.TwinException}s carrying the IoT Hub error code the service
 * answers with.
 */
@NullMarked
package io.twinkit.emulator;

import io.twinkit.core.error.TwinException;
import org.jspecify.annotations.NullMarked;
