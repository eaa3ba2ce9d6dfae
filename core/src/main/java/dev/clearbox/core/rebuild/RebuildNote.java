package dev.clearbox.core.rebuild;

import java.util.Objects;

/**
 * Something the auditor should know about the rebuild: a way in which its environment cannot match the
 * reference build, or a choice Clearbox made.
 *
 * @param kind    what the note is about
 * @param message one sentence for a person
 */
public record RebuildNote(Kind kind, String message) {
    public RebuildNote {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** What a note is about. */
    public enum Kind {
        /** The JDK differs from the one the reference was built with (feature, patch release or vendor). */
        JDK,
        /** The build tool or its version differs from the reference's, or was not found. */
        BUILD_TOOL,
        /** The line-ending policy differs from the reference's (built on Windows or not). */
        LINE_ENDINGS,
        /** Git state the build can read (remote URL, branch or detached HEAD, tags): differences that come from it belong to this class. */
        GIT_STATE,
        /** The isolation asked for is not available, or the network could not be cut. */
        ISOLATION,
        /** Two runs of the build produced different outputs. */
        NON_DETERMINISM,
        /** What could not be read from a reference artifact. */
        REFERENCE,
        /** The dependency cache the build used: the session's own Maven repository, and whether it was seeded. */
        DEPENDENCIES
    }
}
