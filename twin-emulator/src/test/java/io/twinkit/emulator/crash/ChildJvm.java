package io.twinkit.emulator.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM running a test main class on this test's class path, whose standard output is read line by line. It is
 * killed with SIGKILL, the way a crash ends a hub; {@link #close} makes sure no child outlives its test.
 */
public final class ChildJvm implements AutoCloseable {

    /** The exit value Java reports for a process ended by signal 9 on Linux: 128 + 9. */
    public static final int SIGKILL_EXIT = 137;

    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::pump, "child-jvm-stdout-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts {@code mainClass} with {@code args}; its standard error goes to {@code stderr}. */
    public static ChildJvm start(Class<?> mainClass, Path stderr, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // surefire runs tests from a manifest-only jar; its property holds the real class path
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                classPath, mainClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new ChildJvm(process, stderr);
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("reading the child's output failed: " + e);
        } finally {
            lines.add(EOF);
        }
    }

    /** Returns the process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * Returns the next line, waiting until {@code deadline} (a {@link System#nanoTime()} value); empty at the end of
     * the output or when the deadline passed.
     */
    public Optional<String> nextLine(long deadline) throws InterruptedException {
        String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null || line.equals(EOF)) {
            if (line != null) {
                lines.add(EOF);
            }
            return Optional.empty();
        }
        return Optional.of(line);
    }

    /**
     * Returns the next {@code count} lines, failing with the child's standard error if they do not all come within
     * {@code timeout}.
     */
    public List<String> awaitLines(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> read = new ArrayList<>();
        while (read.size() < count) {
            Optional<String> line = nextLine(deadline);
            if (line.isEmpty()) {
                fail("the child printed %d of %d lines within %s (alive: %s); its lines: %s; its stderr:%n%s",
                        read.size(), count, timeout, isAlive(), read, stderr());
            }
            read.add(line.get());
        }
        return read;
    }

    /** Returns the process's exit value once it has ended, or empty while it runs. */
    public OptionalInt exitValue() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Returns whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Returns what the child wrote to standard error so far, for failure messages. */
    public String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends SIGKILL, waits until the process is gone and checks that the signal ended it; then returns the lines it
     * printed before it died that were not read yet.
     */
    public List<String> kill() throws InterruptedException {
        // through the handle: Process.destroyForcibly would also close our end of the pipe and lose unread lines
        assertThat(process.toHandle().destroyForcibly()).as("SIGKILL was sent").isTrue();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the child died within 10 s of SIGKILL").isTrue();
        assertThat(process.exitValue()).as("the child's exit value (SIGKILL gives %d)", SIGKILL_EXIT)
                .isEqualTo(SIGKILL_EXIT);
        assertThat(ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive)).as("the killed child's handle")
                .isEmpty();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        List<String> rest = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (Optional<String> line = nextLine(deadline); line.isPresent(); line = nextLine(deadline)) {
            rest.add(line.get());
        }
        return rest;
    }

    /** Kills the child if it still runs and waits for it, so that no test leaves a process behind. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
    }
}
