package dev.clearbox.audit;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.ClearboxException;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.Verdict;
import dev.clearbox.reports.model.ArtifactVerdict;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.session.SessionManifests;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.reports.sign.EnvelopeVerifier;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.reports.sign.VerificationResult;
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

/** Runs the audit pipeline on the bundled sample, without the command line, and checks what it produced and refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPipelineTest {
    @TempDir
    static Path tmp;

    Submission submission;
    SessionManifest manifest;
    Path workspace;
    AuditOutcome outcome;
    final List<String> started = new ArrayList<>();
    int cases;

    @BeforeAll
    void auditTheSample() {
        submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
        manifest = SessionManifests.load(submission.manifest());
        workspace = tmp.resolve("work");
        outcome = pipeline().run(manifest, options(workspace), listener((stage, detail) -> started.add(stage)));
    }

    private static AuditPipeline pipeline() {
        return new AuditPipeline("test");
    }

    private static AuditOptions options(Path ws) {
        return new AuditOptions(ws, null, null, CapabilityModel.builtIn(), UnpackLimits.defaults(),
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    /** A listener that calls {@code onStart} with each stage started and ignores the rest. */
    private static ProgressListener listener(BiConsumer<String, String> onStart) {
        return new ProgressListener() {
            @Override
            public void stageStarted(String stage, String detail) {
                onStart.accept(stage, detail);
            }

            @Override
            public void progress(String stage, long done, long total, String item) {
            }

            @Override
            public void stageFinished(String stage, String summary) {
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
            assertTrue(Files.isDirectory(workspace.resolve(stage.id())), stage.id());
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
    void theWorkspaceClearsExactlyTheDirectoriesThePipelineWrites() {
        List<String> written = new ArrayList<>(Stream.of(AuditStage.values()).map(AuditStage::id).toList());
        written.add(SessionWorkspace.INCOMPLETE_REPORT);
        assertEquals(written, SessionWorkspace.STAGES);
        assertTrue(SessionWorkspace.STAGES.contains("analyze-binary"));
    }

    @Test
    void thePackagesAreUnpackedBeforeTheSourceIsCheckedOut() {
        assertTrue(started.indexOf("unpack") >= 0 && started.indexOf("checkout") > started.lastIndexOf("unpack"),
                started.toString());
        assertEquals("sign", started.get(started.size() - 1), started.toString());
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
        assertEquals("unpack", e.stage());
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
        assertEquals("workspace", e.stage());
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
            if (stage.equals("unpack") && detail.equals(pkg)) {
                try {
                    Files.createDirectories(inventory);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        });
        ClearboxException e = assertThrows(StageFailedException.class,
                () -> pipeline().run(manifest, options(ws), blocker));
        assertEquals("unpack", e.stage());
        assertEquals(inventory.toString(), e.input());
        assertEquals("cannot write: Is a directory", e.problem());
        assertFalse(Files.exists(ws.resolve("report")), "no report after an error");
        assertFalse(Files.exists(ws.resolve("checkout")), "the audit stopped at the failure");
    }
}
