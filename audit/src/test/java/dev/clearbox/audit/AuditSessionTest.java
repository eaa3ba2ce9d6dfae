package dev.clearbox.audit;

import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.checkout.CheckoutRequest;
import dev.clearbox.core.rebuild.Isolation;
import dev.clearbox.core.rebuild.RebuildLimits;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.session.SessionManifests;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.reports.html.FirstScreenProbe;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.Session;
import dev.clearbox.samples.AcmeUpdaterSample;
import dev.clearbox.samples.Submission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session section of the sample's real report (the audit of the sample through {@link AuditPipeline}), and the
 * first screen of its real report.html in headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditSessionTest {
    @TempDir
    static Path tmp;

    Submission submission;
    SessionManifest manifest;
    AuditOutcome outcome;
    AuditReport report;
    long wallMillis;

    @BeforeAll
    void auditTheSample() {
        submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
        manifest = SessionManifests.load(submission.manifest());
        AuditOptions options = new AuditOptions(tmp.resolve("work"), null, null, CapabilityModel.builtIn(),
                UnpackLimits.defaults(), Clock.systemUTC()).withAuditor("Example Audit Lab");
        long start = System.nanoTime();
        outcome = new AuditPipeline("session-test").run(manifest, options, ProgressListener.NONE);
        wallMillis = (System.nanoTime() - start) / 1_000_000;
        report = outcome.report();
    }

    @Test
    void everyStageBeforeTheReportIsTimedInOrderWithWhatItProduced() {
        List<Session.StageRun> stages = report.session().stages();
        assertEquals(List.of("unpack", "checkout", "analyze", "analyze-binary", "rebuild", "compare"),
                stages.stream().map(Session.StageRun::name).toList());
        long sum = 0;
        for (Session.StageRun s : stages) {
            assertTrue(s.durationMillis() >= 0, s.toString());
            assertFalse(s.detail().isBlank(), s.toString());
            sum += s.durationMillis();
        }
        assertTrue(sum <= wallMillis, "stages " + sum + " ms within the audit's " + wallMillis + " ms");
        // The rebuild stage runs every build run: its duration is at least theirs, so it is a measured one.
        Session.StageRun rebuild = stages.get(4);
        assertTrue(rebuild.durationMillis() >= report.rebuild().durationMillis(), rebuild + " vs " + report.rebuild().durationMillis());
        assertTrue(stages.get(2).durationMillis() > 0, "the source analysis of the sample takes time: " + stages.get(2));
        assertEquals("2 packages, " + report.packages().stream().mapToInt(p -> p.entries().size()).sum() + " entries",
                stages.get(0).detail());
        assertEquals(report.verdicts().size() + " artifacts", stages.get(5).detail());
    }

    @Test
    void theSessionRunsFromStartToTheReportsTime() {
        Session s = report.session();
        assertEquals(report.generatedAt(), s.endedAt());
        assertTrue(s.startedAt().compareTo(s.endedAt()) <= 0, s.startedAt() + " .. " + s.endedAt());
        assertEquals(List.of("Example Audit Lab"), s.auditors());
        assertEquals("Example Audit Lab", report.auditor().identity(), "the auditor block is kept");
    }

    @Test
    void theInputsAreCitedByTheDigestsOfTheFilesGiven() {
        Session.Inputs in = report.session().inputs();
        assertEquals(new Session.FileDigest("session.json", Sha256.hex(submission.manifest())), in.manifest());
        assertEquals(AcmeUpdaterSample.BUNDLE_FILE, in.source().location());
        assertEquals(Sha256.hex(submission.bundle()), in.source().sha256());
        assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, in.source().commitId());
        assertEquals(report.source().treeDigest().sha256(), in.source().treeDigest());
        assertEquals(List.of(new Session.FileDigest(AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE, Sha256.hex(submission.faithfulPackage())),
                new Session.FileDigest(AcmeUpdaterSample.TAMPERED_PACKAGE_FILE, Sha256.hex(submission.tamperedPackage()))),
                in.packages());
        assertEquals(CapabilityModel.builtIn().digest(), in.capabilityModel().digest());
        assertEquals(CapabilityModel.builtIn().version(), in.capabilityModel().version());
    }

    @Test
    void theToolsNameClearboxTheRuntimeAndEveryPinnedLibraryWithItsVersion() {
        List<Session.ToolVersion> tools = report.session().tools();
        assertEquals(new Session.ToolVersion("clearbox", "session-test"), tools.get(0));
        assertEquals("java", tools.get(1).name());
        assertTrue(tools.get(1).version().startsWith(Runtime.version().toString()), tools.get(1).toString());
        assertEquals(List.of("clearbox", "java", "javaparser", "spotbugs", "findsecbugs", "jgit", "bouncycastle",
                "commons-compress", "asm", "cyclonedx-core-java", "jackson"), tools.stream().map(Session.ToolVersion::name).toList());
        for (Session.ToolVersion t : tools) {
            assertTrue(t.version().matches("[0-9][^$]*|session-test") && !t.version().equals("unknown"),
                    "a resolved version: " + t);
        }
    }

    @Test
    void theLimitsInForceAreThoseTheStagesWereGiven() {
        Session.Limits l = report.session().limits();
        UnpackLimits u = UnpackLimits.defaults();
        assertEquals(new dev.clearbox.reports.model.ShippedPackage.Limits(u.maxTotalBytes(), u.maxEntryBytes(),
                u.maxEntries(), u.maxCompressionRatio(), u.maxNestingDepth()), l.unpack());
        assertEquals(report.packages().get(0).limits(), l.unpack(), "the limits each inventory records");
        assertEquals(new Session.CheckoutLimits(CheckoutRequest.DEFAULT_MAX_BLOB_BYTES, CheckoutRequest.DEFAULT_MAX_TREE_DEPTH,
                CheckoutRequest.DEFAULT_MAX_INFLATED_BYTES, CheckoutRequest.DEFAULT_TIMEOUT.toSeconds()), l.checkout());
        RebuildLimits r = RebuildLimits.DEFAULT;
        assertEquals(new Session.RebuildLimits(manifest.build().timeoutSeconds(), l.rebuild().runs(), r.maxLogBytes(),
                r.maxFileBytes(), r.maxTreeBytes(), r.maxTmpBytes()), l.rebuild());
        assertEquals(report.rebuild().runs().stream().filter(run -> run.name().startsWith("build")).count(), l.rebuild().runs(),
                "as many runs as the rebuild made");
        assertEquals(dev.clearbox.analyzers.source.SourceAnalysisLimits.inForce().minPathEdgesPerSource(), l.sourceAnalysis().minPathEdgesPerSource());
        assertEquals(new Session.CompareLimits(5, 4L << 30, List.of()), l.compare());
    }

    @Test
    void theSandboxIsTheOneAskedForAndTheOneTheBuildRanIn() {
        Session.Sandbox s = report.session().sandbox();
        assertEquals(Isolation.Level.BUBBLEWRAP, s.requested());
        assertFalse(s.unsandboxedAllowed());
        assertEquals(report.rebuild().isolation().level(), s.level());
        assertEquals(report.rebuild().isolation().detail(), s.detail());
    }

    @Test
    void whatWasNotCoveredIsGatheredFromTheStagesCoverage() {
        Session.NotCovered n = report.session().notCovered();
        assertEquals(report.analysis().coverage().unresolvedCallCount(), n.unresolvedCalls());
        assertEquals(report.analysis().coverage().flowLimits(), n.flowLimitsHit());
        assertEquals(report.analysis().coverage().problems().stream().map(p -> p.file()).distinct().sorted().toList(),
                n.unparsedFiles());
        assertEquals(report.binaryAnalysis().coverage().missingClasses(), n.missingClasses());
        assertTrue(n.notRebuilt().isEmpty(), "both shipped jars were rebuilt and compared: " + n.notRebuilt());
    }

    @Test
    void theSessionIsTheLastSectionOfTheRealReportHtml() throws Exception {
        String html = Files.readString(outcome.reportHtml());
        int session = html.indexOf("<details class=\"section\" id=\"session\">");
        assertTrue(session > 0, "a session section");
        assertEquals(-1, html.indexOf("<details class=\"section\"", session + 1), "no section after the session");
        assertTrue(html.indexOf("Rebuild", session) > 0 && html.indexOf("Source analysis", session) > 0
                && html.indexOf("Checkout", session) > 0 && html.indexOf("Unpack", session) > 0
                && html.indexOf("Compare", session) > 0, "every limit group");
        assertTrue(html.contains("<a href=\"#session\">session</a>"), "the counts at the top link to it");
    }

    @Test
    void theRealReportsFirst900PxShowTheVerdictsAndTheTopExfiltrationPath() throws Exception {
        FirstScreenProbe screen = FirstScreenProbe.of(Files.readString(outcome.reportHtml()), Files.createDirectories(tmp.resolve("probe")));
        String text = screen.text();
        for (String expected : List.of("Result: FAILED",
                AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR,
                AcmeUpdaterSample.TAMPERED_PACKAGE_FILE + "!/" + AcmeUpdaterSample.SHIPPED_JAR,
                "NOT_REPRODUCIBLE", "REPRODUCIBLE",
                "Only in the shipped binaries", "Exfiltration paths, most severe first", "not covered:")) {
            assertTrue(screen.shows(expected), "the first 900 px do not show '" + expected + "':\n" + text);
        }
        // The top path is the SSH private key's: its source step is on the first screen.
        String first = AcmeUpdaterSample.concealedPathSteps().get(0);
        String file = first.substring(first.lastIndexOf('/') + 1, first.indexOf(':'));
        assertTrue(screen.shows(file), "the top path's source file " + file + " on the first screen:\n" + text);
        List<String> lines = screen.texts();
        int paths = lines.indexOf(lines.stream().filter(t -> t.startsWith("Exfiltration paths, most severe first")).findFirst().orElseThrow());
        List<String> below = lines.subList(paths, lines.size());
        int key = indexOf(below, "id_rsa");
        int credential = indexOf(below, "a private key or credential");
        int personal = indexOf(below, "a person's data");
        assertTrue(credential > 0 && key > credential, "the first path is the private key's:\n" + text);
        assertTrue(personal < 0 || key < personal, "the SSH key path comes before the config-file paths:\n" + text);
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
