package io.twinkit.emulator.junit;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.TelemetryService;
import io.twinkit.core.TwinKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link TwinkitHub}: starts one {@link IotHub} per test class, keeps it in the class's
 * extension store so that JUnit closes it after the class, and resolves parameters of type {@code IotHub} and
 * {@link TelemetryService} (the hub's {@link IotHub#telemetry()}: what devices sent it). Register
 * it with {@code @TwinkitHub}; registered directly with {@code @ExtendWith}, it starts a hub with the defaults of
 * {@code @TwinkitHub}.
 *
 * <p>The hub is started by whatever needs it first: the {@code BeforeAll} callback, or the constructor of a test
 * instance that JUnit creates before it (with {@code @TestInstance(PER_CLASS)}). {@code @Nested} classes use the hub
 * of the nearest enclosing class annotated with {@code @TwinkitHub}, unless annotated themselves.
 */
public final class IotHubExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(IotHubExtension.class);
    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    /** Creates the extension; JUnit does, once per registration. */
    public IotHubExtension() {
        // stateless: the hubs live in the extension stores of the test classes
    }

    /** Starts the hub of the test class, unless a test instance's constructor started it already. */
    @Override
    public void beforeAll(ExtensionContext context) {
        hub(context);
    }

    /** Returns whether the parameter is of type {@link IotHub} or {@link TelemetryService}. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == IotHub.class || type == TelemetryService.class;
    }

    /** Returns the hub of the test class, or its telemetry, starting the hub if nothing has yet. */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        IotHub hub = hub(extensionContext);
        return parameterContext.getParameter().getType() == TelemetryService.class ? hub.telemetry() : hub;
    }

    private static IotHub hub(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        Class<?> testClass = owner.getRequiredTestClass();
        TwinkitHub config = AnnotationSupport.findAnnotation(testClass, TwinkitHub.class).orElse(null);
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(IotHub.class, type -> new StartedHub(start(config, testClass)), StartedHub.class)
                .hub();
    }

    /**
     * Returns the class context the hub belongs to: the nearest one whose class carries {@link TwinkitHub}, or else
     * the outermost class context (for a direct {@code @ExtendWith}).
     */
    private static ExtensionContext owner(ExtensionContext context) {
        ExtensionContext outermost = null;
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<AnnotatedElement> element = c.get().getElement();
            if (element.isPresent() && element.get() instanceof Class<?> type) {
                if (AnnotationSupport.isAnnotated(type, TwinkitHub.class)) {
                    return c.get();
                }
                outermost = c.get();
            }
        }
        if (outermost == null) {
            throw new ExtensionConfigurationException("an IotHub belongs to a test class, but " + context
                    .getDisplayName() + " has none");
        }
        return outermost;
    }

    /** Returns a hub started and seeded as {@code config} says, or with the defaults for {@code null}. */
    static IotHub start(@Nullable TwinkitHub config, Class<?> testClass) {
        return config == null ? start("twinkit", List.of(), "", testClass)
                : start(config.hubName(), List.of(config.devices()), config.twins(), testClass);
    }

    /**
     * Returns a hub named {@code hubName}, with the twins at {@code twins} (none for {@code ""}) imported and then
     * {@code devices} created, reading classpath seeds through the class loader of {@code testClass}; a hub whose
     * seeding fails is closed.
     *
     * @throws ExtensionConfigurationException if the hub name is invalid or a seed cannot be read or applied
     */
    static IotHub start(String hubName, List<String> devices, String twins, Class<?> testClass) {
        HubOptions options;
        try {
            options = HubOptions.builder().hubName(hubName).build();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@TwinkitHub on " + testClass.getName() + ": " + e.getMessage(),
                    e);
        }
        IotHub hub = IotHub.create(options);
        try {
            if (!twins.isEmpty()) {
                importTwins(hub, twins, testClass);
            }
            for (String device : devices) {
                createDevice(hub, device, testClass);
            }
            return hub;
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
    }

    private static void createDevice(IotHub hub, String text, Class<?> testClass) {
        TwinKey key;
        try {
            key = TwinKey.parse(text);
        } catch (TwinException e) {
            throw new ExtensionConfigurationException("@TwinkitHub(devices) on " + testClass.getName() + ": '" + text
                    + "' is not a device id or deviceId/moduleId: " + e.getMessage(), e);
        }
        TwinKey device = key.deviceKey();
        if (hub.registry().find(device).isEmpty()) {
            hub.registry().createDevice(device.deviceId());
        }
        if (key.isModule() && hub.registry().find(key).isEmpty()) {
            hub.registry().createModule(key.deviceId(), key.module().orElseThrow());
        }
    }

    private static void importTwins(IotHub hub, String location, Class<?> testClass) {
        String where = "@TwinkitHub(twins = \"" + location + "\") on " + testClass.getName();
        JsonObject document = read(location, testClass, where);
        List<JsonObject> twins = new ArrayList<>();
        for (int i = 0; i < document.size(); i++) {
            String member = document.keyAt(i);
            if (!member.equals("twins") && !member.equals("modules")) {
                throw new ExtensionConfigurationException(where + ": unknown member '" + member + "'; a twins file is"
                        + " {\"twins\": [...], \"modules\": [...]}");
            }
        }
        for (String member : List.of("twins", "modules")) {
            JsonValue list = document.valueOrNull(member);
            if (list == null) {
                continue;
            }
            if (!list.isArray()) {
                throw new ExtensionConfigurationException(where + ": '" + member + "' must be an array of twins");
            }
            int index = 0;
            for (JsonValue twin : list.asArray()) {
                if (!twin.isObject()) {
                    throw new ExtensionConfigurationException(where + ": " + member + "[" + index + "] is not a twin"
                            + " object");
                }
                twins.add(twin.asObject());
                index++;
            }
        }
        for (JsonObject json : twins) {
            try {
                hub.twins().importTwin(TwinDocument.fromJson(json));
            } catch (TwinException | IllegalArgumentException e) {
                throw new ExtensionConfigurationException(where + ": the twin of " + name(json)
                        + " cannot be imported: " + e.getMessage(), e);
            }
        }
    }

    private static String name(JsonObject twin) {
        JsonValue id = twin.valueOrNull("deviceId");
        JsonValue module = twin.valueOrNull("moduleId");
        String text = id != null && id.isString() ? id.asString() : String.valueOf(id);
        return module != null && module.isString() ? text + "/" + module.asString() : text;
    }

    private static JsonObject read(String location, Class<?> testClass, String where) {
        try {
            if (location.startsWith(CLASSPATH)) {
                String resource = location.substring(CLASSPATH.length());
                resource = resource.startsWith("/") ? resource.substring(1) : resource;
                ClassLoader loader = testClass.getClassLoader();
                try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                        : loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new ExtensionConfigurationException(where + ": no classpath resource " + resource);
                    }
                    return JsonValue.parseObject(in);
                }
            }
            if (location.startsWith(FILE)) {
                return JsonValue.parseObject(Files.readAllBytes(Path.of(location.substring(FILE.length()))));
            }
        } catch (InvalidPathException e) {
            throw new ExtensionConfigurationException(where + ": not a file path: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new ExtensionConfigurationException(where + ": no file " + e.getFile(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new ExtensionConfigurationException(where + ": cannot be read: " + e.getMessage(), e);
        } catch (TwinException e) {
            throw new ExtensionConfigurationException(where + ": not a JSON object: " + e.getMessage(), e);
        }
        throw new ExtensionConfigurationException(where + ": the location must start with 'classpath:' or 'file:'");
    }

    /** A started hub in a class's extension store, closed by JUnit when the class is done. */
    private record StartedHub(IotHub hub) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            hub.close();
        }
    }
}
