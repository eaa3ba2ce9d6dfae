package dev.clearbox.core;

/**
 * The outcome of comparing a shipped artifact with the one rebuilt from source (rules in
 * docs/report-schema.md, "Verdicts").
 */
public enum Verdict {
    /** Bit-identical to the rebuilt artifact. */
    REPRODUCIBLE,
    /** Not bit-identical, but every difference is benign (each one is listed and named). */
    EQUIVALENT,
    /** Differs from the rebuilt artifact in substance; the differences are listed, mapped to source file and method. */
    NOT_REPRODUCIBLE,
    /** No rebuilt counterpart could be produced; the reason is given. */
    NOT_REBUILT,
    /** Not compared, for example because the shipped reference is missing; the reason is given. */
    NOT_VERIFIED
}
