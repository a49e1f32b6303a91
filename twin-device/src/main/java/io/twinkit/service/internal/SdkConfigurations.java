package io.twinkit.service.internal;

import com.microsoft.azure.sdk.iot.service.auth.IotHubConnectionString;
import com.microsoft.azure.sdk.iot.service.configurations.Configuration;
import com.microsoft.azure.sdk.iot.service.configurations.ConfigurationsClient;
import com.microsoft.azure.sdk.iot.service.configurations.ConfigurationsClientOptions;
import com.microsoft.azure.sdk.iot.service.transport.http.HttpMethod;
import com.microsoft.azure.sdk.iot.service.transport.http.HttpRequest;
import com.microsoft.azure.sdk.iot.service.transport.http.HttpResponse;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The automatic device configurations API ({@code /configurations}) over the service SDK, with configurations as
 * twinkit JSON in the REST API's shape.
 *
 * <p>Deletes go through the SDK's {@link ConfigurationsClient}, which sends them as the API defines them. Writes and
 * reads are sent with the SDK's own transport ({@link HttpRequest}: the same URL builders, headers, SAS token, proxy
 * and timeout defaults, and the same exceptions) with bodies written and read by twinkit, because
 * {@code ConfigurationsClient} (2.1.9) loses what the API promises there: {@code replace} always sends
 * {@code If-Match: *}, so an update cannot be made conditional on an etag; and its reads drop {@code moduleContent}
 * (a module configuration's content), so a module configuration could not be read back.
 *
 * <p>Thread-safe: nothing is kept between calls but the credential.
 */
public final class SdkConfigurations {

    private final String host;
    private final RenewingSasCredential credential;
    private final ConfigurationsClient client;
    private final int readTimeoutSeconds;
    private final int connectTimeoutSeconds;

    /**
     * Creates the adapter.
     *
     * @param host the hub host, {@code :port} allowed
     * @param credential the renewing credential the SDK clients share
     */
    SdkConfigurations(String host, RenewingSasCredential credential) {
        this.host = Objects.requireNonNull(host, "host");
        this.credential = Objects.requireNonNull(credential, "credential");
        ConfigurationsClientOptions options = ConfigurationsClientOptions.builder().build();
        this.client = new ConfigurationsClient(host, credential.credential(), options);
        this.readTimeoutSeconds = options.getHttpReadTimeoutSeconds();
        this.connectTimeoutSeconds = options.getHttpConnectTimeoutSeconds();
    }

    /**
     * Sends {@code PUT /configurations/{id}}: a creation without {@code ifMatch}, else a replacement.
     *
     * @param id the configuration's id
     * @param body the configuration
     * @param ifMatch null to create, {@code *} to replace whatever is there, or the quoted etag the configuration must
     *     still have
     * @return the configuration as the hub answered
     * @throws ServiceException if the hub answers with an error (409 when creating an existing one, 412 for another
     *     etag, 404 when replacing one that does not exist)
     */
    public JsonObject put(String id, JsonObject body, @Nullable String ifMatch) {
        String operation = (ifMatch == null ? "create" : "replace") + " configuration '" + id + "'";
        return object(operation, send(operation, HttpMethod.PUT, url(operation, id),
                body.toJsonBytes(), ifMatch));
    }

    /**
     * Sends {@code GET /configurations/{id}}.
     *
     * @param id the configuration's id
     * @return the configuration
     * @throws ServiceException if the hub answers with an error (404 for an unknown id)
     */
    public JsonObject get(String id) {
        String operation = "get configuration '" + id + "'";
        return object(operation, send(operation, HttpMethod.GET, url(operation, id), new byte[0], null));
    }

    /**
     * Sends {@code GET /configurations?top={top}}.
     *
     * @param top the most configurations to list (the hub may cap it)
     * @return the configurations
     * @throws ServiceException if the hub answers with an error
     */
    public List<JsonObject> list(int top) {
        String operation = "list configurations (top " + top + ")";
        URL url;
        try {
            url = IotHubConnectionString.getUrlConfigurationsList(host, top);
        } catch (IOException e) {
            throw SdkErrors.map(operation, e);
        }
        byte[] body = send(operation, HttpMethod.GET, url, new byte[0], null);
        try {
            JsonValue parsed = JsonValue.parse(body);
            if (!(parsed instanceof JsonArray array)) {
                throw unreadable(operation, "a JSON array was expected, not " + parsed.type());
            }
            List<JsonObject> configurations = new ArrayList<>(array.size());
            for (JsonValue element : array) {
                if (!(element instanceof JsonObject object)) {
                    throw unreadable(operation, "an element is not a JSON object: " + element);
                }
                configurations.add(object);
            }
            return configurations;
        } catch (TwinJsonException e) {
            throw unreadable(operation, e.getMessage());
        }
    }

    /**
     * Sends {@code DELETE /configurations/{id}} through {@link ConfigurationsClient}.
     *
     * @param id the configuration's id
     * @param ifMatch {@code *} to delete whatever is there, or the quoted etag the configuration must still have
     * @throws ServiceException if the hub answers with an error (404 for an unknown id, 412 for another etag)
     */
    public void delete(String id, String ifMatch) {
        String operation = "delete configuration '" + id + "'";
        Configuration configuration = new Configuration(id);
        configuration.setEtag(ifMatch);
        SdkErrors.call(credential, operation, () -> {
            client.delete(configuration);
            return null;
        });
    }

    private URL url(String operation, String id) {
        try {
            return IotHubConnectionString.getUrlConfiguration(host, id);
        } catch (IOException e) {
            throw SdkErrors.map(operation, e);
        }
    }

    private byte[] send(String operation, HttpMethod method, URL url, byte[] body, @Nullable String ifMatch) {
        return SdkErrors.call(credential, operation, () -> {
            HttpRequest request = new HttpRequest(url, method, body, credential.credential().getSignature(), null);
            request.setReadTimeoutSeconds(readTimeoutSeconds);
            request.setConnectTimeoutSeconds(connectTimeoutSeconds);
            if (ifMatch != null) {
                request.setHeaderField(HttpRequest.IF_MATCH, ifMatch);
            }
            HttpResponse response = request.send();
            return response.getBody();
        });
    }

    private static JsonObject object(String operation, byte[] body) {
        try {
            return JsonValue.parseObject(body);
        } catch (TwinJsonException | IllegalStateException e) {
            throw unreadable(operation, e.getMessage());
        }
    }

    private static ServiceException unreadable(String operation, @Nullable String problem) {
        return new ServiceException(IotHubErrorCode.SERVER_ERROR, IotHubErrorCode.SERVER_ERROR.code(), 500,
                operation + " failed: the hub's answer is not a configuration: " + problem, null);
    }
}
