package io.twinkit.emulator.internal.hub;

import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;

/**
 * The {@link IotHub.Provider} service of this module, through which {@link IotHub#create(HubOptions)} opens a
 * {@link Hub}; declared in the module descriptor and in {@code META-INF/services}.
 */
public final class HubProvider implements IotHub.Provider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public HubProvider() {
    }

    @Override
    public IotHub open(HubOptions options) {
        return Hub.open(options);
    }
}
