/**
 * Implementation, not API (it may change in any release): the emulator's MQTT device API, IoT Hub's flavour of MQTT
 * 3.1.1 over TLS and over secure WebSocket, with device SAS authentication, the twin topics, desired-property
 * notifications and persistent sessions, so that the official device SDKs talk to an
 * {@link io.twinkit.emulator.IotHub} as to Azure.
 *
 * <p>Every public type is thread-safe; parameters and results are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.twinkit.emulator.internal.mqtt;

import org.jspecify.annotations.NullMarked;
