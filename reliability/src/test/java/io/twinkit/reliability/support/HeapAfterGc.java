package io.twinkit.reliability.support;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.twinkit.core.json.JsonObject;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap in use right after each garbage collection while it is open: the live data plus what the collection left,
 * which is what grows when something leaks. Sampled from the JVM's GC notifications, so it costs nothing between
 * collections. Thread-safe.
 */
public final class HeapAfterGc implements AutoCloseable {

    private static final long MIB = 1024 * 1024;

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final long start = System.nanoTime();
    private final List<long[]> samples = new ArrayList<>();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());

    /** Starts listening to every collector. */
    public HeapAfterGc() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        synchronized (samples) {
            samples.add(new long[] {System.nanoTime() - start, used});
        }
    }

    /** Returns the largest heap in use after a collection so far, in bytes; 0 before the first collection. */
    public long maxBytes() {
        synchronized (samples) {
            return samples.stream().mapToLong(s -> s[1]).max().orElse(0);
        }
    }

    /**
     * Returns {@code collections}, {@code maxMiB}, and the average after-collection heap of the first and the last
     * third of the run ({@code firstThirdMiB}, {@code lastThirdMiB}), in MiB.
     */
    public JsonObject toJson() {
        List<long[]> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        long end = copy.isEmpty() ? 0 : copy.get(copy.size() - 1)[0];
        return JsonObject.builder()
                .put("collections", copy.size())
                .put("maxMiB", maxBytes() / MIB)
                .put("firstThirdMiB", average(copy, 0, end / 3) / MIB)
                .put("lastThirdMiB", average(copy, end - end / 3, end) / MIB)
                .put("heapMaxMiB", Runtime.getRuntime().maxMemory() / MIB)
                .build();
    }

    private static long average(List<long[]> samples, long from, long to) {
        return (long) samples.stream().filter(s -> s[0] >= from && s[0] <= to).mapToLong(s -> s[1]).average()
                .orElse(0);
    }

    /** Stops listening. */
    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
