package io.twinkit.reliability.load;

import io.twinkit.core.TwinDocument;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Waits for devices to catch up with their twins' desired properties: notifications may still be on their way. */
public final class DesiredViews {

    private DesiredViews() {
    }

    /**
     * Returns the ledgers of {@code fleet} once every device has held its twin's desired {@code $version}, or when
     * {@code timeout} has passed (the check that follows then names the devices that lag). Call it when nothing
     * writes desired properties any more.
     *
     * @param twins reads the twin of a device id
     */
    public static List<DeviceLedger> await(Fleet fleet, Function<String, TwinDocument> twins, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> settled = new HashSet<>();
        while (true) {
            List<DeviceLedger> ledgers = fleet.ledgers();
            for (DeviceLedger ledger : ledgers) {
                if (!settled.contains(ledger.deviceId()) && ledger.desiredVersion()
                        == twins.apply(ledger.deviceId()).desired().version().orElse(-1)) {
                    settled.add(ledger.deviceId());
                }
            }
            if (settled.size() == ledgers.size() || System.nanoTime() > deadline) {
                return ledgers;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
