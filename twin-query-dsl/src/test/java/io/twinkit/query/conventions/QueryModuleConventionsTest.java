package io.twinkit.query.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.SourceConventions;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module conventions (see {@link SourceConventions}) for twin-query-dsl. */
class QueryModuleConventionsTest {

    @Test
    void everyPublicDeclarationHasJavadocAndEveryPackageAPackageInfo() throws Exception {
        Path sources = Path.of("src", "main", "java");
        assertThat(SourceConventions.undocumentedPublicDeclarations(sources)).isEmpty();
        assertThat(SourceConventions.packagesWithoutInfo(sources)).isEmpty();
    }

    @Test
    void noForeignTypeAppearsInThePublicApi() throws Exception {
        Path classes = Path.of("target", "classes");
        assertThat(SourceConventions.publicClasses(classes)).extracting(Class::getSimpleName).contains("Query");
        assertThat(SourceConventions.foreignTypeLeaks(classes, Set.of(), Set.of())).isEmpty();
    }

    @Test
    void theModuleExportsTheQueryLanguageAndTheEvaluator() throws Exception {
        Path classes = Path.of("target", "classes");
        ModuleDescriptor module = SourceConventions.moduleDescriptor(classes);

        assertThat(module.name()).isEqualTo("io.twinkit.query");
        assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("io.twinkit.query", "io.twinkit.query.eval")
                .isEqualTo(module.packages());
        assertThat(SourceConventions.internalTypeLeaks(classes)).isEmpty();
    }
}
