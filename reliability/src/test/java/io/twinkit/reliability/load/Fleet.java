package io.twinkit.reliability.load;

import io.twinkit.reliability.support.EmulatorEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A group of {@link LoadDevice}s, every other one over a secure WebSocket and the rest over TLS, started in batches and
 * stopped together.
 */
public final class Fleet {

    private final List<LoadDevice> devices = new ArrayList<>();
    private final LoadStats stats;

    /**
     * Creates the devices {@code ids} of {@code endpoint} on {@code network}; nothing connects yet.
     *
     * @param maxInFlight the reports a device may have awaiting their response
     */
    public Fleet(LoadNetwork network, List<String> ids, LoadDevice.ReportMode mode, int maxInFlight,
                 LoadStats stats) {
        this.stats = stats;
        EmulatorEndpoint endpoint = network.endpoint();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            devices.add(new LoadDevice(network, id, endpoint.deviceKey(id), i % 2 == 1, mode, stats, maxInFlight));
        }
    }

    /** Returns the devices. */
    public List<LoadDevice> devices() {
        return devices;
    }

    /** Returns the counters all devices share. */
    public LoadStats stats() {
        return stats;
    }

    /**
     * Connects every device, {@code batch} at a time, and returns how long it took.
     *
     * @throws TimeoutException if the devices were not all online within {@code timeout}
     */
    public Duration startAll(int batch, Duration timeout) throws InterruptedException, TimeoutException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        for (int from = 0; from < devices.size(); from += batch) {
            List<CompletableFuture<Void>> online = new ArrayList<>();
            for (LoadDevice device : devices.subList(from, Math.min(devices.size(), from + batch))) {
                online.add(device.start());
            }
            await(CompletableFuture.allOf(online.toArray(CompletableFuture[]::new)), deadline,
                    "devices " + from + "+ online");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Makes every device also send a telemetry message with QoS 1 at each tick, with at most {@code window} awaiting
     * their PUBACK; call it before {@link #startReporting}.
     */
    public void sendTelemetry(int window) {
        devices.forEach(device -> device.sendTelemetry(window));
    }

    /** Makes every device report every {@code intervalMillis}, each at a random phase of the interval. */
    public void startReporting(long intervalMillis) {
        for (LoadDevice device : devices) {
            device.startReporting(ThreadLocalRandom.current().nextLong(intervalMillis), intervalMillis);
        }
    }

    /** Stops reporting and waits until no report awaits its response. */
    public void stopReporting(Duration timeout) throws InterruptedException, TimeoutException {
        awaitAll(LoadDevice::stopReporting, timeout, "reports drained");
    }

    /** Waits until every device is online and in sync. */
    public void awaitOnline(Duration timeout) throws InterruptedException, TimeoutException {
        awaitAll(LoadDevice::awaitOnline, timeout, "devices online");
    }

    /** Returns what each device knows now, in device order. */
    public List<DeviceLedger> ledgers() throws InterruptedException, TimeoutException {
        List<CompletableFuture<DeviceLedger>> futures = devices.stream().map(LoadDevice::ledger).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<DeviceLedger> ledgers = new ArrayList<>();
        for (CompletableFuture<DeviceLedger> future : futures) {
            ledgers.add(await(future, deadline, "ledger"));
        }
        return ledgers;
    }

    private void awaitAll(Function<LoadDevice, CompletableFuture<Void>> step, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        List<CompletableFuture<Void>> futures = devices.stream().map(step).toList();
        await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)),
                System.nanoTime() + timeout.toNanos(), what);
    }

    private <T> T await(CompletableFuture<T> future, long deadline, String what)
            throws InterruptedException, TimeoutException {
        try {
            return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            TimeoutException timeout = new TimeoutException(what + ": not done in time; " + stats.toJson()
                    + "; problems " + stats.problems());
            timeout.initCause(e);
            throw timeout;
        }
    }

    /** Disconnects every device. */
    public void close() throws InterruptedException, TimeoutException {
        awaitAll(LoadDevice::close, Duration.ofSeconds(30), "devices closed");
    }
}
