package io.twinkit.reliability.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;

/** MQTT packets as the bytes Netty's {@link MqttEncoder} writes for them, to send whole, in part or mutated. */
public final class MqttBytes {

    private MqttBytes() {
    }

    /** Returns the encoded packet as a buffer the caller owns. */
    public static ByteBuf encode(MqttMessage message) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        try {
            encoder.writeOutbound(message);
            return encoder.readOutbound();
        } finally {
            encoder.finishAndReleaseAll();
        }
    }

    /** Returns the encoded packet as bytes. */
    public static byte[] bytes(MqttMessage message) {
        ByteBuf buffer = encode(message);
        try {
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }
}
