package dev.clearbox.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.core.Sha256;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.samples.AcmeUpdaterSample;
import dev.clearbox.samples.Submission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vendor's manifest names a build that, after building, copies the rebuilt jar over the shipped ones in
 * the workspace, so that the tampered package would compare as REPRODUCIBLE. In the sandbox the workspace is
 * not there to overwrite; without one (as the auditor may allow) the overwrite happens, and the re-verification
 * of the shipped bytes after the build stops the audit. Either way no forged verdict is ever signed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditHostileBuildTest {
    private static final String TAMPER = "sh build.sh && for f in ../../unpack/*/lib/acme-agent.jar; do cp build/acme-agent.jar \"$f\"; done";

    @TempDir
    static Path tmp;

    Submission submission;
    Path manifest;
    final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    void createSubmission() throws Exception {
        submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
        ObjectNode m = (ObjectNode) mapper.readTree(submission.manifest().toFile());
        ArrayNode command = ((ObjectNode) m.get("build")).putArray("command");
        command.add("sh").add("-c").add(TAMPER);
        manifest = submission.manifest().resolveSibling("session-tamper.json");
        mapper.writeValue(manifest.toFile(), m);
    }

    private static String shippedJarSha(Path workspace, String pkg) {
        return Sha256.hex(workspace.resolve("unpack/" + pkg + ".zip/lib/acme-agent.jar"));
    }

    @Test
    void inTheSandboxTheShippedJarsCannotBeOverwritten() throws Exception {
        Path ws = tmp.resolve("ws-sandboxed");
        CliRun r = CliRun.of("audit", manifest, "--workspace", ws);
        assertEquals(0, r.exit(), r.err());
        JsonReport report = JsonReport.read(ws.resolve("report/report.json"));
        assertEquals("NOT_REBUILT", report.verdictOf("acme-updater-1.4.0-hotfix1.zip!/lib/acme-agent.jar"),
                "the tampering build fails where the workspace does not exist: " + r.out());
        assertNotEquals(shippedJarSha(ws, "acme-updater-1.4.0"), shippedJarSha(ws, "acme-updater-1.4.0-hotfix1"),
                "the two shipped jars are still different");
        assertTrue(report.isolationLevel().equals("BUBBLEWRAP") || report.isolationLevel().equals("USER_NAMESPACE"),
                report.isolationLevel());
        assertTrue(report.caveats().isEmpty(), report.caveats().toString());
    }

    @Test
    void unsandboxedTheOverwriteIsCaughtBeforeAnythingIsCompared() throws Exception {
        Path ws = tmp.resolve("ws-unsandboxed");
        CliRun r = CliRun.of("audit", manifest, "--workspace", ws, "--isolation", "none", "--unsandboxed-build");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        String line = r.errorLines().get(0);
        assertTrue(line.startsWith("clearbox: compare: acme-updater-1.4.0"), line);
        assertTrue(line.contains("!/lib/acme-agent.jar: shipped file changed during the audit: sha256 is "), line);
        assertFalse(Files.exists(ws.resolve("compare/verdicts.json")), "nothing was compared");
        assertFalse(Files.exists(ws.resolve("report")), "no report");
    }

    @Test
    void withoutConsentNoSandboxMeansNoBuild() throws Exception {
        Path ws = tmp.resolve("ws-no-consent");
        CliRun r = CliRun.of("audit", submission.manifest(), "--workspace", ws, "--isolation", "none");
        assertEquals(0, r.exit(), r.err());
        JsonReport report = JsonReport.read(ws.resolve("report/report.json"));
        assertEquals("SANDBOX_UNAVAILABLE", report.rebuildStatus());
        assertEquals("NOT_REBUILT", report.verdictOf("acme-updater-1.4.0.zip!/lib/acme-agent.jar"));
        assertTrue(r.out().contains("--unsandboxed-build"), r.out());
        assertFalse(Files.exists(ws.resolve("rebuild/tree/build")), "the vendor's build did not run");
    }

    @Test
    void anUnsandboxedBuildIsSaidInTheSummaryAndTheReport() throws Exception {
        Path ws = tmp.resolve("ws-unsandboxed-honest");
        CliRun r = CliRun.of("audit", submission.manifest(), "--workspace", ws, "--isolation", "process-group",
                "--unsandboxed-build");
        assertEquals(0, r.exit(), r.err());
        JsonReport report = JsonReport.read(ws.resolve("report/report.json"));
        assertEquals("REPRODUCIBLE", report.verdictOf("acme-updater-1.4.0.zip!/lib/acme-agent.jar"));
        assertEquals(1, report.caveats().size(), report.caveats().toString());
        assertTrue(report.caveats().get(0).startsWith("UNSANDBOXED BUILD"), report.caveats().toString());
        assertTrue(r.out().contains("CAVEAT     UNSANDBOXED BUILD"), r.out());
        assertTrue(Files.readString(ws.resolve("report/report.html")).contains("UNSANDBOXED BUILD"));
    }

    @Test
    void aRefusedWorkspaceIsLeftExactlyAsItWas() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("not-a-workspace"));
        Files.writeString(ws.resolve("notes.txt"), "the auditor's own file");
        Set<String> before = listing(ws);
        CliRun r = CliRun.of("audit", submission.manifest(), "--workspace", ws);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.errorLines().get(0).contains("is not a Clearbox workspace"), r.err());
        assertEquals(before, listing(ws), "no demo key, no marker, nothing written");
    }

    @Test
    void anAuditThatFailsWhileSigningLeavesNoReportThatLooksFinished() throws Exception {
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        KeyFiles.write(KeyFiles.generateEd25519(), keys.resolve("a.pem"), keys.resolve("a.pub.pem"));
        KeyFiles.write(KeyFiles.generateEd25519(), keys.resolve("b.pem"), keys.resolve("b.pub.pem"));
        Path ws = tmp.resolve("ws-bad-pair");
        // A private key with another key's public half: the envelope is written, its check fails.
        CliRun r = CliRun.of("audit", submission.manifest(), "--workspace", ws, "--key", keys.resolve("a.pem"),
                "--public-key", keys.resolve("b.pub.pem"));
        assertEquals(2, r.exit(), r.out() + r.err());
        assertFalse(Files.exists(ws.resolve("report")), "no report/ directory");
        assertTrue(Files.isRegularFile(ws.resolve("report.incomplete/report.json")),
                "what was made is kept where its name says it is unfinished");
    }

    private static Set<String> listing(Path dir) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(p -> out.add(dir.relativize(p) + (Files.isDirectory(p) ? "/" : " " + Sha256.hex(p))));
        }
        return out;
    }

    /** The few fields of report.json these tests read. */
    record JsonReport(com.fasterxml.jackson.databind.JsonNode root) {
        static JsonReport read(Path file) throws Exception {
            return new JsonReport(new ObjectMapper().readTree(file.toFile()));
        }

        String verdictOf(String shipped) {
            for (var v : root.get("verdicts")) {
                if (v.get("shipped").asText().equals(shipped)) {
                    return v.get("verdict").asText();
                }
            }
            throw new AssertionError("no verdict for " + shipped + " in " + root.get("verdicts"));
        }

        String rebuildStatus() {
            return root.get("rebuild").get("status").asText();
        }

        String isolationLevel() {
            return root.get("rebuild").get("isolation").get("level").asText();
        }

        List<String> caveats() {
            List<String> out = new java.util.ArrayList<>();
            root.get("summary").get("caveats").forEach(n -> out.add(n.asText()));
            return out;
        }
    }
}
