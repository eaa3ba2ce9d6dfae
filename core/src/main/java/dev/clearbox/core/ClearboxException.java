package dev.clearbox.core;

import java.util.Objects;

/**
 * Root of every error Clearbox reports on purpose. Each carries the stage it happened in, the input it
 * concerns (a file, an archive entry, a ref...) and the problem, so that the command line can print
 * one line built from data: {@code stage: input: problem}.
 */
public class ClearboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Stage stage;
    private final String input;
    private final String problem;

    public ClearboxException(Stage stage, String input, String problem) {
        this(stage, input, problem, null);
    }

    public ClearboxException(Stage stage, String input, String problem, Throwable cause) {
        super(Objects.requireNonNull(stage, "stage").id() + ": " + input + ": " + problem, cause);
        this.stage = Objects.requireNonNull(stage, "stage");
        this.input = Objects.requireNonNull(input, "input");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The stage or command it happened in; its {@link Stage#id() id} begins the one-line error. */
    public Stage stage() {
        return stage;
    }

    /** The input concerned: a path, an archive entry, a ref. */
    public String input() {
        return input;
    }

    /** What is wrong with it, in words an auditor can act on. */
    public String problem() {
        return problem;
    }

    /** The one-line error: stage, input, problem. */
    public String oneLine() {
        return getMessage();
    }
}
