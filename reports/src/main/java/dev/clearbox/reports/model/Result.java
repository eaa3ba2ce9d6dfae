package dev.clearbox.reports.model;

/**
 * The report's overall answer ({@code summary.result}), decided by {@link Summary#result} with the rules in
 * docs/report-schema.md ("Result"), in this order: the first that holds wins.
 */
public enum Result {
    /** Some shipped artifact is not what its source builds (NOT_REPRODUCIBLE), or the shipped binaries do something
     * the source does not ({@code CBX-BIN-ONLY}). */
    FAILED,
    /** Not everything shipped could be checked: the rebuild did not succeed, an artifact is NOT_REBUILT or
     * NOT_VERIFIED, or nothing was compared at all. */
    INCONCLUSIVE,
    /** Every artifact is REPRODUCIBLE or EQUIVALENT, but there are findings of severity HIGH or above, or
     * exfiltration paths ({@code CBX-SRC-EXFIL}). */
    PASSED_WITH_FINDINGS,
    /** Every artifact is REPRODUCIBLE or EQUIVALENT, and no finding is HIGH or above. */
    PASSED
}
