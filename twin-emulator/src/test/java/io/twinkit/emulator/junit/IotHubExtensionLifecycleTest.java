package io.twinkit.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hubs live as long as their class: the nested classes below record the hubs their tests get, and once they are done
 * (JUnit runs nested classes before this class's {@code @AfterAll}) every hub must be closed.
 */
class IotHubExtensionLifecycleTest {

    private static final Map<String, List<IotHub>> HUBS = new ConcurrentHashMap<>();

    private static void record(String owner, IotHub hub) {
        HUBS.computeIfAbsent(owner, k -> Collections.synchronizedList(new ArrayList<>())).add(hub);
    }

    @AfterAll
    static void everyClassHadOneHubAndItIsClosedNow() {
        assertThat(HUBS).containsOnlyKeys("First", "Second", "PerClass", "Inner");
        for (Map.Entry<String, List<IotHub>> entry : HUBS.entrySet()) {
            assertThat(entry.getValue()).as(entry.getKey()).isNotEmpty()
                    .allSatisfy(hub -> assertThat(hub).isSameAs(entry.getValue().get(0)));
        }
        assertThat(HUBS.get("First").get(0)).isNotSameAs(HUBS.get("Second").get(0))
                .isNotSameAs(HUBS.get("PerClass").get(0));
        assertThat(HUBS.get("Inner").get(0)).as("a nested class shares its outer class's hub")
                .isSameAs(HUBS.get("Second").get(0));
        for (List<IotHub> hubs : HUBS.values()) {
            IotHub hub = hubs.get(0);
            assertThatThrownBy(() -> hub.registry().list()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    @TwinkitHub(hubName = "first")
    class First {
        @Test
        void one(IotHub hub) {
            record("First", hub);
            hub.registry().createDevice(DeviceId.of("only-in-first"));
        }

        @Test
        void two(IotHub hub) {
            record("First", hub);
            assertThat(hub.options().hubName()).isEqualTo("first");
        }
    }

    @Nested
    @TwinkitHub(hubName = "second")
    class Second {
        @Test
        void aHubOfItsOwn(IotHub hub) {
            record("Second", hub);
            assertThat(hub.registry().find(TwinKey.device("only-in-first"))).isEmpty();
        }

        @Nested
        class Inner {
            @Test
            void theOuterHub(IotHub hub) {
                record("Inner", hub);
                assertThat(hub.options().hubName()).isEqualTo("second");
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TwinkitHub(hubName = "per-class", devices = "dev")
    class PerClass {
        private final IotHub hub;

        PerClass(IotHub hub) {
            this.hub = hub;
        }

        @Test
        void theConstructorGetsTheSeededHubBeforeAllCallbacks(IotHub hub) {
            record("PerClass", this.hub);
            record("PerClass", hub);
            assertThat(hub.registry().find(TwinKey.device("dev"))).isPresent();
        }
    }
}
