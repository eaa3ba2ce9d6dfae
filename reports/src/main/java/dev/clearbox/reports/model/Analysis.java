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
     * @param missingTypes        types nobody could see behind which a model API may hide, with the calls each
     *                            leaves in doubt and the jars beside the sources that hold it; sorted by type
     */
    public record Coverage(int filesParsed, List<FileProblem> problems, int unresolvedCallCount,
                           List<UnresolvedCall> unresolvedCalls, long linesAnalyzed, List<String> flowLimits,
                           List<MissingType> missingTypes) {
        public Coverage {
            problems = List.copyOf(problems);
            unresolvedCalls = List.copyOf(unresolvedCalls);
            flowLimits = List.copyOf(flowLimits);
            missingTypes = List.copyOf(missingTypes == null ? List.of() : missingTypes);
        }
    }

    /** A file not analyzed (or only partly), and why. */
    public record FileProblem(String file, String problem) {
    }

    /**
     * A call whose target could not be resolved: file, line, call text, and the receiver's supertypes nobody could
     * see when only those stood in the way (then the call was matched by method name, its findings marked
     * {@code unresolved-supertypes}).
     */
    public record UnresolvedCall(String file, int line, String call, List<String> missingTypes) {
        public UnresolvedCall {
            missingTypes = List.copyOf(missingTypes == null ? List.of() : missingTypes);
        }
    }

    /** A type nobody could see: its name, the unresolved calls it leaves in doubt, the jars that hold it. */
    public record MissingType(String type, int calls, List<String> jars) {
        public MissingType {
            jars = List.copyOf(jars == null ? List.of() : jars);
        }
    }
}
