/**
 * Implementation, not API: the rules of automatic device and module configurations as pure functions, over
 * immutable values and no hub state: reading a configuration into a {@link
 * io.twinkit.emulator.internal.config.ConfigurationRule} (the service's validation, the target condition and custom
 * metric queries compiled with twin-query-dsl), which twins a configuration targets and which configuration wins each
 * desired property of a twin ({@link io.twinkit.emulator.internal.config.ConfigurationPlanner}), and the metrics
 * ({@link io.twinkit.emulator.internal.config.ConfigurationMetricsCounter}). The hub
 * ({@code internal.hub}) applies the plans to its twins. It may change in any release.
 */
@NullMarked
package io.twinkit.emulator.internal.config;

import org.jspecify.annotations.NullMarked;
