package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.ModuleFixture;
import io.twinkit.core.conventions.SourceConventions;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the module's public surface: no Jackson, Gson, Lombok or Azure SDK type appears in a public or protected
 * signature, except in the Jackson adapter's explicit interop members and {@code TwinkitModule}; the module exports
 * exactly its API packages, and no exported signature names a type the user cannot reach.
 */
class ApiBoundaryTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void publicSignaturesExposeNoForeignTypesOutsideTheExplicitJacksonInterop() throws Exception {
        assertThat(SourceConventions.foreignTypeLeaks(CLASSES,
                Set.of("TwinJson.using", "TwinJson.toJsonNode", "TwinJson.fromJsonNode"),
                Set.of("io.twinkit.core.jackson.TwinkitModule"))).isEmpty();
    }

    /** A type with a recursive bound, which the scan must not follow forever. */
    public interface Recursive<E extends Enum<E>> {
        /** Returns a value. */
        E value();
    }

    @Test
    void recursiveTypeBoundsAreScannedOnce() throws Exception {
        assertThat(SourceConventions.foreignTypeLeaks(Path.of("target", "test-classes"), Set.of(), Set.of()))
                .noneMatch(leak -> leak.contains("Recursive"));
    }

    @Test
    void theScanSeesTheWholeModuleAndFindsALeakWhereThereIsOne() throws Exception {
        assertThat(SourceConventions.publicClasses(CLASSES)).extracting(Class::getSimpleName)
                .contains("TwinDocument", "MergePatch", "JsonObject", "TwinJson", "TwinkitModule");
        assertThat(SourceConventions.foreignTypeLeaks(CLASSES, Set.of(), Set.of()))
                .contains("io.twinkit.core.jackson.TwinJson.toJsonNode exposes com.fasterxml.jackson.databind.JsonNode");
    }

    @Test
    void theModuleExportsEveryPackageOfTheModel() throws Exception {
        ModuleDescriptor module = SourceConventions.moduleDescriptor(CLASSES);

        assertThat(module.name()).isEqualTo("io.twinkit.core");
        assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("io.twinkit.core", "io.twinkit.core.error", "io.twinkit.core.json",
                        "io.twinkit.core.jackson",
                        "io.twinkit.core.pnp", "io.twinkit.core.validation")
                .isEqualTo(module.packages());
        assertThat(SourceConventions.internalTypeLeaks(CLASSES)).isEmpty();
    }

    @Test
    void theInternalTypeScanFindsAnExportedSignatureNamingAnUnexportedType(@TempDir Path work) throws Exception {
        try (ModuleFixture fixture = ModuleFixture.compile(work, Map.of(
                "module-info.java", "module fixture { exports fixture.api; }",
                "fixture/api/Api.java", "package fixture.api; public class Api {"
                        + " public fixture.impl.Hidden leak() { return null; }"
                        + " public void fine(String s) { } }",
                "fixture/api/Clean.java", "package fixture.api; public interface Clean { Api api(); }",
                "fixture/impl/Hidden.java", "package fixture.impl; public class Hidden {"
                        + " public fixture.api.Api back() { return null; } }"))) {

            assertThat(SourceConventions.internalTypeLeaks(fixture.classes(), fixture.loader()))
                    .containsExactly("fixture.api.Api.leak exposes fixture.impl.Hidden");
        }
    }
}
