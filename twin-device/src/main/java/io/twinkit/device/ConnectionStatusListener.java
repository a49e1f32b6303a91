package io.twinkit.device;

/**
 * A listener for changes of a {@link DeviceConnection}'s status. Calls come on the connection's single status
 * thread, in the order the changes happened; a slow listener delays only later status calls.
 */
@FunctionalInterface
public interface ConnectionStatusListener {

    /**
     * Called after the connection's status changed.
     *
     * @param status the new status
     * @param previous the status before
     */
    void onStatusChanged(ConnectionStatus status, ConnectionStatus previous);
}
