package io.twinkit.service.internal;

import io.twinkit.core.error.ServiceException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubException;
import com.microsoft.azure.sdk.iot.service.query.QueryClient;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import com.microsoft.azure.sdk.iot.service.query.RawQueryResponse;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The service SDK's twin and query clients behind twinkit types, and the way to the job, configuration and direct
 * method adapters ({@link #jobs()}, {@link #configurations()}, {@link #methods()}): every call renews the SAS token when due, converts
 * bodies with {@link SdkJson} and maps failures with {@link SdkErrors}. Queries go through {@code queryRaw} and are
 * parsed by twinkit, never by the SDK's twin parser. Thread-safe: the SDK clients hold no per-call state.
 */
public final class ServiceSdk {

    private final RenewingSasCredential credential;
    private final TwinClient twins;
    private final QueryClient queries;
    private final SdkJobs jobs;
    private final SdkConfigurations configurations;
    private final SdkMethods methods;

    /**
     * Creates the adapter.
     *
     * @param host the hub host, {@code :port} allowed
     * @param credential the renewing credential the SDK clients share
     */
    public ServiceSdk(String host, RenewingSasCredential credential) {
        Objects.requireNonNull(host, "host");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.twins = new TwinClient(host, credential.credential());
        this.queries = new QueryClient(host, credential.credential());
        this.jobs = new SdkJobs(host, credential, queries);
        this.configurations = new SdkConfigurations(host, credential);
        this.methods = new SdkMethods(host, credential);
    }

    /** Returns the adapter of the scheduled-jobs API, which shares this adapter's credential and query client. */
    public SdkJobs jobs() {
        return jobs;
    }

    /** Returns the adapter of the direct methods API, which shares this adapter's credential. */
    public SdkMethods methods() {
        return methods;
    }

    /** Returns the adapter of the automatic device configurations API, which shares this adapter's credential. */
    public SdkConfigurations configurations() {
        return configurations;
    }

    /**
     * Reads a device or module twin.
     *
     * @param key the device or module
     * @return the twin
     * @throws io.twinkit.core.error.ServiceException if the hub answers with an error
     */
    public TwinDocument get(TwinKey key) {
        String operation = "get twin of " + name(key);
        String deviceId = key.deviceId().value();
        ModuleId moduleId = key.moduleId();
        return SdkErrors.call(credential, operation, () -> {
            Twin twin = moduleId == null ? twins.get(deviceId) : twins.get(deviceId, moduleId.value());
            return SdkJson.toDocument(twin);
        });
    }

    /**
     * Sends tags and desired to the hub, as a merge patch or as a replacement.
     *
     * @param key the device or module
     * @param tags the tags part, sent only when not empty
     * @param desired the desired part, sent only when not empty
     * @param ifMatch the etag the twin must have, or null
     * @param replace whether to replace (PUT) instead of patch
     * @return the twin after the write
     * @throws io.twinkit.core.error.ServiceException if the hub answers with an error
     */
    public TwinDocument write(TwinKey key, JsonObject tags, JsonObject desired, @Nullable String ifMatch,
            boolean replace) {
        String operation = (replace ? "replace" : "update") + " twin of " + name(key);
        String deviceId = key.deviceId().value();
        ModuleId moduleId = key.moduleId();
        Twin twin = moduleId == null ? new Twin(deviceId) : new Twin(deviceId, moduleId.value());
        // the SDK's putAll rejects an empty map
        if (!tags.isEmpty()) {
            twin.getTags().putAll(SdkJson.toCollection(tags));
        }
        if (!desired.isEmpty()) {
            twin.getDesiredProperties().putAll(SdkJson.toCollection(desired));
        }
        return SdkErrors.call(credential, operation, () -> {
            Twin written = replace ? twins.replace(twin, ifMatch) : twins.patch(twin, ifMatch);
            return SdkJson.toDocument(written);
        });
    }

    /**
     * Runs a query and returns a cursor over its rows, which fetches the next page only when the previous one is used
     * up and knows the position reached.
     *
     * @param sql the query text
     * @param pageSize rows per page
     * @param continuation where to start (a position the cursor handed out, or a hub token), or null
     * @return the cursor
     * @throws io.twinkit.core.error.ServiceException if the hub answers with an error, also while paging
     * @throws IllegalArgumentException if the continuation is a malformed twinkit position
     */
    public QueryCursor query(String sql, int pageSize, @Nullable String continuation) {
        return QueryCursor.open(options -> rows(queries.queryRaw(sql, options)), credential, "query '" + sql + "'",
                pageSize, continuation);
    }

    /** The rows of a twin query's response, each row's JSON text parsed by twinkit. */
    private static QueryCursor.Pages rows(RawQueryResponse response) {
        return new QueryCursor.Pages() {
            @Override
            public boolean hasNext() {
                return response.hasNext();
            }

            @Override
            public JsonObject next(QueryPageOptions options) throws IotHubException, IOException {
                return JsonValue.parseObject(response.next(options));
            }

            @Override
            public @Nullable String continuationToken() {
                return response.getContinuationToken();
            }
        };
    }

    private static String name(TwinKey key) {
        return (key.isModule() ? "module '" : "device '") + key + "'";
    }
}
