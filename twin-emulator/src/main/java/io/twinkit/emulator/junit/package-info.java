/**
 * JUnit 5 support: {@link io.twinkit.emulator.junit.TwinkitHub} gives a test class a local
 * {@link io.twinkit.emulator.IotHub}, seeded with devices and twins, injected (and so is its
 * {@link io.twinkit.emulator.TelemetryService}) into constructors, {@code @BeforeAll} methods and test methods, and
 * closed after the class.
 */
@NullMarked
package io.twinkit.emulator.junit;

import org.jspecify.annotations.NullMarked;
