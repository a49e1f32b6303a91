package io.twinkit.device;

import io.twinkit.core.TwinMappingException;
import io.twinkit.core.jackson.TwinJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A device-to-cloud (telemetry) message: a body, its content type and encoding (which IoT Hub message routing needs
 * to query a JSON body), an optional message id and correlation id, and application properties. Immutable; built
 * with {@link #json(Object)} or {@link #bytes(byte[])}:
 *
 * <pre>{@code
 * TelemetryMessage message = TelemetryMessage.json(new Reading(21.5))      // application/json, utf-8
 *         .property("alert", "false")
 *         .messageId("reading-42")
 *         .build();
 * }</pre>
 *
 * <p>Sent with {@link DeviceConnection#send(TelemetryMessage)}. Without a message id the device SDK gives the message a
 * random one; without a correlation id none is sent.
 */
public final class TelemetryMessage {

    /** IoT Hub's largest device-to-cloud message, 256 KiB, counted here as the body plus every id and property. */
    public static final int MAX_SIZE_BYTES = 256 * 1024;

    private final byte[] body;
    private final @Nullable String contentType;
    private final @Nullable String contentEncoding;
    private final @Nullable String messageId;
    private final @Nullable String correlationId;
    private final Map<String, String> properties;

    private TelemetryMessage(Builder builder) {
        this.body = builder.body;
        this.contentType = builder.contentType;
        this.contentEncoding = builder.contentEncoding;
        this.messageId = builder.messageId;
        this.correlationId = builder.correlationId;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
        int size = body.length + utf8(contentType) + utf8(contentEncoding) + utf8(messageId) + utf8(correlationId);
        for (Map.Entry<String, String> property : properties.entrySet()) {
            size += utf8(property.getKey()) + utf8(property.getValue());
        }
        if (size > MAX_SIZE_BYTES) {
            throw new IllegalArgumentException("a telemetry message of " + size + " bytes (body, ids and properties) "
                    + "is more than IoT Hub's " + MAX_SIZE_BYTES);
        }
    }

    private static int utf8(@Nullable String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Starts a message whose body is a value mapped to JSON through {@link TwinJson#standard()}, with content type
     * {@code application/json} and content encoding {@code utf-8}.
     *
     * @param value a record, POJO, map, list, simple value or {@link io.twinkit.core.json.JsonValue}
     * @return the builder
     * @throws TwinMappingException if the value does not map to JSON
     */
    public static Builder json(Object value) {
        Objects.requireNonNull(value, "value");
        byte[] body = TwinJson.standard().toJsonValue(value).toJsonBytes();
        return new Builder(body).contentType("application/json").contentEncoding("utf-8");
    }

    /**
     * Starts a message with a body of bytes, without content type or encoding.
     *
     * @param body the body (copied), not empty
     * @return the builder
     * @throws IllegalArgumentException if the body is empty (the device SDK refuses to send such telemetry)
     */
    public static Builder bytes(byte[] body) {
        return new Builder(body.clone());
    }

    /** Returns a copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** Returns the content type, e.g. {@code application/json}. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** Returns the content encoding, e.g. {@code utf-8}. */
    public Optional<String> contentEncoding() {
        return Optional.ofNullable(contentEncoding);
    }

    /** Returns the message id, if one was set. */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** Returns the correlation id, if one was set. */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /** Returns the application properties, in the order they were set; unmodifiable. */
    public Map<String, String> properties() {
        return properties;
    }

    /** Returns a builder with this message's body, ids and properties. */
    public Builder toBuilder() {
        Builder builder = new Builder(body);
        builder.contentType = contentType;
        builder.contentEncoding = contentEncoding;
        builder.messageId = messageId;
        builder.correlationId = correlationId;
        builder.properties.putAll(properties);
        return builder;
    }

    /** Returns whether {@code other} is a message with the same body, ids and properties (in the same order). */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof TelemetryMessage that && Arrays.equals(body, that.body)
                && Objects.equals(contentType, that.contentType) && Objects.equals(contentEncoding, that.contentEncoding)
                && Objects.equals(messageId, that.messageId) && Objects.equals(correlationId, that.correlationId)
                && properties.equals(that.properties)
                && properties.keySet().stream().toList().equals(that.properties.keySet().stream().toList());
    }

    /** Returns a hash of the body, ids and properties. */
    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(body), contentType, contentEncoding, messageId, correlationId, properties);
    }

    /** Returns the ids, content type, properties and body size, not the body. */
    @Override
    public String toString() {
        return "TelemetryMessage[" + body.length + " bytes" + (contentType == null ? "" : ", " + contentType)
                + (contentEncoding == null ? "" : ", " + contentEncoding)
                + (messageId == null ? "" : ", messageId " + messageId)
                + (correlationId == null ? "" : ", correlationId " + correlationId)
                + (properties.isEmpty() ? "" : ", properties " + properties) + "]";
    }

    /** Builds a {@link TelemetryMessage}; not thread-safe. */
    public static final class Builder {

        private final byte[] body;
        private @Nullable String contentType;
        private @Nullable String contentEncoding;
        private @Nullable String messageId;
        private @Nullable String correlationId;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(byte[] body) {
            if (body.length == 0) {
                throw new IllegalArgumentException("a telemetry message needs a body: the device SDK refuses to send "
                        + "an empty one");
            }
            this.body = body;
        }

        /**
         * Sets the content type, e.g. {@code application/json} (message routing queries a body only when it is JSON).
         *
         * @param contentType the type, not blank
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public Builder contentType(String contentType) {
            this.contentType = notBlank(contentType, "contentType");
            return this;
        }

        /**
         * Sets the content encoding, e.g. {@code utf-8}.
         *
         * @param contentEncoding the encoding, not blank
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public Builder contentEncoding(String contentEncoding) {
            this.contentEncoding = notBlank(contentEncoding, "contentEncoding");
            return this;
        }

        /**
         * Sets the message id, which IoT Hub passes on as {@code message-id}.
         *
         * @param messageId the id, not blank
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public Builder messageId(String messageId) {
            this.messageId = notBlank(messageId, "messageId");
            return this;
        }

        /**
         * Sets the correlation id, which IoT Hub passes on as {@code correlation-id}.
         *
         * @param correlationId the id, not blank
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public Builder correlationId(String correlationId) {
            this.correlationId = notBlank(correlationId, "correlationId");
            return this;
        }

        /**
         * Sets an application property, replacing one of the same name.
         *
         * @param name the name: not empty, and not one the hub reserves (beginning with {@code iothub-} or
         *     {@code $}, or {@code connectionDeviceId}, {@code connectionModuleId}, {@code dt-subject})
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or reserved
         */
        public Builder property(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a telemetry property needs a name");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("iothub-") || name.startsWith("$") || lower.equals("connectiondeviceid")
                    || lower.equals("connectionmoduleid") || lower.equals("dt-subject")) {
                throw new IllegalArgumentException("'" + name + "' is a property name IoT Hub reserves for itself");
            }
            properties.put(name, value);
            return this;
        }

        /**
         * Sets application properties, as {@link #property(String, String)} does for each, in the map's order.
         *
         * @param properties the properties
         * @return this builder
         * @throws IllegalArgumentException if a name is empty or reserved
         */
        public Builder properties(Map<String, String> properties) {
            Objects.requireNonNull(properties, "properties").forEach(this::property);
            return this;
        }

        /**
         * Builds the message.
         *
         * @return the message
         * @throws IllegalArgumentException if the body, ids and properties together exceed {@link #MAX_SIZE_BYTES}
         */
        public TelemetryMessage build() {
            return new TelemetryMessage(this);
        }

        private static String notBlank(String value, String what) {
            if (Objects.requireNonNull(value, what).isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
