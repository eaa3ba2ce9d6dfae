package dev.clearbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.audit.AuditOptions;
import dev.clearbox.audit.AuditOutcome;
import dev.clearbox.audit.AuditPipeline;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Severity;
import dev.clearbox.core.session.SessionManifests;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.Analysis;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.sign.Attestations;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.reports.sign.ReportAttestation;
import dev.clearbox.reports.sign.Statement;
import dev.clearbox.samples.AcmeUpdaterSample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code clearbox diff}: both reports verified before anything is compared (a tampered report, a wrong key and a
 * malformed report.json are refused in one line, exit 2); identical reports give an empty delta (exit 0); a changed
 * report gives its additions first, in text, JSON and HTML, with the vendor's text escaped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiffCommandTest {
    @TempDir
    static Path tmp;

    Path report;
    Path pub;
    KeyPair keys;
    int cases;

    @BeforeAll
    void auditTheSample() {
        var submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
        keys = KeyFiles.generateEd25519();
        Path priv = tmp.resolve("keys/lab.pem");
        pub = tmp.resolve("keys/lab.pub.pem");
        try {
            Files.createDirectories(priv.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        KeyFiles.write(keys, priv, pub);
        AuditOutcome o = new AuditPipeline("test").run(SessionManifests.load(submission.manifest()),
                new AuditOptions(tmp.resolve("work"), priv, pub, CapabilityModel.builtIn(), UnpackLimits.defaults(),
                        Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)), ProgressListener.NONE);
        report = o.reportJson().getParent();
    }

    /** A copy of the sample's signed report directory. */
    private Path copy() throws Exception {
        Path dir = tmp.resolve("case-" + (++cases));
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(report)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    /** A report directory holding {@code json} as report.json, signed with {@code pair} as the audit signs it. */
    private Path signed(byte[] json, JsonNode predicate, KeyPair pair) throws Exception {
        Path dir = tmp.resolve("case-" + (++cases));
        Files.createDirectories(dir);
        Files.write(dir.resolve("report.json"), json);
        List<Statement.Subject> subjects = List.of(new Statement.Subject("git+acme-updater@" + AcmeUpdaterSample.RELEASE_COMMIT,
                        Map.of("gitCommit", AcmeUpdaterSample.RELEASE_COMMIT)),
                ReportAttestation.sideFile(ReportAttestation.REPORT_JSON, dir.resolve("report.json")));
        Attestations.write(Attestations.sign(Attestations.statement(subjects, ReportAttestation.PREDICATE_TYPE, predicate),
                pair.getPrivate(), pair.getPublic()), dir.resolve("report.dsse.json"));
        return dir;
    }

    private Path signed(AuditReport r) throws Exception {
        return signed(ReportJson.bytes(r), ReportJson.tree(r), keys);
    }

    private static String refused(CliRun r) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        assertEquals("", r.out(), "nothing on stdout: no partial delta");
        return r.errorLines().get(0);
    }

    @Test
    void identicalReportsGiveAnEmptyDeltaAndExitZero() throws Exception {
        CliRun text = CliRun.of("diff", report, copy(), "--key", pub);
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("No changes"), text.out());

        CliRun json = CliRun.of("diff", report, report, "--key", pub, "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode delta = new ObjectMapper().readTree(json.out());
        assertEquals(0, delta.get("changes").size());
        assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, delta.at("/from/commit").asText());
        assertEquals(64, delta.at("/from/reportSha256").asText().length());
    }

    @Test
    void aTamperedOldReportIsRefused() throws Exception {
        Path old = copy();
        Path json = old.resolve("report.json");
        Files.writeString(json, Files.readString(json).replace("\"PASSED_WITH_FINDINGS\"", "\"PASSED\"")
                .replace("\"FAILED\"", "\"PASSED\""));
        String line = refused(CliRun.of("diff", old, report, "--key", pub));
        assertTrue(line.contains(json.toString()) && line.contains("is not among the"), line);
    }

    @Test
    void aReportVerifiedWithTheWrongKeyIsRefused() throws Exception {
        KeyPair other = KeyFiles.generateEd25519();
        Path otherPub = tmp.resolve("keys/other.pub.pem");
        KeyFiles.write(other, tmp.resolve("keys/other.pem"), otherPub);
        String line = refused(CliRun.of("diff", report, report, "--old-key", pub, "--new-key", otherPub));
        assertTrue(line.contains("signature does not verify with key " + KeyFiles.keyId(other.getPublic())), line);
    }

    @Test
    void aMalformedReportJsonIsRefusedEvenWhenSigned() throws Exception {
        AuditReport r = ReportJson.read(Files.readAllBytes(report.resolve("report.json")));
        String json = new String(ReportJson.bytes(r), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"surprise\": 1,");
        Path bad = signed(json.getBytes(StandardCharsets.UTF_8), ReportJson.tree(r), keys);
        String line = refused(CliRun.of("diff", report, bad, "--key", pub));
        assertTrue(line.contains("new report is not a Clearbox report: unknown field 'surprise'"), line);

        Path notJson = signed("{\"schema\": ".getBytes(StandardCharsets.UTF_8), ReportJson.tree(r), keys);
        assertTrue(refused(CliRun.of("diff", notJson, report, "--key", pub)).contains("old report is not a Clearbox report"));
    }

    @Test
    void aDirectoryWithoutASignedReportOrWithoutAKeyIsRefused() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertTrue(refused(CliRun.of("diff", empty, report, "--key", pub)).contains("has no report.dsse.json"));
        assertTrue(refused(CliRun.of("diff", report, report, "--old-key", pub)).contains("--new-key"));
    }

    @Test
    void aNewFindingIsAddedFirstInTextJsonAndHtmlWithTheVendorsTextEscaped() throws Exception {
        AuditReport r = ReportJson.read(Files.readAllBytes(report.resolve("report.json")));
        List<ReportFinding> findings = new ArrayList<>(r.analysis().findings());
        findings.add(new ReportFinding("CBX-SRC-CLIPBOARD", "CLIPBOARD", Severity.MEDIUM,
                "reads the clipboard \u001b[2J<script>x</script>", new ReportFinding.Location(
                "src/main/java/com/acme/agent/ui/Paste.java", 9, "clipboard.getContents(null)"),
                "java.awt.datatransfer.Clipboard#getContents", "imports", List.of(), List.of(),
                "com.acme.agent.ui.Paste#paste()", null, "0123456789abcdef0123456789abcdef"));
        AuditReport next = new AuditReport(r.schema(), r.generatedAt(), r.tool(), r.auditor(), r.product(), r.source(),
                r.packages().subList(0, 1), new Analysis(findings, r.analysis().coverage()), r.rebuild(), r.verdicts(),
                r.summary(), r.binaryAnalysis(), r.packageFindings(), r.session());
        Path neu = signed(next);
        Path html = tmp.resolve("delta.html");

        CliRun text = CliRun.of("diff", report, neu, "--key", pub, "--html", html);
        assertEquals(0, text.exit(), text.err());
        List<String> lines = text.out().lines().toList();
        int added = lines.indexOf("Added (3)");
        assertTrue(added > 0, text.out());
        assertTrue(lines.get(added + 1).contains("capability") && lines.get(added + 1).contains("CLIPBOARD in package com.acme.agent.ui"),
                text.out());
        assertTrue(lines.indexOf("Added (3)") < lines.indexOf(lines.stream().filter(l -> l.startsWith("Removed (")).findFirst()
                .orElseThrow()), "added first");
        assertFalse(text.out().contains("\u001b"), "no raw escape reaches the terminal");
        assertTrue(text.out().contains("\\x1b[2J"), text.out());

        String page = Files.readString(html);
        assertTrue(page.contains("&lt;script&gt;x&lt;/script&gt;"), "the vendor's text is escaped");
        assertFalse(page.contains("<script>"));

        JsonNode json = new ObjectMapper().readTree(CliRun.of("diff", report, neu, "--key", pub, "--format", "json").out());
        assertEquals("ADDED", json.at("/changes/0/change").asText());
        assertEquals("CAPABILITY", json.at("/changes/0/category").asText());
        assertTrue(json.at("/changes").toString().contains("\"PACKAGE\""), "the hotfix package is removed");
    }

    @Test
    void anAuditWithABaselineThatDoesNotVerifyIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path old = copy();
        Path json = old.resolve("report.json");
        Files.writeString(json, Files.readString(json).replace("acme-updater", "acme-updatex"));
        Path session = tmp.resolve("submission").resolve(AcmeUpdaterSample.UPDATE_MANIFEST_FILE);
        Path ws = tmp.resolve("ws-refused");

        CliRun r = CliRun.of("audit", session, "--workspace", ws, "--baseline", old, "--baseline-key", pub);
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).contains(json.toString()), r.err());
        assertFalse(Files.exists(ws), "nothing written");

        CliRun half = CliRun.of("audit", session, "--workspace", ws, "--baseline", report);
        assertEquals(2, half.exit(), half.err());
        assertTrue(half.err().contains("--baseline and --baseline-key go together"), half.err());
        assertFalse(Files.exists(ws));
    }
}
