package io.twinkit.emulator.internal.http;

import io.netty.handler.codec.http.HttpMethod;
import io.twinkit.emulator.AccessRight;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A request for the scheduled jobs of the service API ({@code /jobs/v2}): the operation and the job id of its path,
 * percent-decoded. Kept apart from {@link ServiceCall}, whose routes are about devices and twins.
 *
 * @param operation the operation
 * @param jobId the job id of the path, {@code null} for the job listing
 */
record JobCall(Operation operation, @Nullable String jobId) {

    /**
     * The job operations, each with the right its token must grant: scheduling and cancelling write the registry,
     * reading jobs reads it, as the service's job how-to says (a back end that schedules and monitors jobs needs
     * RegistryRead and RegistryWrite).
     */
    enum Operation {
        /** {@code PUT /jobs/v2/{id}}. */
        SCHEDULE(AccessRight.REGISTRY_WRITE),
        /** {@code GET /jobs/v2/{id}}. */
        GET(AccessRight.REGISTRY_READ),
        /** {@code POST /jobs/v2/{id}/cancel}. */
        CANCEL(AccessRight.REGISTRY_WRITE),
        /** {@code GET /jobs/v2/query}. */
        QUERY(AccessRight.REGISTRY_READ);

        private final AccessRight right;

        Operation(AccessRight right) {
            this.right = right;
        }

        AccessRight right() {
            return right;
        }
    }

    /** The job routes served, for the 404 answer of the service API. */
    static final String ROUTES = "PUT|GET /jobs/v2/{id}, POST /jobs/v2/{id}/cancel and GET /jobs/v2/query";

    /**
     * Resolves a request line to a job call, or returns {@code null} when its path is not a job resource
     * ({@code /jobs/v2/{id}}, {@code /jobs/v2/{id}/cancel}); {@link ServiceCall} then answers it. A {@code POST} with
     * {@code X-HTTP-Method-Override} is taken as the method it names, as for {@link ServiceCall}.
     *
     * @throws WireException 400 for an unreadable target, 405 for a method the job resource does not take
     */
    static @Nullable JobCall resolve(HttpMethod method, @Nullable String methodOverride, String uri) {
        List<String> segments = ServiceCall.segments(ServiceCall.rawPath(uri));
        int n = segments.size();
        if (n < 2 || !"jobs".equals(segments.get(0)) || !"v2".equals(segments.get(1))) {
            return null;
        }
        String effective = method.name();
        if (HttpMethod.POST.equals(method) && methodOverride != null && !methodOverride.isBlank()) {
            effective = methodOverride.trim().toUpperCase(Locale.ROOT);
        }
        if (n == 3 && !segments.get(2).isEmpty()) {
            String id = segments.get(2);
            return switch (effective) {
                case "GET" -> "query".equals(id) ? new JobCall(Operation.QUERY, null) : new JobCall(Operation.GET, id);
                case "PUT" -> new JobCall(Operation.SCHEDULE, id);
                default -> throw WireException.methodNotAllowed(effective + " is not allowed on " + uri + "; use PUT"
                        + " to schedule a job, GET to read it (GET /jobs/v2/query lists jobs)");
            };
        }
        if (n == 4 && !segments.get(2).isEmpty() && "cancel".equals(segments.get(3))) {
            if (!"POST".equals(effective)) {
                throw WireException.methodNotAllowed(effective + " is not allowed on " + uri + "; use POST to cancel"
                        + " a job");
            }
            return new JobCall(Operation.CANCEL, segments.get(2));
        }
        // another path under /jobs/v2: the service API's 404, which names every route, the job routes included
        return null;
    }

    /** Returns the job id of the path. */
    String id() {
        if (jobId == null) {
            throw new IllegalStateException(operation + " names no job");
        }
        return jobId;
    }
}
