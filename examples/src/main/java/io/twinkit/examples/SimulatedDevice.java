package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.device.Transport;
import io.twinkit.device.DeviceConnection;
import java.util.Objects;

/**
 * The device half of the tutorial: a device that connects and reports how it is connected. The same code serves the
 * one-process {@link Tutorial} and the separate {@link DeviceProgram}. Closing it disconnects. Not thread-safe.
 */
public final class SimulatedDevice implements AutoCloseable {

    /** What the device reports: {@code {"connectivity":{"type":"cellular"}}}. */
    public static final MergePatch CELLULAR = MergePatch.builder().set("connectivity.type", "cellular").build();

    private static final MergePatch NO_CONNECTIVITY = MergePatch.builder().delete("connectivity").build();

    private final DeviceConnection client;
    private final DeviceId deviceId;
    private final Transport transport;
    private final Steps steps;

    /**
     * Creates the device, not yet connected.
     *
     * @param client the device client, not yet open
     * @param deviceId the device the client connects as
     * @param transport the client's transport, for the output
     * @param steps the program's output
     */
    public SimulatedDevice(DeviceConnection client, DeviceId deviceId, Transport transport, Steps steps) {
        this.client = Objects.requireNonNull(client, "client");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.steps = Objects.requireNonNull(steps, "steps");
    }

    /**
     * Connects and fetches the twin.
     *
     * @throws io.twinkit.device.DeviceTwinException if the device cannot connect
     */
    public void connect() {
        steps.step("Device " + deviceId.value() + " connects (" + (transport == Transport.MQTT ? "MQTT"
                : "MQTT over WebSocket") + ")");
        client.open();
    }

    /**
     * Removes the connectivity an earlier run reported, so that the tutorial starts from the same state on a real
     * hub every time; says so only when there was one.
     *
     * @throws io.twinkit.device.DeviceTwinException if the hub rejects the report
     */
    public void forgetEarlierConnectivity() {
        if (client.reported().properties().contains("connectivity")) {
            client.report(NO_CONNECTIVITY);
            steps.detail("(removed the connectivity an earlier run reported: " + NO_CONNECTIVITY + ")");
        }
    }

    /**
     * Reports {@link #CELLULAR}.
     *
     * @return the new reported {@code $version}
     * @throws io.twinkit.device.DeviceTwinException if the hub rejects the report
     */
    public long reportCellular() {
        steps.step("Device " + deviceId.value() + " reports " + CELLULAR);
        long version = client.report(CELLULAR);
        steps.detail("accepted: reported $version " + version);
        return version;
    }

    /** Disconnects; closing twice does nothing. */
    @Override
    public void close() {
        client.close();
    }
}
