package io.twinkit.emulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class one local {@link io.twinkit.emulator.IotHub}, in memory, started before the class's
 * first use of it and closed after its last test. Declare a parameter of type {@code IotHub} on the constructor, a
 * {@code @BeforeAll} or {@code @BeforeEach} method or a test method to receive it; every one of them, and
 * {@code @Nested} classes inside, gets the same hub. A parameter of type {@link io.twinkit.emulator.TelemetryService}
 * receives the same hub's {@link io.twinkit.emulator.IotHub#telemetry()}, the device-to-cloud messages sent to it.
 *
 * <pre>{@code
 * @TwinkitHub(devices = {"thermostat-1", "gateway/edgeModule"}, twins = "classpath:fixtures/twins.json")
 * class ThermostatTest {
 *     @Test
 *     void setsTheTargetTemperature(IotHub hub) {
 *         TwinKey key = TwinKey.device("thermostat-1");
 *         hub.twins().update(key, JsonValue.parseObject(
 *                 "{\"properties\":{\"desired\":{\"targetTemperature\":21}}}"), null);
 *         assertThat(hub.twins().get(key).desired().version()).hasValue(2);
 *     }
 * }
 * }</pre>
 *
 * <p>The hub is seeded in this order: the twins of {@link #twins()} are imported exactly as given (identity, etag,
 * versions and properties), then each of {@link #devices()} that does not exist yet is created as a new enabled SAS
 * device or module. A seed that cannot be read or applied fails the class with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming the problem.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IotHubExtension.class)
public @interface TwinkitHub {

    /** Returns the hub name, {@code twinkit} unless set: 3 to 50 letters, digits or {@code -}. */
    String hubName() default "twinkit";

    /**
     * Returns the devices to create: a device id, or {@code deviceId/moduleId} for a module (its device is created
     * too when it does not exist).
     */
    String[] devices() default {};

    /**
     * Returns where the twins to import are: {@code classpath:path/twins.json} (a resource of the test class's class
     * loader) or {@code file:path/twins.json}; empty for none. The document is
     * {@code {"twins": [twin, ...], "modules": [moduleTwin, ...]}} with twins in the service's GET format; either
     * member may be left out. Device twins are imported before module twins.
     */
    String twins() default "";
}
