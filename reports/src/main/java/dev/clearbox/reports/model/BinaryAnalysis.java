package dev.clearbox.reports.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clearbox.analyzers.bytecode.BinaryAnalysisResult;
import dev.clearbox.analyzers.bytecode.BinaryCoverage;
import dev.clearbox.analyzers.bytecode.Correspondence;
import dev.clearbox.analyzers.bytecode.NativeLibrary;
import dev.clearbox.core.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The binary stage's result: the analysis of the shipped binaries joined with its correspondence with the source —
 * findings (the most severe first: behaviour in the binaries that the source does not have), the correspondence
 * between classes and source files, native libraries and coverage. Made of the analyzers' records, it is the
 * workspace's {@code analyze-binary/binary.json} and the {@code analyze-binary} command's output; the report holds
 * its copy, {@link BinaryReport}, made by {@link ReportMapping}.
 *
 * @param findings        binary findings and correspondence findings, by severity (highest first), then file and line
 * @param correspondence  each shipped class with its source file; classes without source; sources without class
 * @param nativeLibraries native libraries with their exported symbols
 * @param coverage        what was analyzed and what could not be
 */
@JsonPropertyOrder({"findings", "correspondence", "nativeLibraries", "coverage"})
public record BinaryAnalysis(List<Finding> findings, Correspondence correspondence, List<NativeLibrary> nativeLibraries,
                             BinaryCoverage coverage) {
    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.severity()).reversed()
            .thenComparing(f -> f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message);

    public BinaryAnalysis {
        findings = List.copyOf(findings);
        Objects.requireNonNull(correspondence, "correspondence");
        nativeLibraries = List.copyOf(nativeLibraries);
        Objects.requireNonNull(coverage, "coverage");
    }

    /** Joins the analysis and its correspondence with the source. */
    public static BinaryAnalysis of(BinaryAnalysisResult result, Correspondence correspondence) {
        List<Finding> all = new ArrayList<>(correspondence.findings());
        all.addAll(result.findings());
        all.sort(ORDER);
        return new BinaryAnalysis(all, correspondence, result.nativeLibraries(), result.coverage());
    }

    /** An empty analysis, for reports made without packages. */
    public static BinaryAnalysis none() {
        return new BinaryAnalysis(List.of(), new Correspondence(List.of(), List.of(), List.of(), List.of(), 0), List.of(),
                new BinaryCoverage(0, 0, 0, List.of(), 0));
    }
}
