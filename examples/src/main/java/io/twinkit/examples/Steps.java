package io.twinkit.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * The output of an example program: numbered steps with indented details, and the checks that make the program fail
 * when a step does not see what it expected. Not thread-safe; one program uses one instance.
 */
public final class Steps {

    private static final String INDENT = "   ";

    private final PrintStream out;
    private int number;

    /**
     * Creates the output on a stream.
     *
     * @param out where the steps are printed
     */
    public Steps(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Prints a line that is not a step, such as a title.
     *
     * @param text the line
     */
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /**
     * Starts the next step: prints {@code "n. text"}.
     *
     * @param text what the step does
     */
    public void step(String text) {
        number++;
        line(number + ". " + text);
    }

    /**
     * Prints an indented detail of the current step.
     *
     * @param text the detail
     */
    public void detail(String text) {
        line(INDENT + text);
    }

    /**
     * Fails the current step unless {@code expectation} holds.
     *
     * @param expectation whether the step saw what it expected
     * @param failure what was expected and what was seen, for the failure message
     * @throws ExampleFailure if the expectation does not hold
     */
    public void check(boolean expectation, String failure) {
        if (!expectation) {
            throw new ExampleFailure("step " + number + ": " + failure);
        }
    }

    /**
     * Returns device ids as a short list for the output: {@code "a, b"}, or {@code "none"}.
     *
     * @param ids the ids
     * @return the list
     */
    public static String ids(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
