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
 * @param missingTypes        the types nobody could see behind which a model API may hide (supertypes of call
 *                            receivers that neither the sources nor the classpath hold), with the number of calls
 *                            each leaves unresolved and the jars found that would resolve it; sorted by type
 */
public record SourceCoverage(
        int filesParsed,
        List<FileProblem> problems,
        int unresolvedCallCount,
        List<UnresolvedCall> unresolvedCalls,
        long linesAnalyzed,
        List<String> flowLimits,
        List<MissingType> missingTypes) {

    /** How many unresolved calls are listed; the count covers all of them. */
    public static final int MAX_LISTED_UNRESOLVED = 200;

    public SourceCoverage {
        problems = List.copyOf(problems);
        unresolvedCalls = List.copyOf(unresolvedCalls);
        flowLimits = List.copyOf(flowLimits == null ? List.of() : flowLimits);
        missingTypes = List.copyOf(missingTypes == null ? List.of() : missingTypes);
        if (unresolvedCallCount < unresolvedCalls.size()) {
            throw new IllegalArgumentException("unresolvedCallCount below listed calls");
        }
    }

    /** Coverage of a run without flow-analysis limits. */
    public SourceCoverage(int filesParsed, List<FileProblem> problems, int unresolvedCallCount,
                          List<UnresolvedCall> unresolvedCalls, long linesAnalyzed) {
        this(filesParsed, problems, unresolvedCallCount, unresolvedCalls, linesAnalyzed, List.of(), List.of());
    }

    /** Coverage of a run in which every receiver's supertypes could be seen. */
    public SourceCoverage(int filesParsed, List<FileProblem> problems, int unresolvedCallCount,
                          List<UnresolvedCall> unresolvedCalls, long linesAnalyzed, List<String> flowLimits) {
        this(filesParsed, problems, unresolvedCallCount, unresolvedCalls, linesAnalyzed, flowLimits, List.of());
    }

    /** A file that was not analyzed (or only partly), relative to the source root, and why, in one line. */
    public record FileProblem(String file, String problem) {
        public FileProblem {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * A call whose target could not be resolved: file relative to the root, 1-based line, call text, and when
     * its receiver's type is known but some of its supertypes are not, those types ({@code missingTypes}, sorted;
     * the call is then also matched by method name, see {@code unresolved-supertypes} findings).
     */
    public record UnresolvedCall(String file, int line, String call, List<String> missingTypes) {
        public UnresolvedCall {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(call, "call");
            missingTypes = List.copyOf(missingTypes == null ? List.of() : missingTypes);
        }

        /** A call nothing could resolve. */
        public UnresolvedCall(String file, int line, String call) {
            this(file, line, call, List.of());
        }
    }

    /**
     * A type nobody could see that stands between call receivers and their full supertype list.
     *
     * @param type  the name as the sources import it (fully qualified where the imports tell)
     * @param calls how many unresolved calls it leaves in doubt
     * @param jars  jars found beside the sources (not on the classpath) that hold it, relative to the source
     *              root, sorted; pass them as the classpath to resolve the calls
     */
    public record MissingType(String type, int calls, List<String> jars) {
        public MissingType {
            Objects.requireNonNull(type, "type");
            jars = List.copyOf(jars == null ? List.of() : jars);
        }
    }
}
