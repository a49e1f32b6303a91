/**
 * Implementation, not API (it may change in any release): what the emulator's parts share, the throttle, the
 * committed-change hook, connection guards and the MQTT-over-WebSocket path. The hub, its store and query engine,
 * HTTPS, MQTT and SAS security are in the subpackages.
 */
@NullMarked
package io.twinkit.emulator.internal;

import org.jspecify.annotations.NullMarked;
