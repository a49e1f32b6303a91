package io.twinkit.emulator.internal.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.CloudToDeviceMethod;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.MethodResult;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out direct method calls of the service API, {@code POST /twins/{id}/methods} and
 * {@code POST /twins/{id}/modules/{mid}/methods}, against a hub's {@link io.twinkit.emulator.MethodService}, without
 * holding a thread while the device answers: the body is read with {@link CloudToDeviceMethod#fromJson} and the
 * answer is the device's {@code {"status":..,"payload":..}} with 200, whatever status the device chose. Errors have
 * the shape the service gives direct method errors ({@link ServiceResponses#nestedError}), {@code info} naming the
 * connect timeout of a 404103 as the service does ({@code {"timeout":"00:00:30"}}).
 */
final class MethodOperations {

    private static final Logger LOG = LoggerFactory.getLogger(HttpsServiceServer.class);

    private final IotHub hub;
    private final Clock clock;

    MethodOperations(IotHub hub) {
        this.hub = hub;
        this.clock = hub.options().clock();
    }

    /**
     * Calls the method {@code request} asks for on the device or module of {@code call}; the future never fails, it
     * completes with the answer or the error response. Cancelling it abandons the call.
     *
     * @throws io.twinkit.core.InvalidIdException (400004) if an id of the path breaks the service's id rules
     */
    CompletableFuture<FullHttpResponse> invoke(ServiceCall call, FullHttpRequest request) {
        TwinKey key = call.key();
        CloudToDeviceMethod method;
        try {
            method = CloudToDeviceMethod.fromJson(JsonValue.parseObject(ByteBufUtil.getBytes(request.content())));
        } catch (TwinException e) {
            return CompletableFuture.completedFuture(error(e, null));
        }
        CompletableFuture<MethodResult> pending;
        try {
            pending = hub.methods().invokeAsync(key, method);
        } catch (TwinException e) {
            return CompletableFuture.completedFuture(error(e, method));
        }
        CompletableFuture<FullHttpResponse> answer = pending.handle((result, failure) -> failure == null
                ? ServiceResponses.json(HttpResponseStatus.OK, result.toJson().toJsonBytes())
                : error(unwrap(failure), method));
        // cancelling the answer (the caller went away) abandons the call, which frees the device's place
        answer.whenComplete((response, failure) -> {
            if (answer.isCancelled()) {
                pending.cancel(false);
            }
        });
        return answer;
    }

    private FullHttpResponse error(Throwable failure, @Nullable CloudToDeviceMethod method) {
        String trackingId = ServiceResponses.newTrackingId();
        if (failure instanceof TwinException e) {
            JsonObject info = JsonObject.empty();
            if (e.errorCode() == IotHubErrorCode.DEVICE_NOT_ONLINE && method != null) {
                info = JsonObject.of("timeout", JsonString.of(timeSpan(method.connectTimeout())));
            }
            return ServiceResponses.nestedError(e.httpStatus(), e.errorCode().code(), String.valueOf(e.getMessage()),
                    info, trackingId, clock.instant());
        }
        LOG.error("a direct method call failed in the emulator (trackingId {})", trackingId, failure);
        IotHubErrorCode code = IotHubErrorCode.SERVER_ERROR;
        return ServiceResponses.nestedError(code.httpStatus(), code.code(), "the emulator failed to handle the direct"
                + " method; its log has the details under trackingId " + trackingId, JsonObject.empty(), trackingId,
                clock.instant());
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Returns {@code duration} as a .NET {@code TimeSpan} prints it, {@code hh:mm:ss}. */
    static String timeSpan(Duration duration) {
        long seconds = duration.getSeconds();
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
