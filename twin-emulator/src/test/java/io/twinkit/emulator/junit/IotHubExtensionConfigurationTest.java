package io.twinkit.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** How the extension reads its annotation, and how it reports seeds it cannot use. */
class IotHubExtensionConfigurationTest {

    @TwinkitHub(twins = "classpath:no/such/twins.json")
    static final class MissingResource {
    }

    @TwinkitHub(twins = "https://example.com/twins.json")
    static final class UnknownScheme {
    }

    @TwinkitHub(hubName = "x")
    static final class BadName {
    }

    @TwinkitHub(devices = "bad id with spaces")
    static final class BadDevice {
    }

    @TwinkitHub(devices = {"a", "a", "a/m", "a/m"})
    static final class Repeated {
    }

    private static TwinkitHub config(Class<?> type) {
        return type.getAnnotation(TwinkitHub.class);
    }

    private IotHub start(String twins) {
        return IotHubExtension.start("twinkit", List.of(), twins, getClass());
    }

    @Test
    void withoutAnAnnotationTheHubHasTheDefaults() {
        try (IotHub hub = IotHubExtension.start(null, getClass())) {
            assertThat(hub.options().hubName()).isEqualTo("twinkit");
            assertThat(hub.registry().list()).isEmpty();
        }
    }

    @Test
    void aMissingResourceIsNamed() {
        assertThatThrownBy(() -> IotHubExtension.start(config(MissingResource.class), MissingResource.class))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("no/such/twins.json")
                .hasMessageContaining(MissingResource.class.getName());
    }

    @Test
    void aLocationNeedsAKnownScheme() {
        assertThatThrownBy(() -> IotHubExtension.start(config(UnknownScheme.class), UnknownScheme.class))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("'classpath:' or 'file:'");
    }

    @Test
    void anInvalidHubNameOrDeviceIdIsReported() {
        assertThatThrownBy(() -> IotHubExtension.start(config(BadName.class), BadName.class))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("hub name");
        assertThatThrownBy(() -> IotHubExtension.start(config(BadDevice.class), BadDevice.class))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("bad id with spaces");
    }

    @Test
    void aDeviceListedTwiceIsCreatedOnce() {
        try (IotHub hub = IotHubExtension.start(config(Repeated.class), Repeated.class)) {
            assertThat(hub.registry().find(TwinKey.device("a"))).isPresent();
            assertThat(hub.registry().find(TwinKey.module("a", "m"))).isPresent();
        }
    }

    @Test
    void twinsFilesAreReadFromFilesAndChecked(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.json"), "{\"twins\":[{\"deviceId\":\"from-file\","
                + "\"tags\":{\"site\":\"a\"}}]}");
        Path unknownMember = Files.writeString(dir.resolve("unknown.json"), "{\"devices\":[]}");
        Path notArray = Files.writeString(dir.resolve("notarray.json"), "{\"twins\":{}}");
        Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"twins\":[");
        Path badTwin = Files.writeString(dir.resolve("badtwin.json"), "{\"twins\":[{\"deviceId\":\"t\","
                + "\"tags\":{\"a b\":1}}]}");

        try (IotHub hub = start("file:" + good)) {
            assertThat(hub.twins().get(TwinKey.device("from-file")).tags().getString("site")).hasValue("a");
        }
        assertThatThrownBy(() -> start("file:" + unknownMember))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("unknown member 'devices'");
        assertThatThrownBy(() -> start("file:" + notArray))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("must be an array");
        assertThatThrownBy(() -> start("file:" + notJson))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("broken.json");
        assertThatThrownBy(() -> start("file:" + badTwin))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("the twin of t");
        assertThatThrownBy(() -> start("file:" + dir.resolve("absent.json")))
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("absent.json");
    }
}
