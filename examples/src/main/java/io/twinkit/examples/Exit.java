package io.twinkit.examples;

import io.twinkit.core.error.TwinException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The exit statuses of the example programs, and the guard that turns a program's failures into them with a
 * one-line message on the error stream.
 */
public final class Exit {

    /** Every step saw what it expected. */
    public static final int OK = 0;
    /** A step did not see what it expected, or the hub failed. */
    public static final int FAILED = 1;
    /** The command line or the environment is wrong. */
    public static final int USAGE = 2;

    /** The body of a program. */
    @FunctionalInterface
    public interface Body {

        /**
         * Runs the program.
         *
         * @throws Exception when it fails
         */
        void run() throws Exception;
    }

    private Exit() {
    }

    /**
     * Runs a program and returns its exit status: {@link #OK} when it returns, {@link #USAGE} for a
     * {@link SettingsException}, {@link #FAILED} for anything else it throws, with a message on {@code err}.
     *
     * @param program the program's name, for the messages
     * @param err where failures are described
     * @param body the program
     * @return the exit status
     */
    public static int guard(String program, PrintStream err, Body body) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(body, "body");
        try {
            body.run();
            return OK;
        } catch (SettingsException e) {
            err.println(program + ": " + e.getMessage());
            return USAGE;
        } catch (ExampleFailure e) {
            err.println(program + " FAILED at " + e.getMessage());
            return FAILED;
        } catch (TwinException | UncheckedIOException | IllegalStateException e) {
            err.println(program + " FAILED: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(program + " interrupted");
            return FAILED;
        } catch (Exception e) {
            err.println(program + " FAILED: " + e);
            return FAILED;
        } finally {
            err.flush();
        }
    }
}
