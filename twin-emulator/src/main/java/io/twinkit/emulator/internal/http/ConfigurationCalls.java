package io.twinkit.emulator.internal.http;

import io.twinkit.emulator.internal.http.ServiceCall.Operation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The routes of automatic device configurations on the service API: {@code GET /configurations[?top=N]},
 * {@code GET|PUT|DELETE /configurations/{id}} and {@code POST /devices/{id}/applyConfigurationContent}.
 */
final class ConfigurationCalls {

    /** The routes, for the 404 answer. */
    static final String ROUTES = "GET /configurations?top=N, GET|PUT|DELETE /configurations/{id} and"
            + " POST /devices/{id}/applyConfigurationContent";

    private ConfigurationCalls() {
    }

    /**
     * Returns the call of a configuration route, or {@code null} when the path is none.
     *
     * @param method the effective method
     * @param segments the percent-decoded path segments
     * @param uri the request target, for messages
     * @throws WireException 405 for a method the resource does not take
     */
    static @Nullable ServiceCall resolve(String method, List<String> segments, String uri) {
        int n = segments.size();
        if ("configurations".equals(segments.get(0))) {
            if (n == 1 || n == 2 && segments.get(1).isEmpty()) {
                if (!"GET".equals(method)) {
                    throw WireException.methodNotAllowed(method + " is not allowed on " + uri + "; use GET to list"
                            + " configurations");
                }
                return new ServiceCall(Operation.LIST_CONFIGURATIONS, null, null, null);
            }
            if (n == 2) {
                Operation operation = switch (method) {
                    case "GET" -> Operation.GET_CONFIGURATION;
                    case "PUT" -> Operation.PUT_CONFIGURATION;
                    case "DELETE" -> Operation.DELETE_CONFIGURATION;
                    default -> throw WireException.methodNotAllowed(method + " is not allowed on a configuration ("
                            + uri + "); use GET, PUT or DELETE");
                };
                return new ServiceCall(operation, null, null, segments.get(1));
            }
            return null;
        }
        if ("devices".equals(segments.get(0)) && n == 3 && "applyConfigurationContent".equals(segments.get(2))
                && !segments.get(1).isEmpty()) {
            if (!"POST".equals(method)) {
                throw WireException.methodNotAllowed(method + " is not allowed on " + uri + "; use POST");
            }
            return new ServiceCall(Operation.APPLY_CONFIGURATION_CONTENT, segments.get(1), null, null);
        }
        return null;
    }
}
