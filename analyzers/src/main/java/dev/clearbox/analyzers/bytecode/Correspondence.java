package dev.clearbox.analyzers.bytecode;

import dev.clearbox.core.Finding;

import java.util.List;

/**
 * The shipped classes side by side with the reviewed source.
 *
 * @param classes              every shipped class with its source file (empty when none), by class file
 * @param classesWithoutSource class files with no source file, by nested path
 * @param sourcesWithoutClass  source files (outside test directories) that no shipped class comes from
 * @param findings             {@code CBX-BIN-ONLY} and {@code CBX-BIN-NO-SOURCE} findings: behaviour and
 *                             classes in the binaries with no counterpart in the source
 * @param lineTolerance        how far (in lines) a binary call site may lie from its source counterpart
 */
public record Correspondence(List<ClassSource> classes, List<String> classesWithoutSource,
                             List<String> sourcesWithoutClass, List<Finding> findings, int lineTolerance) {
    public Correspondence {
        classes = List.copyOf(classes);
        classesWithoutSource = List.copyOf(classesWithoutSource);
        sourcesWithoutClass = List.copyOf(sourcesWithoutClass);
        findings = List.copyOf(findings);
    }
}
