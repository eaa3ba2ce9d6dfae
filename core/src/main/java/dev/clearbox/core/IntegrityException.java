package dev.clearbox.core;

/**
 * The input is well-formed but is not what it claims to be: a ref that resolves to another commit than
 * the one expected, a package whose sha256 differs from the manifest, a signature that does not verify.
 */
public class IntegrityException extends ClearboxException {
    private static final long serialVersionUID = 1L;

    public IntegrityException(Stage stage, String input, String problem) {
        super(stage, input, problem);
    }

    public IntegrityException(Stage stage, String input, String problem, Throwable cause) {
        super(stage, input, problem, cause);
    }
}
