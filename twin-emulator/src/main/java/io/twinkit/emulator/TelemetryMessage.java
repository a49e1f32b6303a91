package io.twinkit.emulator;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One device-to-cloud (telemetry) message as the hub enqueued it: who sent it, when, its place in the hub's journal,
 * its system properties, its application properties and its body.
 *
 * <pre>{@code
 * TelemetryMessage message = hub.telemetry().await(m -> m.deviceId().value().equals("dev1"), Duration.ofSeconds(5))
 *         .orElseThrow();
 * message.bodyAsString();                          // {"temperature":21.5}
 * message.contentType();                           // Optional[application/json]
 * message.applicationProperties().get("alert");    // "true"
 * message.systemProperties().get(TelemetryMessage.CONNECTION_DEVICE_ID);   // "dev1"
 * }</pre>
 *
 * <p>System properties carry the service's names (those an Event Hubs reader of the hub's built-in endpoint sees):
 * what the device set in its MQTT topic ({@code $.mid} is {@value #MESSAGE_ID}, {@code $.cid} {@value #CORRELATION_ID},
 * {@code $.uid} {@value #USER_ID}, {@code $.to} {@value #TO}, {@code $.ct} {@value #CONTENT_TYPE}, {@code $.ce}
 * {@value #CONTENT_ENCODING}, {@code $.exp} {@value #ABSOLUTE_EXPIRY_TIME}, {@code $.sub} {@value #COMPONENT},
 * {@code $.ifid} {@value #INTERFACE_ID}, {@code $.on} {@value #OUTPUT_NAME}), then what the hub stamps:
 * {@value #CONNECTION_DEVICE_ID}, {@value #CONNECTION_MODULE_ID} (modules only), {@value #CONNECTION_AUTH_METHOD},
 * {@value #CONNECTION_AUTH_GENERATION_ID}, {@value #ENQUEUED_TIME}, {@value #MESSAGE_SOURCE} and, for a device that
 * announced a model id, {@value #DATA_SCHEMA}. Application properties are the device's other properties, decoded, in
 * the order sent; {@code $.ctime} is the application property {@value #CREATION_TIME_UTC}, as the service documents.
 *
 * <p>Immutable and thread-safe; {@link #body()} returns a copy.
 */
public final class TelemetryMessage {

    /** System property: the message id the device set ({@code $.mid}). */
    public static final String MESSAGE_ID = "message-id";
    /** System property: the correlation id the device set ({@code $.cid}). */
    public static final String CORRELATION_ID = "correlation-id";
    /** System property: the user id the device set ({@code $.uid}). */
    public static final String USER_ID = "user-id";
    /** System property: the destination the device set ({@code $.to}). */
    public static final String TO = "to";
    /** System property: the body's content type, such as {@code application/json} ({@code $.ct}). */
    public static final String CONTENT_TYPE = "content-type";
    /** System property: the body's content encoding, such as {@code utf-8} ({@code $.ce}). */
    public static final String CONTENT_ENCODING = "content-encoding";
    /** System property: the expiry time the device set, as sent ({@code $.exp}). */
    public static final String ABSOLUTE_EXPIRY_TIME = "absolute-expiry-time";
    /** System property: the IoT Plug and Play component that sent the message ({@code $.sub}). */
    public static final String COMPONENT = "dt-subject";
    /** System property: the interface id of a security message ({@code $.ifid}). */
    public static final String INTERFACE_ID = "iothub-interface-id";
    /** System property: the output name a module set ({@code $.on}). */
    public static final String OUTPUT_NAME = "iothub-outputname";
    /** System property the hub stamps: the id of the device whose connection sent the message. */
    public static final String CONNECTION_DEVICE_ID = "iothub-connection-device-id";
    /** System property the hub stamps: the id of the module whose connection sent the message (modules only). */
    public static final String CONNECTION_MODULE_ID = "iothub-connection-module-id";
    /** System property the hub stamps: how the connection authenticated, a JSON object as text. */
    public static final String CONNECTION_AUTH_METHOD = "iothub-connection-auth-method";
    /** System property the hub stamps: the generation id of the identity whose connection sent the message. */
    public static final String CONNECTION_AUTH_GENERATION_ID = "iothub-connection-auth-generation-id";
    /** System property the hub stamps: when it enqueued the message, in the service's time format. */
    public static final String ENQUEUED_TIME = "iothub-enqueuedtime";
    /** System property the hub stamps: {@code Telemetry}. */
    public static final String MESSAGE_SOURCE = "iothub-message-source";
    /** System property the hub stamps: the model id the device announced when it connected, if it did. */
    public static final String DATA_SCHEMA = "dt-dataschema";
    /** Application property: the creation time the device set ({@code $.ctime}). */
    public static final String CREATION_TIME_UTC = "iothub-creation-time-utc";

    private final long sequenceNumber;
    private final TwinKey source;
    private final Instant enqueuedTime;
    private final Map<String, String> systemProperties;
    private final Map<String, String> applicationProperties;
    private final byte[] body;

    private TelemetryMessage(Builder b) {
        this.sequenceNumber = b.sequenceNumber;
        this.source = b.source;
        this.enqueuedTime = b.enqueuedTime;
        this.systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.systemProperties));
        this.applicationProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.applicationProperties));
        this.body = b.body.clone();
    }

    /**
     * Returns a builder of a message; {@link IotHub#telemetry()} builds the messages devices send, this is for tests
     * of code that consumes them.
     *
     * @param sequenceNumber the message's place in the journal, from 1
     * @param source the device or module that sent it
     * @param enqueuedTime when the hub enqueued it
     * @throws IllegalArgumentException if {@code sequenceNumber} is below 1
     */
    public static Builder builder(long sequenceNumber, TwinKey source, Instant enqueuedTime) {
        return new Builder(sequenceNumber, source, enqueuedTime);
    }

    /**
     * Reads the JSON form {@link #toJson()} writes, for example an item of {@code GET /twinkit/telemetry}.
     *
     * @throws TwinException (400004) if a member is missing or of the wrong type, the sequence number is below 1, an
     *     id, the time or the base64 body is invalid
     */
    public static TelemetryMessage fromJson(JsonObject json) {
        Objects.requireNonNull(json, "json");
        try {
            long sequence = json.valueOrNull("sequenceNumber") instanceof JsonNumber n && n.isIntegral()
                    && n.fitsInLong() ? n.longValue() : -1;
            String deviceId = string(json, "deviceId");
            JsonValue moduleValue = json.valueOrNull("moduleId");
            TwinKey source = moduleValue == null ? TwinKey.device(deviceId)
                    : TwinKey.module(deviceId, moduleValue.asString());
            Builder builder = builder(sequence, source, TwinTime.parse(string(json, "enqueuedTime")))
                    .body(Base64.getDecoder().decode(string(json, "body")));
            properties(json, "systemProperties").forEach(builder::systemProperty);
            properties(json, "applicationProperties").forEach(builder::applicationProperty);
            return builder.build();
        } catch (TwinException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TwinException(IotHubErrorCode.ARGUMENT_INVALID, "not a telemetry message: " + e.getMessage());
        }
    }

    private static String string(JsonObject json, String name) {
        JsonValue value = json.valueOrNull(name);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("'" + name + "' must be a string");
        }
        return value.asString();
    }

    private static Map<String, String> properties(JsonObject json, String name) {
        JsonValue value = json.valueOrNull(name);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("'" + name + "' must be an object");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        JsonObject object = value.asObject();
        for (int i = 0; i < object.size(); i++) {
            JsonValue property = object.valueAt(i);
            if (!property.isString()) {
                throw new IllegalArgumentException("'" + name + "." + object.keyAt(i) + "' must be a string");
            }
            properties.put(object.keyAt(i), property.asString());
        }
        return properties;
    }

    /**
     * Returns the message's sequence number: its place in the hub's journal, from 1, one more for each message the hub
     * enqueues (a hub that restarts counts from 1 again).
     */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    /** Returns the device or module whose connection sent the message. */
    public TwinKey source() {
        return source;
    }

    /** Returns the id of the device that sent the message, or whose module did. */
    public DeviceId deviceId() {
        return source.deviceId();
    }

    /** Returns the id of the module that sent the message; empty for a device. */
    public Optional<ModuleId> moduleId() {
        return source.module();
    }

    /** Returns when the hub enqueued the message (also the system property {@value #ENQUEUED_TIME}). */
    public Instant enqueuedTime() {
        return enqueuedTime;
    }

    /** Returns the system properties by their service names, in the order described above; unmodifiable. */
    public Map<String, String> systemProperties() {
        return systemProperties;
    }

    /** Returns the application properties, decoded, in the order the device sent them; unmodifiable. */
    public Map<String, String> applicationProperties() {
        return applicationProperties;
    }

    /** Returns the system property {@value #MESSAGE_ID}, if the device set one. */
    public Optional<String> messageId() {
        return Optional.ofNullable(systemProperties.get(MESSAGE_ID));
    }

    /** Returns the system property {@value #CORRELATION_ID}, if the device set one. */
    public Optional<String> correlationId() {
        return Optional.ofNullable(systemProperties.get(CORRELATION_ID));
    }

    /** Returns the system property {@value #CONTENT_TYPE}, if the device set one. */
    public Optional<String> contentType() {
        return Optional.ofNullable(systemProperties.get(CONTENT_TYPE));
    }

    /** Returns the system property {@value #CONTENT_ENCODING}, if the device set one. */
    public Optional<String> contentEncoding() {
        return Optional.ofNullable(systemProperties.get(CONTENT_ENCODING));
    }

    /** Returns the system property {@value #USER_ID}, if the device set one. */
    public Optional<String> userId() {
        return Optional.ofNullable(systemProperties.get(USER_ID));
    }

    /**
     * Returns the system property {@value #CONNECTION_AUTH_GENERATION_ID}: the generation id of the device or module
     * whose connection sent the message, which tells a device from an earlier one deleted under the same id; empty
     * for a message built without it.
     */
    public Optional<String> generationId() {
        return Optional.ofNullable(systemProperties.get(CONNECTION_AUTH_GENERATION_ID));
    }

    /** Returns a copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** Returns the body's length in bytes. */
    public int bodySize() {
        return body.length;
    }

    /** Returns the body decoded as UTF-8; bytes that are not UTF-8 become U+FFFD. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Returns the JSON form the emulator's HTTPS endpoints serve: {@code sequenceNumber}, {@code deviceId},
     * {@code moduleId} (modules only), {@code enqueuedTime} (the service's time format), {@code systemProperties} and
     * {@code applicationProperties} (objects of strings), {@code body} (base64) and, when the body is UTF-8 text,
     * {@code bodyText}.
     */
    public JsonObject toJson() {
        JsonObject.Builder json = JsonObject.builder(8)
                .put("sequenceNumber", sequenceNumber)
                .put("deviceId", source.deviceId().value());
        source.module().ifPresent(module -> json.put("moduleId", module.value()));
        json.put("enqueuedTime", TwinTime.format(enqueuedTime))
                .put("systemProperties", object(systemProperties))
                .put("applicationProperties", object(applicationProperties))
                .put("body", Base64.getEncoder().encodeToString(body));
        String text = utf8(body);
        if (text != null) {
            json.put("bodyText", text);
        }
        return json.build();
    }

    private static JsonObject object(Map<String, String> properties) {
        JsonObject.Builder object = JsonObject.builder(properties.size());
        properties.forEach((name, value) -> object.put(name, JsonString.of(value)));
        return object.build();
    }

    private static @Nullable String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Returns whether {@code obj} is a message with the same values (and sequence number). */
    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof TelemetryMessage other && sequenceNumber == other.sequenceNumber
                && source.equals(other.source) && enqueuedTime.equals(other.enqueuedTime)
                && systemProperties.equals(other.systemProperties)
                && applicationProperties.equals(other.applicationProperties) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequenceNumber, source, enqueuedTime, systemProperties, applicationProperties,
                Arrays.hashCode(body));
    }

    /** Returns the sequence number, source, time, property names and body size, for logs. */
    @Override
    public String toString() {
        return "TelemetryMessage[#" + sequenceNumber + " from " + source + " at " + TwinTime.format(enqueuedTime)
                + ", system " + systemProperties.keySet() + ", application " + applicationProperties.keySet() + ", "
                + body.length + " bytes]";
    }

    /** Builds a {@link TelemetryMessage}; not thread-safe. */
    public static final class Builder {

        private final long sequenceNumber;
        private final TwinKey source;
        private final Instant enqueuedTime;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> applicationProperties = new LinkedHashMap<>();
        private byte[] body = new byte[0];

        private Builder(long sequenceNumber, TwinKey source, Instant enqueuedTime) {
            if (sequenceNumber < 1) {
                throw new IllegalArgumentException("a sequence number starts at 1: " + sequenceNumber);
            }
            this.sequenceNumber = sequenceNumber;
            this.source = Objects.requireNonNull(source, "source");
            this.enqueuedTime = Objects.requireNonNull(enqueuedTime, "enqueuedTime");
        }

        /** Sets the body (copied); empty by default. */
        public Builder body(byte[] value) {
            this.body = Objects.requireNonNull(value, "body").clone();
            return this;
        }

        /** Sets a system property by its service name; setting one twice keeps its place and the last value. */
        public Builder systemProperty(String name, String value) {
            systemProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets an application property; setting one twice keeps its place and the last value. */
        public Builder applicationProperty(String name, String value) {
            applicationProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Returns the message. */
        public TelemetryMessage build() {
            return new TelemetryMessage(this);
        }
    }
}
