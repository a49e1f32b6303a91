package io.twinkit.emulator.internal.http;

import io.netty.handler.codec.http.HttpMethod;
import io.twinkit.emulator.AccessRight;
import io.twinkit.core.TwinKey;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a request asks the service API for: the operation and the device and module ids in its path, percent-decoded.
 * The ids are kept as text so that authentication comes before their validation, as on the service.
 *
 * @param operation the operation
 * @param deviceId the device id of the path, {@code null} for a query
 * @param moduleId the module id of the path, if it names a module
 * @param resourceId the id of another resource the path names (a configuration), if any
 */
record ServiceCall(Operation operation, @Nullable String deviceId, @Nullable String moduleId,
                   @Nullable String resourceId) {

    /** A call whose path names no resource but a twin or identity. */
    ServiceCall(Operation operation, @Nullable String deviceId, @Nullable String moduleId) {
        this(operation, deviceId, moduleId, null);
    }

    /** The operations of the service API, each with the right its token must grant. */
    enum Operation {
        GET_TWIN(AccessRight.SERVICE_CONNECT),
        UPDATE_TWIN(AccessRight.SERVICE_CONNECT),
        REPLACE_TWIN(AccessRight.SERVICE_CONNECT),
        /** A direct method call: ServiceConnect, as the service documents. */
        INVOKE_METHOD(AccessRight.SERVICE_CONNECT),
        QUERY(AccessRight.SERVICE_CONNECT),
        GET_IDENTITY(AccessRight.REGISTRY_READ),
        PUT_IDENTITY(AccessRight.REGISTRY_WRITE),
        DELETE_IDENTITY(AccessRight.REGISTRY_WRITE),
        BULK_REGISTRY(AccessRight.REGISTRY_WRITE),
        LIST_DEVICES(AccessRight.REGISTRY_READ),
        LIST_MODULES(AccessRight.REGISTRY_READ),
        DEVICE_STATISTICS(AccessRight.REGISTRY_READ),
        /** Connected-device count: the service reports it to service clients, so ServiceConnect, as for twins. */
        SERVICE_STATISTICS(AccessRight.SERVICE_CONNECT),
        /** Configurations are registry objects, which the SDKs manage with their registry clients: RegistryRead. */
        GET_CONFIGURATION(AccessRight.REGISTRY_READ),
        /** Listing configurations: RegistryRead. */
        LIST_CONFIGURATIONS(AccessRight.REGISTRY_READ),
        /** Creating or updating a configuration: RegistryWrite. */
        PUT_CONFIGURATION(AccessRight.REGISTRY_WRITE),
        /** Deleting a configuration: RegistryWrite. */
        DELETE_CONFIGURATION(AccessRight.REGISTRY_WRITE),
        /** Applying modules content to an Edge device, as the registry client does: RegistryWrite. */
        APPLY_CONFIGURATION_CONTENT(AccessRight.REGISTRY_WRITE);

        private final AccessRight right;

        Operation(AccessRight right) {
            this.right = right;
        }

        AccessRight right() {
            return right;
        }
    }

    /** The routes served, for the 404 answer. */
    static final String ROUTES = "GET|PATCH|PUT /twins/{id}, GET|PATCH|PUT /twins/{id}/modules/{mid},"
            + " POST /twins/{id}/methods, POST /twins/{id}/modules/{mid}/methods,"
            + " GET|PUT|DELETE /devices/{id}, GET|PUT|DELETE /devices/{id}/modules/{mid}, GET /devices/{id}/modules,"
            + " GET /devices?top=N, POST /devices (bulk registry), POST /devices/query, GET /statistics/devices,"
            + " GET /statistics/service, " + ConfigurationCalls.ROUTES + ", the jobs routes, " + JobCall.ROUTES
            + ", and the emulator's own " + TelemetryCall.ROUTES;

    /**
     * Resolves a request line. A {@code POST} with {@code X-HTTP-Method-Override} is taken as the method it names, as
     * the Java service SDK sends its twin PATCH that way.
     *
     * @param method the request method
     * @param methodOverride the {@code X-HTTP-Method-Override} header, or {@code null}
     * @param uri the request target, origin form ({@code /twins/d1?api-version=...}) or absolute form
     * @throws WireException 400 for an unreadable target, 404 for a path the service API does not serve, 405 for a
     *     method the resource does not take
     */
    static ServiceCall resolve(HttpMethod method, @Nullable String methodOverride, String uri) {
        String effective = method.name();
        if (HttpMethod.POST.equals(method) && methodOverride != null && !methodOverride.isBlank()) {
            effective = methodOverride.trim().toUpperCase(Locale.ROOT);
        }
        List<String> segments = segments(rawPath(uri));
        int n = segments.size();
        boolean twins = "twins".equals(segments.get(0));
        boolean devices = "devices".equals(segments.get(0));
        if (devices && n == 2 && "query".equals(segments.get(1)) && "POST".equals(effective)) {
            return new ServiceCall(Operation.QUERY, null, null);
        }
        if (devices && (n == 1 || n == 2 && segments.get(1).isEmpty())) {
            // "/devices" and "/devices/": the Java SDK's helpers post bulk requests to the second
            return switch (effective) {
                case "GET" -> new ServiceCall(Operation.LIST_DEVICES, null, null);
                case "POST" -> new ServiceCall(Operation.BULK_REGISTRY, null, null);
                default -> throw WireException.methodNotAllowed(effective + " is not allowed on " + uri
                        + "; use GET to list devices or POST for a bulk registry request");
            };
        }
        ServiceCall configurationCall = ConfigurationCalls.resolve(effective, segments, uri);
        if (configurationCall != null) {
            return configurationCall;
        }
        if (devices && n == 3 && "modules".equals(segments.get(2)) && !segments.get(1).isEmpty()) {
            return new ServiceCall(readOnly(Operation.LIST_MODULES, effective, uri), segments.get(1), null);
        }
        if ("statistics".equals(segments.get(0)) && n == 2 && "devices".equals(segments.get(1))) {
            return new ServiceCall(readOnly(Operation.DEVICE_STATISTICS, effective, uri), null, null);
        }
        if ("statistics".equals(segments.get(0)) && n == 2 && "service".equals(segments.get(1))) {
            return new ServiceCall(readOnly(Operation.SERVICE_STATISTICS, effective, uri), null, null);
        }
        ServiceCall methodCall = methodCall(twins, segments, effective, uri);
        if (methodCall != null) {
            return methodCall;
        }
        boolean moduleForm = n == 4 && "modules".equals(segments.get(2));
        if ((twins || devices) && (n == 2 || moduleForm) && !segments.contains("")) {
            String deviceId = segments.get(1);
            String moduleId = moduleForm ? segments.get(3) : null;
            Operation operation = twins ? twinOperation(effective) : identityOperation(effective);
            if (operation == null) {
                throw WireException.methodNotAllowed(effective + " is not allowed on " + (twins ? "a twin" : "an"
                        + " identity") + " (" + uri + "); use " + (twins ? "GET, PATCH or PUT" : "GET, PUT or DELETE"));
            }
            return new ServiceCall(operation, deviceId, moduleId);
        }
        throw WireException.notFound("the service API has no resource at " + uri + "; it serves " + ROUTES);
    }

    /**
     * Resolves {@code /twins/{id}/methods} and {@code /twins/{id}/modules/{mid}/methods} (each also with a trailing
     * {@code /}), or returns {@code null} for other paths.
     */
    private static @Nullable ServiceCall methodCall(boolean twins, List<String> segments, String method, String uri) {
        int n = segments.size();
        if (!twins) {
            return null;
        }
        int end = n > 3 && segments.get(n - 1).isEmpty() ? n - 1 : n;
        boolean device = end == 3 && "methods".equals(segments.get(2));
        boolean module = end == 5 && "modules".equals(segments.get(2)) && "methods".equals(segments.get(4));
        if (!device && !module || segments.subList(0, end).contains("")) {
            return null;
        }
        if (!"POST".equals(method)) {
            throw WireException.methodNotAllowed(method + " is not allowed on " + uri + "; use POST to call a direct"
                    + " method");
        }
        return new ServiceCall(Operation.INVOKE_METHOD, segments.get(1), module ? segments.get(3) : null);
    }

    private static Operation readOnly(Operation operation, String method, String uri) {
        if (!"GET".equals(method)) {
            throw WireException.methodNotAllowed(method + " is not allowed on " + uri + "; use GET");
        }
        return operation;
    }

    /**
     * Returns the key the path names.
     *
     * @throws io.twinkit.core.InvalidIdException (400004) if an id breaks the service's id rules
     */
    TwinKey key() {
        if (deviceId == null) {
            throw new IllegalStateException(operation + " names no twin");
        }
        return moduleId == null ? TwinKey.device(deviceId) : TwinKey.module(deviceId, moduleId);
    }

    private static @Nullable Operation twinOperation(String method) {
        return switch (method) {
            case "GET" -> Operation.GET_TWIN;
            case "PATCH" -> Operation.UPDATE_TWIN;
            case "PUT" -> Operation.REPLACE_TWIN;
            default -> null;
        };
    }

    private static @Nullable Operation identityOperation(String method) {
        return switch (method) {
            case "GET" -> Operation.GET_IDENTITY;
            case "PUT" -> Operation.PUT_IDENTITY;
            case "DELETE" -> Operation.DELETE_IDENTITY;
            default -> null;
        };
    }

    static String rawPath(String uri) {
        if (uri.startsWith("/")) {
            int end = uri.length();
            int query = uri.indexOf('?');
            int fragment = uri.indexOf('#');
            if (query >= 0) {
                end = query;
            }
            if (fragment >= 0 && fragment < end) {
                end = fragment;
            }
            return uri.substring(0, end);
        }
        try {
            String path = new URI(uri).getRawPath();
            if (path != null && path.startsWith("/")) {
                return path;
            }
        } catch (URISyntaxException e) {
            throw WireException.badRequest("the request target '" + uri + "' is not a URI: " + e.getMessage());
        }
        throw WireException.badRequest("the request target '" + uri + "' has no absolute path");
    }

    /** Splits a raw path into percent-decoded segments; the list is never empty. */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            segments.add(decode(raw));
        }
        return segments;
    }

    /**
     * Percent-decodes a path segment as UTF-8. A {@code %} not followed by two hex digits stays as it is: the Java
     * service SDK puts ids into paths unencoded, and {@code %} is a legal id character. {@code +} stays {@code +}.
     */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && hex(segment.charAt(i + 1)) >= 0
                    && hex(segment.charAt(i + 2)) >= 0) {
                bytes.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
                i += 3;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < segment.length()) {
                    utf8 = segment.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
                i++;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw WireException.badRequest("the path segment '" + segment + "' does not decode to UTF-8 text");
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
