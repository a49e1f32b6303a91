package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One item of a bulk registry request ({@link DeviceRegistry#bulk}): the service's {@code ExportImportDevice}.
 *
 * @param mode what the item does
 * @param identity the device or module as the item describes it (status, authentication, capabilities, scopes); only
 *     its key counts for {@link ImportMode#DELETE} and the twin modes
 * @param etag the identity etag an {@code ...IfMatchETag} identity mode requires, or {@code null}
 * @param twinEtag the twin etag {@link ImportMode#UPDATE_TWIN_IF_MATCH_ETAG} requires, or {@code null}
 * @param tags tags to merge into the twin, or {@code null}
 * @param desired desired properties to merge into the twin, or {@code null}
 */
public record BulkOperation(ImportMode mode, DeviceIdentity identity, @Nullable String etag,
                            @Nullable String twinEtag, @Nullable JsonObject tags, @Nullable JsonObject desired) {

    /** The most items one bulk request may carry, as on the service. */
    public static final int MAX_ITEMS = 100;

    /** Creates an item. */
    public BulkOperation {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(identity, "identity");
    }

    /** Returns an item that creates {@code identity} with an empty twin. */
    public static BulkOperation create(DeviceIdentity identity) {
        return new BulkOperation(ImportMode.CREATE, identity, null, null, null, null);
    }

    /** Returns an item that deletes the identity of {@code key} unconditionally. */
    public static BulkOperation delete(TwinKey key) {
        return new BulkOperation(ImportMode.DELETE, DeviceIdentity.builder(key).build(), null, null, null, null);
    }

    /** Returns the key of the identity the item is about. */
    public TwinKey key() {
        return identity.key();
    }
}
