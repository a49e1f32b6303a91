package io.twinkit.junit;

import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinServiceClient;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link EmulatorHub}: starts the wire emulator of a test class (or finds the one of the
 * run), keeps it in an extension store so that JUnit closes it after the class (or the run), and resolves parameters
 * of type {@link EmulatorEndpoint}, {@link TwinServiceClient}, {@link DeviceConnections} and {@link TwinkitEmulator}.
 * Register it with {@code @EmulatorHub}; registered directly with {@code @ExtendWith}, it starts an emulator with the
 * defaults of {@code @EmulatorHub}.
 *
 * <p>The emulator is started by whatever needs it first: the {@code BeforeAll} callback, or the constructor of a test
 * instance that JUnit creates before it. A {@code TwinServiceClient} or {@code DeviceConnections} parameter gets an
 * instance of the test method (shared by its {@code @BeforeEach} and {@code @AfterEach} methods), or of the class for
 * a {@code @BeforeAll} method or a constructor, closed when that method or class is done.
 */
public final class EmulatorHubExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmulatorHubExtension.class);
    private static final Set<Class<?>> INJECTED = Set.of(EmulatorEndpoint.class, TwinServiceClient.class,
            DeviceConnections.class, TwinkitEmulator.class);

    /** Creates the extension; JUnit does, once per registration. */
    public EmulatorHubExtension() {
        // stateless: the emulators live in the extension stores of the test classes and of the run
    }

    /**
     * Starts the emulator of the test class, unless a test instance's constructor started it already or it is shared
     * by the run and running already.
     *
     * @throws ExtensionConfigurationException if the annotation is invalid or the emulator cannot start
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context);
    }

    /**
     * Returns whether the parameter is of type {@link EmulatorEndpoint}, {@link TwinServiceClient},
     * {@link DeviceConnections} or {@link TwinkitEmulator}.
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return INJECTED.contains(parameterContext.getParameter().getType());
    }

    /**
     * Returns the emulator's endpoint, a back-end client of it, a device connection factory of it or the emulator,
     * starting the emulator if nothing has yet.
     *
     * @throws ExtensionConfigurationException if the annotation is invalid or the emulator cannot start
     * @throws ParameterResolutionException if the client cannot be built
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        StartedEmulator emulator = emulator(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TwinkitEmulator.class) {
            return emulator.emulator();
        }
        if (type == EmulatorEndpoint.class) {
            return emulator.endpoint();
        }
        ExtensionContext.Store store = extensionContext.getStore(NAMESPACE);
        // keyed by the context too: a store also answers with its parents' values, and a method's own client must not
        // be its class's
        Handout key = new Handout(extensionContext.getUniqueId(), emulator, type);
        try {
            if (type == TwinServiceClient.class) {
                return store.getOrComputeIfAbsent(key, k -> new ServiceClientHandout(emulator,
                        TwinServiceClient.builder().emulatorReadyLine(emulator.endpoint().readyLine()).build()),
                        ServiceClientHandout.class).client();
            }
            return store.getOrComputeIfAbsent(key, k -> new ConnectionsHandout(emulator,
                    new DeviceConnections(emulator)), ConnectionsHandout.class).connections();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("@EmulatorHub: no " + type.getSimpleName() + " for "
                    + emulator.endpoint() + ": " + e.getMessage(), e);
        }
    }

    /** Returns the running emulator of the context's test class, starting it when it is not running yet. */
    private static StartedEmulator emulator(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        Class<?> testClass = owner.getRequiredTestClass();
        HubSpec spec = HubSpec.of(AnnotationSupport.findAnnotation(testClass, EmulatorHub.class).orElse(null),
                testClass);
        String where = "@EmulatorHub on " + testClass.getName();
        if (spec.scope() == EmulatorHub.Scope.RUN) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(spec.runKey(),
                    key -> StartedEmulator.start(spec, where), StartedEmulator.class);
        }
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(new ClassKey(owner.getUniqueId()),
                key -> StartedEmulator.start(spec, where), StartedEmulator.class);
    }

    /**
     * Returns the class context the emulator belongs to: the nearest one whose class carries {@link EmulatorHub}, or
     * else the outermost class context (for a direct {@code @ExtendWith}).
     */
    private static ExtensionContext owner(ExtensionContext context) {
        ExtensionContext outermost = null;
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<AnnotatedElement> element = c.get().getElement();
            if (element.isPresent() && element.get() instanceof Class<?> type) {
                if (AnnotationSupport.isAnnotated(type, EmulatorHub.class)) {
                    return c.get();
                }
                outermost = c.get();
            }
        }
        if (outermost == null) {
            throw new ExtensionConfigurationException("an @EmulatorHub emulator belongs to a test class, but "
                    + context.getDisplayName() + " has none");
        }
        return outermost;
    }

    /** The store key of a class's emulator. */
    private record ClassKey(String classContext) {
    }

    /** The store key of a client handed out in one context for one emulator. */
    private record Handout(String context, StartedEmulator emulator, Class<?> type) {
    }

    /** A back-end client in a context's store, closed with the context, or before its emulator closes. */
    private static final class ServiceClientHandout implements ExtensionContext.Store.CloseableResource,
            AutoCloseable {

        private final StartedEmulator emulator;
        private final TwinServiceClient client;

        ServiceClientHandout(StartedEmulator emulator, TwinServiceClient client) {
            this.emulator = emulator;
            this.client = client;
            try {
                emulator.hold(this);
            } catch (IllegalStateException e) {
                client.close();
                throw e;
            }
        }

        TwinServiceClient client() {
            return client;
        }

        @Override
        public void close() {
            emulator.release(this);
            client.close();
        }
    }

    /** A device connection factory in a context's store, closed with the context, or before its emulator closes. */
    private static final class ConnectionsHandout implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        private final StartedEmulator emulator;
        private final DeviceConnections connections;

        ConnectionsHandout(StartedEmulator emulator, DeviceConnections connections) {
            this.emulator = emulator;
            this.connections = connections;
            emulator.hold(this);
        }

        DeviceConnections connections() {
            return connections;
        }

        @Override
        public void close() {
            emulator.release(this);
            connections.close();
        }
    }
}
