package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.SourceConventions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module conventions (see {@link SourceConventions}), and every benchmark class says how to run it. */
class BenchmarksModuleConventionsTest {

    private static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void everyPublicDeclarationHasJavadocAndEveryPackageAPackageInfo() throws IOException {
        assertThat(SourceConventions.undocumentedPublicDeclarations(SOURCES)).isEmpty();
        assertThat(SourceConventions.packagesWithoutInfo(SOURCES)).isEmpty();
    }

    @Test
    void everyBenchmarkClassDocumentsTheCommandThatRunsIt() throws IOException {
        List<Path> benchmarks = SourceConventions.javaFiles(SOURCES).stream()
                .filter(file -> file.getFileName().toString().endsWith("Benchmark.java"))
                .toList();

        assertThat(benchmarks).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : benchmarks) {
            String name = file.getFileName().toString().replace(".java", "");
            assertThat(Files.readString(file)).as(name)
                    .contains("java -jar benchmarks/target/benchmarks.jar " + name);
        }
    }
}
