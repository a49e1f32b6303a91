package io.twinkit.junit;

import io.twinkit.core.TwinKey;
import io.twinkit.core.error.TwinException;
import io.twinkit.device.DeviceConnection;
import io.twinkit.device.DeviceConnectionBuilder;
import io.twinkit.device.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Makes {@link DeviceConnection}s of an {@link EmulatorHub} emulator's devices and modules, configured for it: its
 * ready line (the CA to trust, the WebSocket port), the identity's current connection string and the annotation's
 * {@linkplain EmulatorHub#transport() transport}. Injected by {@link EmulatorHubExtension}; every connection made by
 * {@link #build} or {@link #connect} is closed when the test method (or class) it was injected into ends, so a test
 * need not close them, and may.
 *
 * <pre>{@code
 * @Test
 * void reports(DeviceConnections devices, TwinServiceClient backEnd) {
 *     DeviceConnection device = devices.connect("dev1");                     // open, closed after the test
 *     DeviceConnection module = devices.build("gw/module1", b -> b.operationTimeout(Duration.ofSeconds(5)));
 *     module.addDesiredListener(update -> seen.add(update));                 // listeners before open()
 *     module.open();
 * }
 * }</pre>
 *
 * <p>A device or module is named {@code deviceId} or {@code deviceId/moduleId}; it must exist in the emulator, either
 * declared on {@link EmulatorHub#devices()} or created by the test ({@code emulator.hub().registry()}). Thread-safe.
 */
public final class DeviceConnections {

    private final StartedEmulator emulator;
    private final List<DeviceConnection> made = new ArrayList<>();
    private boolean closed;

    DeviceConnections(StartedEmulator emulator) {
        this.emulator = emulator;
    }

    /** Returns the endpoint of the emulator the connections connect to. */
    public EmulatorEndpoint endpoint() {
        return emulator.endpoint();
    }

    /** Returns the transport the connections use, the annotation's. */
    public Transport transport() {
        return emulator.endpoint().transport();
    }

    /**
     * Returns the connection string of a device or module as it is now, with its primary key.
     *
     * @param deviceOrModule {@code deviceId} or {@code deviceId/moduleId}
     * @return the connection string
     * @throws IllegalArgumentException if the name is invalid, or no such identity with SAS keys exists
     */
    public String connectionString(String deviceOrModule) {
        return emulator.connectionString(key(deviceOrModule));
    }

    /**
     * Returns a builder configured for a device or module of the emulator; the connections built from it are the
     * caller's to close (use {@link #build(String, Consumer)} to have them closed after the test).
     *
     * @param deviceOrModule {@code deviceId} or {@code deviceId/moduleId}
     * @return the builder, with the ready line, connection string and transport set
     * @throws IllegalArgumentException if the name is invalid, or no such identity with SAS keys exists
     */
    public DeviceConnectionBuilder builder(String deviceOrModule) {
        return DeviceConnection.builder()
                .emulatorReadyLine(emulator.endpoint().readyLine())
                .connectionString(connectionString(deviceOrModule))
                .transport(transport());
    }

    /**
     * Builds a connection of a device or module, not yet open (add listeners, then {@link DeviceConnection#open()});
     * it is closed after the test.
     *
     * @param deviceOrModule {@code deviceId} or {@code deviceId/moduleId}
     * @return the connection
     * @throws IllegalArgumentException if the name is invalid, or no such identity with SAS keys exists
     * @throws IllegalStateException if the test this factory was injected into has ended
     */
    public DeviceConnection build(String deviceOrModule) {
        return build(deviceOrModule, builder -> { });
    }

    /**
     * Builds a connection as {@link #build(String)} does, after {@code configure} has changed the builder (timeouts,
     * coalescing, another transport, …).
     *
     * @param deviceOrModule {@code deviceId} or {@code deviceId/moduleId}
     * @param configure changes to the configured builder
     * @return the connection, not yet open
     * @throws IllegalArgumentException if the name is invalid, or no such identity with SAS keys exists
     * @throws IllegalStateException if the test this factory was injected into has ended
     */
    public DeviceConnection build(String deviceOrModule, Consumer<DeviceConnectionBuilder> configure) {
        Objects.requireNonNull(configure, "configure");
        DeviceConnectionBuilder builder = builder(deviceOrModule);
        configure.accept(builder);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("these DeviceConnections belong to a test that has ended");
            }
            DeviceConnection connection = builder.build();
            made.add(connection);
            return connection;
        }
    }

    /**
     * Builds and opens a connection of a device or module; it is closed after the test.
     *
     * @param deviceOrModule {@code deviceId} or {@code deviceId/moduleId}
     * @return the open connection
     * @throws IllegalArgumentException if the name is invalid, or no such identity with SAS keys exists
     * @throws IllegalStateException if the test this factory was injected into has ended
     * @throws io.twinkit.device.DeviceTwinException if the connection cannot be opened (it is closed again)
     */
    public DeviceConnection connect(String deviceOrModule) {
        return connect(deviceOrModule, builder -> { });
    }

    /**
     * Builds and opens a connection as {@link #connect(String)} does, after {@code configure} has changed the builder.
     *
     * @param deviceOrModule {@code deviceId} or {@code deviceId/moduleId}
     * @param configure changes to the configured builder
     * @return the open connection
     * @throws IllegalArgumentException if the name is invalid, or no such identity with SAS keys exists
     * @throws IllegalStateException if the test this factory was injected into has ended
     * @throws io.twinkit.device.DeviceTwinException if the connection cannot be opened (it is closed again)
     */
    public DeviceConnection connect(String deviceOrModule, Consumer<DeviceConnectionBuilder> configure) {
        DeviceConnection connection = build(deviceOrModule, configure);
        try {
            connection.open();
            return connection;
        } catch (RuntimeException e) {
            try {
                connection.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Returns the connections this factory made, in the order made, closed ones included. */
    public synchronized List<DeviceConnection> connections() {
        return List.copyOf(made);
    }

    /** Returns the emulator's endpoint and how many connections were made. */
    @Override
    public synchronized String toString() {
        return "DeviceConnections[" + emulator.endpoint() + ", " + made.size() + " made" + (closed ? ", closed]"
                : "]");
    }

    /** Closes every connection made, the most recent first; later calls to build or connect fail. */
    void close() {
        List<DeviceConnection> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(made);
        }
        RuntimeException failure = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static TwinKey key(String deviceOrModule) {
        Objects.requireNonNull(deviceOrModule, "deviceOrModule");
        try {
            return TwinKey.parse(deviceOrModule);
        } catch (TwinException e) {
            throw new IllegalArgumentException("'" + deviceOrModule + "' is not a device id or deviceId/moduleId: "
                    + e.getMessage(), e);
        }
    }
}
