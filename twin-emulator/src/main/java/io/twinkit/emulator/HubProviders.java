package io.twinkit.emulator;

import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Finds the {@link IotHub.Provider}, once: the first one {@link ServiceLoader} finds through the class loader of
 * {@link IotHub}, which sees the module path ({@code provides} in the module descriptor) and the class path
 * ({@code META-INF/services}).
 */
final class HubProviders {

    private HubProviders() {
    }

    /**
     * Returns the provider.
     *
     * @throws IllegalStateException if there is none, or it cannot be loaded
     */
    static IotHub.Provider provider() {
        IotHub.Provider provider = Found.PROVIDER;
        if (provider == null) {
            IllegalStateException failure = Objects.requireNonNull(Found.FAILURE);
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        return provider;
    }

    /**
     * Returns the first provider {@code loader} finds.
     *
     * @throws IllegalStateException if there is none, or it cannot be loaded
     */
    static IotHub.Provider load(@Nullable ClassLoader loader) {
        String service = IotHub.Provider.class.getName();
        try {
            return ServiceLoader.load(IotHub.Provider.class, loader).findFirst().orElseThrow(() ->
                    new IllegalStateException("no " + service + " service found: twin-emulator is not on the class "
                            + "path or module path, or was merged into a jar without its META-INF/services/"
                            + service + " file"));
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("the " + service + " service cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Holds the lookup's outcome, a provider or why there is none; loaded on the first {@link #provider()} call. */
    private static final class Found {

        static final IotHub.@Nullable Provider PROVIDER;
        static final @Nullable IllegalStateException FAILURE;

        static {
            IotHub.Provider provider = null;
            IllegalStateException failure = null;
            try {
                provider = load(IotHub.class.getClassLoader());
            } catch (IllegalStateException e) {
                failure = e;
            }
            PROVIDER = provider;
            FAILURE = failure;
        }

        private Found() {
        }
    }
}
