/**
 * Implementation, not API (it may change in any release): the hub's HTTPS service API, as the official service SDKs
 * call it. {@link io.twinkit.emulator.internal.http.HttpsServiceServer} serves twins
 * ({@code /twins/{id}[/modules/{mid}]}), queries ({@code POST /devices/query}) and the identity registry
 * ({@code /devices/{id}[/modules/{mid}]}) of an {@link io.twinkit.emulator.IotHub} over TLS, with SAS authentication
 * and the service's error bodies.
 */
@NullMarked
package io.twinkit.emulator.internal.http;

import org.jspecify.annotations.NullMarked;
