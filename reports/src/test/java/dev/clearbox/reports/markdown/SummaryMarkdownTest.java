package dev.clearbox.reports.markdown;

import dev.clearbox.reports.GoldenFiles;
import dev.clearbox.reports.ReportFixture;
import dev.clearbox.reports.delta.DeltaText;
import dev.clearbox.reports.delta.ReleaseDiff;
import dev.clearbox.reports.delta.VerifiedReport;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.Product;
import dev.clearbox.reports.model.ReleaseDelta;
import dev.clearbox.reports.policy.FailOn;
import dev.clearbox.reports.policy.PolicyOutcome;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI summary of {@link ReportFixture}'s report, pinned by a golden file, and its escaping of vendor text. */
class SummaryMarkdownTest {
    private final AuditReport report = ReportFixture.report();
    private final SummaryMarkdown.Location where = new SummaryMarkdown.Location("/audit/ws/report/report.dsse.json",
            "/audit/ws/report/report.json", "/audit/ws/report/report.html", "/audit/ws/keys/lab.pub.pem",
            ReportFixture.KEY_ID, false);

    @Test
    void golden() throws Exception {
        PolicyOutcome policy = PolicyOutcome.judge(report, EnumSet.of(FailOn.NOT_REPRODUCIBLE, FailOn.EXFIL, FailOn.NOT_PASSED));
        GoldenFiles.assertGolden("summary.md", SummaryMarkdown.render(report, where, policy));
    }

    @Test
    void sameReportSameBytes() {
        PolicyOutcome none = PolicyOutcome.judge(report, Set.of());
        assertEquals(SummaryMarkdown.render(report, where, none), SummaryMarkdown.render(ReportFixture.report(), where, none));
        assertTrue(SummaryMarkdown.render(report, where, none).contains("**Policy:** none"));
    }

    @Test
    void vendorMarkupLinksAndControlsAreInert() {
        String hostile = "[click](https://evil.example) <img src=x onerror=alert(1)> **b** | cell `x` www.evil.example"
                + " a@b.example &lt; \u202e\n# heading";
        String t = SummaryMarkdown.text(hostile);
        assertFalse(t.contains("\n") || t.contains("\u202e"), t);
        assertTrue(t.contains("\\\\u202e\\\\n\\# heading"), t);
        for (String raw : new String[]{"](", "**", "`x`", "://", "www.", "a@b"}) {
            assertFalse(t.contains(raw), raw + " left raw in " + t);
        }
        // every ASCII punctuation character is preceded by a backslash
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '\\' && c < 0x80 && !Character.isLetterOrDigit(c) && c != ' ') {
                assertEquals('\\', t.charAt(i - 1), "unescaped " + c + " at " + i + " in " + t);
            }
        }
    }

    @Test
    void aCodeSpanOutlastsEveryBacktickRunInIt() {
        assertEquals("``` a``b`c ```", SummaryMarkdown.code("a``b`c"));
        assertEquals("` x\\ny `", SummaryMarkdown.code("x\ny"));
    }

    @Test
    void theFixturesVendorTextIsEscapedInTheSummary() {
        String md = SummaryMarkdown.render(report, where, PolicyOutcome.judge(report, Set.of()));
        assertTrue(md.startsWith("# Clearbox audit: Acme \\<Corp\\> Updater 1\\.4\\.0: FAILED\n"), md);
        assertFalse(md.contains("<Corp>"), md);
    }

    @Test
    void aBaselinedReportSaysWhatTheReleaseAddedFirst() {
        AuditReport r = ReportFixture.report();
        AuditReport baseline = new AuditReport(r.schema(), r.generatedAt(), r.tool(), r.auditor(), r.product(), r.source(),
                r.packages().subList(0, 1), r.analysis(), r.rebuild(), r.verdicts().subList(0, 1), r.summary(),
                r.binaryAnalysis(), r.packageFindings(), r.session());
        AuditReport next = new AuditReport(r.schema(), r.generatedAt(), r.tool(), r.auditor(),
                new Product(r.product().vendor(), r.product().name(), "1.4.1"), r.source(), r.packages(), r.analysis(),
                r.rebuild(), r.verdicts(), r.summary(), r.binaryAnalysis(), r.packageFindings(), r.session());
        ReleaseDelta delta = ReleaseDiff.between(new VerifiedReport(Path.of("old"), baseline, "0".repeat(64), "k"), next);
        assertFalse(delta.of(ReleaseDelta.Kind.ADDED).isEmpty(), "the fixture's second package is new in 1.4.1");

        String md = SummaryMarkdown.render(next.withDelta(delta), where, PolicyOutcome.judge(report, Set.of()));

        assertTrue(md.contains("## Since 1\\.4\\.0\n"), md);
        String section = md.substring(md.indexOf("## Since"), md.indexOf("## Signed report"));
        ReleaseDelta.Change first = delta.changes().get(0);
        assertEquals(ReleaseDelta.Kind.ADDED, first.change());
        assertTrue(section.contains("\n- **added** " + DeltaText.name(first.category())), section);
        for (ReleaseDelta.Change c : delta.changes()) {
            assertTrue(section.contains(SummaryMarkdown.text(c.subject())), c.subject() + " listed in\n" + section);
        }
        for (ReleaseDelta.Counts c : delta.counts()) {
            if (c.added() + c.removed() + c.changed() > 0) {
                assertTrue(section.contains("| " + DeltaText.name(c.category()) + " | " + c.added() + " | " + c.removed()
                        + " | " + c.changed() + " |"), section);
            }
        }
        assertFalse(SummaryMarkdown.render(report, where, PolicyOutcome.judge(report, Set.of())).contains("## Since"),
                "no baseline, no delta section");
    }
}
