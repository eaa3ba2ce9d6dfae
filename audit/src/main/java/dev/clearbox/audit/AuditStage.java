package dev.clearbox.audit;

/**
 * The stages of an audit that write into the workspace, in the order the pipeline runs them: each names its
 * directory of the workspace and the stage errors and progress speak of. This is the one list of them
 * ({@link SessionWorkspace#STAGES} is derived from it).
 */
enum AuditStage {
    UNPACK("unpack"),
    CHECKOUT("checkout"),
    ANALYZE("analyze"),
    ANALYZE_BINARY("analyze-binary"),
    REBUILD("rebuild"),
    COMPARE("compare"),
    REPORT("report");

    private final String id;

    AuditStage(String id) {
        this.id = id;
    }

    /** The stage's name, which is also its directory in the workspace. */
    String id() {
        return id;
    }
}
