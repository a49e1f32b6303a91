package io.twinkit.device;

/** Why a {@link DeviceConnection} is in its {@link ConnectionState}, as the device SDK reports it. */
public enum ConnectionStatusReason {
    /** The connection has not been opened yet. */
    NOT_OPENED,
    /** Connected. */
    CONNECTION_OK,
    /** The connection was closed by {@link DeviceConnection#close()}. */
    CLIENT_CLOSED,
    /** The SAS token expired and could not be renewed. */
    EXPIRED_SAS_TOKEN,
    /** The hub refused the credentials; the SDK does not retry. */
    BAD_CREDENTIAL,
    /** The SDK gave up reconnecting (its operation timeout passed). */
    RETRY_EXPIRED,
    /** There is no network. */
    NO_NETWORK,
    /** The connection failed or was dropped (by the hub, the network or a proxy). */
    COMMUNICATION_ERROR
}
