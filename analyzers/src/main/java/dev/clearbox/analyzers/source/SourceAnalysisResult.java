package dev.clearbox.analyzers.source;

import dev.clearbox.core.Finding;

import java.util.List;
import java.util.Objects;

/**
 * What the source analyzer found and what it could not see.
 *
 * @param findings sorted by file, line, column, then rule id
 * @param coverage files parsed and not parsed, unresolved calls, lines analyzed
 */
public record SourceAnalysisResult(List<Finding> findings, SourceCoverage coverage) {
    public SourceAnalysisResult {
        findings = List.copyOf(findings);
        Objects.requireNonNull(coverage, "coverage");
    }
}
