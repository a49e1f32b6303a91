package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.SourceConventions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that every public type, constructor and method in the module's sources has a Javadoc comment (an
 * {@code @Override} inherits its documentation) and that every package has a {@code package-info.java}.
 * javac's doclint, enabled in the build, checks that the comments that exist are well-formed.
 */
class DocumentationCoverageTest {

    private static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void everyPublicDeclarationHasJavadoc() throws Exception {
        assertThat(SourceConventions.undocumentedPublicDeclarations(SOURCES)).isEmpty();
    }

    @Test
    void everyPackageHasPackageInfo() throws Exception {
        assertThat(SourceConventions.packagesWithoutInfo(SOURCES)).isEmpty();
    }

    @Test
    void theScanFindsTheSourcesAndAnUndocumentedDeclaration(@TempDir Path dir) throws Exception {
        assertThat(SourceConventions.javaFiles(SOURCES)).anyMatch(p -> p.endsWith("TwinDocument.java"));
        Files.writeString(dir.resolve("A.java"), "package x;\n/** Doc. */\npublic class A {\n    public void f() {\n    }\n}\n");
        assertThat(SourceConventions.undocumentedPublicDeclarations(dir)).containsExactly("A.java:4: public void f() {");
        assertThat(SourceConventions.packagesWithoutInfo(dir)).hasSize(1);
    }
}
