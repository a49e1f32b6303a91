package io.twinkit.device.internal;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.InternalClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import com.microsoft.azure.sdk.iot.device.transport.IotHubTransportMessage;
import com.microsoft.azure.sdk.iot.device.twin.GetTwinCorrelatingMessageCallback;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateCorrelatingMessageCallback;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import io.twinkit.client.internal.SasTokens;
import io.twinkit.core.ModuleId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The device SDK behind twinkit's device client: one SDK client, its twin calls through the correlating callbacks
 * (the synchronous calls lose responses, Azure/azure-iot-sdk-java issue 1803), desired patches and connection
 * status forwarded as twinkit JSON. Not part of the API.
 */
public final class SdkDeviceConnection implements AutoCloseable {

    private static final long TOKEN_LIFETIME_SECONDS = 3600;

    /** What the connection reports to its owner, on SDK threads. */
    public interface Events {
        /** A desired-properties patch (without {@code $version}) and its {@code $version}. */
        void desiredPatch(JsonObject patch, long version);

        /** The connection came up ({@code true}) or went down ({@code false}). */
        void connectionChanged(boolean connected);
    }

    /**
     * The outcome of a twin request: the status of the response topic, its {@code $version} and payload.
     *
     * @param status HTTP-like status, 200/204 on success
     * @param version the {@code $version} of the response topic, or {@code null}
     * @param body the response payload, or {@code null} when empty
     * @param message what went wrong when the request never got a response
     */
    public record Response(int status, @Nullable Long version, @Nullable JsonObject body, @Nullable String message) {
    }

    private final InternalClient client;

    private SdkDeviceConnection(InternalClient client) {
        this.client = client;
    }

    /**
     * Creates a connection, not yet open.
     *
     * @param key the device or module
     * @param sharedAccessKey the base64 device key
     * @param connectionString the device or module connection string
     * @param endpoint {@code host[:port]} to connect to instead of the connection string's host (with SAS tokens
     *     minted here), or {@code null}
     * @param webSocket MQTT over WebSocket instead of MQTT over TLS
     * @param sslContext the trust to use, or {@code null} for the JVM default
     * @return the connection
     */
    public static SdkDeviceConnection create(TwinKey key, String sharedAccessKey, String connectionString,
                                             @Nullable String endpoint, boolean webSocket,
                                             @Nullable SSLContext sslContext) {
        IotHubClientProtocol protocol = webSocket ? IotHubClientProtocol.MQTT_WS : IotHubClientProtocol.MQTT;
        ClientOptions.ClientOptionsBuilder options = ClientOptions.builder();
        if (sslContext != null) {
            options.sslContext(sslContext);
        }
        String deviceId = key.deviceId().value();
        @Nullable String moduleId = key.module().map(ModuleId::value).orElse(null);
        if (endpoint == null) {
            return new SdkDeviceConnection(moduleId == null
                    ? new DeviceClient(connectionString, protocol, options.build())
                    : new ModuleClient(connectionString, protocol, options.build()));
        }
        String host = endpoint.contains(":") ? endpoint.substring(0, endpoint.indexOf(':')) : endpoint;
        String resource = host + "/devices/" + deviceId + (moduleId == null ? "" : "/modules/" + moduleId);
        return new SdkDeviceConnection(moduleId == null
                ? new DeviceClient(endpoint, deviceId, () -> sasToken(sharedAccessKey, resource), protocol,
                        options.build())
                : new ModuleClient(endpoint, deviceId, moduleId, () -> sasToken(sharedAccessKey, resource), protocol,
                        options.build()));
    }

    /** Opens the connection and subscribes to desired patches; returns when the subscription is acknowledged. */
    public CompletableFuture<Void> open(Events events) {
        client.setConnectionStatusChangeCallback(context -> {
            IotHubConnectionStatus status = context.getNewStatus();
            events.connectionChanged(status == IotHubConnectionStatus.CONNECTED);
        }, null);
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        try {
            client.open(false);
            client.subscribeToDesiredPropertiesAsync((Twin twin, Object context) -> {
                TwinCollection desired = twin.getDesiredProperties();
                Integer version = desired.getVersion();
                if (version != null) {
                    JsonObject patch = JsonValue.parseObject(desired.toJsonElement().toString())
                            .without("$version").without("$metadata");
                    events.desiredPatch(patch, version);
                }
            }, null, (IotHubClientException e, Object context) -> {
                if (e == null) {
                    subscribed.complete(null);
                } else {
                    subscribed.completeExceptionally(e);
                }
            }, null);
        } catch (IotHubClientException | RuntimeException e) {
            subscribed.completeExceptionally(e);
        }
        return subscribed;
    }

    /** Requests the full twin; the response body is {@code {"desired":…,"reported":…}}. */
    public CompletableFuture<Response> getTwin() {
        ResponseCallback callback = new ResponseCallback();
        try {
            client.getTwinAsync(callback, null);
        } catch (RuntimeException e) {
            callback.result.complete(new Response(503, null, null, String.valueOf(e.getMessage())));
        }
        return callback.result;
    }

    /** Sends a reported patch, with {@code $version} for the optimistic check when {@code expectedVersion} is set. */
    public CompletableFuture<Response> report(JsonObject patch, @Nullable Long expectedVersion) {
        TwinCollection collection = new TwinCollection(toMap(patch));
        if (expectedVersion != null) {
            collection.setVersion(Math.toIntExact(expectedVersion));
        }
        ResponseCallback callback = new ResponseCallback();
        try {
            client.updateReportedPropertiesAsync(collection, callback, null);
        } catch (RuntimeException e) {
            callback.result.complete(new Response(503, null, null, String.valueOf(e.getMessage())));
        }
        return callback.result;
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * Completes {@link #result} with the service's answer to a twin GET or reported PATCH, read from the response
     * message itself (its status and body), or with the failure the SDK reports when the request is acknowledged.
     * The SDK's two correlating callbacks differ only in their response method, so one class serves both.
     */
    private final class ResponseCallback implements GetTwinCorrelatingMessageCallback,
            ReportedPropertiesUpdateCorrelatingMessageCallback {

        final CompletableFuture<Response> result = new CompletableFuture<>();

        @Override
        public void onRequestQueued(Message message, Object context) {
        }

        @Override
        public void onRequestSent(Message message, Object context) {
        }

        @Override
        public void onRequestAcknowledged(Message message, Object context, IotHubClientException e) {
            failOn(e, result);
        }

        @Override
        public void onResponseReceived(Twin twin, Message message, Object context, IotHubStatusCode status,
                                       IotHubClientException e) {
            result.complete(response(message));
        }

        @Override
        public void onResponseReceived(Message message, Object context, IotHubStatusCode status,
                                       ReportedPropertiesUpdateResponse response, IotHubClientException e) {
            result.complete(response(message));
        }

        @Override
        public void onResponseAcknowledged(Message message, Object context) {
            result.complete(response(message));
        }
    }

    private Response response(Message message) {
        IotHubTransportMessage response = (IotHubTransportMessage) message;
        int status = Integer.parseInt(response.getStatus());
        Integer version = response.getVersion();
        byte[] bytes = message.getBytes();
        JsonObject body = bytes == null || bytes.length == 0 ? null : JsonValue.parseObject(bytes);
        return new Response(status, version == null ? null : version.longValue(), body, null);
    }

    private static void failOn(@Nullable IotHubClientException e, CompletableFuture<Response> result) {
        if (e != null) {
            result.complete(new Response(httpStatus(e.getStatusCode()), null, null, e.getMessage()));
        }
    }

    private static int httpStatus(IotHubStatusCode code) {
        return switch (code) {
            case OK -> 200;
            case BAD_FORMAT -> 400;
            case UNAUTHORIZED -> 401;
            case QUOTA_EXCEEDED -> 403;
            case NOT_FOUND -> 404;
            case PRECONDITION_FAILED -> 412;
            case REQUEST_ENTITY_TOO_LARGE -> 413;
            case THROTTLED -> 429;
            case INTERNAL_SERVER_ERROR, ERROR -> 500;
            // the rest are transport failures the caller may retry
            default -> 503;
        };
    }

    private static Map<String, Object> toMap(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < object.size(); i++) {
            map.put(object.keyAt(i), toPlain(object.valueAt(i)));
        }
        return map;
    }

    private static @Nullable Object toPlain(JsonValue value) {
        if (value instanceof JsonObject object) {
            return toMap(object);
        }
        if (value instanceof JsonArray array) {
            List<@Nullable Object> list = new ArrayList<>();
            for (JsonValue element : array) {
                list.add(toPlain(element));
            }
            return list;
        }
        if (value instanceof JsonString string) {
            return string.value();
        }
        if (value instanceof JsonNumber number) {
            return number.isIntegral() && number.fitsInLong() ? (Object) number.longValue() : number.doubleValue();
        }
        if (value instanceof JsonBoolean bool) {
            return bool.value();
        }
        if (value instanceof JsonNull) {
            return null;
        }
        throw new IllegalArgumentException("unknown JSON value " + value);
    }

    private static char[] sasToken(String base64Key, String resource) {
        return SasTokens.deviceToken(base64Key, resource, Instant.now().getEpochSecond() + TOKEN_LIFETIME_SECONDS)
                .toCharArray();
    }
}
