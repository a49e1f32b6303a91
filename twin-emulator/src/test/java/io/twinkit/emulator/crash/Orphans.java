package io.twinkit.emulator.crash;

import java.io.IOException;

/** Ends a child JVM whose parent test JVM died: the parent's end of the child's standard input then closes. */
public final class Orphans {

    private Orphans() {
    }

    /** Starts a daemon thread that halts this JVM at the end of standard input. */
    public static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; reading only waits for the pipe to close
                }
            } catch (IOException e) {
                // a broken pipe means the same as its end
            }
            Runtime.getRuntime().halt(4);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
