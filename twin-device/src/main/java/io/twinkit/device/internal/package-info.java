/**
 * The adapter between the device client and the official device SDK (iot-device-client). Not part of the API (the
 * module does not export it), may change in any release. Shared client plumbing lives in
 * {@code io.twinkit.client.internal}; the back-end side's {@code io.twinkit.service.internal} is never used here.
 */
@NullMarked
package io.twinkit.device.internal;

import org.jspecify.annotations.NullMarked;
