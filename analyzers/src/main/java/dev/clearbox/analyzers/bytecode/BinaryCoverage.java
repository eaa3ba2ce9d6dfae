package dev.clearbox.analyzers.bytecode;

import java.util.List;
import java.util.Objects;

/**
 * What the binary analysis covered and what it could not see.
 *
 * @param codeBases       jars, class directories and loose class files given to SpotBugs
 * @param classesAnalyzed classes SpotBugs analyzed
 * @param spotBugsRuns    SpotBugs runs (one per input, more when a class name is shipped twice in one input)
 * @param problems        files that were not analyzed, or only partly, with the reason
 * @param missingClasses  classes the shipped code refers to that are neither shipped nor on the class path
 *                        (their supertypes could not be followed)
 */
public record BinaryCoverage(int codeBases, int classesAnalyzed, int spotBugsRuns, List<Problem> problems,
                             int missingClasses) {
    public BinaryCoverage {
        problems = List.copyOf(problems);
    }

    /** A file not analyzed (or only partly), by nested path, and why, in one line. */
    public record Problem(String file, String problem) {
        public Problem {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
