package io.twinkit.emulator.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/**
 * The MQTT front end's side of a WebSocket upgrade on the HTTPS port: IoT Hub serves
 * {@code wss://<host>:443/$iothub/websocket} beside its REST API, and the SDKs' {@code MQTT_WS} goes there. The HTTPS
 * pipeline hands over a connection whose request asks for that upgrade; from then on it is an MQTT connection of the
 * front end, with its sessions, limits and authentication.
 *
 * <p>Not part of the emulator's API. Implementations are thread-safe.
 */
public interface MqttWebSocketUpgrade {

    /** The path of MQTT over WebSocket; the SDKs append a query string ({@code ?iothub-no-client-cert=true}). */
    String PATH = "/$iothub/websocket";

    /**
     * Counts {@code channel} as one of the MQTT front end's connections, under its connection cap, until it closes.
     *
     * @return {@code false} if the cap is reached or the front end is closed; the caller then refuses the upgrade
     */
    boolean admit(Channel channel);

    /**
     * Appends to {@code pipeline}, which ends with an HTTP server codec and nothing after it that reads, the handlers
     * that complete the WebSocket handshake (subprotocol {@code mqtt}) and then serve MQTT over its binary frames.
     * The upgrade request is to be fired into them next.
     */
    void addHandlers(ChannelPipeline pipeline);
}
