package dev.clearbox.analyzers.bytecode;

import dev.clearbox.core.Finding;

import java.util.List;
import java.util.Objects;

/**
 * What the binary analysis found.
 *
 * @param findings        capability call sites, flows, FindSecBugs findings and what hides code, sorted by
 *                        file, line, rule id
 * @param classes         every shipped class file, sorted by nested path
 * @param nativeLibraries every native library, sorted by nested path
 * @param coverage        what was analyzed and what could not be
 */
public record BinaryAnalysisResult(List<Finding> findings, List<ShippedClass> classes,
                                   List<NativeLibrary> nativeLibraries, BinaryCoverage coverage) {
    public BinaryAnalysisResult {
        findings = List.copyOf(findings);
        classes = List.copyOf(classes);
        nativeLibraries = List.copyOf(nativeLibraries);
        Objects.requireNonNull(coverage, "coverage");
    }
}
