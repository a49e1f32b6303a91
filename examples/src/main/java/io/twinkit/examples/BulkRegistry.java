package io.twinkit.examples;

import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.service.ServiceConnectionString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * IoT Hub's bulk registry request ({@code POST /devices}: up to 100 {@code ExportImportDevice} items per request),
 * which the examples use to register and remove many simulated devices at once, with their tags, on a hub or an
 * emulator alike. The Java service SDK 2.x has no bulk call, so the request is sent here with the JDK's
 * {@link java.net.HttpURLConnection}: a back-end client built before (for an emulator, one that trusts its CA) makes
 * the JVM trust the hub's certificate.
 *
 * @see <a href="https://learn.microsoft.com/rest/api/iothub/service/bulk-registry/update-registry">Bulk Registry -
 *     Update Registry</a>
 */
final class BulkRegistry {

    /** The most devices one request may name. */
    static final int MAX_ITEMS = 100;

    private static final String API_VERSION = "2021-04-12";

    private final ServiceConnectionString hub;

    BulkRegistry(ServiceConnectionString hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    /**
     * What a bulk request did: the devices it applied to, and why the hub refused the others.
     *
     * @param applied the ids of the devices the hub created or removed
     * @param refusals one line per device the hub refused: its id, the error code and the hub's message
     */
    record Outcome(List<String> applied, List<String> refusals) {
    }

    /**
     * Registers devices with generated keys and the given tags, {@value #MAX_ITEMS} per request. A device the hub
     * refuses (one with that id exists already, say) is left as it is and listed in the outcome.
     *
     * @param tagsById each device's id and tags, in order
     * @return the devices registered, and the refusals
     * @throws ExampleFailure if the hub refuses a request as a whole
     */
    Outcome create(Map<String, JsonObject> tagsById) {
        List<JsonObject> items = new ArrayList<>(tagsById.size());
        tagsById.forEach((id, tags) -> items.add(JsonObject.builder()
                .put("id", JsonString.of(id))
                .put("importMode", JsonString.of("create"))
                .put("status", JsonString.of("enabled"))
                .put("authentication", JsonValue.parse(
                        "{\"type\":\"sas\",\"symmetricKey\":{\"primaryKey\":\"\",\"secondaryKey\":\"\"}}"))
                .put("tags", tags)
                .build()));
        return send(items, Set.of());
    }

    /**
     * Removes devices, {@value #MAX_ITEMS} per request; a device that is not there counts as removed.
     *
     * @param ids the devices
     * @return the devices removed, and the refusals
     * @throws ExampleFailure if the hub refuses a request as a whole
     */
    Outcome delete(List<String> ids) {
        List<JsonObject> items = new ArrayList<>(ids.size());
        ids.forEach(id -> items.add(JsonObject.of("id", JsonString.of(id), "importMode", JsonString.of("delete"))));
        return send(items, Set.of("DeviceNotFound"));
    }

    /** Sends the items in requests of at most {@value #MAX_ITEMS}; {@code absent} codes mean "nothing to do". */
    private Outcome send(List<JsonObject> items, Set<String> absent) {
        List<String> applied = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (int from = 0; from < items.size(); from += MAX_ITEMS) {
            List<JsonObject> batch = items.subList(from, Math.min(items.size(), from + MAX_ITEMS));
            JsonObject result = post(JsonArray.copyOf(batch));
            Map<String, String> failed = new LinkedHashMap<>();
            JsonValue errors = result.valueOrNull("errors");
            for (JsonValue error : errors instanceof JsonArray array ? array : JsonArray.empty()) {
                JsonObject item = error.asObject();
                String id = item.valueOrNull("deviceId") instanceof JsonString text ? text.value() : "?";
                String code = item.valueOrNull("errorCode") instanceof JsonString text ? text.value() : "?";
                failed.put(id, code);
                if (!absent.contains(code)) {
                    refusals.add(id + ": " + code + " " + item.valueOrNull("errorStatus"));
                }
            }
            for (JsonObject item : batch) {
                String id = ((JsonString) item.valueOrNull("id")).value();
                if (!failed.containsKey(id)) {
                    applied.add(id);
                }
            }
        }
        return new Outcome(List.copyOf(applied), List.copyOf(refusals));
    }

    private JsonObject post(JsonArray items) {
        String host = hub.hostName();
        String token = HubTokens.hubToken(hub);
        byte[] body = items.toJsonBytes();
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("https://" + host + "/devices?api-version="
                    + API_VERSION).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(30_000);
            connection.setReadTimeout(60_000);
            connection.setRequestProperty("Authorization", token);
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            connection.setRequestProperty("Accept", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            byte[] answer;
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            JsonValue parsed;
            try {
                parsed = JsonValue.parse(answer);
            } catch (TwinJsonException e) {
                throw new ExampleFailure("the bulk registry answered HTTP " + status + ": "
                        + new String(answer, StandardCharsets.UTF_8));
            }
            // a request with failed items is answered 400 with the result; any other error has no isSuccessful
            if (!(parsed instanceof JsonObject result) || !result.contains("isSuccessful")) {
                throw new ExampleFailure("the bulk registry answered HTTP " + status + ": " + parsed);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("the bulk registry request to " + host + " failed", e);
        }
    }
}
