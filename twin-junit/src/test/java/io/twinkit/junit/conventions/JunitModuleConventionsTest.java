package io.twinkit.junit.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.PackageDependencies;
import io.twinkit.core.conventions.SourceConventions;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module conventions (see {@link SourceConventions}) for twin-junit: one exported package, documented, with no
 * SDK, Gson or Jackson type in it and no internal type of another module.
 */
class JunitModuleConventionsTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void everyPublicDeclarationHasJavadocAndEveryPackageAPackageInfo() throws Exception {
        assertThat(SourceConventions.undocumentedPublicDeclarations(SOURCES)).isEmpty();
        assertThat(SourceConventions.packagesWithoutInfo(SOURCES)).isEmpty();
    }

    @Test
    void theModuleExportsItsOnePackageOnly() throws Exception {
        ModuleDescriptor module = SourceConventions.moduleDescriptor(CLASSES);

        assertThat(module.name()).isEqualTo("io.twinkit.junit");
        assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactly("io.twinkit.junit");
        assertThat(module.opens()).isEmpty();
        assertThat(module.requires().stream().filter(r -> r.modifiers().contains(
                ModuleDescriptor.Requires.Modifier.TRANSITIVE)).map(ModuleDescriptor.Requires::name))
                .as("what the API's signatures name").contains("io.twinkit.device", "io.twinkit.emulator",
                        "org.junit.jupiter.api");
    }

    @Test
    void noForeignOrInternalTypeAppearsInTheApi() throws Exception {
        assertThat(SourceConventions.publicClasses(CLASSES)).extracting(Class::getSimpleName)
                .containsExactlyInAnyOrder("EmulatorHub", "Scope", "EmulatorHubExtension",
                        "EmulatorEndpoint", "DeviceConnections");
        assertThat(SourceConventions.foreignTypeLeaks(CLASSES, Set.of(), Set.of())).isEmpty();
        assertThat(SourceConventions.internalTypeLeaks(CLASSES)).isEmpty();
    }

    @Test
    void theExtensionUsesTheOtherModulesThroughTheirApisOnly() throws Exception {
        PackageDependencies module = PackageDependencies.read(CLASSES);

        assertThat(module.classesUsedBy("io.twinkit.junit")).as("classes the extension uses")
                .contains("io.twinkit.emulator.server.TwinkitEmulator", "io.twinkit.device.DeviceConnection",
                        "io.twinkit.service.TwinServiceClient")
                .noneMatch(type -> type.contains(".internal."));
    }
}
