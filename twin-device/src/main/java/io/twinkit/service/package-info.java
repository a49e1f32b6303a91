/**
 * The back-end twin client over the official Azure IoT service SDK: typed twins, minimal patches, conditional writes
 * with retry on conflict, lazily paging queries; and the fleet at once: scheduled twin update jobs
 * ({@link io.twinkit.service.TwinJobClient}) and automatic device configurations
 * ({@link io.twinkit.service.DeviceConfigurationClient}); and a device's direct methods
 * ({@link io.twinkit.service.DirectMethodClient}). No SDK type appears in this package's API; the SDK adapter lives in
 * {@code io.twinkit.service.internal}, which is not part of the API.
 *
 * <p>Clients are immutable and thread-safe; parameters and results are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.twinkit.service;

import org.jspecify.annotations.NullMarked;
