package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;

/**
 * Receives the desired-property notifications of one twin, as a connected and subscribed device would.
 *
 * <p>The hub calls the listener synchronously on the writing thread, after the write is committed and while it
 * still holds that twin's lock, so notifications of one twin arrive in {@code $version} order and the next write of
 * the twin waits for the listener. Hand the payload off quickly (for example to a queue); an exception the listener
 * throws is logged and does not fail the write.
 */
@FunctionalInterface
public interface DesiredPropertiesListener {

    /**
     * Receives one notification: after an update, exactly the {@code properties.desired} object of its body
     * ({@code null} members are deletions, even of keys that did not exist); after a replace, the complete new desired
     * properties (removed keys are not listed). Either way the payload holds {@code "$version"}, the new desired
     * version, and no {@code $metadata}.
     *
     * @param key the twin whose desired properties changed
     * @param payload the notification payload
     */
    void onDesiredChange(TwinKey key, JsonObject payload);
}
