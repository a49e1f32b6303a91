package io.twinkit.core.conformance;

import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads the language-neutral conformance vectors: always the copy in this module's test resources
 * ({@code /conformance/*.json}), and also the directory named by the system property {@value #DIR_PROPERTY} when it
 * is set. A file that is expected but missing fails the run.
 */
public final class ConformanceVectors {

    /** The system property that names an extra directory of vectors. */
    public static final String DIR_PROPERTY = "twinkit.conformance.dir";

    private ConformanceVectors() {
    }

    /** Returns every case of {@code file} (e.g. {@code patch.json}) from every source, classpath first. */
    public static List<VectorCase> cases(String file) {
        List<VectorCase> all = new ArrayList<>();
        all.addAll(casesOf("classpath", file, readClasspath(file)));
        extraDirectory().ifPresent(dir -> all.addAll(casesOf(dir.toString(), file, readFile(dir.resolve(file)))));
        return all;
    }

    /** Returns the whole document {@code file} (for fixtures such as {@code twins.json}) from every source. */
    public static List<Fixture> fixtures(String file) {
        List<Fixture> all = new ArrayList<>();
        all.add(new Fixture("classpath", readClasspath(file)));
        extraDirectory().ifPresent(dir -> all.add(new Fixture(dir.toString(), readFile(dir.resolve(file)))));
        return all;
    }

    /** Returns the extra directory named by {@value #DIR_PROPERTY}, if the property is set. */
    public static java.util.Optional<Path> extraDirectory() {
        String value = System.getProperty(DIR_PROPERTY);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            return java.util.Optional.empty();
        }
        Path dir = Path.of(value);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(DIR_PROPERTY + "=" + value + " is not a directory");
        }
        return java.util.Optional.of(dir);
    }

    private static List<VectorCase> casesOf(String source, String file, JsonObject document) {
        JsonValue cases = document.valueOrNull("cases");
        if (cases == null || !cases.isArray() || document.size() != 1) {
            throw new IllegalStateException(source + "/" + file + " must be {\"cases\": [...]}");
        }
        List<VectorCase> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonValue value : cases.asArray()) {
            JsonObject json = value.asObject();
            String name = json.valueOrNull("name").asString();
            if (!names.add(name)) {
                throw new IllegalStateException(source + "/" + file + " repeats the case name " + name);
            }
            result.add(new VectorCase(source, file, name, json));
        }
        if (result.isEmpty()) {
            throw new IllegalStateException(source + "/" + file + " has no cases");
        }
        return result;
    }

    private static JsonObject readClasspath(String file) {
        try (InputStream in = ConformanceVectors.class.getResourceAsStream("/conformance/" + file)) {
            if (in == null) {
                throw new IllegalStateException("conformance vector file missing from test resources: " + file);
            }
            return JsonValue.parseObject(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject readFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("conformance vector file missing: " + path + " (from -D" + DIR_PROPERTY + ")");
        }
        try {
            return JsonValue.parseObject(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One case of a vector file.
     *
     * @param source {@code classpath} or the extra directory
     * @param file the vector file name
     * @param name the case name, unique within its file
     * @param json the whole case object
     */
    public record VectorCase(String source, String file, String name, JsonObject json) {

        /** Returns member {@code key} of the case, failing when absent. */
        public JsonValue get(String key) {
            JsonValue value = json.valueOrNull(key);
            if (value == null) {
                throw new IllegalStateException(name + " has no member " + key);
            }
            return value;
        }

        /** Returns whether the case has member {@code key}. */
        public boolean has(String key) {
            return json.contains(key);
        }

        @Override
        public String toString() {
            return "classpath".equals(source) ? name : name + " [" + source + "]";
        }
    }

    /**
     * A whole fixture document.
     *
     * @param source {@code classpath} or the extra directory
     * @param json the document
     */
    public record Fixture(String source, JsonObject json) {
        @Override
        public String toString() {
            return source;
        }
    }
}
