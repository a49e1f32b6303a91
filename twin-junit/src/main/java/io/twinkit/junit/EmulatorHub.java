package io.twinkit.junit;

import io.twinkit.device.Transport;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a running twinkit wire emulator ({@link io.twinkit.emulator.server.TwinkitEmulator}:
 * the HTTPS service API and the MQTT device API on real sockets, on a loopback address; see {@link #transport()}), with
 * the {@link #devices()} created, and injects what a test needs to talk to it as an application does. Declare
 * parameters of these types on the constructor, a {@code @BeforeAll}, {@code @BeforeEach} or {@code @AfterEach}
 * method or a test method:
 *
 * <ul>
 *   <li>{@link EmulatorEndpoint}: the emulator's ready line and what it announces (ports, host names, CA certificate,
 *       connection strings), for code under test that is configured with them;</li>
 *   <li>{@link io.twinkit.service.TwinServiceClient}: a back-end client of the emulator, trusting its CA;</li>
 *   <li>{@link DeviceConnections}: builds and opens {@link io.twinkit.device.DeviceConnection}s of the emulator's
 *       devices and modules over {@link #transport()};</li>
 *   <li>{@link io.twinkit.emulator.server.TwinkitEmulator}: the emulator itself, to seed and inspect its hub in-process
 *       ({@code emulator.hub()}).</li>
 * </ul>
 *
 * <pre>{@code
 * @EmulatorHub(devices = {"thermostat-1", "gateway/edgeModule"})
 * class ThermostatTest {
 *     @Test
 *     void theBackEndSeesWhatTheDeviceReports(TwinServiceClient backEnd, DeviceConnections devices) {
 *         DeviceConnection device = devices.connect("thermostat-1");
 *         device.report(MergePatch.of(JsonValue.parseObject("{\"temperature\":21.5}")));
 *         backEnd.awaitReported(TwinKey.device("thermostat-1"), r -> r.contains("temperature"),
 *                 Duration.ofSeconds(10));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Lifetimes.</b> The emulator lives as long as {@link #scope()} says: one per test class ({@link Scope#CLASS},
 * the default; {@code @Nested} classes use the one of the nearest enclosing class annotated with
 * {@code @EmulatorHub}, unless annotated themselves), or one per distinct configuration for the whole run
 * ({@link Scope#RUN}). Test classes that run in parallel each get their own emulator, except classes that share one
 * with {@code Scope.RUN}. The {@code TwinServiceClient} and {@code DeviceConnections} (and every connection it made)
 * belong to the test method, or class, they were injected into, and are closed when it ends; an emulator closes
 * whatever is still open of them before it closes itself.
 *
 * <p><b>Trust.</b> The injected {@code TwinServiceClient} trusts the emulator's CA as
 * {@code TwinServiceClient.builder().emulatorReadyLine(...)} does: the official service SDK has no TLS option, so the
 * CA is added to what the JVM's {@code HttpsURLConnection}s trust (each emulator has a CA of its own, trusted only for
 * the certificates it signs). Device connections trust it per connection.
 *
 * <p><b>Errors.</b> An invalid hub name or device id, or an emulator that cannot start, fails the class with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} that names the class and the problem.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmulatorHubExtension.class)
public @interface EmulatorHub {

    /** Returns the hub name, {@code twinkit} unless set: 3 to 50 letters, digits or {@code -}. */
    String hubName() default "twinkit";

    /**
     * Returns the devices to create when the emulator starts: a device id, or {@code deviceId/moduleId} for a module
     * (its device is created too when it does not exist). Each gets fresh SAS keys; the devices (not the modules) are
     * announced in the ready line's {@code devices}.
     */
    String[] devices() default {};

    /** Returns how long the emulator lives, and who shares it: {@link Scope#CLASS} unless set. */
    Scope scope() default Scope.CLASS;

    /**
     * Returns the transport the injected {@link DeviceConnections} connect devices with, {@link Transport#MQTT} unless
     * set.
     *
     * <ul>
     *   <li>{@link Transport#MQTT}: MQTT over TLS. The device SDK speaks it to port 8883 only, so the emulator claims a
     *       loopback address of its own (the first free one of 127.0.0.2, 127.0.0.3, …) and serves every port there,
     *       8883 included; emulators of parallel classes, other builds and a local MQTT broker on 127.0.0.1:8883 do
     *       not collide. Where no such address can be claimed (macOS has only 127.0.0.1 unless more are aliased), the
     *       emulator starts on 127.0.0.1 and the devices connect over MQTT over WebSocket instead, with a warning in
     *       the log; {@link EmulatorEndpoint#transport()} says which it is.</li>
     *   <li>{@link Transport#MQTT_WEBSOCKET}: MQTT over secure WebSocket to a free port of an emulator on 127.0.0.1,
     *       on every machine.</li>
     * </ul>
     */
    Transport transport() default Transport.MQTT;

    /** How long an {@link EmulatorHub} emulator lives, and which test classes share it. */
    enum Scope {
        /**
         * One emulator per annotated test class, started before its first use (at the latest before the class's
         * {@code @BeforeAll} methods) and closed after the class's last test; its {@code @Nested} classes share it.
         */
        CLASS,
        /**
         * One emulator for the whole run (the JUnit Platform's execution, in a Maven or Gradle build one per test
         * JVM) per distinct configuration: every class annotated with the same {@link #hubName()},
         * {@link #devices()} (in the same order) and {@link #transport()} gets the same emulator, closed when the run
         * ends. Classes that share it see each other's twins, so each should use devices of its own or clean up.
         */
        RUN
    }
}
