package dev.clearbox.audit;

import dev.clearbox.core.Stage;

/**
 * The stages of an audit that write a directory of the workspace, in the order the pipeline runs them. Each is a
 * {@link Stage}, whose id the errors and progress speak of and whose directory it writes; this enum only picks
 * them and their order, so no name is spelled twice ({@link SessionWorkspace#STAGES} is derived from it).
 */
enum AuditStage {
    UNPACK(Stage.UNPACK),
    CHECKOUT(Stage.CHECKOUT),
    ANALYZE(Stage.ANALYZE),
    ANALYZE_BINARY(Stage.ANALYZE_BINARY),
    REBUILD(Stage.REBUILD),
    COMPARE(Stage.COMPARE),
    REPORT(Stage.REPORT);

    private final Stage stage;

    AuditStage(Stage stage) {
        if (stage.directory().isEmpty()) {
            throw new IllegalArgumentException(stage + " writes no directory of the workspace");
        }
        this.stage = stage;
    }

    /** The stage, for errors and progress. */
    Stage stage() {
        return stage;
    }

    /** The stage's directory in the workspace. */
    String directory() {
        return stage.directory().orElseThrow();
    }
}
