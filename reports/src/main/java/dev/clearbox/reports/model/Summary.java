package dev.clearbox.reports.model;

import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.analyzers.source.SourceRule;

import dev.clearbox.core.Finding;
import dev.clearbox.core.Severity;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.rebuild.RebuildResult;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts for a quick look, and the overall answer, derived from the rest of the report.
 *
 * @param result               the overall result (rules in {@link #result} and docs/report-schema.md, "Result")
 * @param resultReasons        every condition of those rules that holds, one line each, most serious first; empty
 *                             for PASSED
 * @param findingsBySeverity   number of findings per severity, every severity listed, least severe first
 * @param findingsByCapability number of findings per capability, sorted by name
 * @param findingsByRule       number of findings per rule id, sorted
 * @param endpoints            every distinct literal endpoint seen, sorted
 * @param verdicts             number of artifacts per verdict
 * @param coverageProblems     files not analyzed, or only partly
 * @param unresolvedCalls      calls whose target could not be resolved
 * @param caveats              what weakens this report, in words (for example a vendor build that ran without a
 *                             sandbox); empty when nothing does
 */
public record Summary(
        Result result,
        List<String> resultReasons,
        Map<Severity, Integer> findingsBySeverity,
        Map<String, Integer> findingsByCapability,
        Map<String, Integer> findingsByRule,
        List<String> endpoints,
        Map<Verdict, Integer> verdicts,
        int coverageProblems,
        int unresolvedCalls,
        List<String> caveats) {

    /** Findings of this severity or above make a reproducible audit PASSED_WITH_FINDINGS rather than PASSED. */
    public static final Severity FINDINGS_THRESHOLD = Severity.HIGH;

    public Summary {
        resultReasons = List.copyOf(resultReasons);
        caveats = List.copyOf(caveats);
    }

    public static Summary of(List<Finding> findings, List<ArtifactComparison> comparisons, int coverageProblems,
                             int unresolvedCalls) {
        return of(findings, comparisons, coverageProblems, unresolvedCalls, List.of());
    }

    /** A summary judged from the verdicts and findings alone (no rebuild status). */
    public static Summary of(List<Finding> findings, List<ArtifactComparison> comparisons, int coverageProblems,
                             int unresolvedCalls, List<String> caveats) {
        return of(findings, comparisons, null, coverageProblems, unresolvedCalls, caveats);
    }

    /**
     * The summary of an audit.
     *
     * @param rebuildStatus how the rebuild ended, or {@code null} when unknown (judged from the verdicts alone)
     */
    public static Summary of(List<Finding> findings, List<ArtifactComparison> comparisons,
                             RebuildResult.Status rebuildStatus, int coverageProblems, int unresolvedCalls,
                             List<String> caveats) {
        Map<String, Integer> byCapability = new TreeMap<>();
        Map<String, Integer> byRule = new TreeMap<>();
        TreeSet<String> endpoints = new TreeSet<>();
        for (Finding f : findings) {
            byCapability.merge(f.capability().name(), 1, Integer::sum);
            byRule.merge(f.ruleId(), 1, Integer::sum);
            endpoints.addAll(f.endpoints());
        }
        Map<Verdict, Integer> verdicts = new TreeMap<>();
        for (ArtifactComparison c : comparisons) {
            verdicts.merge(c.verdict(), 1, Integer::sum);
        }
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            bySeverity.put(s, 0);
        }
        findings.forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
        List<String> reasons = new ArrayList<>();
        Result result = result(findings, comparisons, rebuildStatus, reasons);
        return new Summary(result, reasons, bySeverity, byCapability, byRule, List.copyOf(endpoints), verdicts,
                coverageProblems, unresolvedCalls, caveats);
    }

    /**
     * The overall result, by these rules in this order (the first that holds wins; {@code reasons} receives every
     * condition that holds, in this order):
     * <ol>
     *   <li>FAILED: an artifact is NOT_REPRODUCIBLE, or there is a {@code CBX-BIN-ONLY} finding (behaviour in the
     *       shipped binaries with no counterpart in the source);</li>
     *   <li>INCONCLUSIVE: the rebuild did not succeed, an artifact is NOT_REBUILT or NOT_VERIFIED, or no artifact was
     *       compared;</li>
     *   <li>PASSED_WITH_FINDINGS: a finding of severity {@link #FINDINGS_THRESHOLD} or above, or an exfiltration path
     *       ({@code CBX-SRC-EXFIL}, whatever its severity);</li>
     *   <li>PASSED otherwise.</li>
     * </ol>
     */
    public static Result result(List<Finding> findings, List<ArtifactComparison> comparisons,
                                RebuildResult.Status rebuildStatus, List<String> reasons) {
        List<String> failed = new ArrayList<>();
        List<String> inconclusive = new ArrayList<>();
        List<String> findingsReasons = new ArrayList<>();
        for (ArtifactComparison c : comparisons) {
            switch (c.verdict()) {
                case NOT_REPRODUCIBLE -> failed.add("NOT_REPRODUCIBLE " + c.shipped());
                case NOT_REBUILT, NOT_VERIFIED -> inconclusive.add(c.verdict() + " " + c.shipped()
                        + (c.reason().isEmpty() ? "" : " (" + c.reason() + ")"));
                default -> {
                }
            }
        }
        long binaryOnly = findings.stream().filter(f -> f.rule() == BinaryRule.ONLY).count();
        if (binaryOnly > 0) {
            failed.add(binaryOnly + " behaviour" + (binaryOnly == 1 ? "" : "s")
                    + " in the shipped binaries with no counterpart in the source (" + BinaryRule.ONLY.id() + ")");
        }
        if (rebuildStatus != null && rebuildStatus != RebuildResult.Status.SUCCEEDED) {
            inconclusive.add(0, "rebuild " + rebuildStatus);
        }
        if (comparisons.isEmpty()) {
            inconclusive.add("no shipped artifact was compared with a rebuild");
        }
        long severe = findings.stream().filter(f -> f.severity().compareTo(FINDINGS_THRESHOLD) >= 0).count();
        if (severe > 0) {
            findingsReasons.add(severe + " finding" + (severe == 1 ? "" : "s") + " of severity " + FINDINGS_THRESHOLD
                    + " or above");
        }
        long exfil = findings.stream().filter(f -> f.rule() == SourceRule.EXFIL).count();
        if (exfil > 0) {
            findingsReasons.add(exfil + " exfiltration path" + (exfil == 1 ? "" : "s") + " (" + SourceRule.EXFIL.id() + ")");
        }
        reasons.addAll(failed);
        reasons.addAll(inconclusive);
        reasons.addAll(findingsReasons);
        return !failed.isEmpty() ? Result.FAILED : !inconclusive.isEmpty() ? Result.INCONCLUSIVE
                : !findingsReasons.isEmpty() ? Result.PASSED_WITH_FINDINGS : Result.PASSED;
    }

}
