package io.twinkit.emulator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.SourceConventions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.internal.hub.HubProvider;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Map<String, Set<String>> graph = PackageGraph.of(CLASSES);

        assertThat(graph).as("the graph is read, not empty")
                .containsEntry("io.twinkit.emulator.junit", Set.of("io.twinkit.emulator"))
                .hasEntrySatisfying("io.twinkit.emulator.server", uses -> assertThat(uses)
                        .contains("io.twinkit.emulator.internal.http", "io.twinkit.emulator.internal.mqtt"));
        assertThat(graph.get("io.twinkit.emulator")).as("the API does not depend on the implementation").isEmpty();
        assertThat(PackageGraph.cycles(graph)).as("package cycles in %s", graph).isEmpty();
    }

    @Test
    void thePackageGraphFindsACycleThroughAFieldTypeAndAConstructorCall(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        Path classes = dir.resolve("classes");
        write(sources.resolve("a/A.java"), "package a; public class A { b.B partner; }");
        write(sources.resolve("b/B.java"), "package b; public class B { Object make() { return new a.A(); } }");
        write(sources.resolve("c/C.java"), "package c; public class C { a.A used; }");
        write(sources.resolve("d/D.java"), "package d; public class D { java.util.List<c.C> list; }");
        compile(sources, classes);

        Map<String, Set<String>> graph = PackageGraph.of(classes);

        assertThat(graph).containsExactlyInAnyOrderEntriesOf(Map.of("a", Set.of("b"), "b", Set.of("a"),
                "c", Set.of("a"), "d", Set.of("c")));
        assertThat(PackageGraph.cycles(graph)).containsExactly(Set.of("a", "b"));
        graph.put("b", Set.of());
        assertThat(PackageGraph.cycles(graph)).isEmpty();
        graph.put("a", Set.of("d"));
        assertThat(PackageGraph.cycles(graph)).containsExactly(Set.of("a", "c", "d"));
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void compile(Path sources, Path classes) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(Files::isRegularFile).map(Path::toString).forEach(arguments::add);
        }
        assertThat(ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err,
                arguments.toArray(String[]::new))).as("javac %s", arguments).isZero();
    }

    @Test
    void noExportedSignatureNamesAnInternalType() throws Exception {
        assertThat(SourceConventions.internalTypeLeaks(CLASSES)).isEmpty();
    }
}
