package dev.clearbox.core;

/** The outcome of comparing a shipped artifact with the one rebuilt from source. */
public enum Verdict {
    /** Bit-identical to the rebuilt artifact. */
    REPRODUCIBLE,
    /** Differs from the rebuilt artifact; the differences are listed. */
    NOT_REPRODUCIBLE,
    /** No rebuilt counterpart could be produced; the reason is given. */
    NOT_REBUILT
}
