package io.twinkit.emulator.testing;

import com.microsoft.azure.sdk.iot.device.twin.Twin;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Desired-property patches that the official device SDK delivered to a test's callback. */
public final class DesiredPatches {

    private DesiredPatches() {
    }

    /**
     * Takes patches from {@code desired} until one carries {@code $version} {@code version}, dropping the others.
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public static Twin nextWithVersion(BlockingQueue<Twin> desired, int version, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Twin twin = desired.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (twin != null && Integer.valueOf(version).equals(twin.getDesiredProperties().getVersion())) {
                return twin;
            }
        }
        throw new AssertionError("no desired patch with $version " + version + " within " + timeout.toMillis() + " ms");
    }
}
