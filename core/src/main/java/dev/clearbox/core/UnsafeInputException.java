package dev.clearbox.core;

/**
 * Hostile input refused: an archive entry or repository path that would land outside the workspace,
 * a symlink escape, a size or ratio limit exceeded. {@link #rule()} names the rule that refused it.
 */
public class UnsafeInputException extends ClearboxException {
    private static final long serialVersionUID = 1L;

    private final String rule;

    public UnsafeInputException(Stage stage, String input, String rule, String problem) {
        super(stage, input, problem + " [" + rule + "]");
        this.rule = rule;
    }

    /** Stable name of the rule that refused the input, for example {@code path-traversal}. */
    public String rule() {
        return rule;
    }
}
