package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.ModuleFixture;
import io.twinkit.core.conventions.PackageDependencies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the layering of twin-core's packages on its compiled classes: no cycle between packages, and the JSON
 * tree at the bottom, below the twin model and the databind bridge. From the bottom up: {@code error}; {@code json}
 * (on jackson-core only); {@code io.twinkit.core} (the twin model); {@code validation}; {@code jackson} (the
 * databind bridge); {@code pnp}.
 */
class PackageLayeringTest {

    private static final String CORE = "io.twinkit.core";
    private static final String JSON = "io.twinkit.core.json";
    private static final String BRIDGE = "io.twinkit.core.jackson";
    private static final String ERROR = "io.twinkit.core.error";

    private static PackageDependencies module;

    @BeforeAll
    static void readTheModule() throws Exception {
        module = PackageDependencies.read(Path.of("target", "classes"));
    }

    @Test
    void thereIsNoCycleBetweenPackages() {
        List<Set<String>> cycles = module.cycles();
        assertThat(cycles).as(module.describe(cycles)).isEmpty();
    }

    @Test
    void theJsonTreeDependsOnNeitherTheDatabindBridgeNorDatabind() {
        assertThat(module.classesUsing(JSON, BRIDGE)).isEmpty();
        assertThat(module.classesUsing(JSON, "com.fasterxml.jackson.databind")).isEmpty();
        assertThat(module.packagesUsedBy(JSON)).containsExactly(ERROR);
        assertThat(module.classesUsing(JSON, "com.fasterxml.jackson.core")).isNotEmpty();
    }

    @Test
    void theErrorModelIsTheBottomAndTheTwinModelDoesNotUseTheBridge() {
        assertThat(module.packagesUsedBy(ERROR)).isEmpty();
        assertThat(module.classesUsing(CORE, BRIDGE)).isEmpty();
        assertThat(module.packagesUsedBy(CORE)).containsExactlyInAnyOrder(JSON, ERROR);
        assertThat(module.classesUsing(CORE, "com.fasterxml.jackson")).isEmpty();
    }

    @Test
    void theScanSeesEveryPackageAndTheUsesBetweenThem() {
        assertThat(module.packages()).contains(CORE, JSON, BRIDGE, ERROR, "io.twinkit.core.validation",
                "io.twinkit.core.pnp");
        assertThat(module.packagesUsedBy(BRIDGE)).contains(CORE, JSON);
        assertThat(module.classesUsing(CORE, JSON)).contains(
                "io.twinkit.core.PropertySet -> io.twinkit.core.json.JsonObject");
    }

    @Test
    void theCheckerFindsACycleAndIgnoresLiteralsAndComments(@TempDir Path dir) throws Exception {
        try (ModuleFixture compiled = ModuleFixture.compile(dir, Map.of(
                "a/A.java", "package a;\npublic class A {\n    b.B partner;\n}\n",
                // a use through a generic signature only, as a field of type List<A>
                "b/B.java", "package b;\npublic class B {\n    java.util.List<a.A> all;\n}\n",
                // c names a and b only in a comment and in string literals, which are no dependency
                "c/C.java", "package c;\n/** Not {@link a.A}. */\npublic class C {\n"
                        + "    String text = \"La/A;\";\n    String name = \"b.B\";\n    int[] numbers = {1};\n}\n",
                "d/D.java", "package d;\npublic class D {\n    c.C[] many;\n}\n"))) {
            PackageDependencies fixture = PackageDependencies.read(compiled.classes());

            assertThat(fixture.cycles()).containsExactly(Set.of("a", "b"));
            assertThat(fixture.describe(fixture.cycles())).contains("a -> b, e.g. [a.A -> b.B]")
                    .contains("b -> a, e.g. [b.B -> a.A]");
            assertThat(fixture.packagesUsedBy("c")).isEmpty();
            assertThat(fixture.packagesUsedBy("d")).containsExactly("c");
        }
    }
}
