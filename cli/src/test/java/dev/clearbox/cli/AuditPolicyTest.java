package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.reports.policy.FailOn;
import dev.clearbox.samples.AcmeUpdaterSample;
import dev.clearbox.samples.Submission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI side of {@code clearbox audit} on the sample: {@code --fail-on}, {@code --summary}, {@code --format json}.
 * Two audits share one workspace: one that fails its policy (text output, a summary file), one whose policy holds
 * (JSON output).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPolicyTest {
    @TempDir
    static Path tmp;

    final ObjectMapper mapper = new ObjectMapper();
    Submission submission;
    Path workspace;
    Path summary;
    CliRun failing;
    CliRun passing;
    JsonNode report;

    private final String tampered = AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR;

    @BeforeAll
    void auditTheSampleTwice() throws Exception {
        submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
        workspace = tmp.resolve("work");
        summary = tmp.resolve("ci/summary.md");
        Files.createDirectories(summary.getParent());
        failing = CliRun.of("audit", submission.manifest(), "--workspace", workspace, "-q",
                "--fail-on", "not-reproducible,exfil,not-verified", "--summary", summary);
        report = mapper.readTree(workspace.resolve("report/report.json").toFile());
        passing = CliRun.of("audit", submission.manifest(), "--workspace", workspace, "-q",
                "--fail-on", "not-verified", "--format", "json");
    }

    @Test
    void failOnNotReproducibleExitsOneWithTheReasonInOneLineAfterTheSignedReportIsWritten() {
        assertEquals(1, failing.exit(), failing.out() + failing.err());
        int exfil = report.at("/summary/findingsByRule/CBX-SRC-EXFIL").asInt();
        assertTrue(exfil > 1, "the sample has exfiltration paths");
        assertEquals(List.of("clearbox: audit: policy: not-reproducible: " + tampered + "; exfil: " + exfil + " paths"),
                failing.errorLines());
        assertTrue(Files.isRegularFile(workspace.resolve("report/report.dsse.json")), "the signed report is written");
        assertTrue(failing.out().contains("  policy     FAILED --fail-on not-reproducible,not-verified,exfil: "
                + "not-reproducible: " + tampered), failing.out());
        CliRun verify = CliRun.of("verify", workspace.resolve("report/report.dsse.json"), "--key",
                workspace.resolve("keys/demo-signing.pub.pem"), "--artifact", submission.faithfulPackage());
        assertEquals(0, verify.exit(), verify.err());
    }

    @Test
    void theSummarysFirstLineSaysTheResultNotComplete() {
        String first = failing.out().lines().filter(l -> l.startsWith("Audit of ")).findFirst().orElseThrow();
        assertEquals("Audit of " + report.at("/product/vendor").asText() + " acme-updater 1.4.0: FAILED (signed report written)",
                first);
        assertFalse(failing.out().contains(": complete"), failing.out());
    }

    @Test
    void aConditionThatDoesNotHoldExitsZero() throws Exception {
        assertEquals(0, passing.exit(), passing.out() + passing.err());
        assertEquals(List.of(), passing.errorLines());
        JsonNode json = mapper.readTree(passing.out());
        assertTrue(json.at("/policy/passed").asBoolean(), passing.out());
        assertEquals(List.of("not-verified"), texts(json.at("/policy/failOn")));
    }

    @Test
    void formatJsonPrintsOnlyAJsonObjectWithTheResultVerdictsFilesAndKey() throws Exception {
        JsonNode json = mapper.readTree(passing.out());
        assertEquals("FAILED", json.get("result").asText());
        assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, json.get("commit").asText());
        assertTrue(texts(json.get("resultReasons")).contains("NOT_REPRODUCIBLE " + tampered), json.toString());
        List<String> verdicts = new ArrayList<>();
        json.get("verdicts").forEach(v -> verdicts.add(v.get("verdict").asText() + " " + v.get("shipped").asText()));
        assertTrue(verdicts.contains("NOT_REPRODUCIBLE " + tampered), verdicts.toString());
        assertTrue(verdicts.contains("REPRODUCIBLE " + AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + "!/"
                + AcmeUpdaterSample.SHIPPED_JAR), verdicts.toString());
        assertEquals(workspace.resolve("report/report.dsse.json").toString(), json.at("/files/envelope").asText());
        assertTrue(Files.isRegularFile(Path.of(json.at("/files/sarif").asText())));
        assertTrue(json.get("keyId").asText().matches("[0-9a-f]{64}"), json.get("keyId").asText());
        assertTrue(json.get("demoKey").asBoolean());
        assertEquals(0, json.get("exitCode").asInt());
        assertEquals(report.at("/summary/findingsBySeverity"), json.get("findingsBySeverity"));
        assertFalse(passing.out().contains("Audit of "), "no text summary with --format json");
    }

    @Test
    void summaryWritesTheMarkdown() throws Exception {
        String md = Files.readString(summary);
        assertTrue(md.startsWith("# Clearbox audit: "), md);
        assertTrue(md.contains("\n**Result: FAILED**\n"), md);
        assertTrue(md.contains("| " + SummaryEscape.md(tampered) + " | **NOT_REPRODUCIBLE** |"), md);
        assertTrue(md.contains("**Policy:** FAILED ` --fail-on not-reproducible,not-verified,exfil `: not-reproducible: "
                + SummaryEscape.md(tampered)), md);
        assertTrue(md.contains("### Binary-only behaviours"), md);
        assertTrue(md.contains("- Verify: ` clearbox verify " + workspace.resolve("report/report.dsse.json")), md);
        assertTrue(failing.out().contains("  summary    " + summary), failing.out());
    }

    @Test
    void anUnknownConditionIsAOneLineUsageErrorBeforeAnythingRuns() {
        Path ws = tmp.resolve("ws-unknown");
        CliRun r = CliRun.of("audit", submission.manifest(), "--workspace", ws, "--fail-on", "exfil,reproducable");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("clearbox: audit: --fail-on: unknown condition 'reproducable'; known: not-reproducible,"),
                r.err());
        assertFalse(Files.exists(ws), "nothing written");
    }

    @Test
    void aSummaryPathThatIsADirectoryOrCannotBeWrittenIsRefusedBeforeTheAudit() throws Exception {
        Path ws = tmp.resolve("ws-summary");
        Path dir = Files.createDirectories(tmp.resolve("a-directory"));
        CliRun r = CliRun.of("audit", submission.manifest(), "--workspace", ws, "--summary", dir);
        assertEquals(2, r.exit(), r.err());
        assertEquals(List.of("clearbox: audit: " + dir + ": is a directory; --summary needs a file name"), r.errorLines());
        assertEquals(1, r.err().lines().count(), r.err());
        CliRun missing = CliRun.of("audit", submission.manifest(), "--workspace", ws, "--summary", tmp.resolve("no/such/s.md"));
        assertEquals(2, missing.exit(), missing.err());
        assertEquals(List.of("clearbox: audit: " + tmp.resolve("no/such/s.md") + ": its directory does not exist (--summary)"),
                missing.errorLines());
        assertFalse(Files.exists(ws), "nothing written");
    }

    @Test
    void helpListsEveryConditionAndTheExitCodes() {
        CliRun help = CliRun.of("audit", "--help");
        assertEquals(0, help.exit());
        for (FailOn c : FailOn.values()) {
            assertTrue(help.out().matches("(?s).*\\n  " + c.word() + " +" + java.util.regex.Pattern.quote(c.meaning()) + "\\n.*"),
                    c.word() + " in:\n" + help.out());
        }
        assertTrue(help.out().contains("audit: a --fail-on condition holds"), help.out());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The Markdown escape the summary applies to names (kept here so the test reads what a reader sees). */
    private static final class SummaryEscape {
        static String md(String s) {
            return dev.clearbox.reports.markdown.SummaryMarkdown.text(s);
        }
    }
}
