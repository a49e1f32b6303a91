package io.twinkit.examples.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.SourceConventions;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module conventions (see {@link SourceConventions}) for the examples. */
class ExamplesConventionsTest {

    @Test
    void everyPublicDeclarationHasJavadocAndEveryPackageAPackageInfo() throws Exception {
        Path sources = Path.of("src", "main", "java");
        assertThat(SourceConventions.undocumentedPublicDeclarations(sources)).isEmpty();
        assertThat(SourceConventions.packagesWithoutInfo(sources)).isEmpty();
    }

    @Test
    void noSdkOrJacksonTypeAppearsInTheExamplesApi() throws Exception {
        assertThat(SourceConventions.foreignTypeLeaks(Path.of("target", "classes"), Set.of(), Set.of())).isEmpty();
    }
}
