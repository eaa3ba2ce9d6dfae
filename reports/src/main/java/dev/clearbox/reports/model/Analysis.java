package dev.clearbox.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * The report's {@code analysis}: what the source analysis found and what it could not see.
 *
 * @param findings most severe first (flows of a more sensitive class first within a severity), then by file, line,
 *                 column and rule id
 * @param coverage files parsed and not parsed, unresolved calls, lines analyzed, flow limits
 */
public record Analysis(List<ReportFinding> findings, Coverage coverage) {
    public Analysis {
        findings = List.copyOf(findings);
        Objects.requireNonNull(coverage, "coverage");
    }

    /**
     * What the source analysis covered.
     *
     * @param filesParsed         files parsed and analyzed
     * @param problems            files not analyzed, or only partly, with the reason
     * @param unresolvedCallCount calls whose target could not be resolved
     * @param unresolvedCalls     the first of them, by file and line
     * @param linesAnalyzed       physical lines of the parsed files
     * @param flowLimits          where the flow analysis stopped early, one line each; empty when complete
     */
    public record Coverage(int filesParsed, List<FileProblem> problems, int unresolvedCallCount,
                           List<UnresolvedCall> unresolvedCalls, long linesAnalyzed, List<String> flowLimits) {
        public Coverage {
            problems = List.copyOf(problems);
            unresolvedCalls = List.copyOf(unresolvedCalls);
            flowLimits = List.copyOf(flowLimits);
        }
    }

    /** A file not analyzed (or only partly), and why. */
    public record FileProblem(String file, String problem) {
    }

    /** A call whose target could not be resolved: file, line, call text. */
    public record UnresolvedCall(String file, int line, String call) {
    }
}
