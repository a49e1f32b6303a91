package io.twinkit.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceVectorsTest {

    private String saved;

    @BeforeEach
    void saveProperty() {
        saved = System.getProperty(ConformanceVectors.DIR_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (saved == null) {
            System.clearProperty(ConformanceVectors.DIR_PROPERTY);
        } else {
            System.setProperty(ConformanceVectors.DIR_PROPERTY, saved);
        }
    }

    @Test
    void loadsTheBundledCopyWithUniqueNames() throws IOException {
        System.clearProperty(ConformanceVectors.DIR_PROPERTY);
        assertThat(ConformanceVectors.cases("diff.json"))
                .hasSize(bundledCaseCount("diff.json"))
                .allSatisfy(c -> assertThat(c.source()).isEqualTo("classpath"));
    }

    @Test
    void alsoRunsTheCasesOfTheDirectoryNamedByTheProperty(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("diff.json"),
                "{\"cases\":[{\"name\":\"extra\",\"from\":{},\"to\":{\"a\":1},\"patch\":{\"a\":1}}]}");
        System.setProperty(ConformanceVectors.DIR_PROPERTY, dir.toString());

        var cases = ConformanceVectors.cases("diff.json");

        assertThat(cases).last().satisfies(c -> {
            assertThat(c.name()).isEqualTo("extra");
            assertThat(c.source()).isEqualTo(dir.toString());
        });
        assertThat(cases).filteredOn(c -> c.source().equals("classpath")).isNotEmpty();
    }

    @Test
    void failsWhenTheDirectoryLacksAnExpectedFile(@TempDir Path dir) {
        System.setProperty(ConformanceVectors.DIR_PROPERTY, dir.toString());

        assertThatThrownBy(() -> ConformanceVectors.cases("patch.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing")
                .hasMessageContaining("patch.json");
        assertThatThrownBy(() -> ConformanceVectors.fixtures("twins.json"))
                .hasMessageContaining("twins.json");
    }

    @Test
    void failsWhenThePropertyNamesNoDirectory(@TempDir Path dir) {
        System.setProperty(ConformanceVectors.DIR_PROPERTY, dir.resolve("nope").toString());

        assertThatThrownBy(() -> ConformanceVectors.cases("diff.json"))
                .hasMessageContaining("is not a directory");
    }

    @Test
    void rejectsRepeatedCaseNames(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("diff.json"), "{\"cases\":[{\"name\":\"x\"},{\"name\":\"x\"}]}");
        System.setProperty(ConformanceVectors.DIR_PROPERTY, dir.toString());

        assertThatThrownBy(() -> ConformanceVectors.cases("diff.json")).hasMessageContaining("repeats");
    }

    /** Counts the cases of the bundled copy of {@code file} by reading the resource directly. */
    private static int bundledCaseCount(String file) throws IOException {
        try (InputStream in = ConformanceVectorsTest.class.getResourceAsStream("/conformance/" + file)) {
            assertThat(in).as(file + " in test resources").isNotNull();
            return JsonValue.parseObject(in).valueOrNull("cases").asArray().size();
        }
    }
}
