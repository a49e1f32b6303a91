package io.twinkit.reliability.support;

import io.twinkit.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run leaves its figures: one JSON object per scenario in {@code reliability.figures}
 * ({@code reliability/target/figures} in a Maven build), also printed as one line on standard output so that the
 * build log carries them.
 */
public final class Figures {

    private Figures() {
    }

    /** Returns the directory the figures go to. */
    public static Path directory() {
        return Path.of(System.getProperty("reliability.figures", "target/figures"));
    }

    /** Writes {@code figures} to {@code <directory>/<name>.json} and prints them; returns the file. */
    public static Path write(String name, JsonObject figures) {
        String json = figures.toString();
        Path file = directory().resolve(name + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures to " + file, e);
        }
        System.out.println("FIGURES " + name + " " + json);
        return file;
    }
}
