/**
 * Runnable examples of twinkit: the device-twin tutorial ({@link io.twinkit.examples.Tutorial}) and scenarios built on
 * it, each a class with a {@code main} and a {@code run} method that tests call. They run on an emulator started
 * in-process unless environment variables name a real IoT Hub or a standalone emulator
 * ({@link io.twinkit.examples.HubSettings}); {@link io.twinkit.examples.Examples} is the entry point of
 * {@code twinkit-examples.jar}.
 *
 * <p>These are programs: they print to the streams they are given, and report success through their exit status
 * (0 when every step saw what it expected, 1 when one did not or the hub failed, 2 for bad settings). Parameters and
 * results are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.twinkit.examples;

import org.jspecify.annotations.NullMarked;
