package io.twinkit.emulator.internal.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.List;

/** Wraps each MQTT packet the encoder writes into one binary WebSocket frame. */
@ChannelHandler.Sharable
final class BytesToWebSocketFrames extends MessageToMessageEncoder<ByteBuf> {

    static final BytesToWebSocketFrames INSTANCE = new BytesToWebSocketFrames();

    private BytesToWebSocketFrames() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }
}
