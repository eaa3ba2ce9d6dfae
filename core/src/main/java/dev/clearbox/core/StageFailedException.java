package dev.clearbox.core;

/** A stage could not do its work for a reason outside the input's form: a build failed, a tool is missing. */
public class StageFailedException extends ClearboxException {
    private static final long serialVersionUID = 1L;

    public StageFailedException(Stage stage, String input, String problem) {
        super(stage, input, problem);
    }

    public StageFailedException(Stage stage, String input, String problem, Throwable cause) {
        super(stage, input, problem, cause);
    }
}
