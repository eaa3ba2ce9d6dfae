package dev.clearbox.analyzers.source;

import java.util.List;
import java.util.Objects;

/**
 * What the source analysis covered, and what it could not see. Nothing is dropped silently: a file
 * that was not analyzed is in {@code problems}, a call that could not be resolved is counted.
 *
 * @param filesParsed         {@code .java} files parsed and analyzed
 * @param problems            files (sources or classpath jars) not analyzed, or only partly, with the reason
 * @param unresolvedCallCount calls whose method name appears in the model but whose declaring type could
 *                            be determined neither by the symbol solver nor from imports
 * @param unresolvedCalls     the first {@link #MAX_LISTED_UNRESOLVED} of them, sorted by file and line
 * @param linesAnalyzed       physical lines of the parsed files
 * @param flowLimits          where the flow analysis stopped early (a bound on operations, loop or summary
 *                            rounds, dispatch targets, origins per value, reported flows), one line each,
 *                            sorted; empty when it ran to completion
 */
public record SourceCoverage(
        int filesParsed,
        List<FileProblem> problems,
        int unresolvedCallCount,
        List<UnresolvedCall> unresolvedCalls,
        long linesAnalyzed,
        List<String> flowLimits) {

    /** How many unresolved calls are listed; the count covers all of them. */
    public static final int MAX_LISTED_UNRESOLVED = 200;

    public SourceCoverage {
        problems = List.copyOf(problems);
        unresolvedCalls = List.copyOf(unresolvedCalls);
        flowLimits = List.copyOf(flowLimits == null ? List.of() : flowLimits);
        if (unresolvedCallCount < unresolvedCalls.size()) {
            throw new IllegalArgumentException("unresolvedCallCount below listed calls");
        }
    }

    /** Coverage of a run without flow-analysis limits. */
    public SourceCoverage(int filesParsed, List<FileProblem> problems, int unresolvedCallCount,
                          List<UnresolvedCall> unresolvedCalls, long linesAnalyzed) {
        this(filesParsed, problems, unresolvedCallCount, unresolvedCalls, linesAnalyzed, List.of());
    }

    /** A file that was not analyzed (or only partly), relative to the source root, and why, in one line. */
    public record FileProblem(String file, String problem) {
        public FileProblem {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** A call whose target could not be resolved: file relative to the root, 1-based line, call text. */
    public record UnresolvedCall(String file, int line, String call) {
        public UnresolvedCall {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(call, "call");
        }
    }
}
