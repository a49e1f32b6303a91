package io.twinkit.emulator.internal.http;

import io.twinkit.core.error.TwinJsonException;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.BulkOperation;
import io.twinkit.emulator.BulkResult;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.DeviceRegistry;
import io.twinkit.emulator.IotHub;
import io.twinkit.query.QueryOptions;
import io.twinkit.query.QueryPage;
import io.twinkit.core.TwinKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Carries out {@link ServiceCall}s against a hub and answers them as the service does: twins as the full twin JSON,
 * query pages as a bare JSON array with {@code x-ms-item-type} and {@code x-ms-continuation}, identities in the REST
 * device format. Hub exceptions pass through to the caller, which turns them into error bodies.
 */
final class ServiceOperations {

    static final String MAX_ITEM_COUNT = "x-ms-max-item-count";
    static final String CONTINUATION = "x-ms-continuation";
    static final String ITEM_TYPE = "x-ms-item-type";

    /** The most devices one listing returns, and the default, as on the service. */
    static final int MAX_TOP = 1000;

    /**
     * Members of a REST device the registry assigns or tracks itself. A request's values are ignored, as the service
     * ignores them, and dropped before parsing: the service SDK sends placeholders such as {@code "etag":""} and
     * {@code "statusUpdatedTime":"0001-12-30T00:00:00"} (no zone) that are not values of those members.
     */
    private static final List<String> READ_ONLY_IDENTITY_MEMBERS = List.of("etag", "generationId",
            "statusUpdatedTime", "connectionState", "connectionStateUpdatedTime", "lastActivityTime",
            "cloudToDeviceMessageCount");

    private static final TwinJson JSON = TwinJson.standard();

    private final IotHub hub;
    private final ConfigurationOperations configurations;

    ServiceOperations(IotHub hub) {
        this.hub = hub;
        this.configurations = new ConfigurationOperations(hub);
    }

    FullHttpResponse execute(ServiceCall call, FullHttpRequest request) {
        return switch (call.operation()) {
            case GET_TWIN -> twin(hub.twins().get(call.key()));
            case UPDATE_TWIN -> twin(hub.twins().update(call.key(), body(request), ifMatch(request)));
            case REPLACE_TWIN -> twin(hub.twins().replace(call.key(), body(request), ifMatch(request)));
            case QUERY -> query(request);
            case GET_IDENTITY -> identity(hub.registry().get(call.key()));
            case PUT_IDENTITY -> putIdentity(call.key(), request);
            case DELETE_IDENTITY -> {
                hub.registry().delete(call.key(), ifMatch(request));
                yield ServiceResponses.empty(HttpResponseStatus.NO_CONTENT);
            }
            case BULK_REGISTRY -> bulk(request);
            case LIST_DEVICES -> identities(hub.registry().list().stream().limit(top(request)).toList());
            case LIST_MODULES -> identities(hub.registry().modules(call.key().deviceId()));
            case DEVICE_STATISTICS -> {
                DeviceRegistry.DeviceCounts counts = hub.registry().deviceCounts();
                yield ServiceResponses.json(HttpResponseStatus.OK, JsonObject.of(
                        "totalDeviceCount", JsonNumber.of(counts.total()),
                        "enabledDeviceCount", JsonNumber.of(counts.enabled()),
                        "disabledDeviceCount", JsonNumber.of(counts.disabled())).toJsonBytes());
            }
            case SERVICE_STATISTICS -> ServiceResponses.json(HttpResponseStatus.OK, JsonObject.of(
                    "connectedDeviceCount", JsonNumber.of(hub.registry().deviceCounts().connected())).toJsonBytes());
            case GET_CONFIGURATION, LIST_CONFIGURATIONS, PUT_CONFIGURATION, DELETE_CONFIGURATION,
                    APPLY_CONFIGURATION_CONTENT -> configurations.execute(call, request);
            // answered asynchronously by MethodOperations, which the request handler calls instead
            case INVOKE_METHOD -> throw new IllegalStateException("a direct method call is not answered here");
        };
    }

    /**
     * Carries out a bulk registry request: 200 when every item applied, else 400, both with the service's
     * {@code BulkRegistryOperationResult}; items that failed changed nothing, the others applied.
     */
    private FullHttpResponse bulk(FullHttpRequest request) {
        List<BulkOperation> operations = BulkRequests.parse(ByteBufUtil.getBytes(request.content()));
        BulkResult result = hub.registry().bulk(operations);
        return ServiceResponses.json(result.isSuccessful() ? HttpResponseStatus.OK : HttpResponseStatus.BAD_REQUEST,
                BulkRequests.write(result));
    }

    private static FullHttpResponse identities(List<DeviceIdentity> identities) {
        JsonArray.Builder out = JsonArray.builder();
        identities.forEach(identity -> out.add(identity.toJson()));
        return ServiceResponses.json(HttpResponseStatus.OK, out.build().toJsonBytes());
    }

    /** Returns the {@code top} query parameter of a device listing: 1 to 1000, 1000 when absent, as on the service. */
    private static int top(FullHttpRequest request) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get("top");
        if (values == null || values.isEmpty()) {
            return MAX_TOP;
        }
        String text = values.get(0).trim();
        try {
            int top = Integer.parseInt(text);
            if (top >= 1 && top <= MAX_TOP) {
                return top;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "the top parameter of a device listing must be"
                + " an integer from 1 to " + MAX_TOP + " but is '" + text + "'");
    }

    private static FullHttpResponse twin(TwinDocument twin) {
        FullHttpResponse response = ServiceResponses.json(HttpResponseStatus.OK, twin.toJson().toJsonBytes());
        twin.etag().ifPresent(etag -> response.headers().set(HttpHeaderNames.ETAG, "\"" + etag.value() + "\""));
        return response;
    }

    private static FullHttpResponse identity(DeviceIdentity identity) {
        return ServiceResponses.json(HttpResponseStatus.OK, identity.toJson().toJsonBytes());
    }

    private FullHttpResponse query(FullHttpRequest request) {
        JsonValue sql = body(request).valueOrNull("query");
        if (!(sql instanceof JsonString text)) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "a query body needs the query text as a"
                    + " string, e.g. {\"query\":\"SELECT * FROM devices\"} (at 'query')");
        }
        HttpHeaders headers = request.headers();
        QueryOptions options = QueryOptions.defaults();
        String pageSize = headers.get(MAX_ITEM_COUNT);
        if (pageSize != null) {
            options = options.withPageSize(pageSize(pageSize.trim()));
        }
        String continuation = headers.get(CONTINUATION);
        if (continuation != null && !continuation.isBlank()) {
            options = options.withContinuation(continuation.trim());
        }
        QueryPage<JsonObject> page = hub.queries().query(text.value(), options);
        FullHttpResponse response = ServiceResponses.json(HttpResponseStatus.OK,
                JsonArray.copyOf(page.items()).toJsonBytes());
        response.headers().set(ITEM_TYPE, page.itemType().wireName());
        page.continuation().ifPresent(token -> response.headers().set(CONTINUATION, token));
        return response;
    }

    private FullHttpResponse putIdentity(TwinKey key, FullHttpRequest request) {
        JsonObject body = body(request);
        for (String member : READ_ONLY_IDENTITY_MEMBERS) {
            body = body.without(member);
        }
        body = withPathId(body, "deviceId", key.deviceId().value());
        if (key.moduleId() != null) {
            body = withPathId(body, "moduleId", key.moduleId().value());
        } else if (body.valueOrNull("moduleId") instanceof JsonString module && !module.value().isEmpty()) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "the body names module '" + module.value()
                    + "' but the path names device " + key + "; put modules to /devices/{id}/modules/{mid}"
                    + " (at 'moduleId')");
        }
        DeviceIdentity requested = DeviceIdentity.fromJson(body);
        String ifMatch = ifMatch(request);
        DeviceIdentity result;
        if (ifMatch != null) {
            result = hub.registry().update(requested, ifMatch);
        } else if (key.isModule()) {
            result = hub.registry().createModule(requested);
        } else {
            result = hub.registry().createDevice(requested);
        }
        return identity(result);
    }

    /** Fills in the id of the path when the body has none, and refuses a body that names another one. */
    private static JsonObject withPathId(JsonObject body, String member, String pathId) {
        JsonValue value = body.valueOrNull(member);
        if (value == null || value.isNull()) {
            return body.with(member, JsonString.of(pathId));
        }
        if (value instanceof JsonString text && text.value().equals(pathId)) {
            return body;
        }
        throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "the body's " + member + " " + value
                + " is not the " + member + " '" + pathId + "' of the path (at '" + member + "')");
    }

    /** The header's page size; like the service, which substitutes its own size, a size below 1 asks for 1. */
    private static int pageSize(String header) {
        try {
            return Math.max(1, Integer.parseInt(header));
        } catch (NumberFormatException e) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "the " + MAX_ITEM_COUNT + " header must be"
                    + " an integer page size but is '" + header + "'");
        }
    }

    /**
     * Parses the body as a JSON object.
     *
     * @throws io.twinkit.core.error.TwinJsonException (400006) if it is empty, malformed or not an object
     */
    private static JsonObject body(FullHttpRequest request) {
        return JsonValue.parseObject(ByteBufUtil.getBytes(request.content()));
    }

    private static @Nullable String ifMatch(FullHttpRequest request) {
        return request.headers().get(HttpHeaderNames.IF_MATCH);
    }
}
