package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.TwinKey;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a bulk registry request: the service's {@code BulkRegistryOperationResult}.
 *
 * @param errors the items that failed and changed nothing, in request order
 */
public record BulkResult(List<ItemError> errors) {

    /** Creates a result. */
    public BulkResult {
        errors = List.copyOf(errors);
    }

    /** Returns whether every item applied. */
    public boolean isSuccessful() {
        return errors.isEmpty();
    }

    /**
     * Why one item failed: the service's {@code DeviceRegistryOperationError}.
     *
     * @param key the device or module of the item
     * @param mode what the item asked for
     * @param code the error, e.g. {@link IotHubErrorCode#DEVICE_ALREADY_EXISTS}
     * @param message what went wrong
     */
    public record ItemError(TwinKey key, ImportMode mode, IotHubErrorCode code, String message) {

        /** Creates an error. */
        public ItemError {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
