package io.twinkit.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.SourceConventions;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module conventions (see {@link SourceConventions}) for twin-device: no SDK, Gson or Jackson type in the API. */
class DeviceModuleConventionsTest {

    @Test
    void everyPublicDeclarationHasJavadocAndEveryPackageAPackageInfo() throws Exception {
        Path sources = Path.of("src", "main", "java");
        assertThat(SourceConventions.undocumentedPublicDeclarations(sources)).isEmpty();
        assertThat(SourceConventions.packagesWithoutInfo(sources)).isEmpty();
    }

    @Test
    void noForeignTypeAppearsOutsideTheInternalAdapters() throws Exception {
        assertThat(SourceConventions.foreignTypeLeaks(Path.of("target", "classes"), Set.of(), Set.of()))
                .filteredOn(leak -> !leak.contains(".internal."))
                .isEmpty();
    }
}
