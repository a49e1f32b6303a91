package io.twinkit.core;

/**
 * The twin's {@code capabilities}.
 *
 * @param iotEdge whether the device is an IoT Edge device
 */
public record Capabilities(boolean iotEdge) {
}
