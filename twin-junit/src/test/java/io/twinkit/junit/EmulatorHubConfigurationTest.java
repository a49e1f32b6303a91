package io.twinkit.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** An annotation the extension cannot use fails its class with a message that names the class and the problem. */
class EmulatorHubConfigurationTest {

    private static EngineExecutionResults run(Class<?> type) {
        return Sample.Kit.jupiter().selectors(selectClass(type)).execute();
    }

    private static void assertFailsWith(Class<?> type, String... parts) {
        EngineExecutionResults results = run(type);
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(type), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(text -> text.contains("@EmulatorHub on " + type.getName()) && java.util.Arrays.stream(parts)
                        .allMatch(text::contains)))));
    }

    @Test
    void anInvalidHubNameIsNamed() {
        assertFailsWith(BadHubName.class, "hubName 'x' is invalid");
    }

    @ParameterizedTest
    @ValueSource(classes = {BadDevice.class, EmptyDevice.class, BadModule.class, TooManyParts.class})
    void anInvalidDeviceOrModuleIsNamed(Class<?> type) {
        String entry = type.getAnnotation(EmulatorHub.class).devices()[0];
        assertFailsWith(type, "devices entry '" + entry + "' is not a device id or deviceId/moduleId");
    }

    @Test
    void aRunScopedClassFailsTheSameWay() {
        assertFailsWith(BadRunScoped.class, "devices entry 'a b'");
    }

    @Sample
    @EmulatorHub(hubName = "x")
    static class BadHubName {
        @Test
        void never() {
        }
    }

    @Sample
    @EmulatorHub(devices = "bad id with spaces")
    static class BadDevice {
        @Test
        void never() {
        }
    }

    @Sample
    @EmulatorHub(devices = "")
    static class EmptyDevice {
        @Test
        void never() {
        }
    }

    @Sample
    @EmulatorHub(devices = "gateway/bad module")
    static class BadModule {
        @Test
        void never() {
        }
    }

    @Sample
    @EmulatorHub(devices = "a/b/c")
    static class TooManyParts {
        @Test
        void never() {
        }
    }

    @Sample
    @EmulatorHub(scope = EmulatorHub.Scope.RUN, devices = {"fine", "a b"})
    static class BadRunScoped {
        @Test
        void never(TwinkitEmulatorHolder unused) {
        }
    }

    /** A type no extension resolves: the class must fail before its tests get that far. */
    static final class TwinkitEmulatorHolder {
    }
}
