package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Duration;
import java.util.Objects;

/**
 * A direct method call as the service takes it: the body of {@code POST /twins/{id}/methods} and the
 * {@code cloudToDeviceMethod} of a {@code scheduleDeviceMethod} job ({@link #toJson()}, {@link #fromJson}).
 *
 * <pre>{@code
 * CloudToDeviceMethod reboot = CloudToDeviceMethod.of("reboot", JsonObject.of("delay", JsonValue.of(5)));
 * CloudToDeviceMethod patient = reboot.withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>The service's rules, each refused with 400004 {@link IotHubErrorCode#ARGUMENT_INVALID}: a method name of 1 to
 * {@value #MAX_METHOD_NAME_LENGTH} printable US-ASCII characters other than {@code $ ( ) < > @ , ; : \ " / [ ] ? = { }}
 * (the characters the service documents as forbidden in method names and values) and the MQTT wildcards {@code #} and
 * {@code +}, since the name becomes a level of the topic {@code $iothub/methods/POST/{name}/}; a response timeout of
 * 5 to 300 whole seconds (30 by default); a connect timeout of 0 to 300 whole seconds (0 by default: the device must
 * be online when the call arrives); a payload of any JSON (the JSON {@code null} when there is none) of at most
 * {@value #MAX_PAYLOAD_BYTES} bytes as compact UTF-8 JSON.
 *
 * @param methodName the method to call on the device
 * @param payload the method's input, any JSON value
 * @param responseTimeout how long the hub waits for the device's answer once the call reached the device
 * @param connectTimeout how long the hub waits for the device to be online (connected and subscribed to direct
 *     methods) before it gives up with 404103
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-direct-methods">Understand and invoke
 *     direct methods from IoT Hub</a>
 */
public record CloudToDeviceMethod(String methodName, JsonValue payload, Duration responseTimeout,
                                  Duration connectTimeout) {

    /** The response timeout of a call that names none. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** The shortest response timeout the service accepts. */
    public static final Duration MIN_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    /** The longest response timeout the service accepts. */
    public static final Duration MAX_RESPONSE_TIMEOUT = Duration.ofSeconds(300);
    /** The longest connect timeout the service accepts (the default is zero). */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(300);
    /** The largest payload of a method request or response, as compact UTF-8 JSON: 128 KB. */
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    /** The longest method name. */
    public static final int MAX_METHOD_NAME_LENGTH = 128;

    private static final String FORBIDDEN_NAME_CHARACTERS = "$()<>@,;:\\\"/[]?={}#+";

    /**
     * Creates a call.
     *
     * @throws TwinException (400004) if a value breaks a rule of the service
     */
    public CloudToDeviceMethod {
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        checkMethodName(methodName);
        checkSeconds("responseTimeoutInSeconds", responseTimeout, MIN_RESPONSE_TIMEOUT, MAX_RESPONSE_TIMEOUT);
        checkSeconds("connectTimeoutInSeconds", connectTimeout, Duration.ZERO, MAX_CONNECT_TIMEOUT);
        int size = payload.toJsonBytes().length;
        if (size > MAX_PAYLOAD_BYTES) {
            throw invalid("'payload' size should be at most " + MAX_PAYLOAD_BYTES + " bytes, but it has " + size
                    + " (at 'payload')");
        }
    }

    /**
     * Returns a call of {@code methodName} with {@code payload} and the default timeouts (30 s for the answer, none
     * to connect).
     *
     * @throws TwinException (400004) if the name or payload breaks a rule of the service
     */
    public static CloudToDeviceMethod of(String methodName, JsonValue payload) {
        return new CloudToDeviceMethod(methodName, payload, DEFAULT_RESPONSE_TIMEOUT, Duration.ZERO);
    }

    /**
     * Returns this call with other timeouts.
     *
     * @throws TwinException (400004) if a timeout is out of the service's range
     */
    public CloudToDeviceMethod withTimeouts(Duration newResponseTimeout, Duration newConnectTimeout) {
        return new CloudToDeviceMethod(methodName, payload, newResponseTimeout, newConnectTimeout);
    }

    /**
     * Returns the service's JSON form, {@code {"methodName":"reboot","payload":{..},"responseTimeoutInSeconds":30,
     * "connectTimeoutInSeconds":0}}.
     */
    public JsonObject toJson() {
        return JsonObject.builder(4)
                .put("methodName", JsonString.of(methodName))
                .put("payload", payload)
                .put("responseTimeoutInSeconds", JsonNumber.of(responseTimeout.getSeconds()))
                .put("connectTimeoutInSeconds", JsonNumber.of(connectTimeout.getSeconds()))
                .build();
    }

    /**
     * Reads a call in the service's JSON form: {@code methodName} (required), {@code payload} (absent means
     * {@code null}), {@code responseTimeoutInSeconds} and {@code connectTimeoutInSeconds} (absent or {@code null} for
     * the defaults); other members are ignored, as the service ignores them.
     *
     * @param json the call, e.g. the body of {@code POST /twins/{id}/methods}
     * @throws TwinException (400004) if a member is missing, of the wrong type or breaks a rule of the service
     */
    public static CloudToDeviceMethod fromJson(JsonObject json) {
        Objects.requireNonNull(json, "json");
        JsonValue name = json.valueOrNull("methodName");
        if (!(name instanceof JsonString nameText)) {
            throw invalid("a direct method call needs its methodName as a string, but has " + name + " (at 'methodName')");
        }
        JsonValue payload = json.valueOrNull("payload");
        Duration response = seconds(json, "responseTimeoutInSeconds", DEFAULT_RESPONSE_TIMEOUT);
        Duration connect = seconds(json, "connectTimeoutInSeconds", Duration.ZERO);
        return new CloudToDeviceMethod(nameText.value(), payload == null ? JsonNull.INSTANCE : payload, response,
                connect);
    }

    private static Duration seconds(JsonObject json, String member, Duration absent) {
        JsonValue value = json.valueOrNull(member);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (value instanceof JsonNumber number && number.fitsInLong()) {
            long seconds = number.longValue();
            if (seconds >= 0 && seconds <= Integer.MAX_VALUE) {
                return Duration.ofSeconds(seconds);
            }
        }
        throw invalid(member + " must be a whole number of seconds but is " + value + " (at '" + member + "')");
    }

    private static void checkMethodName(String name) {
        if (name.isEmpty() || name.length() > MAX_METHOD_NAME_LENGTH) {
            throw invalid("a method name has 1 to " + MAX_METHOD_NAME_LENGTH + " characters, but '" + shorten(name)
                    + "' has " + name.length() + " (at 'methodName')");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e || FORBIDDEN_NAME_CHARACTERS.indexOf(c) >= 0) {
                throw invalid("a method name holds printable US-ASCII characters other than "
                        + FORBIDDEN_NAME_CHARACTERS + ", but '" + shorten(name) + "' has "
                        + (c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c)) + " at index "
                        + i + " (at 'methodName')");
            }
        }
    }

    private static void checkSeconds(String member, Duration value, Duration min, Duration max) {
        if (value.getNano() != 0 || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(member + " must be " + min.getSeconds() + " to " + max.getSeconds() + " whole seconds, but is "
                    + describe(value) + " (at '" + member + "')");
        }
    }

    private static String describe(Duration value) {
        return value.getNano() == 0 ? String.valueOf(value.getSeconds()) : value.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static TwinException invalid(String message) {
        return new TwinException(IotHubErrorCode.ARGUMENT_INVALID, message);
    }

    /** Returns the call in its JSON form, for logs. */
    @Override
    public String toString() {
        return "CloudToDeviceMethod" + toJson();
    }
}
