package io.twinkit.emulator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.SourceConventions;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module conventions (see {@link SourceConventions}) for twin-emulator. */
class EmulatorModuleConventionsTest {

    @Test
    void everyPublicDeclarationHasJavadocAndEveryPackageAPackageInfo() throws Exception {
        Path sources = Path.of("src", "main", "java");
        assertThat(SourceConventions.undocumentedPublicDeclarations(sources)).isEmpty();
        assertThat(SourceConventions.packagesWithoutInfo(sources)).isEmpty();
    }

    @Test
    void noForeignTypeAppearsInThePublicApi() throws Exception {
        Path classes = Path.of("target", "classes");
        assertThat(SourceConventions.publicClasses(classes)).extracting(Class::getSimpleName).contains("HubOptions");
        assertThat(SourceConventions.foreignTypeLeaks(classes, Set.of(), Set.of())).isEmpty();
    }
}
