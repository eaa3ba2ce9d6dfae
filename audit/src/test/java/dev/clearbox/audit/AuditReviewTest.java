package dev.clearbox.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Severity;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.session.SessionManifests;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.ReportFinding;
import dev.clearbox.reports.model.Review;
import dev.clearbox.reports.policy.FailOn;
import dev.clearbox.reports.policy.PolicyOutcome;
import dev.clearbox.reports.review.ReviewFile;
import dev.clearbox.reports.review.ReviewStatus;
import dev.clearbox.reports.review.Reviews;
import dev.clearbox.reports.sign.EnvelopeVerifier;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.samples.AcmeUpdaterSample;
import dev.clearbox.samples.Submission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auditor's decisions end to end on the sample, through the pipeline without the command line: a decision on the
 * SSH-key path, an accepted one, a stale one; the signed report carries them and the coverage; a malformed review
 * file stops the audit before anything is written; a decision changed after signing does not verify.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditReviewTest {
    @TempDir
    static Path tmp;

    SessionManifest manifest;
    AuditReport unreviewed;
    ReportFinding sshKeyPath;
    ReportFinding accepted;
    Path reviewFile;
    AuditOutcome outcome;

    private static final String STALE = "00000000000000000000000000000000";

    @BeforeAll
    void auditTwice() throws Exception {
        Submission submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
        manifest = SessionManifests.load(submission.manifest());
        unreviewed = new AuditPipeline("test").run(manifest, options(tmp.resolve("plain")), SILENT).report();
        assertNull(unreviewed.review(), "no review given, no review section");
        sshKeyPath = unreviewed.analysis().findings().stream()
                .filter(f -> f.ruleId().equals(SourceRule.EXFIL.id()))
                .filter(f -> f.path().stream().anyMatch(s -> s.location().file().endsWith("device/DeviceFingerprint.java")
                        && s.location().line() == 25))
                .findFirst().orElseThrow(() -> new AssertionError("no SSH-key path in " + unreviewed.analysis().findings()));
        accepted = unreviewed.analysis().findings().stream()
                .filter(f -> f.ruleId().equals(SourceRule.EXFIL.id()))
                .filter(f -> !f.fingerprint().equals(sshKeyPath.fingerprint()))
                .findFirst().orElseThrow();
        reviewFile = tmp.resolve("review.json");
        ReviewFile.empty()
                .with(new ReviewFile.Decision(sshKeyPath.fingerprint(), ReviewStatus.CONFIRMED,
                        "The user's SSH private key, encoded into DNS names: undocumented.", "Auditor One", "2026-01-02", null))
                .with(new ReviewFile.Decision(accepted.fingerprint(), ReviewStatus.ACCEPTED,
                        "The update check, documented in the product manual, section 3.", "Auditor Two", "2026-01-02T08:00:00Z", null))
                .with(new ReviewFile.Decision(STALE, ReviewStatus.QUESTION, "A finding of an earlier run.", "Auditor One",
                        "2025-12-01", null))
                .write(reviewFile);
        outcome = new AuditPipeline("test").run(manifest, options(tmp.resolve("reviewed")).withReview(reviewFile), SILENT);
    }

    private static AuditOptions options(Path ws) {
        return new AuditOptions(ws, null, null, CapabilityModel.builtIn(), UnpackLimits.defaults(),
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    private Review.Decision decision(Review r, String fingerprint) {
        return r.decisions().stream().filter(d -> d.fingerprint().equals(fingerprint)).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + fingerprint + " in " + r.decisions()));
    }

    @Test
    void theSignedReportCarriesTheDecisionOnTheSshKeyPathWithItsReviewer() throws Exception {
        Review review = outcome.report().review();
        assertNotNull(review);
        Review.Decision d = decision(review, sshKeyPath.fingerprint());
        assertEquals("confirmed", d.status());
        assertEquals("Auditor One", d.reviewer());
        assertEquals("2026-01-02", d.date());
        assertTrue(d.findings().stream().anyMatch(f -> f.location().equals(sshKeyPath.location().toString())
                && f.severity() == sshKeyPath.severity()), d.findings().toString());
        assertEquals("review.json", review.file());
        assertEquals(dev.clearbox.core.Sha256.hex(Files.readAllBytes(reviewFile)), review.sha256());

        // The signed predicate is the report with its review: read it back out of the verified envelope.
        var verified = new EnvelopeVerifier().verify(outcome.envelope(), KeyFiles.readPublicKey(outcome.publicKey()),
                List.of(outcome.reportJson()));
        assertEquals(1, verified.artifacts().size());
        JsonNode predicate = predicate(outcome.envelope());
        JsonNode signed = predicate.at("/review/decisions");
        assertTrue(signed.isArray() && signed.size() == 2, predicate.at("/review").toString());
        assertEquals(sshKeyPath.fingerprint().compareTo(accepted.fingerprint()) < 0 ? "confirmed" : "accepted",
                signed.get(0).get("status").asText());
        assertEquals(outcome.report(), ReportJson.read(Files.readAllBytes(outcome.reportJson())));
    }

    @Test
    void nothingIsHiddenAndTheCoverageCountsTheDecidedFindingsPerSeverity() {
        AuditReport r = outcome.report();
        assertEquals(unreviewed.analysis().findings(), r.analysis().findings(), "decided findings stay in the report");
        assertEquals(unreviewed.binaryAnalysis().findings(), r.binaryAnalysis().findings());
        Set<String> decided = Set.of(sshKeyPath.fingerprint(), accepted.fingerprint());
        List<ReportFinding> all = Reviews.findings(r);
        long expected = all.stream().filter(f -> decided.contains(f.fingerprint())).count();
        Review.Coverage c = r.review().coverage();
        assertEquals(all.size(), c.total());
        assertEquals(expected, c.decided());
        for (Severity s : Severity.values()) {
            long total = all.stream().filter(f -> f.severity() == s).count();
            long done = all.stream().filter(f -> f.severity() == s && decided.contains(f.fingerprint())).count();
            assertEquals(new Review.Counts((int) done, (int) total), c.bySeverity().get(s), s.name());
        }
        assertTrue(c.bySeverity().get(sshKeyPath.severity()).decided() >= 1);
        assertEquals(expected, c.byStatus().get("confirmed") + c.byStatus().get("accepted"));
    }

    @Test
    void aDecisionWhoseFindingIsGoneIsListedAsStale() {
        Review review = outcome.report().review();
        assertEquals(List.of(STALE), review.stale().stream().map(Review.Decision::fingerprint).toList());
        assertEquals("question", review.stale().get(0).status());
        assertTrue(review.stale().get(0).findings().isEmpty());
        assertFalse(review.decisions().stream().anyMatch(d -> d.fingerprint().equals(STALE)));
    }

    @Test
    void failOnLeavesOutTheAcceptedPathButNotTheConfirmedOne() {
        long exfil = unreviewed.analysis().findings().stream().filter(f -> f.ruleId().equals(SourceRule.EXFIL.id())).count();
        long acceptedCount = unreviewed.analysis().findings().stream()
                .filter(f -> f.fingerprint().equals(accepted.fingerprint())).count();
        PolicyOutcome before = PolicyOutcome.judge(unreviewed, EnumSet.of(FailOn.EXFIL));
        PolicyOutcome after = PolicyOutcome.judge(outcome.report(), EnumSet.of(FailOn.EXFIL));
        assertEquals(exfil + " paths", before.violations().get(0).evidence());
        long left = exfil - acceptedCount;
        assertEquals(left + (left == 1 ? " path" : " paths") + " (" + acceptedCount + " accepted or false-positive left out)",
                after.violations().get(0).evidence());
    }

    @Test
    void aDecisionChangedInTheReportAfterSigningFailsVerification() throws Exception {
        Path copy = tmp.resolve("tampered-report.json");
        String json = Files.readString(outcome.reportJson());
        assertTrue(json.contains("\"status\" : \"confirmed\""), "the report carries the decision");
        Files.writeString(copy, json.replace("\"status\" : \"confirmed\"", "\"status\" : \"accepted\""));
        IntegrityException e = assertThrows(IntegrityException.class, () -> new EnvelopeVerifier().verify(outcome.envelope(),
                KeyFiles.readPublicKey(outcome.publicKey()), List.of(copy)));
        assertTrue(e.problem().contains("is not among the"), e.oneLine());
    }

    @Test
    void aDecisionChangedInTheSignedPayloadFailsTheSignature() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode env = (ObjectNode) m.readTree(outcome.envelope().toFile());
        String payload = new String(Base64.getDecoder().decode(env.get("payload").asText()), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"status\":\"confirmed\""), "the signed payload carries the decision");
        env.put("payload", Base64.getEncoder().encodeToString(payload.replace("\"status\":\"confirmed\"",
                "\"status\":\"false-positive\"").getBytes(StandardCharsets.UTF_8)));
        Path altered = tmp.resolve("altered.dsse.json");
        m.writeValue(altered.toFile(), env);
        IntegrityException e = assertThrows(IntegrityException.class, () -> new EnvelopeVerifier().verify(altered,
                KeyFiles.readPublicKey(outcome.publicKey()), List.of()));
        assertTrue(e.problem().startsWith("signature does not verify"), e.oneLine());
    }

    @Test
    void aMalformedReviewFileStopsTheAuditBeforeAnythingIsWritten() throws Exception {
        Path bad = tmp.resolve("bad-review.json");
        Files.writeString(bad, "{\"schema\":\"" + ReviewFile.SCHEMA + "\",\"decisions\":[{\"fingerprint\":\""
                + sshKeyPath.fingerprint() + "\",\"status\":\"approved\",\"justification\":\"x\",\"reviewer\":\"r\","
                + "\"date\":\"2026-01-02\"}]}");
        Path ws = tmp.resolve("refused");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new AuditPipeline("test")
                .run(manifest, options(ws).withReview(bad), SILENT));
        assertEquals(dev.clearbox.core.Stage.REVIEW, e.stage());
        assertEquals(bad.toString(), e.input());
        assertTrue(e.problem().contains("decisions[0].status") && e.problem().contains("approved"), e.oneLine());
        assertFalse(Files.exists(ws), "nothing written for a refused review file");
    }

    private static JsonNode predicate(Path envelope) throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode env = m.readTree(envelope.toFile());
        return m.readTree(Base64.getDecoder().decode(env.get("payload").asText())).get("predicate");
    }

    private static final ProgressListener SILENT = new ProgressListener() {
        @Override
        public void stageStarted(dev.clearbox.core.Stage stage, String detail) {
        }

        @Override
        public void progress(dev.clearbox.core.Stage stage, long done, long total, String item) {
        }

        @Override
        public void stageFinished(dev.clearbox.core.Stage stage, String summary) {
        }
    };
}
