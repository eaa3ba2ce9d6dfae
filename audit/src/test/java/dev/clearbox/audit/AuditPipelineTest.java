package dev.clearbox.audit;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.Verdict;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.session.SessionManifests;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.reports.sign.EnvelopeVerifier;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.reports.sign.VerificationResult;
import dev.clearbox.reports.sign.VerificationSummaries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import dev.clearbox.samples.AcmeUpdaterSample;
import dev.clearbox.samples.Submission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the audit pipeline on the bundled sample, without the command line, and checks what it produced and refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPipelineTest {
    @TempDir
    static Path tmp;

    Submission submission;
    SessionManifest manifest;
    Path workspace;
    AuditOutcome outcome;
    final List<Stage> started = new ArrayList<>();
    /** The stages started and the audit's phases, in order: {@code analyze} or {@code audit: stage 3/8: analyze}. */
    final List<String> events = new ArrayList<>();
    int cases;

    @BeforeAll
    void auditTheSample() {
        submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
        manifest = SessionManifests.load(submission.manifest());
        workspace = tmp.resolve("work");
        ProgressListener stages = listener((stage, detail) -> {
            started.add(stage);
            events.add(stage.id());
        });
        outcome = pipeline().run(manifest, options(workspace), new ProgressListener() {
            @Override
            public void stageStarted(Stage stage, String detail) {
                stages.stageStarted(stage, detail);
            }

            @Override
            public void phaseStarted(Stage stage, String phase, long totalUnits) {
                if (stage == Stage.AUDIT) {
                    events.add(stage.id() + ": " + phase);
                }
            }

            @Override
            public void progress(Stage stage, long done, long total, String item) {
            }

            @Override
            public void stageFinished(Stage stage, String summary) {
            }
        });
    }

    private static AuditPipeline pipeline() {
        return new AuditPipeline("test");
    }

    private static AuditOptions options(Path ws) {
        return new AuditOptions(ws, null, null, CapabilityModel.builtIn(), UnpackLimits.defaults(),
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    /** A listener that calls {@code onStart} with each stage started and ignores the rest. */
    private static ProgressListener listener(BiConsumer<Stage, String> onStart) {
        return new ProgressListener() {
            @Override
            public void stageStarted(Stage stage, String detail) {
                onStart.accept(stage, detail);
            }

            @Override
            public void progress(Stage stage, long done, long total, String item) {
            }

            @Override
            public void stageFinished(Stage stage, String summary) {
            }
        };
    }

    private ArtifactVerdict verdictFor(String packageFile) {
        String shipped = packageFile + "!/" + AcmeUpdaterSample.SHIPPED_JAR;
        return outcome.report().verdicts().stream().filter(v -> v.shipped().equals(shipped)).findFirst()
                .orElseThrow(() -> new AssertionError("no verdict for " + shipped + " in " + outcome.report().verdicts()));
    }

    @Test
    void checksOutThePinnedCommit() {
        assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, outcome.report().source().commitId());
        assertEquals(AcmeUpdaterSample.RELEASE_TAG, outcome.report().source().tag().name());
    }

    @Test
    void theFaithfulPackageIsReproducibleAndTheHotfixIsNot() {
        assertEquals(2, outcome.report().verdicts().size(), outcome.report().verdicts().toString());
        ArtifactVerdict faithful = verdictFor(AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE);
        assertEquals(Verdict.REPRODUCIBLE, faithful.verdict(), faithful.toString());
        ArtifactVerdict hotfix = verdictFor(AcmeUpdaterSample.TAMPERED_PACKAGE_FILE);
        assertEquals(Verdict.NOT_REPRODUCIBLE, hotfix.verdict(), hotfix.toString());
        assertFalse(hotfix.substantive().isEmpty(), "the hotfix's differences are named");
    }

    @Test
    void theInventoriesCarryTheDigestsTheManifestDeclares() {
        assertEquals(manifest.packages().stream().map(SessionManifest.UpdatePackage::sha256).toList(),
                outcome.report().packages().stream().map(p -> p.sha256()).toList());
        assertEquals(Sha256.hex(submission.faithfulPackage()), outcome.report().packages().get(0).sha256());
    }

    @Test
    void theSignedEnvelopeVerifiesAndCoversTheCommitAndThePackages() {
        assertTrue(outcome.demoKeyCreated(), "no key was given");
        assertEquals(workspace.resolve("keys/" + AuditPipeline.DEMO_KEY + ".pub.pem"), outcome.publicKey());
        VerificationResult verified = new EnvelopeVerifier().verify(outcome.envelope(),
                KeyFiles.readPublicKey(outcome.publicKey()), List.of(submission.faithfulPackage(), submission.tamperedPackage()));
        assertEquals(outcome.keyId(), verified.keyId());
        assertEquals(List.of(AcmeUpdaterSample.RELEASE_COMMIT),
                verified.gitCommits().stream().map(s -> s.digest().get("gitCommit")).toList());
        assertEquals(2, verified.artifacts().size());
    }

    @Test
    void everyStageWroteItsDirectoryAndNoUnfinishedReportIsLeft() {
        for (AuditStage stage : AuditStage.values()) {
            assertTrue(Files.isDirectory(workspace.resolve(stage.directory())), stage.directory());
        }
        for (String file : List.of("unpack/" + AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + ".inventory.json",
                "checkout/checkout.json", "analyze/findings.json", "analyze-binary/binary.json", "rebuild/rebuild.json",
                "compare/verdicts.json", "report/report.json", "report/report.html", "report/report.sarif",
                "report/report.dsse.json")) {
            assertTrue(Files.isRegularFile(workspace.resolve(file)), file);
        }
        assertEquals(workspace.resolve("report/report.dsse.json"), outcome.envelope());
        assertFalse(Files.exists(workspace.resolve(SessionWorkspace.INCOMPLETE_REPORT)));
        assertTrue(Files.isRegularFile(workspace.resolve(SessionWorkspace.MARKER)));
    }

    @Test
    void theSamplesReportValidatesAgainstThePublishedSchema() throws Exception {
        ObjectMapper m = new ObjectMapper();
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(m.readTree(Path.of("../docs/report.schema.json").toFile()));

        List<String> errors = schema.validate(m.readTree(workspace.resolve("report/report.json").toFile())).stream()
                .map(e -> e.getInstanceLocation() + " " + e.getMessage()).distinct().toList();

        assertEquals(List.of(), errors);
    }

    @Test
    void theReportNamesTheCapabilityModelByItsDigest() throws Exception {
        JsonNode tool = new ObjectMapper().readTree(workspace.resolve("report/report.json").toFile()).get("tool");

        assertEquals(CapabilityModel.builtIn().version(), tool.get("capabilityModelVersion").asText());
        assertEquals(CapabilityModel.builtIn().digest(), tool.get("capabilityModelDigest").asText());
    }

    @Test
    void theWorkspaceClearsExactlyTheDirectoriesThePipelineWrites() {
        List<String> written = new ArrayList<>(Stream.of(AuditStage.values()).map(AuditStage::directory).toList());
        written.add(SessionWorkspace.INCOMPLETE_REPORT);
        assertEquals(written, SessionWorkspace.STAGES);
        assertTrue(SessionWorkspace.STAGES.contains("analyze-binary"));
    }

    @Test
    void thePackagesAreUnpackedBeforeTheSourceIsCheckedOut() {
        assertTrue(started.indexOf(Stage.UNPACK) >= 0 && started.indexOf(Stage.CHECKOUT) > started.lastIndexOf(Stage.UNPACK),
                started.toString());
        assertEquals(Stage.SIGN, started.get(started.size() - 1), started.toString());
    }

    @Test
    void eachStageIsAnnouncedAsAPhaseOfTheAuditWithItsPlaceInTheOrder() {
        List<String> phases = events.stream().filter(e -> e.startsWith("audit: ")).toList();
        assertEquals(List.of("audit: stage 1/8: unpack", "audit: stage 2/8: checkout", "audit: stage 3/8: analyze",
                "audit: stage 4/8: analyze-binary", "audit: stage 5/8: rebuild", "audit: stage 6/8: compare",
                "audit: stage 7/8: report", "audit: stage 8/8: sign"), phases, events.toString());
        for (String phase : phases) {
            String stage = phase.substring(phase.lastIndexOf(' ') + 1);
            int at = events.indexOf(phase);
            assertEquals(stage, events.get(at + 1), "the stage starts right after its phase: " + events);
        }
    }

    /** Every file under {@code dir} with its sha256 (directories with an empty digest). */
    private static Map<String, String> contents(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(p -> files.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Sha256.hex(p) : ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Everything under the temporary directory but {@code workspace}. */
    private static Map<String, String> outside(Path workspace) {
        Map<String, String> all = contents(tmp);
        all.keySet().removeIf(name -> tmp.resolve(name).startsWith(workspace));
        return all;
    }

    private SessionManifest withFirstPackageSha256(String sha256) {
        List<SessionManifest.UpdatePackage> packages = new ArrayList<>(manifest.packages());
        packages.set(0, new SessionManifest.UpdatePackage(packages.get(0).path(), sha256));
        return new SessionManifest(manifest.baseDir(), manifest.vendor(), manifest.product(), manifest.version(),
                manifest.source(), packages, manifest.build());
    }

    @Test
    void aPackageWhoseSha256DiffersFromTheManifestIsRefusedBeforeAnyStageWritesAndNoReportIsMade() {
        Path ws = tmp.resolve("ws-" + (++cases));
        Map<String, String> before = outside(ws);
        String declared = "ab".repeat(32);
        IntegrityException e = assertThrows(IntegrityException.class,
                () -> pipeline().run(withFirstPackageSha256(declared), options(ws), ProgressListener.NONE));
        assertEquals(Stage.UNPACK, e.stage());
        assertEquals(submission.faithfulPackage().toString(), e.input());
        assertEquals("sha256 is " + Sha256.hex(submission.faithfulPackage()) + ", but the manifest expects " + declared,
                e.problem());
        assertEquals(before, outside(ws), "nothing written outside the workspace");
        // Only the accepted workspace's marker and the empty stage directory: no checkout, no unpacked file, no key.
        assertEquals(Map.of("", "", SessionWorkspace.MARKER, Sha256.hex(ws.resolve(SessionWorkspace.MARKER)),
                "unpack", ""), contents(ws));
    }

    @Test
    void aDirectoryThatIsNotAClearboxWorkspaceIsRefusedAndLeftUntouched() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws-" + (++cases)));
        Files.writeString(ws.resolve("notes.txt"), "the auditor's own notes\n");
        Files.createDirectories(ws.resolve("report"));
        Files.writeString(ws.resolve("report/draft.txt"), "not Clearbox's\n");
        Map<String, String> before = contents(ws);
        Map<String, String> outsideBefore = outside(ws);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> pipeline().run(manifest, options(ws), ProgressListener.NONE));
        assertEquals(Stage.WORKSPACE, e.stage());
        assertEquals(ws.toString(), e.input());
        assertEquals("directory is not empty and is not a Clearbox workspace; choose another --workspace", e.problem());
        assertEquals(before, contents(ws), "left untouched");
        assertEquals(outsideBefore, outside(ws));
    }

    @Test
    void aStageOutputThatCannotBeWrittenIsAStageFailureNamingTheFileNotAnInternalError() {
        Path ws = tmp.resolve("ws-" + (++cases));
        String pkg = AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE;
        Path inventory = ws.resolve("unpack").resolve(pkg + ".inventory.json");
        // A directory where the stage's file must go (a permission would not stop root, who runs these tests here).
        ProgressListener blocker = listener((stage, detail) -> {
            if (stage == Stage.UNPACK && detail.equals(pkg)) {
                try {
                    Files.createDirectories(inventory);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        });
        ClearboxException e = assertThrows(StageFailedException.class,
                () -> pipeline().run(manifest, options(ws), blocker));
        assertEquals(Stage.UNPACK, e.stage());
        assertEquals(inventory.toString(), e.input());
        assertEquals("cannot write: Is a directory", e.problem());
        assertFalse(Files.exists(ws.resolve("report")), "no report after an error");
        assertFalse(Files.exists(ws.resolve("checkout")), "the audit stopped at the failure");
    }

    // --- SLSA Verification Summaries, one per package, beside the report envelope ---

    /** Set to 1 to make the independent-verifier tests fail, instead of skip, when openssl or Python cryptography is missing. */
    static final String REQUIRE_INDEPENDENT = "CLEARBOX_REQUIRE_INDEPENDENT_VERIFIERS";

    private Path summaryOf(String packageFile) {
        return workspace.resolve("report/" + packageFile + ".vsa.dsse.json");
    }

    private static JsonNode payloadOf(Path envelope) throws IOException {
        ObjectMapper m = new ObjectMapper();
        return m.readTree(java.util.Base64.getDecoder().decode(m.readTree(envelope.toFile()).get("payload").asText()));
    }

    @Test
    void aVerificationSummaryPerPackagePassesTheFaithfulOneAndFailsTheHotfix() throws Exception {
        var key = KeyFiles.readPublicKey(outcome.publicKey());
        String reportEnvelopeSha = Sha256.hex(outcome.envelope());
        Map<Path, String> expected = Map.of(submission.faithfulPackage(), "PASSED", submission.tamperedPackage(), "FAILED");
        for (var e : expected.entrySet()) {
            String name = e.getKey().getFileName().toString();
            Path vsa = summaryOf(name);
            assertTrue(Files.isRegularFile(vsa), vsa + " written");
            VerificationResult r = new EnvelopeVerifier().verify(vsa, key, List.of(e.getKey()));
            assertEquals(VerificationSummaries.PREDICATE_TYPE, r.predicateType());
            assertEquals(outcome.keyId(), r.keyId(), "signed with the report's key");
            assertEquals(1, r.subjectCount());
            assertEquals(List.of(name), r.artifacts().get(0).subjects(), "the package is the subject, by its sha256");
            assertEquals(e.getValue(), r.summary().verificationResult(), name);
            assertEquals("pkg:generic/" + name + "?checksum=sha256:" + Sha256.hex(e.getKey()), r.summary().resourceUri());
            assertEquals(outcome.report().generatedAt(), r.summary().timeVerified());
            JsonNode inputs = payloadOf(vsa).get("predicate").get("inputAttestations");
            assertEquals(1, inputs.size());
            assertEquals("report/report.dsse.json", inputs.get(0).get("uri").asText());
            assertEquals(reportEnvelopeSha, inputs.get(0).get("digest").get("sha256").asText(),
                    "the summary cites the report envelope as written and moved into place");
        }
        VerificationResult faithful = new EnvelopeVerifier().verify(summaryOf(AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE), key, List.of());
        assertEquals(List.of(VerificationSummaries.LEVEL_REPRODUCIBLE), faithful.summary().verifiedLevels());
        assertEquals(List.of(), faithful.summary().reasons());
        VerificationResult hotfix = new EnvelopeVerifier().verify(summaryOf(AcmeUpdaterSample.TAMPERED_PACKAGE_FILE), key, List.of());
        assertEquals(List.of("FAILED"), hotfix.summary().verifiedLevels());
        String shipped = AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR;
        assertEquals(shipped + " is NOT_REPRODUCIBLE", hotfix.summary().reasons().get(0), hotfix.summary().reasons().toString());
        assertTrue(hotfix.summary().reasons().stream().anyMatch(r -> r.endsWith("(CBX-BIN-ONLY)")), hotfix.summary().reasons().toString());
        try (Stream<Path> files = Files.list(workspace.resolve("report"))) {
            assertEquals(2, files.filter(f -> f.getFileName().toString().endsWith(".vsa.dsse.json")).count(), "one per package");
        }
    }

    @Test
    void aVerificationSummaryWithOneFlippedByteDoesNotVerify() throws Exception {
        ObjectMapper m = new ObjectMapper();
        var env = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(summaryOf(AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE).toFile());
        byte[] payload = java.util.Base64.getDecoder().decode(env.get("payload").asText());
        byte[] flipped = payload.clone();
        flipped[flipped.length - 10] ^= 0x01;
        env.put("payload", java.util.Base64.getEncoder().encodeToString(flipped));
        Path altered = tmp.resolve("altered.vsa.dsse.json");
        m.writeValue(altered.toFile(), env);
        IntegrityException e = assertThrows(IntegrityException.class,
                () -> new EnvelopeVerifier().verify(altered, KeyFiles.readPublicKey(outcome.publicKey()), List.of()));
        assertTrue(e.problem().startsWith("signature does not verify"), e.oneLine());
    }

    /** Runs a command, returning its exit code and output; null when the program is not on the PATH. */
    private static Map.Entry<Integer, String> run(Path dir, String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return Map.entry(p.waitFor(), out);
    }

    private static void requireOrSkip(boolean present, String what) {
        if (!present) {
            if ("1".equals(System.getenv(REQUIRE_INDEPENDENT))) {
                fail(what + " is missing and " + REQUIRE_INDEPENDENT + "=1 requires it");
            }
            Assumptions.abort(what + " is not available here; set " + REQUIRE_INDEPENDENT + "=1 to require it");
        }
    }

    /**
     * openssl alone checks the Ed25519 signature of the hotfix's summary over a PAE this test builds itself (not with
     * Clearbox's {@code Dsse.pae}), as docs/verifying.md shows, and rejects it after one payload byte is flipped.
     */
    @Test
    void aVerificationSummaryVerifiesWithOpensslAlone() throws Exception {
        Map.Entry<Integer, String> version = run(tmp, "openssl", "version");
        requireOrSkip(version != null && version.getKey() == 0, "openssl");
        Path dir = Files.createDirectories(tmp.resolve("openssl-check"));
        JsonNode env = new ObjectMapper().readTree(summaryOf(AcmeUpdaterSample.TAMPERED_PACKAGE_FILE).toFile());
        String type = env.get("payloadType").asText();
        byte[] payload = java.util.Base64.getDecoder().decode(env.get("payload").asText());
        byte[] sig = java.util.Base64.getDecoder().decode(env.get("signatures").get(0).get("sig").asText());
        Files.write(dir.resolve("sig.bin"), sig);
        java.io.ByteArrayOutputStream pae = new java.io.ByteArrayOutputStream();
        pae.writeBytes(String.format("DSSEv1 %d %s %d ", type.length(), type, payload.length).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        pae.writeBytes(payload);
        Files.write(dir.resolve("pae.bin"), pae.toByteArray());
        String[] verify = {"openssl", "pkeyutl", "-verify", "-pubin", "-inkey", outcome.publicKey().toString(), "-rawin",
                "-in", "pae.bin", "-sigfile", "sig.bin"};
        Map.Entry<Integer, String> good = run(dir, verify);
        assertEquals(0, good.getKey(), good.getValue());
        assertTrue(good.getValue().contains("Signature Verified Successfully"), good.getValue());
        byte[] flipped = pae.toByteArray();
        flipped[flipped.length - 10] ^= 0x01;
        Files.write(dir.resolve("pae.bin"), flipped);
        Map.Entry<Integer, String> bad = run(dir, verify);
        assertTrue(bad.getKey() != 0, "openssl accepted a flipped byte: " + bad.getValue());
    }

    /**
     * docs/verify_report.py (Python {@code cryptography} only) checks the faithful package's summary: signature,
     * strict JSON, the Statement, the package as its subject and the report envelope as its input attestation.
     */
    @Test
    void aVerificationSummaryVerifiesWithTheDocumentedPythonVerifier() throws Exception {
        Map.Entry<Integer, String> probe = run(tmp, "python3", "-c", "import cryptography");
        requireOrSkip(probe != null && probe.getKey() == 0, "python3 with the cryptography package");
        Path script = Path.of("../docs/verify_report.py").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(script), script.toString());
        Path vsa = summaryOf(AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE);
        Map.Entry<Integer, String> r = run(tmp, "python3", script.toString(), vsa.toString(), outcome.publicKey().toString(),
                submission.faithfulPackage().toString(), outcome.envelope().toString());
        assertEquals(0, r.getKey(), r.getValue());
        assertTrue(r.getValue().contains(" PASSED ['" + VerificationSummaries.LEVEL_REPRODUCIBLE + "']"), r.getValue());
        assertTrue(r.getValue().contains(outcome.envelope() + " inputAttestation report/report.dsse.json"), r.getValue());
        Path stranger = Files.writeString(tmp.resolve("stranger.bin"), "not covered");
        Map.Entry<Integer, String> refused = run(tmp, "python3", script.toString(), vsa.toString(),
                outcome.publicKey().toString(), stranger.toString());
        assertTrue(refused.getKey() != 0, refused.getValue());
    }
}
