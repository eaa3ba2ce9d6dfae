package dev.clearbox.reports.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Verdict;
import dev.clearbox.reports.ReportFixture;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.BinaryReport;
import dev.clearbox.reports.model.ShippedPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-package SLSA Verification Summaries: the verdict mapping, the predicate's fields, signing and verifying. */
class VerificationSummariesTest {
    private static final String ENVELOPE_SHA = "e1".repeat(32);
    private final AuditReport fixture = ReportFixture.report();
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The fixture with other verdicts and, when {@code keepBinaryFindings} is false, no binary findings. */
    private AuditReport with(List<ArtifactVerdict> verdicts, boolean keepBinaryFindings) {
        BinaryReport b = fixture.binaryAnalysis();
        BinaryReport binary = keepBinaryFindings ? b : new BinaryReport(List.of(), b.correspondence(), b.nativeLibraries(), b.coverage());
        return new AuditReport(fixture.schema(), fixture.generatedAt(), fixture.tool(), fixture.auditor(), fixture.product(),
                fixture.source(), fixture.packages(), fixture.analysis(), fixture.rebuild(), verdicts, fixture.summary(),
                binary, fixture.packageFindings(), fixture.session());
    }

    private static ArtifactVerdict verdict(String shipped, Verdict verdict) {
        return new ArtifactVerdict(shipped, "target/x.jar", verdict, verdict == Verdict.REPRODUCIBLE,
                verdict == Verdict.REPRODUCIBLE || verdict == Verdict.EQUIVALENT, "a".repeat(64), "b".repeat(64), List.of(),
                verdict == Verdict.NOT_REBUILT || verdict == Verdict.NOT_VERIFIED ? "because" : "",
                ArtifactVerdict.fingerprintOf(shipped, "a".repeat(64), verdict));
    }

    private ShippedPackage pkg(String name) {
        return fixture.packages().stream().filter(p -> p.packageName().equals(name)).findFirst().orElseThrow();
    }

    private JsonNode statement(AuditReport report, String pkg) throws Exception {
        return mapper.readTree(VerificationSummaries.statement(report, pkg(pkg), ENVELOPE_SHA));
    }

    @Test
    void everyVerdictReproducibleIsPassedAtTheReproducibleLevel() {
        AuditReport r = with(List.of(verdict("update.zip!/lib/agent.jar", Verdict.REPRODUCIBLE),
                verdict("agent.jar", Verdict.NOT_REPRODUCIBLE)), false);
        VerificationSummaries.Outcome o = VerificationSummaries.evaluate(r, "update.zip");
        assertEquals(VerificationSummaries.PASSED, o.result());
        assertEquals(List.of(VerificationSummaries.LEVEL_REPRODUCIBLE), o.levels());
        assertEquals(List.of("update.zip!/lib/agent.jar"), o.verdicts().stream().map(ArtifactVerdict::shipped).toList());
        assertEquals(List.of(), o.reasons());
    }

    @Test
    void anEquivalentVerdictIsPassedAtTheEquivalentLevel() {
        AuditReport r = with(List.of(verdict("update.zip!/lib/agent.jar", Verdict.REPRODUCIBLE),
                verdict("update.zip!/lib/plugin.jar", Verdict.EQUIVALENT)), false);
        VerificationSummaries.Outcome o = VerificationSummaries.evaluate(r, "update.zip");
        assertEquals(VerificationSummaries.PASSED, o.result());
        assertEquals(List.of(VerificationSummaries.LEVEL_EQUIVALENT), o.levels());
    }

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"REPRODUCIBLE", "EQUIVALENT"}, mode = EnumSource.Mode.EXCLUDE)
    void anyOtherVerdictFailsThePackageAndSaysWhy(Verdict bad) {
        AuditReport r = with(List.of(verdict("update.zip!/lib/agent.jar", Verdict.REPRODUCIBLE),
                verdict("update.zip!/lib/plugin.jar", bad)), false);
        VerificationSummaries.Outcome o = VerificationSummaries.evaluate(r, "update.zip");
        assertEquals(VerificationSummaries.FAILED, o.result());
        assertEquals(List.of(VerificationSummaries.FAILED), o.levels());
        assertEquals(1, o.reasons().size(), o.reasons().toString());
        assertTrue(o.reasons().get(0).startsWith("update.zip!/lib/plugin.jar is " + bad), o.reasons().get(0));
    }

    @Test
    void aPackageWithNoComparedBuildOutputFails() {
        AuditReport r = with(List.of(verdict("agent.jar", Verdict.REPRODUCIBLE), verdict("update.zip.old!/a.jar", Verdict.REPRODUCIBLE)), false);
        VerificationSummaries.Outcome o = VerificationSummaries.evaluate(r, "update.zip");
        assertEquals(VerificationSummaries.FAILED, o.result());
        assertEquals(List.of("no build output shipped in update.zip was compared with the rebuild"), o.reasons());
    }

    @Test
    void binaryOnlyBehaviourFailsEvenAReproduciblePackage() {
        // the fixture's CBX-BIN-ONLY finding is in agent.jar!/com/acme/Beacon.class
        AuditReport r = with(List.of(verdict("agent.jar", Verdict.REPRODUCIBLE)), true);
        VerificationSummaries.Outcome o = VerificationSummaries.evaluate(r, "agent.jar");
        assertEquals(VerificationSummaries.FAILED, o.result());
        assertEquals(List.of("1 behaviour in agent.jar with no counterpart in the source (CBX-BIN-ONLY)"), o.reasons());
        assertEquals(VerificationSummaries.PASSED, VerificationSummaries.evaluate(with(List.of(
                verdict("agent.jar", Verdict.REPRODUCIBLE)), false), "agent.jar").result());
    }

    @Test
    void thePredicateHasTheVsaFieldsAndCitesTheReportEnvelope() throws Exception {
        JsonNode s = statement(fixture, "update.zip");
        assertEquals(Statement.TYPE, s.get("_type").asText());
        assertEquals(VerificationSummaries.PREDICATE_TYPE, s.get("predicateType").asText());
        assertEquals(1, s.get("subject").size());
        assertEquals("update.zip", s.get("subject").get(0).get("name").asText());
        assertEquals(pkg("update.zip").sha256(), s.get("subject").get(0).get("digest").get("sha256").asText());
        JsonNode p = s.get("predicate");
        assertEquals(VerificationSummaries.VERIFIER_ID, p.get("verifier").get("id").asText());
        assertEquals(ReportFixture.GENERATED_AT, p.get("timeVerified").asText());
        assertEquals("pkg:generic/update.zip?checksum=sha256:" + pkg("update.zip").sha256(), p.get("resourceUri").asText());
        assertEquals(VerificationSummaries.POLICY_URI, p.get("policy").get("uri").asText());
        assertEquals(Sha256.hex(VerificationSummaries.POLICY.getBytes(StandardCharsets.UTF_8)),
                p.get("policy").get("digest").get("sha256").asText());
        assertEquals(1, p.get("inputAttestations").size());
        assertEquals("report/report.dsse.json", p.get("inputAttestations").get(0).get("uri").asText());
        assertEquals(ENVELOPE_SHA, p.get("inputAttestations").get(0).get("digest").get("sha256").asText());
        assertEquals("FAILED", p.get("verificationResult").asText()); // the fixture's update.zip has NOT_REBUILT and NOT_VERIFIED
        assertEquals("[\"FAILED\"]", p.get("verifiedLevels").toString());
        assertEquals("1.0", p.get("slsaVersion").asText());
        assertNull(p.get("dependencyLevels"), "no dependency is verified, so none is counted");
        p.fieldNames().forEachRemaining(f -> assertTrue(!f.startsWith("https://") || f.equals(VerificationSummaries.EXTENSION), f));
        assertEquals(2, p.get(VerificationSummaries.EXTENSION).get("reasons").size());
    }

    @Test
    void noLevelClaimedIsAnSlsaLevel() {
        for (String level : List.of(VerificationSummaries.LEVEL_REPRODUCIBLE, VerificationSummaries.LEVEL_EQUIVALENT)) {
            assertTrue(!level.startsWith("SLSA_"), "the VSA spec reserves SLSA_ for its own levels: " + level);
        }
    }

    @Test
    void theResourceUriPercentEncodesTheFileName() {
        ShippedPackage p = pkg("update.zip");
        ShippedPackage odd = new ShippedPackage("a b+ü.zip", p.size(), p.sha256(), p.format(), p.entries(), p.limits(), p.jar());
        assertEquals("pkg:generic/a%20b%2B%C3%BC.zip?checksum=sha256:" + p.sha256(), VerificationSummaries.resourceUri(odd));
    }

    @Test
    void thePolicyAndItsDigestAreDocumented() throws Exception {
        String schema = Files.readString(Path.of("../docs/report-schema.md"));
        assertTrue(schema.contains(VerificationSummaries.POLICY.strip()), "docs/report-schema.md quotes the policy text");
        assertTrue(schema.contains(VerificationSummaries.policyDigest()), "docs/report-schema.md gives the policy digest");
    }

    @Test
    void writtenSummariesVerifyAndOneFlippedByteDoesNot() throws Exception {
        KeyPair keys = KeyFiles.generateEd25519();
        Path pub = tmp.resolve("k.pub.pem");
        KeyFiles.write(keys, tmp.resolve("k.pem"), pub);
        Path reportEnvelope = Files.writeString(tmp.resolve("report.dsse.json"), "{\"the\":\"report envelope\"}");
        List<Path> files = VerificationSummaries.write(fixture, reportEnvelope, keys.getPrivate(), keys.getPublic());
        assertEquals(List.of(tmp.resolve("update.zip.vsa.dsse.json"), tmp.resolve("agent.jar.vsa.dsse.json")), files);
        for (Path f : files) {
            VerificationResult r = new EnvelopeVerifier().verify(f, KeyFiles.readPublicKey(pub), List.of());
            assertEquals(VerificationSummaries.PREDICATE_TYPE, r.predicateType());
            assertNull(r.report());
            assertEquals("FAILED", r.summary().verificationResult());
            assertTrue(r.summary().resourceUri().startsWith("pkg:generic/"), r.summary().resourceUri());
            JsonNode payload = mapper.readTree(Base64.getDecoder().decode(mapper.readTree(f.toFile()).get("payload").asText()));
            assertEquals(Sha256.hex(reportEnvelope),
                    payload.get("predicate").get("inputAttestations").get(0).get("digest").get("sha256").asText());
        }
        ObjectNode env = (ObjectNode) mapper.readTree(files.get(0).toFile());
        byte[] payload = Base64.getDecoder().decode(env.get("payload").asText());
        payload[payload.length / 2] ^= 0x01;
        env.put("payload", Base64.getEncoder().encodeToString(payload));
        Path altered = tmp.resolve("altered.vsa.dsse.json");
        mapper.writeValue(altered.toFile(), env);
        IntegrityException e = assertThrows(IntegrityException.class,
                () -> new EnvelopeVerifier().verify(altered, KeyFiles.readPublicKey(pub), List.of()));
        assertTrue(e.problem().startsWith("signature does not verify"), e.oneLine());
    }

    @Test
    void aSignedSummaryWithoutAPassedOrFailedResultIsRefused() throws Exception {
        KeyPair keys = KeyFiles.generateEd25519();
        ObjectNode predicate = (ObjectNode) statement(fixture, "update.zip").get("predicate");
        predicate.put("verificationResult", "MOSTLY");
        byte[] st = Attestations.statement(List.of(new Statement.Subject("update.zip", Map.of("sha256", pkg("update.zip").sha256()))),
                VerificationSummaries.PREDICATE_TYPE, predicate);
        Path file = tmp.resolve("odd.vsa.dsse.json");
        Attestations.write(Attestations.sign(st, keys.getPrivate(), keys.getPublic()), file);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new EnvelopeVerifier().verify(file, keys.getPublic(), List.of()));
        assertTrue(e.problem().contains("verificationResult is not PASSED or FAILED"), e.oneLine());
    }
}
