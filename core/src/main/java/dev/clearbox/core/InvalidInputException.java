package dev.clearbox.core;

/** An input file that is missing, unreadable or malformed (manifest, key, envelope, source file...). */
public class InvalidInputException extends ClearboxException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(Stage stage, String input, String problem) {
        super(stage, input, problem);
    }

    public InvalidInputException(Stage stage, String input, String problem, Throwable cause) {
        super(stage, input, problem, cause);
    }
}
