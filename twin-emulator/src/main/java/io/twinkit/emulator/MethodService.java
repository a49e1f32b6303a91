package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonValue;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The direct methods of a hub: a back end calls a method on a device or module and gets the device's answer, as the
 * service's {@code POST /twins/{id}/methods} and {@code POST /twins/{id}/modules/{mid}/methods} do.
 *
 * <pre>{@code
 * try (Subscription device = hub.methods().register(TwinKey.device("dev1"), (key, name, payload) ->
 *         CompletableFuture.completedFuture(new MethodResult(200, payload)))) {     // an in-process device
 *     MethodResult result = hub.methods().invoke(TwinKey.device("dev1"), "echo", JsonValue.of("hi"),
 *             Duration.ofSeconds(30), Duration.ZERO);                              // status 200, payload "hi"
 * }
 * }</pre>
 *
 * <p>A call reaches the device when the device is online for direct methods: connected over MQTT (or MQTT over
 * WebSocket) with a subscription to {@code $iothub/methods/POST/#}, or registered in-process with {@link #register}.
 * What can happen, each with the service's error code:
 * <ul>
 *   <li>the device answers within the response timeout: its {@link MethodResult}, whatever status it chose;</li>
 *   <li>the device or module does not exist: 404001 {@link DeviceNotFoundException} or 404010
 *       {@link ModuleNotFoundException};</li>
 *   <li>it is not online when the call arrives and does not come online within the connect timeout (0 by default:
 *       at once), or it goes away (disconnects, unsubscribes, is taken over by a new connection) before it answers:
 *       404103 {@link IotHubErrorCode#DEVICE_NOT_ONLINE};</li>
 *   <li>it does not answer within the response timeout, counted from when the call reached it: 504101
 *       {@link IotHubErrorCode#GATEWAY_TIMEOUT}; a later answer is ignored;</li>
 *   <li>its answer is not JSON or larger than {@value CloudToDeviceMethod#MAX_PAYLOAD_BYTES} bytes: 502000
 *       {@link IotHubErrorCode#GENERIC_BAD_GATEWAY};</li>
 *   <li>the device already has {@value #MAX_CALLS_PER_DEVICE} calls waiting or in flight: 403800
 *       {@link IotHubErrorCode#DEVICE_MAXIMUM_INFLIGHT_METHOD_EXCEEDED}; the hub already has
 *       {@value #MAX_CALLS_PER_HUB}: 429001 {@link IotHubErrorCode#THROTTLING_EXCEPTION} (the emulator's bounds: the
 *       service documents neither number);</li>
 *   <li>the hub closes while the call waits: 503001 {@link IotHubErrorCode#SERVICE_UNAVAILABLE}.</li>
 * </ul>
 * A call takes at most its connect timeout plus its response timeout. Calls to one device may be in flight at once
 * and are answered in any order, as the service promises no order. {@link IotHub#methods()} hands out the direct
 * methods of a hub. Thread-safe.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-direct-methods">Understand and invoke
 *     direct methods from IoT Hub</a>
 */
public interface MethodService {

    /** The most calls one device or module may have waiting to connect or waiting for its answer at once. */
    int MAX_CALLS_PER_DEVICE = 64;

    /** The most calls the hub keeps waiting at once, over every device. */
    int MAX_CALLS_PER_HUB = 10_000;

    /**
     * Calls a direct method and waits for the device's answer.
     *
     * @param key the device or module
     * @param methodName the method
     * @param payload the method's input, any JSON value ({@link io.twinkit.core.json.JsonNull#INSTANCE} for none)
     * @param responseTimeout how long to wait for the answer once the call reached the device: 5 to 300 whole seconds
     * @param connectTimeout how long to wait for the device to be online: 0 to 300 whole seconds
     * @return the device's answer
     * @throws TwinException (400004) if an argument breaks a rule of {@link CloudToDeviceMethod}
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the device exists but the module does not
     * @throws TwinException with 404103, 504101, 502000, 403800, 429001 or 503001 as the class comment describes
     * @throws InterruptedException if the thread is interrupted while waiting; the call is abandoned
     * @throws IllegalStateException if the hub is closed
     */
    MethodResult invoke(TwinKey key, String methodName, JsonValue payload, Duration responseTimeout,
                        Duration connectTimeout) throws InterruptedException;

    /**
     * Calls a direct method without waiting: the returned future completes with the device's answer, or fails with
     * the hub's error ({@link DeviceNotFoundException}, {@link ModuleNotFoundException} or a {@link TwinException}
     * with 404103, 504101, 502000, 403800, 429001 or 503001, never wrapped). Cancelling the future abandons the call.
     *
     * @param key the device or module
     * @param methodName the method
     * @param payload the method's input, any JSON value
     * @param responseTimeout how long to wait for the answer once the call reached the device: 5 to 300 whole seconds
     * @param connectTimeout how long to wait for the device to be online: 0 to 300 whole seconds
     * @return the answer, when it comes
     * @throws TwinException (400004) if an argument breaks a rule of {@link CloudToDeviceMethod}
     * @throws IllegalStateException if the hub is closed
     */
    CompletableFuture<MethodResult> invokeAsync(TwinKey key, String methodName, JsonValue payload,
                                                Duration responseTimeout, Duration connectTimeout);

    /**
     * Calls {@code method} on a device or module without waiting, as {@link #invokeAsync(TwinKey, String, JsonValue,
     * Duration, Duration)} does.
     *
     * @return the answer, when it comes
     * @throws IllegalStateException if the hub is closed
     */
    CompletableFuture<MethodResult> invokeAsync(TwinKey key, CloudToDeviceMethod method);

    /**
     * Makes {@code handler} answer the direct methods of {@code key}, as a device that connects and subscribes to
     * {@code $iothub/methods/POST/#}: the device is online for direct methods until the registration is closed, and
     * calls waiting for it to connect reach it now. A device has one registration at a time: a new one replaces the
     * previous one, whose calls in flight fail with 404103 as when a new connection takes over a device. Closing
     * the registration takes the device offline and fails its calls in flight with 404103. The device need not
     * exist; registering does not change the device's connection state in the registry.
     *
     * @return the registration; close it to take the device offline
     * @throws IllegalStateException if the hub is closed
     */
    Subscription register(TwinKey key, MethodHandler handler);
}
