package dev.clearbox.reports.html;

import dev.clearbox.core.Verdict;
import dev.clearbox.reports.ReportFixture;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.Session;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session section of report.html: the last section, every limit group and stage, vendor text escaped. */
class SessionSectionHtmlTest {
    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    @Test
    void theSessionIsTheLastSectionWithEveryStageLimitGroupAndInput() {
        String html = ReportHtml.render(ReportFixture.report());
        int session = html.indexOf("<details class=\"section\" id=\"session\">");
        assertTrue(session > html.indexOf("<details class=\"section\" id=\"packages\">"), "after the packages");
        assertEquals(-1, html.indexOf("<details class=\"section\"", session + 1), "nothing after it");
        String section = html.substring(session);
        for (String expected : List.of("(12 not covered)", "<td>analyze</td><td>41200 ms</td>", "<td>compare</td><td>310 ms</td>",
                "<th>Unpack</th><td>1 GiB in total, 1 MiB per entry, 500 entries", "<th>Checkout</th><td>512 MiB per file, 128 directory levels",
                "<th>Rebuild</th><td>2 runs of at most 1800 s", "<th>Source analysis</th><td>explicit flows only (implicit flows not followed); 4 MiB per file",
                "<th>Compare</th><td>5 nested archive levels", "<th>Sandbox</th><td>NONE: ",
                "session.json sha256 " + "8".repeat(64), "vendor-keys.asc sha256", "<th>javaparser</th><td>3.28.2</td>",
                "<code>update.zip!/lib/gone.jar: NOT_VERIFIED (reference missing)</code>")) {
            assertTrue(section.contains(expected), expected + " in\n" + section);
        }
    }

    @Test
    void vendorTextInTheSessionIsEscaped() {
        AuditReport r = ReportFixture.report();
        Session s = r.session();
        Session hostile = new Session(List.of("Lab " + MARKUP), s.startedAt(), s.endedAt(),
                List.of(new Session.StageRun("analyze", 5, "parsed " + MARKUP)), s.inputs(), s.tools(), s.limits(),
                new Session.Sandbox(s.sandbox().requested(), false, s.sandbox().level(), "detail " + MARKUP),
                new Session.NotCovered(List.of("src/" + MARKUP + ".java"), 0, List.of("flow stopped in " + MARKUP),
                        List.of("a.jar!/" + MARKUP + ".class"), 0,
                        List.of(new Session.NotChecked("p.zip!/" + MARKUP, Verdict.NOT_REBUILT, MARKUP))));
        String html = ReportHtml.render(new AuditReport(r.schema(), r.generatedAt(), r.tool(), r.auditor(), r.product(),
                r.source(), r.packages(), r.analysis(), r.rebuild(), r.verdicts(), r.summary(), r.binaryAnalysis(),
                r.packageFindings(), hostile));
        assertFalse(html.contains("<img"), "no markup from the session reaches the page");
        assertTrue(html.contains("flow stopped in &lt;img src=x onerror=alert(1)&gt;"), "shown escaped");
        assertTrue(html.contains("<li>not covered: 1 source file, 0 unresolved calls, 1 flow limit hit, 1 shipped file not analysed,"
                + " 1 artifact not checked"), "the counts at the top are the session's");
    }
}
