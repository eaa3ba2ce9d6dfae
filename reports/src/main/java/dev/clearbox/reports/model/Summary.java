package dev.clearbox.reports.model;

import dev.clearbox.core.Finding;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.ArtifactComparison;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts for a quick look, derived from the rest of the report.
 *
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
        Map<String, Integer> findingsByCapability,
        Map<String, Integer> findingsByRule,
        List<String> endpoints,
        Map<Verdict, Integer> verdicts,
        int coverageProblems,
        int unresolvedCalls,
        List<String> caveats) {

    public Summary {
        caveats = List.copyOf(caveats);
    }

    public static Summary of(List<Finding> findings, List<ArtifactComparison> comparisons, int coverageProblems,
                             int unresolvedCalls) {
        return of(findings, comparisons, coverageProblems, unresolvedCalls, List.of());
    }

    public static Summary of(List<Finding> findings, List<ArtifactComparison> comparisons, int coverageProblems,
                             int unresolvedCalls, List<String> caveats) {
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
        return new Summary(byCapability, byRule, List.copyOf(endpoints), verdicts, coverageProblems, unresolvedCalls, caveats);
    }
}
