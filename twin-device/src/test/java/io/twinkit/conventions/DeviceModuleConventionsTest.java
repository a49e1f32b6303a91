package io.twinkit.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.PackageDependencies;
import io.twinkit.core.conventions.SourceConventions;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
                .contains("TwinServiceClient", "DeviceConnection", "UpdateOptions");
        assertThat(SourceConventions.internalTypeLeaks(CLASSES)).isEmpty();
    }

    @Test
    void eachSideUsesOnlyItsOwnAdapterAndTheSharedPlumbing() throws Exception {
        PackageDependencies module = PackageDependencies.read(CLASSES);

        assertThat(module.packagesUsedBy("io.twinkit.device")).as("the device side")
                .contains("io.twinkit.client.internal", "io.twinkit.device.internal")
                .doesNotContain("io.twinkit.service", "io.twinkit.service.internal");
        assertThat(module.packagesUsedBy("io.twinkit.device.internal")).as("the device adapter")
                .doesNotContain("io.twinkit.service", "io.twinkit.service.internal");
        assertThat(module.packagesUsedBy("io.twinkit.service")).as("the back-end side")
                .contains("io.twinkit.client.internal", "io.twinkit.service.internal")
                .doesNotContain("io.twinkit.device", "io.twinkit.device.internal");
        assertThat(module.packagesUsedBy("io.twinkit.service.internal")).as("the service adapter")
                .doesNotContain("io.twinkit.device", "io.twinkit.device.internal");
        assertThat(module.packagesUsedBy("io.twinkit.client.internal")).as("the shared plumbing")
                .doesNotContain("io.twinkit.device", "io.twinkit.device.internal", "io.twinkit.service",
                        "io.twinkit.service.internal");
    }

    @Test
    void noPackageOfTheModuleDependsOnItselfThroughOthers() throws Exception {
        PackageDependencies module = PackageDependencies.read(CLASSES);

        List<Set<String>> cycles = module.cycles();
        assertThat(cycles).as(module.describe(cycles)).isEmpty();
    }
}
