/**
 * Implementation, not API (it may change in any release): the hub's telemetry journal behind
 * {@link io.twinkit.emulator.TelemetryService}, which the MQTT front end feeds with the messages devices send and the
 * HTTPS front end reads for its emulator-only endpoints. It depends on the API only.
 */
@NullMarked
package io.twinkit.emulator.internal.telemetry;

import org.jspecify.annotations.NullMarked;
