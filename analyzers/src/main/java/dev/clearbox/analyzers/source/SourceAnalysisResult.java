package dev.clearbox.analyzers.source;

import dev.clearbox.core.Finding;

import java.util.List;
import java.util.Objects;

/**
 * What the source analyzer found and what it could not see.
 *
 * @param findings      sorted by file, line, column, then rule id
 * @param coverage      files parsed and not parsed, unresolved calls, lines analyzed
 * @param implicitFlows whether the analysis also followed implicit flows (data that decides whether a sink runs,
 *                      {@link SourceAnalysisRequest#implicitFlows()}): the same sources give other findings with it,
 *                      so the result says which mode made it
 */
public record SourceAnalysisResult(List<Finding> findings, SourceCoverage coverage, boolean implicitFlows) {
    public SourceAnalysisResult {
        findings = List.copyOf(findings);
        Objects.requireNonNull(coverage, "coverage");
    }

    /** A result of an analysis that followed explicit flows only (the default). */
    public SourceAnalysisResult(List<Finding> findings, SourceCoverage coverage) {
        this(findings, coverage, false);
    }
}
