package io.twinkit.emulator.crash;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.Durability;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child of {@link HubCrashTest}: a hub on the data directory {@code args[0]} written by {@link #THREADS} threads
 * until the process is killed. Thread {@code t} alone writes devices {@code d<t>} and {@code d<t + THREADS>}, in
 * turn a desired update {@code {"n": i}} and a reported patch {@code {"n": i}}, and all threads report
 * {@code {"t<t>": i}} to device {@code shared}. After each write returns it prints one line:
 * {@code D <device> <i> <desired $version>}, {@code R <device> <i> <reported $version>} or
 * {@code S <t> <i> <reported $version>}. It prints {@code READY} once the devices exist.
 */
public final class HubCrashWriterMain {

    /** The number of writing threads. */
    static final int THREADS = 4;

    /** The device every thread reports to. */
    static final String SHARED = "shared";

    private HubCrashWriterMain() {
    }

    /** Runs the writers on the data directory {@code args[0]}, with the {@link Durability} {@code args[1]} (SYNC). */
    public static void main(String[] args) throws Exception {
        Orphans.exitWhenParentGoes();
        long stopAt = System.nanoTime() + 60_000_000_000L;
        Durability durability = args.length > 1 ? Durability.valueOf(args[1]) : Durability.SYNC;
        IotHub hub = IotHub.create(HubOptions.builder().dataDirectory(Path.of(args[0])).durability(durability)
                .build());
        hub.registry().createDevice(TwinKey.device(SHARED).deviceId());
        for (int d = 0; d < 2 * THREADS; d++) {
            hub.registry().createDevice(TwinKey.device("d" + d).deviceId());
        }
        ack("READY");
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread writer = new Thread(() -> write(hub, thread, stopAt), "writer-" + t);
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        hub.close();
        System.exit(3);
    }

    private static void write(IotHub hub, int thread, long stopAt) {
        for (long i = 1; System.nanoTime() < stopAt && !System.out.checkError(); i++) {
            String device = "d" + (i % 2 == 0 ? thread : thread + THREADS);
            TwinKey key = TwinKey.device(device);
            JsonObject n = JsonObject.of("n", JsonNumber.of(i));
            long desired = hub.twins().update(key, JsonObject.of("properties", JsonObject.of("desired", n)), null)
                    .desired().version().getAsLong();
            ack("D " + device + " " + i + " " + desired);
            long reported = hub.twins().report(key, n, null);
            ack("R " + device + " " + i + " " + reported);
            long shared = hub.twins().report(TwinKey.device(SHARED), JsonObject.of("t" + thread, JsonNumber.of(i)),
                    null);
            ack("S " + thread + " " + i + " " + shared);
        }
    }

    private static void ack(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
