package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.conventions.SourceConventions;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks the module's public surface: no Jackson, Gson, Lombok or Azure SDK type appears in a public or protected
 * signature, except in the Jackson adapter's explicit interop members and {@code TwinkitModule}.
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
}
