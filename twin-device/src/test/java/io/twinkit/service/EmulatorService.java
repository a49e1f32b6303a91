package io.twinkit.service;

import io.twinkit.core.DeviceId;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;

/**
 * The fixture of the service-client tests: an emulator on free ports and a {@link TwinServiceClient} that reaches it
 * over TLS, trusting its CA. Closing it closes both.
 */
final class EmulatorService implements AutoCloseable {

    final TwinkitEmulator emulator;
    final IotHub hub;
    final TwinServiceClient client;

    private EmulatorService(TwinkitEmulator emulator) {
        this.emulator = emulator;
        this.hub = emulator.hub();
        this.client = clientFor(emulator);
    }

    /** Starts an emulator with {@code devices} and a client for it. */
    static EmulatorService start(DeviceId... devices) {
        EmulatorConfig.Builder config = EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0);
        for (DeviceId device : devices) {
            config.device(device);
        }
        return new EmulatorService(TwinkitEmulator.start(config.build()));
    }

    /** Returns a new client for {@code emulator}, from its connection string and CA certificate. */
    static TwinServiceClient clientFor(TwinkitEmulator emulator) {
        return TwinServiceClient.builder().connectionString(emulator.serviceConnectionString())
                .trustCertificate(emulator.caCertificate()).build();
    }

    /** Creates a device in the hub and returns its id. */
    DeviceId newDevice(String id) {
        DeviceId device = DeviceId.of(id);
        hub.registry().createDevice(device);
        return device;
    }

    /** Closes the client, then the emulator. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            emulator.close();
        }
    }
}
