package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.samples.ImplicitFlowSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code clearbox audit --implicit-flows}: the auditor turns on control dependence for the audit's source analysis;
 * the signed report and the terminal summary say which mode ran. Without the option, neither the path nor the mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditImplicitFlowsTest {
    @TempDir
    static Path tmp;

    Path manifest;

    @BeforeAll
    void createSession() {
        manifest = ImplicitFlowSession.create(tmp.resolve("submission"));
    }

    private static JsonNode exfil(JsonNode report) {
        for (JsonNode f : report.at("/analysis/findings")) {
            if (f.path("ruleId").asText().equals("CBX-SRC-EXFIL")) {
                return f;
            }
        }
        return null;
    }

    private static String flowsLine(String out) {
        return out.lines().filter(l -> l.startsWith("  flows      ")).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    @Test
    void theOptionTurnsOnImplicitFlowsAndTheSignedReportRecordsIt() throws Exception {
        Path ws = tmp.resolve("ws-implicit");
        CliRun r = CliRun.of("audit", manifest, "--workspace", ws, "--isolation", "none", "--implicit-flows", "-q");
        assertEquals(ExitCode.OK.code(), r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(ws.resolve("report/report.json").toFile());
        assertTrue(report.at("/session/limits/sourceAnalysis/implicitFlows").booleanValue(), report.at("/session/limits").toString());
        JsonNode f = exfil(report);
        assertTrue(f != null, report.at("/analysis/findings").toString());
        assertEquals(ImplicitFlowSession.SOURCE_FILE + ":" + ImplicitFlowSession.CALL_LINE,
                f.at("/location/file").asText() + ":" + f.at("/location/line").asInt());
        assertTrue(f.get("path").toString().contains("controls whether it runs"), f.get("path").toString());
        assertTrue(flowsLine(r.out()).contains("1 groups of exfiltration paths")
                && flowsLine(r.out()).contains("implicit flows followed too"), r.out());
        CliRun verify = CliRun.of("verify", ws.resolve("report/report.dsse.json"), "--key",
                ws.resolve("keys/demo-signing.pub.pem"));
        assertEquals(ExitCode.OK.code(), verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains("limits        sourceAnalysis: implicitFlows=true, "), verify.out());
    }

    @Test
    void withoutTheOptionNeitherThePathNorTheMode() throws Exception {
        Path ws = tmp.resolve("ws-plain");
        CliRun r = CliRun.of("audit", manifest, "--workspace", ws, "--isolation", "none", "-q");
        assertEquals(ExitCode.OK.code(), r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(ws.resolve("report/report.json").toFile());
        JsonNode mode = report.at("/session/limits/sourceAnalysis/implicitFlows");
        assertTrue(mode.isBoolean() && !mode.booleanValue(), report.at("/session/limits").toString());
        assertEquals(null, exfil(report), report.at("/analysis/findings").toString());
        assertTrue(flowsLine(r.out()).contains("0 groups of exfiltration paths")
                && flowsLine(r.out()).contains("explicit flows only"), r.out());
        assertFalse(r.out().contains("controls whether it runs"), r.out());
    }

    @Test
    void auditAndAnalyzeShareTheOptionAndItsText() {
        CliRun audit = CliRun.of("audit", "--help");
        CliRun analyze = CliRun.of("analyze", "--help");
        assertEquals(0, audit.exit());
        assertEquals(0, analyze.exit());
        String a = option(audit.out());
        assertTrue(a.contains("decides whether a sink runs"), a);
        assertTrue(a.contains("session.limits.sourceAnalysis.implicitFlows"), a);
        assertEquals(a, option(analyze.out()));
    }

    /** The help text of --implicit-flows: its line and the indented lines that continue it. */
    private static String option(String help) {
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String line : help.lines().toList()) {
            if (line.strip().startsWith("--implicit-flows")) {
                in = true;
            } else if (in && (line.isBlank() || line.strip().startsWith("-"))) {
                break;
            }
            if (in) {
                b.append(line.strip()).append(' ');
            }
        }
        return b.toString().strip().replaceAll("\\s+", " "); // the help's columns differ between commands
    }
}
