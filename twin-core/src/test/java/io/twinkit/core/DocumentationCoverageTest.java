package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks that every public type, constructor and method in the module's sources has a Javadoc comment (an
 * {@code @Override} inherits its documentation) and that every package has a {@code package-info.java}.
 * javac's doclint, enabled in the build, checks that the comments that exist are well-formed.
 */
class DocumentationCoverageTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern PUBLIC_DECLARATION = Pattern.compile(
            "^\\s*public\\s+(?!.*\\bclass\\b.*=)(.*\\(|(\\w+\\s+)*(class|interface|enum|record|@interface)\\s).*");

    @Test
    void everyPublicDeclarationHasJavadoc() throws IOException {
        List<String> undocumented = new ArrayList<>();
        for (Path file : javaFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (PUBLIC_DECLARATION.matcher(lines.get(i)).matches() && !documented(lines, i)) {
                    undocumented.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyPackageHasPackageInfo() throws IOException {
        List<Path> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasSources;
                try (Stream<Path> children = Files.list(dir)) {
                    hasSources = children.anyMatch(p -> p.toString().endsWith(".java"));
                }
                if (hasSources && !Files.exists(dir.resolve("package-info.java"))) {
                    missing.add(SOURCES.relativize(dir));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theScanFindsTheSources() throws IOException {
        assertThat(javaFiles()).anyMatch(p -> p.endsWith("TwinDocument.java"));
    }

    private static boolean documented(List<String> lines, int declaration) {
        for (int i = declaration - 1; i >= 0; i--) {
            String line = lines.get(i).trim();
            if (line.startsWith("@Override")) {
                return true;
            }
            if (line.startsWith("@")) {
                continue;
            }
            return line.endsWith("*/") && !line.startsWith("//");
        }
        return false;
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith("package-info.java"))
                    .toList();
        }
    }
}
