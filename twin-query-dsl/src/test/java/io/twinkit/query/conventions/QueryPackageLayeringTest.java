package io.twinkit.query.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.PackageDependencies;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of twin-query-dsl, checked on its compiled classes with twin-core's
 * {@link PackageDependencies}: the query language ({@code io.twinkit.query}: DSL, tree, package-private reader and
 * writer) is the bottom; the evaluator ({@code io.twinkit.query.eval}) uses it and is never used by it.
 */
class QueryPackageLayeringTest {

    private static PackageDependencies module;

    @BeforeAll
    static void readTheModule() throws Exception {
        module = PackageDependencies.read(Path.of("target", "classes"));
    }

    @Test
    void noCycleBetweenPackages() {
        List<Set<String>> cycles = module.cycles();
        assertThat(cycles).as(module.describe(cycles)).isEmpty();
    }

    @Test
    void theEvaluatorSitsAboveTheQueryLanguage() {
        assertThat(module.packages()).containsExactlyInAnyOrder("io.twinkit.query", "io.twinkit.query.eval");
        assertThat(module.packagesUsedBy("io.twinkit.query.eval")).contains("io.twinkit.query");
        assertThat(module.classesUsing("io.twinkit.query", "io.twinkit.query.eval")).isEmpty();
    }
}
