package io.twinkit.emulator.internal.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * Unwraps the binary WebSocket frames of an MQTT-over-WebSocket connection into the byte stream the MQTT decoder
 * reads; MQTT packets may span frames or share one. A text frame is not MQTT, so it closes the connection. Ping,
 * pong and close frames never get here: the WebSocket protocol handler before this one answers them.
 */
final class WebSocketFramesToBytes extends MessageToMessageDecoder<WebSocketFrame> {

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
        } else {
            ctx.close();
        }
    }
}
