package dev.clearbox.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.session.SessionManifests;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.reports.delta.VerifiedReport;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReleaseDelta;
import dev.clearbox.reports.model.ReleaseDelta.Category;
import dev.clearbox.reports.model.ReleaseDelta.Change;
import dev.clearbox.reports.model.ReleaseDelta.Kind;
import dev.clearbox.reports.sign.EnvelopeVerifier;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.samples.AcmeUpdaterSample;
import dev.clearbox.samples.Submission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample's story, end to end through the pipeline: release 1.4.0 is audited and signed; release 1.4.1 is audited
 * with 1.4.0's signed report as its baseline, and its signed report's delta puts the one new, quietly worded
 * capability (the running applications, sent with the update check) at the top, and adds nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditBaselineTest {
    @TempDir
    static Path tmp;

    Submission submission;
    AuditOutcome baseline;
    AuditOutcome update;
    ReleaseDelta delta;

    @BeforeAll
    void auditBothReleases() {
        submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
        Path oldWs = tmp.resolve("work-1.4.0");
        baseline = new AuditPipeline("test").run(SessionManifests.load(submission.manifest()), options(oldWs),
                dev.clearbox.core.ProgressListener.NONE);
        VerifiedReport verified = VerifiedReport.read(oldWs.resolve("report"), KeyFiles.readPublicKey(baseline.publicKey()),
                dev.clearbox.core.Stage.AUDIT, "baseline");
        update = new AuditPipeline("test").run(SessionManifests.load(submission.update().manifest()),
                options(tmp.resolve("work-1.4.1")).withBaseline(verified), dev.clearbox.core.ProgressListener.NONE);
        delta = update.report().delta();
    }

    private static AuditOptions options(Path ws) {
        return new AuditOptions(ws, null, null, CapabilityModel.builtIn(), UnpackLimits.defaults(),
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @Test
    void theUpdateIsTheTaggedCommitAndItsPackageIsReproducible() {
        assertEquals(AcmeUpdaterSample.UPDATE_COMMIT, update.report().source().commitId());
        assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, delta.from().commit());
        assertEquals(List.of("REPRODUCIBLE"), update.report().verdicts().stream().map(v -> v.verdict().name()).toList());
        assertNull(baseline.report().delta(), "a report audited without a baseline carries no delta");
    }

    @Test
    void theNewCapabilityIsAtTheTopOfTheDelta() {
        List<Change> added = delta.of(Kind.ADDED);
        assertEquals(List.of(
                "CAPABILITY SYSTEM_INFO in package com.acme.agent.update",
                "CAPABILITY SYSTEM_INFO in class " + AcmeUpdaterSample.UPDATE_CLASS,
                "CAPABILITY SYSTEM_INFO in method " + AcmeUpdaterSample.UPDATE_CLASS + "#collect()"),
                added.subList(0, 3).stream().map(c -> c.category() + " " + c.subject()).toList());
        Change flow = added.get(3);
        assertEquals(Category.FLOW, flow.category());
        assertTrue(flow.detail().startsWith("running processes (java.lang.ProcessHandle#allProcesses"), flow.detail());
        assertTrue(flow.subject().contains("UpdateChecker.java"), flow.subject());
        assertEquals(delta.changes().get(0), added.get(0), "added items come first");
    }

    @Test
    void nothingElseIsAddedButWhatTheChangeReallyAdds() {
        List<Change> added = delta.of(Kind.ADDED);
        // the two call sites, their two counterparts in the shipped class, the update URL that now carries
        // '&compat=' (as the source and the binary analysis assemble it), and the new class file
        assertEquals(List.of("CAPABILITY", "CAPABILITY", "CAPABILITY", "FLOW", "CALL_SITE", "CALL_SITE", "BINARY_FINDING",
                "BINARY_FINDING", "ENDPOINT", "ENDPOINT", "ENTRY"), added.stream().map(c -> c.category().name()).toList());
        for (Change c : added) {
            String text = c.subject() + " " + c.detail();
            assertTrue(text.contains("SYSTEM_INFO") || text.contains("CompatibilityHints") || text.contains("&compat="),
                    "added but not part of the change: " + c);
        }
        // the update changed no finding's severity, and removed no source finding: 1.4.1 only adds
        assertTrue(delta.changes().stream().noneMatch(c -> c.change() != Kind.ADDED
                && (c.category() == Category.FLOW || c.category() == Category.CALL_SITE)), delta.changes().toString());
        assertTrue(delta.of(Kind.REMOVED).stream().anyMatch(c -> c.category() == Category.BINARY_ONLY),
                "the 1.4.0 session's tampered hotfix package is not in 1.4.1's, and its binary-only class with it");
    }

    @Test
    void theDeltaIsInTheSignedReportAndItsSchema() throws Exception {
        Path json = update.reportJson();
        new EnvelopeVerifier().verify(update.envelope(), KeyFiles.readPublicKey(update.publicKey()), List.of(json));
        AuditReport read = ReportJson.read(Files.readAllBytes(json));
        assertEquals(delta, read.delta());
        assertEquals(baseline.keyId(), delta.from().keyId());
        assertFalse(delta.from().reportSha256().isEmpty());
        assertEquals("", delta.to().reportSha256(), "a report cannot name its own digest");

        ObjectMapper m = new ObjectMapper();
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(m.readTree(Path.of("../docs/report.schema.json").toFile()));
        assertEquals(List.of(), schema.validate(m.readTree(json.toFile())).stream().map(Object::toString).toList());

        String html = Files.readString(update.reportHtml());
        assertTrue(html.contains("<h2>What changed since 1.4.0</h2>"), "the HTML says what changed, near the top");
        assertTrue(html.indexOf("What changed since 1.4.0") < html.indexOf("id=\"details\""));
    }

    @Test
    void aBaselineSignedWithAnotherKeyIsRefused() throws Exception {
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        var pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pub = other.resolve("other.pub.pem");
        Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        IntegrityException e = assertThrows(IntegrityException.class, () -> VerifiedReport.read(
                tmp.resolve("work-1.4.0/report"), KeyFiles.readPublicKey(pub), dev.clearbox.core.Stage.AUDIT, "baseline"));
        assertTrue(e.oneLine().contains("signature does not verify"), e.oneLine());
        assertNotNull(e.oneLine());
    }
}
