package io.twinkit.emulator;

import io.twinkit.core.DeviceId;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.error.TwinException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The automatic device and module configurations of a hub ({@code /configurations} on the service API): each one
 * writes its {@link ConfigurationContent settings} into the desired properties of the twins its target condition
 * selects, and reports metrics.
 *
 * <pre>{@code
 * hub.configurations().create(HubConfiguration.builder("chillers")
 *         .content(ConfigurationContent.empty().withDeviceSetting("properties.desired.chiller-water",
 *                 JsonValue.parseObject("{\"temperature\":66}")))
 *         .targetCondition("tags.building = '43'").priority(10).build());
 * hub.configurations().awaitApplied(Duration.ofSeconds(5));
 * hub.twins().get(TwinKey.device("dev1")).configurations();   // {chillers=Applied}, when dev1 is in building 43
 * }</pre>
 *
 * <p><b>Rules of a configuration</b>, checked by {@link #create} and {@link #update}:
 * <ul>
 *   <li>The id is 1 to 128 lower-case letters, digits and {@code - + % _ * ! '} (400004). The schema version is
 *       {@code 1.0} (400004); the priority is 0 or more (400004). At most {@link #MAX_CONFIGURATIONS} configurations
 *       exist at once (413101, as a standard-tier hub).</li>
 *   <li>Content is device content or module content, not both; IoT Edge {@code modulesContent} belongs to
 *       {@link #applyContent} (400402). Each setting's path is {@code properties.desired} (its value then an object)
 *       or below it ({@code properties.desired.a.b}), each segment a valid twin key; no two settings of one
 *       configuration write the same property or one inside the other; and all of them together, as one desired
 *       patch, keep the twin rules (keys, values, depth, the desired section's size) (400402). Content never changes
 *       after creation (400403 on an update that changes it).</li>
 *   <li>The target condition of device content is a condition over device twins ({@code tags.building = '43'}), an
 *       equivalent {@code FROM devices WHERE ...}, or {@code *} for every device; module content needs
 *       {@code FROM devices.modules WHERE ...}. Empty targets nothing. It is read with the hub's query language, at
 *       most 8192 characters (400401).</li>
 *   <li>At most 5 custom metrics, each a query of the hub's query language (400404).</li>
 * </ul>
 *
 * <p><b>Applying</b>, {@link HubOptions#configurationApplyDelay()} after a change (a configuration created, updated or
 * deleted: every twin; a twin written, reported or created: that twin), as the service applies configurations
 * asynchronously; {@link #awaitApplied} waits for it. For each twin of its kind (device or module) the target
 * condition selects, a configuration is <i>targeted</i>, listed in the twin's {@code configurations} section:
 * <ul>
 *   <li>Settings are flattened to the properties they write. Where targeting configurations write the same property
 *       (or one inside the other), the one with the highest priority wins; between equal priorities the one created
 *       most recently, as the service documents (the hub stamps creations in strictly increasing time).</li>
 *   <li>The winning settings are merged into the desired properties through the twin store's rules: validation,
 *       desired {@code $version} and etag, {@code $metadata} (each written node also carries {@code $lastUpdatedBy},
 *       the configuration id, and {@code $lastUpdatedByDigest}), and a desired-property notification to the
 *       device. A configuration is {@code Applied} once it wrote its settings (or has none), {@code Targeted} while
 *       all of them are outranked or the twin's limits refused them.</li>
 *   <li>A configuration writes a setting when it starts applying to a twin or takes the property over from another
 *       configuration; a value the back end writes over it later stands.</li>
 *   <li>When a configuration no longer applies to a twin (deleted, its target condition stops matching, outranked),
 *       the properties it wrote that still carry its {@code $lastUpdatedBy} are removed, unless another
 *       configuration now sets them, and objects it wrote that are left empty go too: the service documents that
 *       the settings are removed and the twin takes the next configuration. Its entry leaves {@code configurations}.
 *   </li>
 *   <li>A pass that changes desired properties is a back-end desired write (etag and desired {@code $version} up by
 *       one); one that changes only the {@code configurations} section moves the etag only.</li>
 * </ul>
 *
 * <p><b>Metrics</b> are counted when a configuration is read: {@code targetedCount}, the twins the target condition
 * selects, {@code appliedCount}, those whose {@code configurations} entry is {@code Applied}, and each custom query's
 * count of twins (rows for projections and aggregates), over the twins as they are then.
 *
 * <p>{@link IotHub#configurations()} hands out the service of a hub. Thread-safe.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-automatic-device-management">Automatic device
 *     management</a>
 */
public interface ConfigurationService {

    /** The most configurations a hub holds, as on standard-tier hubs. */
    int MAX_CONFIGURATIONS = 100;

    /** The most custom metrics a configuration has. */
    int MAX_CUSTOM_METRICS = 5;

    /**
     * Creates a configuration: the hub stamps its creation and update times and its first etag, and applies it after
     * the apply delay. The request's times, etag and metric results are ignored.
     *
     * @return the configuration as stored, with its metrics
     * @throws ConfigurationAlreadyExistsException (409401) if one with that id exists
     * @throws TwinException (400004, 400401, 400402, 400404) if it breaks a rule above; (413101) if the hub holds
     *     {@link #MAX_CONFIGURATIONS}
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    HubConfiguration create(HubConfiguration configuration);

    /**
     * Updates a configuration as the service's {@code PUT /configurations/{id}} with {@code If-Match} does: labels,
     * target condition, priority and custom metric queries are taken from {@code configuration}, whose content must
     * be the existing content. It gets a new etag and update time and is applied again after the apply delay.
     *
     * @param configuration the configuration as it should be; its id names it
     * @param ifMatch the configuration's etag the change is based on (raw, quoted, weak or {@code *}), or
     *     {@code null} for an unconditional update
     * @throws ConfigurationNotFoundException (404301) if it does not exist
     * @throws PreconditionFailedException (412001) if {@code ifMatch} does not match its etag
     * @throws TwinException (400403) if the content differs; (400004, 400401, 400404) if it breaks a rule above
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    HubConfiguration update(HubConfiguration configuration, @Nullable String ifMatch);

    /**
     * Returns a configuration with its metrics counted now.
     *
     * @throws ConfigurationNotFoundException (404301) if it does not exist
     */
    HubConfiguration get(String id);

    /** Returns a configuration with its metrics counted now, if it exists. */
    Optional<HubConfiguration> find(String id);

    /**
     * Deletes a configuration; after the apply delay its entries leave the twins and the settings it wrote are
     * removed (see the class description).
     *
     * @param ifMatch the configuration's etag the deletion is based on, or {@code null} (or {@code *}) for an
     *     unconditional delete
     * @throws ConfigurationNotFoundException (404301) if it does not exist
     * @throws PreconditionFailedException (412001) if {@code ifMatch} does not match its etag
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    void delete(String id, @Nullable String ifMatch);

    /** Returns every configuration, by id, with its metrics counted now. */
    List<HubConfiguration> list();

    /**
     * Returns the first {@code top} configurations by id, with their metrics counted now.
     *
     * @throws IllegalArgumentException if {@code top} is less than 1
     */
    List<HubConfiguration> list(int top);

    /**
     * Applies IoT Edge modules content to an IoT Edge device, as the service's
     * {@code POST /devices/{id}/applyConfigurationContent} does (what {@code az iot edge set-modules} sends): for
     * each module of {@code content.modulesContent()}, the module twin's desired properties become the module's
     * {@code properties.desired} (with any {@code properties.desired.<path>} settings merged in), through the twin
     * store's rules (desired {@code $version}, etag, {@code $metadata}, a notification with the whole desired
     * document). The content must name {@code $edgeAgent} and {@code $edgeHub}, as every deployment does. A module
     * identity that does not exist yet is created first (the service creates {@code $edgeAgent} and
     * {@code $edgeHub} with every Edge device, and the Edge runtime the others; the hub has no runtime). Nothing is
     * written unless every module's content is valid.
     *
     * @throws DeviceNotFoundException (404001) if the device does not exist
     * @throws TwinException (400004) if the device is not an IoT Edge device; (400402) if the content has no
     *     {@code modulesContent}, has device or module content, lacks {@code $edgeAgent} or {@code $edgeHub}, names an
     *     invalid module id, or a module's content is not {@code properties.desired} settings within the twin rules
     * @throws HubStorageException if a write cannot be made durable
     */
    void applyContent(DeviceId edgeDevice, ConfigurationContent content);

    /**
     * Waits until every pending application of configurations has run: after it returns true, the twins show what
     * the configurations and twins as they were at the call make of them. Returns at once when nothing is pending.
     *
     * @param timeout how long to wait at most
     * @return whether nothing is pending any more; false if the timeout passed first
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    boolean awaitApplied(Duration timeout) throws InterruptedException;
}
