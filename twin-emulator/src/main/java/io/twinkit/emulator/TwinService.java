package io.twinkit.emulator;

import io.twinkit.core.error.TwinException;
import io.twinkit.core.ETag;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinSection;
import io.twinkit.core.TwinTime;
import io.twinkit.core.X509Thumbprint;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.validation.TwinValidationException;
import org.jspecify.annotations.Nullable;

/**
 * The twins of a hub, with the service's rules:
 * <ul>
 *   <li>the etag counter goes up by one on every successful {@link #update} and {@link #replace}; {@code etag} is
 *       {@link ETag#ofCounter} of it;</li>
 *   <li>desired {@code $version} goes up by one on every update whose body has {@code properties.desired} (even
 *       {@code null} or {@code {}}, unless {@link HubOptions#emptyDesiredBumpsVersion()} is off) and on every
 *       replace;</li>
 *   <li>reported {@code $version} goes up by one on every device {@link #report}, even when nothing changed; a
 *       report never changes the etag;</li>
 *   <li>{@code version} is the etag counter plus the reported {@code $version};</li>
 *   <li>{@code $metadata} is stamped from {@link HubOptions#clock()} on every node a write touches and all its
 *       ancestors ({@code $lastUpdatedVersion} in desired only); untouched siblings keep their stamps.</li>
 * </ul>
 * A body is validated before the precondition is checked (400 before 412), and every write is all or nothing: the
 * new state is computed, committed to storage, and only then visible and notified. Identity updates in the
 * {@link DeviceRegistry} change {@code deviceEtag}, {@code status} and so on in the twin, but not its etag or
 * version.
 *
 * <p>{@link IotHub#twins()} hands out the twins of a hub. Thread-safe: writes of one twin are linearizable, reads
 * never block.
 */
public interface TwinService {

    /**
     * Returns the twin as the service's {@code GET /twins/{id}} does, with {@code $metadata}.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the device exists but the module does not
     * @throws ThrottledException if the hub is throttled and the tier's rate is used up
     */
    TwinDocument get(TwinKey key);

    /**
     * Updates tags and desired properties as the service's {@code PATCH /twins/{id}} does: {@code tags} and
     * {@code properties.desired} of {@code body} are merge-patched into the twin. A section that is {@code null}
     * loses every key: {@code "properties":{"desired":null}} bumps the desired {@code $version} and notifies the
     * device of each removed key as {@code null}, {@code "tags":null} leaves {@code "tags":{}}.
     *
     * @param key the twin
     * @param body a partial twin; read-only root members are ignored
     * @param ifMatch the {@code If-Match} header value (raw, quoted, weak or {@code *}), or {@code null} for none
     * @return the twin after the update
     * @throws TwinValidationException if the body breaks a rule of the service (400004), nothing written
     * @throws SectionTooLargeException if a section would be too large and the hub answers that with 403
     * @throws io.twinkit.core.error.TwinException with 400004 if {@code tags} or {@code properties.desired} is not an
     *     object, or {@code properties.reported} is not empty
     * @throws PreconditionFailedException if {@code ifMatch} does not match the twin etag
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the module does not exist
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     * @throws ThrottledException if the hub is throttled and the tier's rate is used up
     */
    TwinDocument update(TwinKey key, JsonObject body, @Nullable String ifMatch);

    /**
     * Replaces tags and desired properties as the service's {@code PUT /twins/{id}} does. A body without
     * {@code tags} clears the tags; reported properties are untouched. The desired {@code $version} always goes up
     * and the device is sent the complete new desired properties. Root {@code $metadata} and {@code $version}
     * members of the body's sections (as in a twin read back from {@link #get}) are ignored.
     *
     * @param key the twin
     * @param body a twin with {@code tags} and {@code properties.desired}; both are validated as stored sections
     * @param ifMatch the {@code If-Match} header value, or {@code null} for none
     * @return the twin after the replace
     * @throws TwinValidationException if a section breaks a rule of the service (400004), nothing written
     * @throws SectionTooLargeException if a section is too large and the hub answers that with 403
     * @throws io.twinkit.core.error.TwinException with 400004 if a section is not an object, or
     *     {@code properties.reported} is not empty
     * @throws PreconditionFailedException if {@code ifMatch} does not match the twin etag
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the module does not exist
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     * @throws ThrottledException if the hub is throttled and the tier's rate is used up
     */
    TwinDocument replace(TwinKey key, JsonObject body, @Nullable String ifMatch);

    /**
     * Returns the twin as the device-side GET does: {@code {"desired":{..,"$version":n},"reported":{..,
     * "$version":m}}}, without {@code $metadata} and without tags.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the module does not exist
     * @throws ThrottledException if the hub is throttled and the tier's rate is used up
     */
    JsonObject deviceGet(TwinKey key);

    /**
     * Applies a device's reported-properties patch: merged into {@code properties.reported}, whose {@code $version}
     * goes up by one even when nothing changes. The etag stays.
     *
     * @param key the twin
     * @param patch the reported-properties patch; {@code null} members delete
     * @param expectedVersion the {@code $version} the device names on the topic, or {@code null} for none; it must
     *     equal the current reported {@code $version}
     * @return the new reported {@code $version}
     * @throws TwinValidationException if the patch breaks a rule of the service (400004), nothing written
     * @throws SectionTooLargeException if the result is too large and the hub answers that with 403
     * @throws PreconditionFailedException if {@code expectedVersion} is not the current reported {@code $version}
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the module does not exist
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     * @throws ThrottledException if the hub is throttled and the tier's rate is used up
     */
    long report(TwinKey key, JsonObject patch, @Nullable Long expectedVersion);

    /**
     * Subscribes {@code listener} to the desired-property notifications of a twin, as a connected device does.
     * The twin need not exist yet; the subscription outlives deletes and re-creates of it until closed. Nothing is
     * queued for twins without subscribers.
     *
     * @return the subscription; close it to unsubscribe
     */
    Subscription subscribe(TwinKey key, DesiredPropertiesListener listener);

    /**
     * Creates the identity and twin of {@code twin} exactly as given, for fixtures and test seeding:
     * {@code get(importTwin(t).key)} equals {@code t}. The etag counter is read from {@code etag} (1 when absent),
     * {@code $version}s and {@code $metadata} are kept (a section without {@code $version} gets 1), {@code deviceEtag}
     * becomes the identity etag. Missing identity fields get a new identity's defaults (enabled, disconnected, SAS
     * with generated keys, times {@link TwinTime#NEVER}). Root members twinkit does not model are not kept.
     *
     * @return the stored twin
     * @throws TwinJsonException if {@code etag} is not a counter etag or {@code version} is not the etag counter plus
     *     the reported {@code $version}
     * @throws TwinValidationException if a section breaks a rule of the service
     * @throws IllegalArgumentException if a {@code selfSigned} twin has no primary thumbprint
     * @throws DeviceAlreadyExistsException if the device exists
     * @throws ModuleAlreadyExistsException if the module exists
     * @throws DeviceNotFoundException if a module twin's device does not exist (import the device first)
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    TwinDocument importTwin(TwinDocument twin);
}
