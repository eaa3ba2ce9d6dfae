package dev.clearbox.reports.policy;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.reports.ReportFixture;
import dev.clearbox.reports.model.AuditReport;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The --fail-on vocabulary: its words, its parsing, and what each condition finds in {@link ReportFixture}'s report. */
class FailOnTest {
    private final AuditReport report = ReportFixture.report();

    @Test
    void wordsAreParsedOnceInOrderWithRepeatsMergedAndCaseIgnored() {
        assertEquals(EnumSet.of(FailOn.NOT_REPRODUCIBLE, FailOn.EXFIL, FailOn.CRITICAL),
                FailOn.parse(" critical,NOT-REPRODUCIBLE , exfil,critical"));
        for (FailOn c : FailOn.values()) {
            assertEquals(Set.of(c), FailOn.parse(c.word()));
        }
    }

    @Test
    void anUnknownOrEmptyWordIsRefusedNamingTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FailOn.parse("exfil,reproducible"));
        assertEquals("audit: --fail-on: unknown condition 'reproducible'; known: not-reproducible, not-rebuilt,"
                + " not-verified, exfil, binary-only, critical, high, medium, inconclusive, failed, not-passed", e.oneLine());
        assertThrows(InvalidInputException.class, () -> FailOn.parse("exfil,"));
        assertThrows(InvalidInputException.class, () -> FailOn.parse(""));
    }

    @Test
    void eachConditionsEvidenceOnTheFixture() {
        assertEquals(Optional.of("agent.jar"), FailOn.NOT_REPRODUCIBLE.evidence(report));
        assertEquals(Optional.of("update.zip!/lib/extra.jar"), FailOn.NOT_REBUILT.evidence(report));
        assertEquals(Optional.of("update.zip!/lib/gone.jar"), FailOn.NOT_VERIFIED.evidence(report));
        assertEquals(Optional.of("1 path"), FailOn.EXFIL.evidence(report));
        assertEquals(Optional.of("1 behaviour"), FailOn.BINARY_ONLY.evidence(report));
        assertEquals(Optional.of("2 artifacts not checked"), FailOn.INCONCLUSIVE.evidence(report));
        assertEquals(Optional.of("result FAILED"), FailOn.FAILED.evidence(report));
        assertEquals(Optional.of("result FAILED"), FailOn.NOT_PASSED.evidence(report));
        long critical = FailOn.findings(report).filter(f -> f.severity() == dev.clearbox.core.Severity.CRITICAL).count();
        assertEquals(Optional.of(critical + " findings"), FailOn.CRITICAL.evidence(report));
        assertTrue(critical >= 2);
    }

    @Test
    void aReportWithNothingToFailOnPassesEveryCondition() {
        AuditReport clean = new AuditReport(report.schema(), report.generatedAt(), report.tool(), report.auditor(),
                report.product(), report.source(), report.packages(), new dev.clearbox.reports.model.Analysis(List.of(),
                report.analysis().coverage()), report.rebuild(), List.of(report.verdicts().get(0)),
                new dev.clearbox.reports.model.Summary(dev.clearbox.reports.model.Result.PASSED, List.of(),
                        report.summary().findingsBySeverity(), java.util.Map.of(), java.util.Map.of(), List.of(),
                        java.util.Map.of(), 0, 0, List.of()), null, List.of(), report.session());
        PolicyOutcome p = PolicyOutcome.judge(clean, EnumSet.allOf(FailOn.class));
        assertEquals(List.of(), p.violations());
        assertTrue(p.passed());
    }

    @Test
    void theOutcomeReadsAsOneLineInConditionOrder() {
        PolicyOutcome p = PolicyOutcome.judge(report, EnumSet.of(FailOn.EXFIL, FailOn.NOT_REPRODUCIBLE, FailOn.NOT_REBUILT));
        assertEquals("not-reproducible: agent.jar; not-rebuilt: update.zip!/lib/extra.jar; exfil: 1 path", p.oneLine());
    }
}
