package io.twinkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinKey;
import io.twinkit.device.ConnectionState;
import io.twinkit.device.ConnectionStatusReason;
import io.twinkit.device.DeviceConnection;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * How long emulators, clients and connections live: sample classes run through JUnit's test kit record what they were
 * given, and once their run is over this test checks what is closed.
 */
@Timeout(180)
class EmulatorHubLifecycleTest {

    /** What the sample classes were given, by name. */
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    static EngineExecutionResults run(Class<?>... classes) {
        EngineTestKit.Builder kit = Sample.Kit.jupiter()
                .configurationParameter("junit.jupiter.testclass.order.default",
                        ClassOrderer.OrderAnnotation.class.getName());
        for (Class<?> type : classes) {
            kit.selectors(selectClass(type));
        }
        return kit.execute();
    }

    static void assertClosed(TwinkitEmulator emulator) {
        assertThatThrownBy(() -> emulator.hub().registry().list()).as("the hub of " + emulator)
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.httpsPort())) {
                socket.getInputStream();
            }
        }).as("the HTTPS port of " + emulator).isInstanceOf(ConnectException.class);
    }

    static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aTestsConnectionsAndClientAreClosedAfterItAndTheClassesAfterTheClassWithItsEmulator() throws IOException {
        EngineExecutionResults results = run(ClosingSample.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.succeeded(2));
        DeviceConnection classWide = (DeviceConnection) SEEN.get("class connection");
        assertThat(classWide.connectionStatus().state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(classWide.connectionStatus().reason()).isEqualTo(ConnectionStatusReason.CLIENT_CLOSED);
        TwinServiceClient classClient = (TwinServiceClient) SEEN.get("class client");
        assertThatThrownBy(() -> classClient.getTwin(TwinKey.device("dev1"))).isInstanceOf(
                IllegalStateException.class).hasMessageContaining("closed");
        assertClosed((TwinkitEmulator) SEEN.get("emulator"));
    }

    @Sample
    @EmulatorHub(devices = {"dev1", "dev2"})
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClosingSample {

        static DeviceConnection classWide;
        static TwinServiceClient classClient;

        @BeforeAll
        static void connectForTheClass(DeviceConnections devices, TwinServiceClient client, TwinkitEmulator emulator) {
            classWide = devices.connect("dev2");
            classClient = client;
            SEEN.put("class connection", classWide);
            SEEN.put("class client", client);
            SEEN.put("emulator", emulator);
        }

        @Test
        @Order(1)
        void connects(DeviceConnections devices, TwinServiceClient client) {
            DeviceConnection connection = devices.connect("dev1");
            connection.report(MergePatch.builder().set("seen", true).build());
            SEEN.put("test connection", connection);
            SEEN.put("test client", client);
            assertThat(client).as("a test's own client").isNotSameAs(classClient);
        }

        @Test
        @Order(2)
        void theFirstTestsConnectionAndClientAreClosedTheClassesAreNot(TwinkitEmulator emulator)
                throws InterruptedException {
            DeviceConnection first = (DeviceConnection) SEEN.get("test connection");
            assertThat(first.connectionStatus().state()).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(first.connectionStatus().reason()).isEqualTo(ConnectionStatusReason.CLIENT_CLOSED);
            await(() -> emulator.hub().registry().get(TwinKey.device("dev1")).connectionState()
                    == io.twinkit.core.ConnectionState.DISCONNECTED, "the hub sees dev1 disconnect");
            TwinServiceClient firstClient = (TwinServiceClient) SEEN.get("test client");
            assertThatThrownBy(() -> firstClient.getTwin(TwinKey.device("dev1"))).isInstanceOf(
                    IllegalStateException.class);

            assertThat(classWide.connectionStatus().state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(emulator.hub().registry().get(TwinKey.device("dev2")).connectionState())
                    .isEqualTo(io.twinkit.core.ConnectionState.CONNECTED);
            assertThat(classClient.getTwin(TwinKey.device("dev1")).reported().properties().getBoolean("seen")).hasValue(true);
        }
    }

    @Test
    void aRunScopedEmulatorIsSharedByClassesOfTheSameConfigurationAndClosedWhenTheRunEnds() {
        EngineExecutionResults results = run(RunSampleA.class, RunSampleB.class, RunSampleOther.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.succeeded(3));
        TwinkitEmulator a = (TwinkitEmulator) SEEN.get("A");
        TwinkitEmulator b = (TwinkitEmulator) SEEN.get("B");
        TwinkitEmulator other = (TwinkitEmulator) SEEN.get("other");
        assertThat(a).isSameAs(b).isNotSameAs(other);
        assertThat(other.hub().options().hubName()).isEqualTo("other-hub");
        assertClosed(a);
        assertClosed(other);
    }

    @Sample
    @EmulatorHub(scope = EmulatorHub.Scope.RUN, hubName = "shared-hub", devices = "shared-device")
    @Order(1)
    static class RunSampleA {
        @Test
        void tagsTheSharedDevice(TwinkitEmulator emulator, TwinServiceClient backEnd) {
            SEEN.put("A", emulator);
            backEnd.update(TwinKey.device("shared-device"), TwinPatch.ofTags(MergePatch.builder()
                    .set("taggedBy", "A").build()));
        }
    }

    @Sample
    @EmulatorHub(scope = EmulatorHub.Scope.RUN, hubName = "shared-hub", devices = "shared-device")
    @Order(2)
    static class RunSampleB {
        @Test
        void seesTheTagOfTheOtherClass(TwinkitEmulator emulator, TwinServiceClient backEnd,
                                       DeviceConnections devices) {
            SEEN.put("B", emulator);
            assertThat(backEnd.getTwin(TwinKey.device("shared-device")).tags().getString("taggedBy"))
                    .as("A's tag, on the emulator A's class left running").hasValue("A");
            devices.connect("shared-device").report(MergePatch.builder().set("from", "B").build());
        }
    }

    @Sample
    @EmulatorHub(scope = EmulatorHub.Scope.RUN, hubName = "other-hub")
    @Order(3)
    static class RunSampleOther {
        @Test
        void hasAnEmulatorOfItsOwn(TwinkitEmulator emulator) {
            SEEN.put("other", emulator);
            assertThat(emulator.hub().registry().find(TwinKey.device("shared-device"))).isEmpty();
        }
    }
}
