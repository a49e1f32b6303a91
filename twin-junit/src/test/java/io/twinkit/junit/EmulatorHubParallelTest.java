package io.twinkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinKey;
import io.twinkit.device.DeviceConnection;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Two test classes run in parallel each get their own emulator: both reach a barrier while their emulators run (so
 * they did run at the same time), and each sees its own devices and twins only.
 */
@Timeout(180)
class EmulatorHubParallelTest {

    /** Where the two sample classes meet; both must reach it, or it breaks after a minute. */
    static volatile CyclicBarrier barrier = new CyclicBarrier(2);
    static final Map<String, TwinkitEmulator> EMULATORS = new ConcurrentHashMap<>();
    static final Map<String, String> THREADS = new ConcurrentHashMap<>();

    @Test
    void twoClassesRunInParallelEachWithAHubOfItsOwn() {
        barrier = new CyclicBarrier(2);
        EMULATORS.clear();

        EngineExecutionResults results = Sample.Kit.jupiter()
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(Left.class), selectClass(Right.class))
                .execute();

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.succeeded(2));
        assertThat(barrier.isBroken()).isFalse();
        assertThat(EMULATORS.get("left")).isNotNull().isNotSameAs(EMULATORS.get("right"));
        assertThat(EMULATORS.get("left").httpsPort()).isNotEqualTo(EMULATORS.get("right").httpsPort());
        assertThat(THREADS.get("left")).isNotEqualTo(THREADS.get("right"));
        EMULATORS.values().forEach(EmulatorHubLifecycleTest::assertClosed);
    }

    /** Both sides do the same with their own devices, meeting the other side twice. */
    static void meetAndCheckIsolation(String side, String other, TwinkitEmulator emulator,
                                      TwinServiceClient backEnd, DeviceConnections devices) throws Exception {
        EMULATORS.put(side, emulator);
        THREADS.put(side, Thread.currentThread().getName());
        barrier.await(60, TimeUnit.SECONDS);

        backEnd.update(TwinKey.device(side + "-1"), TwinPatch.ofTags(MergePatch.builder().set("side", side).build()));
        DeviceConnection device = devices.connect(side + "-1");
        device.report(MergePatch.builder().set("side", side).build());
        barrier.await(60, TimeUnit.SECONDS);

        List<String> all = backEnd.queries().twins("SELECT * FROM devices").map(t -> t.deviceId().value()).toList();
        assertThat(all).containsExactlyInAnyOrder(side + "-1", side + "-2");
        assertThat(backEnd.queries().twins("SELECT * FROM devices WHERE tags.side = '" + other + "'").toList())
                .isEmpty();
        assertThat(backEnd.queries().twins("SELECT * FROM devices WHERE properties.reported.side = '" + side + "'")
                .map(t -> t.deviceId().value()).toList()).containsExactly(side + "-1");
        assertThatThrownBy(() -> devices.connectionString(other + "-1")).isInstanceOf(
                IllegalArgumentException.class);
        assertThat(emulator.hub().telemetry().messages()).isEmpty();
    }

    @Sample
    @EmulatorHub(devices = {"left-1", "left-2"})
    static class Left {
        @Test
        void meetsRightAndSeesOnlyItsOwnHub(TwinkitEmulator emulator, TwinServiceClient backEnd,
                                            DeviceConnections devices) throws Exception {
            meetAndCheckIsolation("left", "right", emulator, backEnd, devices);
        }
    }

    @Sample
    @EmulatorHub(devices = {"right-1", "right-2"})
    static class Right {
        @Test
        void meetsLeftAndSeesOnlyItsOwnHub(TwinkitEmulator emulator, TwinServiceClient backEnd,
                                           DeviceConnections devices) throws Exception {
            meetAndCheckIsolation("right", "left", emulator, backEnd, devices);
        }
    }
}
