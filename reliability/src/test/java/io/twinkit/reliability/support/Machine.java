package io.twinkit.reliability.support;

import io.twinkit.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the machine was doing during a run, for the figures: processors and load average. */
public final class Machine {

    private Machine() {
    }

    /** Returns {@code processors} and {@code loadAverage} (the 1, 5 and 15 minute figures, when Linux has them). */
    public static JsonObject describe() {
        String load = "unknown";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            // not Linux: the figure stays unknown
        }
        return JsonObject.builder()
                .put("processors", Runtime.getRuntime().availableProcessors())
                .put("loadAverage", load)
                .put("java", System.getProperty("java.version"))
                .build();
    }
}
