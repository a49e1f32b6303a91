package io.twinkit.emulator;

import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an automatic device configuration writes, as the service's REST {@code content} member carries it:
 * <ul>
 *   <li>{@code deviceContent}: settings for device twins, each a twin path under {@code properties.desired} and the
 *       value to merge there, e.g. {@code "properties.desired.chiller-water": {"temperature": 66}}; a {@code null}
 *       value removes the property;</li>
 *   <li>{@code moduleContent}: the same for module twins;</li>
 *   <li>{@code modulesContent}: an IoT Edge deployment, by module id ({@code $edgeAgent}, {@code $edgeHub}, custom
 *       modules), each with its {@code properties.desired}; used by
 *       {@link ConfigurationService#applyContent}.</li>
 * </ul>
 *
 * <pre>{@code
 * ConfigurationContent content = ConfigurationContent.empty()
 *         .withDeviceSetting("properties.desired.chiller-water", JsonValue.parseObject("{\"temperature\":66}"));
 * }</pre>
 *
 * <p>Immutable and thread-safe; maps keep the order the settings were given in. Values are as given: the hub checks
 * the service's rules when a configuration is created.
 */
public final class ConfigurationContent {

    private static final ConfigurationContent EMPTY = new ConfigurationContent(Map.of(), Map.of(), Map.of());

    private final Map<String, JsonValue> deviceContent;
    private final Map<String, JsonValue> moduleContent;
    private final Map<String, JsonObject> modulesContent;

    private ConfigurationContent(Map<String, JsonValue> deviceContent, Map<String, JsonValue> moduleContent,
                                 Map<String, JsonObject> modulesContent) {
        this.deviceContent = deviceContent;
        this.moduleContent = moduleContent;
        this.modulesContent = modulesContent;
    }

    /** Returns content without settings. */
    public static ConfigurationContent empty() {
        return EMPTY;
    }

    /** Returns device content: {@code settings} maps twin paths under {@code properties.desired} to values. */
    public static ConfigurationContent ofDevice(Map<String, ? extends JsonValue> settings) {
        return new ConfigurationContent(copy(settings, "deviceContent"), Map.of(), Map.of());
    }

    /** Returns module content: {@code settings} maps twin paths under {@code properties.desired} to values. */
    public static ConfigurationContent ofModule(Map<String, ? extends JsonValue> settings) {
        return new ConfigurationContent(Map.of(), copy(settings, "moduleContent"), Map.of());
    }

    /**
     * Returns IoT Edge modules content: {@code modules} maps module ids to their content, e.g.
     * {@code {"properties.desired": {...}}}.
     */
    public static ConfigurationContent ofModules(Map<String, JsonObject> modules) {
        return new ConfigurationContent(Map.of(), Map.of(), copy(modules, "modulesContent"));
    }

    /** Returns this content with the device setting {@code path} = {@code value} (a later one for a path wins). */
    public ConfigurationContent withDeviceSetting(String path, JsonValue value) {
        return new ConfigurationContent(with(deviceContent, path, value), moduleContent, modulesContent);
    }

    /** Returns this content with the module setting {@code path} = {@code value} (a later one for a path wins). */
    public ConfigurationContent withModuleSetting(String path, JsonValue value) {
        return new ConfigurationContent(deviceContent, with(moduleContent, path, value), modulesContent);
    }

    /** Returns this content with the IoT Edge content of module {@code moduleId}. */
    public ConfigurationContent withModules(String moduleId, JsonObject content) {
        return new ConfigurationContent(deviceContent, moduleContent, with(modulesContent, moduleId, content));
    }

    /** Returns the device settings: twin path to value. */
    public Map<String, JsonValue> deviceContent() {
        return deviceContent;
    }

    /** Returns the module settings: twin path to value. */
    public Map<String, JsonValue> moduleContent() {
        return moduleContent;
    }

    /** Returns the IoT Edge modules content: module id to its content. */
    public Map<String, JsonObject> modulesContent() {
        return modulesContent;
    }

    /** Returns whether there is no setting of any kind. */
    public boolean isEmpty() {
        return deviceContent.isEmpty() && moduleContent.isEmpty() && modulesContent.isEmpty();
    }

    /** Returns the REST form: each kind that has settings, {@code {"deviceContent":{..}}}. */
    public JsonObject toJson() {
        JsonObject.Builder out = JsonObject.builder(3);
        if (!modulesContent.isEmpty()) {
            out.put("modulesContent", JsonObject.copyOf(modulesContent));
        }
        if (!moduleContent.isEmpty()) {
            out.put("moduleContent", JsonObject.copyOf(moduleContent));
        }
        if (!deviceContent.isEmpty()) {
            out.put("deviceContent", JsonObject.copyOf(deviceContent));
        }
        return out.build();
    }

    /**
     * Reads the REST form: {@code deviceContent}, {@code moduleContent} and {@code modulesContent}, each an object or
     * {@code null}; other members are ignored.
     *
     * @throws io.twinkit.core.error.TwinJsonException (400006) if a member has the wrong type, naming its path
     */
    public static ConfigurationContent fromJson(JsonObject json) {
        return ConfigurationJson.readContent(Objects.requireNonNull(json, "json"), "content");
    }

    static ConfigurationContent of(Map<String, JsonValue> device, Map<String, JsonValue> module,
                                   Map<String, JsonObject> modules) {
        return new ConfigurationContent(copy(device, "deviceContent"), copy(module, "moduleContent"),
                copy(modules, "modulesContent"));
    }

    private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
        Map<String, V> copy = new LinkedHashMap<>(map);
        copy.put(Objects.requireNonNull(key, "path"), Objects.requireNonNull(value, "value"));
        return Collections.unmodifiableMap(copy);
    }

    private static <V> Map<String, V> copy(Map<String, ? extends V> map, String what) {
        Objects.requireNonNull(map, what);
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(Objects.requireNonNull(key, what + " key"),
                Objects.requireNonNull(value, what + " value of " + key)));
        return Collections.unmodifiableMap(copy);
    }

    /** Returns whether {@code obj} has the same settings (JSON equality of the values). */
    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof ConfigurationContent other && deviceContent.equals(other.deviceContent)
                && moduleContent.equals(other.moduleContent) && modulesContent.equals(other.modulesContent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceContent, moduleContent, modulesContent);
    }

    /** Returns the REST form as text. */
    @Override
    public String toString() {
        return toJson().toString();
    }
}
