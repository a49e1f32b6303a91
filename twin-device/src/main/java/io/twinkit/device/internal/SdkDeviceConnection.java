package io.twinkit.device.internal;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.InternalClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubConnectionStatusChangeReason;
import com.microsoft.azure.sdk.iot.device.IotHubMessageResult;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.MessageType;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import com.microsoft.azure.sdk.iot.device.transport.IotHubTransportMessage;
import com.microsoft.azure.sdk.iot.device.twin.DeviceOperations;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device SDK behind twinkit's device connection: one SDK client, its twin calls through the correlating
 * callbacks (the synchronous calls lose responses, Azure/azure-iot-sdk-java issue 1803), desired patches and
 * connection status forwarded as twinkit JSON and values, direct method requests handed over and answered
 * asynchronously, telemetry sent with its acknowledgement as a future. Not part of the API.
 *
 * <p>Direct methods do not go through the SDK's {@code MethodCallback}: the SDK calls it on its one receive thread
 * and sends what it returns, so a slow handler would hold up every other message the device receives (twin
 * responses, desired patches, other method calls). The adapter does what the SDK's own {@code DirectMethod} does
 * with its own callback instead: it installs a direct-methods message callback in the client's configuration, which
 * hands each request over and returns at once, subscribes with a {@code DEVICE_OPERATION_METHOD_SUBSCRIBE_REQUEST}
 * message, and answers later with a {@code DEVICE_OPERATION_METHOD_SEND_RESPONSE} message carrying the request id
 * and status ({@code $iothub/methods/res/{status}/?$rid={id}} on MQTT).
 */
public final class SdkDeviceConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SdkDeviceConnection.class);
    private static final long TOKEN_LIFETIME_SECONDS = 3600;

    /** The state of the connection, as the SDK reports it. */
    public enum State {
        /** Connected. */
        CONNECTED,
        /** Lost, and the SDK is reconnecting. */
        DISCONNECTED_RETRYING,
        /** Lost or closed, and the SDK does not reconnect. */
        DISCONNECTED
    }

    /** Why the connection is in its state, as the SDK reports it. */
    public enum Reason {
        /** Connected. */
        CONNECTION_OK,
        /** The SAS token expired. */
        EXPIRED_SAS_TOKEN,
        /** The hub refused the credentials. */
        BAD_CREDENTIAL,
        /** The SDK gave up reconnecting. */
        RETRY_EXPIRED,
        /** There is no network. */
        NO_NETWORK,
        /** The connection failed. */
        COMMUNICATION_ERROR,
        /** The client was closed. */
        CLIENT_CLOSE
    }

    /** What the connection reports to its owner, on SDK threads; implementations must return quickly. */
    public interface Events {
        /** A desired-properties patch (without {@code $version}) and its {@code $version}. */
        void desiredPatch(JsonObject patch, long version);

        /** The connection's state changed, for a reason, with the failure behind it if any. */
        void connectionChanged(State state, Reason reason, @Nullable Throwable cause);

        /**
         * A direct method request: its name, its request id for {@link #respond}, and its payload as sent (JSON
         * text, possibly empty).
         */
        void methodRequest(String name, String requestId, byte[] payload);
    }

    /**
     * A telemetry message as the SDK sends it.
     *
     * @param body the body, not empty (the SDK refuses empty telemetry)
     * @param contentType the content type, or {@code null}
     * @param contentEncoding the content encoding, or {@code null}
     * @param messageId the message id, or {@code null} for the SDK's random one
     * @param correlationId the correlation id, or {@code null} for none
     * @param properties the application properties, in order
     */
    public record Telemetry(byte[] body, @Nullable String contentType, @Nullable String contentEncoding,
                            @Nullable String messageId, @Nullable String correlationId,
                            Map<String, String> properties) {
    }

    /**
     * The outcome of a request: for a twin request the status of the response topic, its {@code $version} and
     * payload; for a telemetry message or a method answer 200 once it is acknowledged, else the failure's status.
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
     * @param reconnectTimeoutMillis how long the SDK tries to reconnect after a loss before it gives up, and retries
     *     a message whose sending failed (its operation timeout), or 0 for the SDK's default
     * @return the connection
     */
    public static SdkDeviceConnection create(TwinKey key, String sharedAccessKey, String connectionString,
                                             @Nullable String endpoint, boolean webSocket,
                                             @Nullable SSLContext sslContext, long reconnectTimeoutMillis) {
        SdkDeviceConnection connection = create(key, sharedAccessKey, connectionString, endpoint, webSocket,
                sslContext);
        if (reconnectTimeoutMillis > 0) {
            connection.client.setOperationTimeout(reconnectTimeoutMillis);
        }
        return connection;
    }

    private static SdkDeviceConnection create(TwinKey key, String sharedAccessKey, String connectionString,
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

    /**
     * Opens the connection and subscribes to desired patches and direct methods; the future completes when both
     * subscriptions are acknowledged.
     */
    public CompletableFuture<Void> open(Events events) {
        client.setConnectionStatusChangeCallback(context -> events.connectionChanged(state(context.getNewStatus()),
                reason(context.getNewStatusReason()), context.getCause()), null);
        client.getConfig().setDirectMethodsMessageCallback((message, context) -> onMethodMessage(message, events),
                null);
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        CompletableFuture<Void> methods = new CompletableFuture<>();
        try {
            client.open(false);
            subscribeToMethods(methods);
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
            methods.completeExceptionally(e);
        }
        // fails as soon as either subscription fails (allOf would wait for the other one too)
        CompletableFuture<Void> both = new CompletableFuture<>();
        subscribed.thenCombine(methods, (desired, method) -> both.complete(null));
        subscribed.whenComplete((ok, e) -> failIf(e, both));
        methods.whenComplete((ok, e) -> failIf(e, both));
        return both;
    }

    private static void failIf(@Nullable Throwable e, CompletableFuture<Void> future) {
        if (e != null) {
            future.completeExceptionally(e);
        }
    }

    private void subscribeToMethods(CompletableFuture<Void> subscribed) {
        IotHubTransportMessage subscribe = new IotHubTransportMessage(new byte[0], MessageType.DEVICE_METHODS);
        subscribe.setDeviceOperationType(DeviceOperations.DEVICE_OPERATION_METHOD_SUBSCRIBE_REQUEST);
        client.sendEventAsync(subscribe, (message, e, context) -> {
            if (e == null) {
                subscribed.complete(null);
            } else {
                subscribed.completeExceptionally(e);
            }
        }, null);
    }

    private static IotHubMessageResult onMethodMessage(Message message, Events events) {
        if (message instanceof IotHubTransportMessage request && request.getMessageType() == MessageType.DEVICE_METHODS
                && request.getDeviceOperationType() == DeviceOperations.DEVICE_OPERATION_METHOD_RECEIVE_REQUEST
                && request.getMethodName() != null && request.getRequestId() != null) {
            byte[] payload = request.getBytes();
            events.methodRequest(request.getMethodName(), request.getRequestId(),
                    payload == null ? new byte[0] : payload);
            return IotHubMessageResult.COMPLETE;
        }
        LOG.warn("ignored a direct-methods message that is no method request: {}", message);
        return IotHubMessageResult.ABANDON;
    }

    /**
     * Answers a direct method request.
     *
     * @param requestId the request's id, from {@link Events#methodRequest}
     * @param status the status to answer with
     * @param payload the JSON text of the answer's payload
     * @return completes with status 200 when the answer was sent, or with the failure's status and message
     */
    public CompletableFuture<Response> respond(String requestId, int status, byte[] payload) {
        IotHubTransportMessage response = new IotHubTransportMessage(payload, MessageType.DEVICE_METHODS);
        response.setRequestId(requestId);
        response.setStatus(String.valueOf(status));
        response.setDeviceOperationType(DeviceOperations.DEVICE_OPERATION_METHOD_SEND_RESPONSE);
        return send(response);
    }

    /**
     * Sends a telemetry message (device-to-cloud, QoS 1 on MQTT).
     *
     * @param telemetry the message
     * @return completes with status 200 when the hub acknowledged the message, or with the failure's status and
     *     message when the SDK gives up on it or the client is closed
     */
    public CompletableFuture<Response> sendTelemetry(Telemetry telemetry) {
        Message message = new Message(telemetry.body());
        try {
            if (telemetry.contentType() != null) {
                message.setContentType(telemetry.contentType());
            }
            if (telemetry.contentEncoding() != null) {
                message.setContentEncoding(telemetry.contentEncoding());
            }
            if (telemetry.messageId() != null) {
                message.setMessageId(telemetry.messageId());
            }
            // the SDK gives every message a random correlation id; an empty one is not sent
            message.setCorrelationId(telemetry.correlationId() == null ? "" : telemetry.correlationId());
            telemetry.properties().forEach(message::setProperty);
        } catch (IllegalArgumentException e) {
            // a property the SDK refuses (its reserved names)
            return CompletableFuture.completedFuture(new Response(400, null, null, e.getMessage()));
        }
        return send(message);
    }

    private CompletableFuture<Response> send(Message message) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        try {
            client.sendEventAsync(message, (sent, e, context) -> result.complete(e == null
                    ? new Response(200, null, null, null)
                    : new Response(httpStatus(e.getStatusCode()), null, null, e.getMessage())), null);
        } catch (RuntimeException e) {
            result.complete(new Response(503, null, null, String.valueOf(e.getMessage())));
        }
        return result;
    }

    private static State state(IotHubConnectionStatus status) {
        return switch (status) {
            case CONNECTED -> State.CONNECTED;
            case DISCONNECTED_RETRYING -> State.DISCONNECTED_RETRYING;
            case DISCONNECTED -> State.DISCONNECTED;
        };
    }

    private static Reason reason(@Nullable IotHubConnectionStatusChangeReason reason) {
        if (reason == null) {
            return Reason.COMMUNICATION_ERROR;
        }
        return switch (reason) {
            case CONNECTION_OK -> Reason.CONNECTION_OK;
            case EXPIRED_SAS_TOKEN -> Reason.EXPIRED_SAS_TOKEN;
            case BAD_CREDENTIAL -> Reason.BAD_CREDENTIAL;
            case RETRY_EXPIRED -> Reason.RETRY_EXPIRED;
            case NO_NETWORK -> Reason.NO_NETWORK;
            case COMMUNICATION_ERROR -> Reason.COMMUNICATION_ERROR;
            case CLIENT_CLOSE -> Reason.CLIENT_CLOSE;
        };
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
