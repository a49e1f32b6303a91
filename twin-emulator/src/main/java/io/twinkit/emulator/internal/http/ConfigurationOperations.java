package io.twinkit.emulator.internal.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.ConfigurationContent;
import io.twinkit.emulator.ConfigurationService;
import io.twinkit.emulator.HubConfiguration;
import io.twinkit.emulator.IotHub;
import java.util.List;
import java.util.Objects;

/**
 * Carries out the configuration calls of the service API against {@link IotHub#configurations()}, in the service's
 * REST shapes: a configuration as its {@code Configuration} JSON (with an {@code ETag} header), a listing as a bare
 * JSON array, creation as 201, an update as 200, a deletion and applied modules content as 204.
 */
final class ConfigurationOperations {

    /**
     * Members of a configuration the hub keeps or computes itself. A request's values are dropped before parsing, as
     * the service ignores them: the Java SDK sends {@code "etag":""} and times without a zone
     * ({@code "createdTimeUtc":"0001-01-01T00:00:00"}).
     */
    private static final List<String> READ_ONLY_MEMBERS = List.of("etag", "createdTimeUtc", "lastUpdatedTimeUtc",
            "systemMetrics", "contentType");

    private final IotHub hub;

    ConfigurationOperations(IotHub hub) {
        this.hub = hub;
    }

    FullHttpResponse execute(ServiceCall call, FullHttpRequest request) {
        ConfigurationService configurations = hub.configurations();
        return switch (call.operation()) {
            case GET_CONFIGURATION -> configuration(HttpResponseStatus.OK, configurations.get(id(call)));
            case LIST_CONFIGURATIONS -> {
                JsonArray.Builder out = JsonArray.builder();
                configurations.list(top(request)).forEach(c -> out.add(c.toJson()));
                yield ServiceResponses.json(HttpResponseStatus.OK, out.build().toJsonBytes());
            }
            case PUT_CONFIGURATION -> {
                HubConfiguration requested = requested(id(call), request);
                String ifMatch = request.headers().get(HttpHeaderNames.IF_MATCH);
                yield ifMatch == null
                        ? configuration(HttpResponseStatus.CREATED, configurations.create(requested))
                        : configuration(HttpResponseStatus.OK, configurations.update(requested, ifMatch));
            }
            case DELETE_CONFIGURATION -> {
                configurations.delete(id(call), request.headers().get(HttpHeaderNames.IF_MATCH));
                yield ServiceResponses.empty(HttpResponseStatus.NO_CONTENT);
            }
            case APPLY_CONFIGURATION_CONTENT -> {
                ConfigurationContent content = ConfigurationContent.fromJson(body(request));
                configurations.applyContent(call.key().deviceId(), content);
                yield ServiceResponses.empty(HttpResponseStatus.NO_CONTENT);
            }
            default -> throw new IllegalStateException("not a configuration call: " + call.operation());
        };
    }

    private static String id(ServiceCall call) {
        return Objects.requireNonNull(call.resourceId(), "configuration id");
    }

    /**
     * Reads a {@code PUT} body: read-only members dropped, the path's id filled in when the body has none.
     *
     * @throws TwinException (400004) if the body names another id
     * @throws io.twinkit.core.error.TwinJsonException (400006) if it is not a configuration
     */
    private static HubConfiguration requested(String id, FullHttpRequest request) {
        JsonObject body = body(request);
        for (String member : READ_ONLY_MEMBERS) {
            body = body.without(member);
        }
        if (body.valueOrNull("metrics") instanceof JsonObject metrics) {
            body = body.with("metrics", metrics.without("results"));
        }
        JsonValue bodyId = body.valueOrNull("id");
        if (bodyId == null || bodyId.isNull()) {
            body = body.with("id", JsonString.of(id));
        } else if (!(bodyId instanceof JsonString text) || !text.value().equals(id)) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "the body's id " + bodyId + " is not the"
                    + " configuration id '" + id + "' of the path (at 'id') [400004 ArgumentInvalid]");
        }
        return HubConfiguration.fromJson(body);
    }

    /** Returns the {@code top} query parameter of a listing: at least 1, every configuration when absent. */
    private static int top(FullHttpRequest request) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get("top");
        if (values == null || values.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        String text = values.get(0).trim();
        try {
            int top = Integer.parseInt(text);
            if (top >= 1) {
                return top;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "the top parameter of a configuration listing must"
                + " be a whole number of at least 1 but is '" + text + "' [400004 ArgumentInvalid]");
    }

    private static FullHttpResponse configuration(HttpResponseStatus status, HubConfiguration configuration) {
        FullHttpResponse response = ServiceResponses.json(status, configuration.toJson().toJsonBytes());
        configuration.etag().ifPresent(etag -> response.headers().set(HttpHeaderNames.ETAG, etag.quoted()));
        return response;
    }

    private static JsonObject body(FullHttpRequest request) {
        return JsonValue.parseObject(ByteBufUtil.getBytes(request.content()));
    }
}
