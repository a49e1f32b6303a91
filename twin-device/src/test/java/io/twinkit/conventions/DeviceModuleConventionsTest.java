package io.twinkit.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.SourceConventions;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module conventions (see {@link SourceConventions}) for twin-device: no SDK, Gson or Jackson type in the API,
 * exactly the two client packages exported, and each side's SDK adapter kept to its own side.
 */
class DeviceModuleConventionsTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void everyPublicDeclarationHasJavadocAndEveryPackageAPackageInfo() throws Exception {
        assertThat(SourceConventions.undocumentedPublicDeclarations(SOURCES)).isEmpty();
        assertThat(SourceConventions.packagesWithoutInfo(SOURCES)).isEmpty();
    }

    @Test
    void noForeignTypeAppearsOutsideTheInternalAdapters() throws Exception {
        assertThat(SourceConventions.foreignTypeLeaks(CLASSES, Set.of(), Set.of()))
                .filteredOn(leak -> !leak.contains(".internal."))
                .isEmpty();
    }

    @Test
    void theModuleExportsTheTwoClientPackagesOnly() throws Exception {
        ModuleDescriptor module = SourceConventions.moduleDescriptor(CLASSES);

        assertThat(module.name()).isEqualTo("io.twinkit.device");
        assertThat(module.exports()).allSatisfy(export -> assertThat(export.isQualified()).isFalse());
        assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("io.twinkit.device", "io.twinkit.service");
        assertThat(module.packages()).contains("io.twinkit.client.internal", "io.twinkit.service.internal",
                "io.twinkit.device.internal");
        assertThat(module.opens()).isEmpty();
    }

    @Test
    void noExportedSignatureNamesAnUnexportedType() throws Exception {
        assertThat(SourceConventions.publicClasses(CLASSES)).extracting(Class::getSimpleName)
                .contains("TwinServiceClient", "TwinDeviceClient", "UpdateOptions");
        assertThat(SourceConventions.internalTypeLeaks(CLASSES)).isEmpty();
    }

    @Test
    void eachSideUsesOnlyItsOwnAdapterAndTheSharedPlumbing() throws Exception {
        assertThat(references(Path.of("io", "twinkit", "device"), "io.twinkit.service.internal"))
                .as("the device side (io.twinkit.device and its internal package) reaching into the service adapter")
                .isEmpty();
        assertThat(references(Path.of("io", "twinkit", "service"), "io.twinkit.device.internal"))
                .as("the back-end side (io.twinkit.service and its internal package) reaching into the device adapter")
                .isEmpty();
        assertThat(references(Path.of("io", "twinkit", "client"), "io.twinkit.device.internal"))
                .as("the shared plumbing reaching into the device adapter").isEmpty();
        assertThat(references(Path.of("io", "twinkit", "client"), "io.twinkit.service.internal"))
                .as("the shared plumbing reaching into the service adapter").isEmpty();
    }

    @Test
    void theSideCheckSeesAReferenceWhereThereIsOne() throws Exception {
        // the check reads the compiled constant pools: the builders do use the shared plumbing and their own adapter
        assertThat(references(Path.of("io", "twinkit", "device"), "io.twinkit.client.internal"))
                .contains("io/twinkit/device/TwinDeviceClientBuilder.class");
        assertThat(references(Path.of("io", "twinkit", "device"), "io.twinkit.device.internal"))
                .contains("io/twinkit/device/TwinDeviceClientBuilder.class");
        assertThat(references(Path.of("io", "twinkit", "service"), "io.twinkit.service.internal"))
                .contains("io/twinkit/service/TwinServiceClientBuilder.class");
    }

    /**
     * Returns the class files under {@code CLASSES/dir} whose constant pool names a class of package {@code pkg}
     * (as {@code io/twinkit/x/internal/}), relative to {@code CLASSES} with {@code /} separators. A class's constant
     * pool holds every class it refers to, in code, signatures, annotations and nested types alike.
     */
    private static List<String> references(Path dir, String pkg) throws IOException {
        byte[] internalName = (pkg.replace('.', '/') + "/").getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve(dir))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (indexOf(bytes, internalName) >= 0) {
                    found.add(CLASSES.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
