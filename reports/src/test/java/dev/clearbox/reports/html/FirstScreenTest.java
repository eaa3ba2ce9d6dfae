package dev.clearbox.reports.html;

import dev.clearbox.reports.ReportFixture;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReportFinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first screen of the HTML report, laid out by headless Chromium, and the exfiltration-path ranking. */
class FirstScreenTest {
    @TempDir
    Path tmp;

    @Test
    void theFirst900PxShowTheVerdictArtifactsBinaryOnlyBehaviourEndpointsAndTheWorstPath() throws Exception {
        FirstScreenProbe screen = FirstScreenProbe.of(ReportHtml.render(ReportFixture.report()), tmp);
        String text = screen.text();
        for (String expected : List.of(
                "Result: FAILED",
                "1 of 5 shipped artifacts NOT_REPRODUCIBLE from the source",
                "Shipped binaries against the source", "NOT_REPRODUCIBLE", "REPRODUCIBLE", "EQUIVALENT", "NOT_REBUILT",
                "ONLY_IN_SHIPPED", "com/acme/Beacon.class", "METHOD_CODE_CHANGED",
                "Only in the shipped binaries (1)", "The shipped binary opens a connection the source does not",
                "Endpoints (3)", "203.0.113.9:443", "https://telemetry.acme.example/v1", "10.0.0.7",
                "Exfiltration paths, most severe first (1)", "System.getenv(\"HOME\")",
                // the summary counts, and what the session did not cover
                "artifacts: 1 REPRODUCIBLE, 1 EQUIVALENT, 1 NOT_REPRODUCIBLE, 1 NOT_REBUILT, 1 NOT_VERIFIED; endpoints: 3",
                "not covered: 1 source file, 3 unresolved calls, 1 flow limit hit, 1 shipped file not analysed,"
                        + " 2 artifacts not checked")) {
            assertTrue(screen.shows(expected), "the first 900 px do not show '" + expected + "':\n" + text);
        }
        // The details are closed: their content is not on the first screen.
        assertFalse(screen.shows("Unpacked under these limits"), text);
        assertFalse(screen.shows("com.acme.agent.Uploader#send(String)"), text);
        assertFalse(screen.shows("Limits in force"), "the session section is closed, at the end: " + text);
        // Everything else is collapsed: the page is short (the sample report was about 21,000 px before).
        assertTrue(screen.pageHeight() < 3000, "page height " + screen.pageHeight());
    }

    @Test
    void pathsRankBySeverityThenSourceSensitivityThenLength() {
        ReportFinding config = flow(dev.clearbox.core.Severity.CRITICAL, 3,
                "Path file = home.resolve(\"agent.properties\");", "source: file contents, FILE_READ java.nio.file.Files#readString");
        ReportFinding key = flow(dev.clearbox.core.Severity.CRITICAL, 9,
                "Path key = Path.of(home, \".ssh\", \"id_rsa\");", "source: file contents, FILE_READ java.nio.file.Files#readAllBytes");
        ReportFinding shortEnv = flow(dev.clearbox.core.Severity.HIGH, 2, "System.getenv(\"HOSTNAME\")",
                "source: environment variable, ENV java.lang.System#getenv");
        ReportFinding longEnv = flow(dev.clearbox.core.Severity.HIGH, 6, "System.getenv(\"USER\")",
                "source: environment variable, ENV java.lang.System#getenv");
        List<ReportFinding> ranked = java.util.stream.Stream.of(longEnv, config, shortEnv, key)
                .sorted(FirstScreen.RANKING).toList();

        assertEquals(List.of(key, config, shortEnv, longEnv), ranked);
        assertEquals(FirstScreen.Sensitivity.SECRET, FirstScreen.sensitivity(key));
        assertEquals(FirstScreen.Sensitivity.USER_DATA, FirstScreen.sensitivity(config));
        assertEquals(FirstScreen.Sensitivity.DEVICE, FirstScreen.sensitivity(shortEnv));
        assertEquals("Path key = Path.of(home, \".ssh\", \"id_rsa\");", FirstScreen.evidence(key).location().code());
    }

    private static ReportFinding flow(dev.clearbox.core.Severity severity, int steps, String sourceCode, String note) {
        List<ReportFinding.Step> path = new java.util.ArrayList<>();
        path.add(new ReportFinding.Step(new ReportFinding.Location("src/A.java", 1, sourceCode), "A#a()", note));
        for (int i = 1; i < steps; i++) {
            path.add(new ReportFinding.Step(new ReportFinding.Location("src/B.java", i + 1, "x" + i + "();"), "B#b()", ""));
        }
        return new ReportFinding("CBX-SRC-EXFIL", "DNS", severity, "flow of " + sourceCode,
                new ReportFinding.Location("src/B.java", 99, "InetAddress.getByName(x);"), "java.net.InetAddress#getByName",
                "symbol-solver", List.of(), path, "B#b()", null, "0123456789abcdef0123456789abcdef");
    }

    @Test
    void endpointsNameEveryPlaceAndBinaryOnlyOnesSaySo() {
        AuditReport r = ReportFixture.report();
        var places = FirstScreen.endpointPlaces(r);
        assertEquals(List.of("10.0.0.7", "203.0.113.9:443", "https://telemetry.acme.example/v1"), List.copyOf(places.keySet()));
        assertTrue(places.get("203.0.113.9:443").iterator().next().endsWith("(binary only)"), places.toString());
        // The binary call site of AgentMain.class is shown at its source file.
        assertTrue(places.get("https://telemetry.acme.example/v1").contains("src/main/java/com/acme/agent/AgentMain.java:40"),
                places.toString());
        assertEquals("IP address", FirstScreen.kind("203.0.113.9:443"));
        assertEquals("partly unknown", FirstScreen.kind("{\u2026}/sigdb/latest.db"));
    }
}
