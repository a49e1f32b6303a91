package io.twinkit.emulator.internal.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.internal.telemetry.InboundTelemetry;
import io.twinkit.emulator.internal.telemetry.TelemetryJournal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Takes the telemetry a device publishes into the hub's journal: decodes the topic's property bag
 * ({@link TelemetryTopic}), checks the service's message size and that the sender still exists, and appends the
 * message with the sender's generation id and the model id its connection announced.
 */
final class TelemetryIntake {

    private final IotHub hub;
    private final TelemetryJournal journal;

    TelemetryIntake(IotHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.journal = TelemetryJournal.of(hub);
    }

    /**
     * Enqueues one telemetry PUBLISH of the connection of {@code source}.
     *
     * @param source the device or module of the connection
     * @param clientPath its {@code devices/{id}[/modules/{mid}]}
     * @param topic the PUBLISH topic, the connection's telemetry topic
     * @param payload the body
     * @param modelId the model id the connection announced, or {@code null}
     * @return the message as enqueued
     * @throws IllegalArgumentException if the message breaks a rule of the service (over 256 KiB of body and
     *     properties) or its sender no longer exists: the connection must be closed, as the service closes it
     * @throws IllegalStateException if the hub is closed
     */
    TelemetryMessage accept(TwinKey source, String clientPath, String topic, ByteBuf payload,
                            @Nullable String modelId) {
        TelemetryTopic bag = TelemetryTopic.parse(topic, clientPath);
        bag.checkSize(payload.readableBytes());
        DeviceIdentity identity = hub.registry().find(source).orElseThrow(() -> new IllegalArgumentException(
                source + " no longer exists; its telemetry is refused"));
        return journal.append(new InboundTelemetry(source, bag.systemProperties(), bag.applicationProperties(),
                ByteBufUtil.getBytes(payload), identity.generationId().orElse(null), modelId));
    }
}
