/**
 * twin-junit: the JUnit 5 extension that starts the twinkit wire emulator for tests and hands them ready clients.
 * {@code io.twinkit.junit} is the only package and the API: {@link io.twinkit.junit.EmulatorHub}, its extension, the
 * {@link io.twinkit.junit.EmulatorEndpoint} and the {@link io.twinkit.junit.DeviceConnections} factory; the helpers
 * behind them are package-private.
 *
 * <p>A module of its own because it needs both the emulator (twin-emulator, to start it) and the clients
 * (twin-device, to inject them), and twin-device depends on twin-emulator in its tests. Both are required
 * transitively, as is JUnit's API: the injected types and the annotation's members are theirs. slf4j-api 1.7 is an
 * automatic module, which javac's {@code requires-automatic} lint reports; it is not required transitively, and the
 * warning is suppressed.
 */
@SuppressWarnings("requires-automatic")
module io.twinkit.junit {
    requires transitive io.twinkit.device;
    requires transitive io.twinkit.emulator;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.commons;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports io.twinkit.junit;
}
