package io.twinkit.reliability.load;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The desired-property updates the back ends sent to one device: how many were acknowledged, how many have an unknown
 * outcome (the call failed, so the update may or may not have been applied), and, per back-end key, the last
 * acknowledged value and the values sent after it without an acknowledgement. Guarded by the {@link BackendLoad}.
 */
final class DesiredAcks {

    int acked;
    int unknown;
    final Map<String, Long> lastAcked = new HashMap<>();
    final Map<String, Set<Long>> unknownAfter = new HashMap<>();

    void acked(String key, long value) {
        acked++;
        lastAcked.put(key, value);
        unknownAfter.remove(key);
    }

    void unknown(String key, long value) {
        unknown++;
        unknownAfter.computeIfAbsent(key, k -> new HashSet<>()).add(value);
    }

    /** Returns whether {@code value} may be what the twin holds for {@code key} now. */
    boolean allows(String key, long value) {
        Long last = lastAcked.get(key);
        return (last != null && last == value) || unknownAfter.getOrDefault(key, Set.of()).contains(value);
    }
}
