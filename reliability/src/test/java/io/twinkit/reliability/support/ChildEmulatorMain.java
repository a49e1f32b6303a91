package io.twinkit.reliability.support;

import io.twinkit.emulator.crash.Orphans;
import io.twinkit.emulator.server.EmulatorCommand;

/**
 * The main class of a {@link ChildEmulator}: the emulator's command line, which halts when the test JVM that started
 * it goes away, so a crashed test leaves no emulator holding its ports.
 */
public final class ChildEmulatorMain {

    private ChildEmulatorMain() {
    }

    /** Runs {@link EmulatorCommand#main} with {@code args} after arranging to halt with the parent. */
    public static void main(String[] args) {
        Orphans.exitWhenParentGoes();
        EmulatorCommand.main(args);
    }
}
