package dev.clearbox.reports.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Objects;

/**
 * The report's {@code binaryAnalysis}: findings in the shipped binaries (the most severe first), the correspondence
 * between classes and source files, native libraries and coverage. Made from the binary stage's
 * {@link BinaryAnalysis} by {@link ReportMapping}.
 *
 * @param findings        binary and correspondence findings, by severity (highest first), then file and line
 * @param correspondence  each shipped class with its source file; classes without source; sources without class
 * @param nativeLibraries native libraries with their exported symbols
 * @param coverage        what was analyzed and what could not be
 */
@JsonPropertyOrder({"findings", "correspondence", "nativeLibraries", "coverage"})
public record BinaryReport(List<ReportFinding> findings, Correspondence correspondence, List<NativeLibrary> nativeLibraries,
                           Coverage coverage) {
    public BinaryReport {
        findings = List.copyOf(findings);
        Objects.requireNonNull(correspondence, "correspondence");
        nativeLibraries = List.copyOf(nativeLibraries);
        Objects.requireNonNull(coverage, "coverage");
    }

    /**
     * The shipped classes side by side with the reviewed source.
     *
     * @param classes              every shipped class with its source file (empty when none)
     * @param classesWithoutSource class files with no source file
     * @param sourcesWithoutClass  source files no shipped class comes from
     * @param findings             the {@code CBX-BIN-ONLY} and {@code CBX-BIN-NO-SOURCE} findings
     * @param lineTolerance        how far (in lines) a binary call site may lie from its source counterpart
     */
    public record Correspondence(List<ClassSource> classes, List<String> classesWithoutSource,
                                 List<String> sourcesWithoutClass, List<ReportFinding> findings, int lineTolerance) {
        public Correspondence {
            classes = List.copyOf(classes);
            classesWithoutSource = List.copyOf(classesWithoutSource);
            sourcesWithoutClass = List.copyOf(sourcesWithoutClass);
            findings = List.copyOf(findings);
        }
    }

    /** A shipped class file, its binary name, and its source file or empty. */
    public record ClassSource(String classFile, String className, String sourceFile) {
    }

    /** A native library: nested path, format, exported symbols, how many are JNI entry points, why unreadable. */
    public record NativeLibrary(String file, String format, List<String> symbols, int jniSymbols, String problem) {
        public NativeLibrary {
            symbols = List.copyOf(symbols);
        }
    }

    /** What the binary analysis covered: code bases, classes, SpotBugs runs, problems, missing classes. */
    public record Coverage(int codeBases, int classesAnalyzed, int spotBugsRuns, List<Problem> problems,
                           int missingClasses) {
        public Coverage {
            problems = List.copyOf(problems);
        }
    }

    /** A file not analyzed (or only partly), and why. */
    public record Problem(String file, String problem) {
    }
}
