package com.example.fleet;

import io.twinkit.device.DeviceConnection;

/** The device: connects and reports how it is connected. */
public final class Modem {

    record Connectivity(String type) {
    }

    record Reported(Connectivity connectivity) {
    }

    private final DeviceConnection connection;

    public Modem(DeviceConnection connection) {
        this.connection = connection;
    }

    public void start(String connectivityType) {
        connection.open();                                       // connects and fetches the twin
        connection.report(new Reported(new Connectivity(connectivityType)));   // returns once the hub has it
    }
}
