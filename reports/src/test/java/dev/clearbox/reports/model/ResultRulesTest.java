package dev.clearbox.reports.model;

import dev.clearbox.analyzers.Rules;
import dev.clearbox.core.Capability;
import dev.clearbox.core.Rule;

import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;
import dev.clearbox.core.Severity;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.rebuild.RebuildResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The overall result's rules (docs/report-schema.md, "Result"), each in isolation and in their order. */
class ResultRulesTest {
    private static final String SHA = "a".repeat(64);

    private static ArtifactComparison verdict(String shipped, Verdict v) {
        return switch (v) {
            case NOT_REBUILT -> ArtifactComparison.notRebuilt(shipped, SHA, "rebuild JDK_NOT_FOUND");
            case NOT_VERIFIED -> ArtifactComparison.notVerified(shipped, "", "target/x.jar", "reference missing");
            default -> new ArtifactComparison(shipped, "target/x.jar", v, v == Verdict.REPRODUCIBLE, v != Verdict.NOT_REPRODUCIBLE,
                    SHA, SHA, List.of(), "");
        };
    }

    private static Finding finding(String ruleId, Severity severity) {
        Rule rule = Rules.all().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow();
        return new Finding(rule, Capability.NETWORK, severity, "m", new Location("A.java", 1, ""), "", "", List.of(), List.of());
    }

    private static String judge(List<Finding> findings, List<ArtifactComparison> verdicts, RebuildResult.Status status,
                                List<String> reasons) {
        return Summary.result(findings, verdicts, status, reasons).name();
    }

    @Test
    void eachRule() {
        List<ArtifactComparison> good = List.of(verdict("p.zip!/a.jar", Verdict.REPRODUCIBLE),
                verdict("p.zip!/b.jar", Verdict.EQUIVALENT));
        RebuildResult.Status ok = RebuildResult.Status.SUCCEEDED;
        List<String> reasons = new ArrayList<>();
        assertEquals("PASSED", judge(List.of(finding("CBX-SRC-NETWORK", Severity.MEDIUM)), good, ok, reasons));
        assertEquals(List.of(), reasons);

        assertEquals("PASSED_WITH_FINDINGS", judge(List.of(finding("CBX-SRC-NETWORK", Severity.HIGH)), good, ok, reasons));
        assertEquals(List.of("1 finding of severity HIGH or above"), reasons);
        reasons.clear();
        assertEquals("PASSED_WITH_FINDINGS", judge(List.of(finding("CBX-SRC-EXFIL", Severity.LOW)), good, ok, reasons));
        assertEquals(List.of("1 exfiltration path (CBX-SRC-EXFIL)"), reasons);

        reasons.clear();
        assertEquals("INCONCLUSIVE", judge(List.of(), List.of(verdict("p.zip!/a.jar", Verdict.NOT_REBUILT)),
                RebuildResult.Status.JDK_NOT_FOUND, reasons));
        assertEquals(List.of("rebuild JDK_NOT_FOUND", "NOT_REBUILT p.zip!/a.jar (rebuild JDK_NOT_FOUND)"), reasons);
        assertEquals("INCONCLUSIVE", judge(List.of(), List.of(verdict("p.zip!/a.jar", Verdict.NOT_VERIFIED)), ok, new ArrayList<>()));
        assertEquals("INCONCLUSIVE", judge(List.of(), good, RebuildResult.Status.NON_DETERMINISTIC, new ArrayList<>()));
        reasons.clear();
        assertEquals("INCONCLUSIVE", judge(List.of(), List.of(), null, reasons));
        assertEquals(List.of("no shipped artifact was compared with a rebuild"), reasons);

        reasons.clear();
        assertEquals("FAILED", judge(List.of(finding("CBX-SRC-EXFIL", Severity.CRITICAL)),
                List.of(verdict("p.zip!/a.jar", Verdict.NOT_REPRODUCIBLE), verdict("p.zip!/b.jar", Verdict.NOT_REBUILT)),
                ok, reasons));
        assertEquals(List.of("NOT_REPRODUCIBLE p.zip!/a.jar", "NOT_REBUILT p.zip!/b.jar (rebuild JDK_NOT_FOUND)",
                "1 finding of severity HIGH or above", "1 exfiltration path (CBX-SRC-EXFIL)"), reasons,
                "every condition that holds, most serious first");
        assertEquals("FAILED", judge(List.of(finding("CBX-BIN-ONLY", Severity.CRITICAL)), good, ok, new ArrayList<>()),
                "behaviour only in the binary fails a reproducible audit");
    }

    @Test
    void findingsBySeverityListsEverySeverity() {
        Summary s = Summary.of(List.of(finding("CBX-SRC-NETWORK", Severity.HIGH), finding("CBX-SRC-NETWORK", Severity.HIGH), finding("CBX-SRC-NETWORK", Severity.INFO)),
                List.of(), RebuildResult.Status.SUCCEEDED, 0, 0, List.of());
        assertEquals("{INFO=1, LOW=0, MEDIUM=0, HIGH=2, CRITICAL=0}", s.findingsBySeverity().toString());
        assertEquals(Result.INCONCLUSIVE, s.result());
    }
}
