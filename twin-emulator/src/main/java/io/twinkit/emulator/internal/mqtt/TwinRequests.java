package io.twinkit.emulator.internal.mqtt;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a device's twin requests against the hub and turns each outcome into an MQTT response: a status,
 * the new reported {@code $version} of a successful report, and a payload (the device's view of the twin, nothing,
 * or the service's error body).
 */
final class TwinRequests {

    private static final Logger LOG = LoggerFactory.getLogger(TwinRequests.class);
    private static final byte[] EMPTY = new byte[0];

    /**
     * The answer to one request.
     *
     * @param status the 3-digit status of the response topic
     * @param version the new reported {@code $version} for the response topic, or {@code null}
     * @param payload the response payload
     */
    record Response(int status, @Nullable Long version, byte[] payload) {

        Response {
            Objects.requireNonNull(payload, "payload");
        }
    }

    private final IotHub hub;

    TwinRequests(IotHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    /** Answers a GET: 200 with {@code {"desired":{…},"reported":{…}}}, or the error. */
    Response get(TwinKey key) {
        return run(key, () -> new Response(200, null,
                hub.twins().deviceGet(key).toJsonBytes()));
    }

    /**
     * Answers a reported-properties PATCH: 204 with the new reported {@code $version}, or 400 for a malformed
     * {@code $version} or body or a patch the service would reject, 412 for a stale {@code $version}, and so on; a
     * failed report changes nothing.
     */
    Response report(TwinKey key, @Nullable String versionText, byte[] payload) {
        return run(key, () -> {
            Long expected = versionText == null ? null : parseVersion(versionText);
            JsonObject patch = JsonValue.parseObject(payload);
            long version = hub.twins().report(key, patch, expected);
            return new Response(204, version, EMPTY);
        });
    }

    private Response run(TwinKey key, Supplier<Response> request) {
        try {
            return request.get();
        } catch (TwinException e) {
            return error(e.errorCode(), e.getMessage());
        } catch (IllegalStateException e) {
            // the hub was closed under the connection
            return error(IotHubErrorCode.SERVICE_UNAVAILABLE, "the hub is not available: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("a twin request of {} failed", key, e);
            return error(IotHubErrorCode.SERVER_ERROR, "the request failed in the hub: " + e);
        }
    }

    private Response error(IotHubErrorCode code, @Nullable String message) {
        return new Response(code.httpStatus(), null,
                ErrorBody.of(code, message == null ? code.name() : message, hub.options().clock()));
    }

    private static long parseVersion(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "the $version of the topic, '" + text
                    + "', is not an integer [400004 ArgumentInvalid]");
        }
    }
}
