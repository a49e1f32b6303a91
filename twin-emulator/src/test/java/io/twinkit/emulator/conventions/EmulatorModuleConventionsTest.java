package io.twinkit.emulator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.PackageDependencies;
import io.twinkit.core.conventions.SourceConventions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.internal.hub.HubProvider;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module conventions (see {@link SourceConventions}) for twin-emulator. */
class EmulatorModuleConventionsTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void everyPublicDeclarationHasJavadocAndEveryPackageAPackageInfo() throws Exception {
        Path sources = Path.of("src", "main", "java");
        assertThat(SourceConventions.undocumentedPublicDeclarations(sources)).isEmpty();
        assertThat(SourceConventions.packagesWithoutInfo(sources)).isEmpty();
    }

    @Test
    void noForeignTypeAppearsInThePublicApi() throws Exception {
        assertThat(SourceConventions.publicClasses(CLASSES)).extracting(Class::getSimpleName).contains("HubOptions");
        assertThat(SourceConventions.foreignTypeLeaks(CLASSES, Set.of(), Set.of())).isEmpty();
    }

    @Test
    void theModuleExportsTheHubTheWireEmulatorAndTheJUnitExtensionOnly() throws Exception {
        ModuleDescriptor module = SourceConventions.moduleDescriptor(CLASSES);

        assertThat(module.name()).isEqualTo("io.twinkit.emulator");
        assertThat(module.exports()).allSatisfy(e -> assertThat(e.isQualified()).as(e.source()).isFalse());
        assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("io.twinkit.emulator", "io.twinkit.emulator.server",
                        "io.twinkit.emulator.junit");
        assertThat(module.packages()).contains("io.twinkit.emulator.internal", "io.twinkit.emulator.internal.hub",
                "io.twinkit.emulator.internal.store", "io.twinkit.emulator.internal.query",
                "io.twinkit.emulator.internal.http", "io.twinkit.emulator.internal.mqtt",
                "io.twinkit.emulator.internal.security");
        assertThat(module.packages().stream().filter(p -> !module.exports().stream()
                .map(ModuleDescriptor.Exports::source).toList().contains(p)))
                .as("every package the module hides is an internal one")
                .allSatisfy(p -> assertThat(p).startsWith("io.twinkit.emulator.internal"));
    }

    @Test
    void theHubImplementationIsAServiceForTheModulePathAndTheClassPath() throws Exception {
        ModuleDescriptor module = SourceConventions.moduleDescriptor(CLASSES);
        String service = IotHub.Provider.class.getName();

        assertThat(module.uses()).containsExactly(service);
        assertThat(module.provides()).singleElement().satisfies(p -> {
            assertThat(p.service()).isEqualTo(service);
            assertThat(p.providers()).containsExactly(HubProvider.class.getName());
        });
        assertThat(Files.readAllLines(CLASSES.resolve("META-INF/services/" + service)))
                .containsExactly(HubProvider.class.getName());
    }

    @Test
    void noPackageOfTheModuleDependsOnItselfThroughOthers() throws Exception {
        PackageDependencies module = PackageDependencies.read(CLASSES);

        assertThat(module.packagesUsedBy("io.twinkit.emulator.junit")).containsExactly("io.twinkit.emulator");
        assertThat(module.packagesUsedBy("io.twinkit.emulator.server"))
                .contains("io.twinkit.emulator.internal.http", "io.twinkit.emulator.internal.mqtt");
        assertThat(module.packagesUsedBy("io.twinkit.emulator")).as("the API does not depend on the implementation")
                .isEmpty();
        List<Set<String>> cycles = module.cycles();
        assertThat(cycles).as(module.describe(cycles)).isEmpty();
    }

    @Test
    void noExportedSignatureNamesAnInternalType() throws Exception {
        assertThat(SourceConventions.internalTypeLeaks(CLASSES)).isEmpty();
    }
}
