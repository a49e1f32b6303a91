package io.twinkit.core.conventions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;

/**
 * A few classes compiled at test time (a named module when the sources hold a {@code module-info.java}), so that the
 * checks of {@link SourceConventions} and {@link PackageDependencies} can be shown to find what they look for.
 */
public final class ModuleFixture implements AutoCloseable {

    private final Path classes;
    private final URLClassLoader loader;

    private ModuleFixture(Path classes, URLClassLoader loader) {
        this.classes = classes;
        this.loader = loader;
    }

    /**
     * Compiles {@code sources} (path relative to the source root, e.g. {@code a/Api.java} or {@code module-info.java},
     * to its text) into a fresh directory under {@code work}.
     *
     * @throws IllegalStateException if the sources do not compile
     */
    public static ModuleFixture compile(Path work, Map<String, String> sources) {
        try {
            Path src = Files.createDirectories(work.resolve("src"));
            Path out = Files.createDirectories(work.resolve("classes"));
            List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "17"));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                args.add(file.toString());
            }
            ToolProvider javac = ToolProvider.findFirst("javac")
                    .orElseThrow(() -> new IllegalStateException("this JDK has no javac tool"));
            if (javac.run(System.out, System.err, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the fixture module does not compile");
            }
            return new ModuleFixture(out, new URLClassLoader(new URL[] {out.toUri().toURL()},
                    ModuleFixture.class.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the directory of the compiled classes, with {@code module-info.class} at its root. */
    public Path classes() {
        return classes;
    }

    /** Returns a loader of the compiled classes. */
    public ClassLoader loader() {
        return loader;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
