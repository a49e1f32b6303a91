/**
 * The adapter between the back-end client and the official service SDK (iot-service-client): the SDK's twin and
 * query clients, its renewing SAS credential, its Gson-based twin conversion and its exceptions. Not part of the API
 * (the module does not export it), may change in any release. Shared client plumbing lives in
 * {@code io.twinkit.client.internal}; the device side's {@code io.twinkit.device.internal} is never used here.
 */
@NullMarked
package io.twinkit.service.internal;

import org.jspecify.annotations.NullMarked;
