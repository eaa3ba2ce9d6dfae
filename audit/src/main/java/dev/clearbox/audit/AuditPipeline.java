package dev.clearbox.audit;

import dev.clearbox.reports.model.Product;
import dev.clearbox.analyzers.bytecode.BinaryAnalysisRequest;
import dev.clearbox.analyzers.bytecode.BinaryAnalysisResult;
import dev.clearbox.analyzers.bytecode.BinaryAnalyzer;
import dev.clearbox.analyzers.bytecode.BinaryInput;
import dev.clearbox.analyzers.bytecode.Correspondence;
import dev.clearbox.analyzers.bytecode.SourceCorrespondence;
import dev.clearbox.analyzers.source.SourceAnalysisRequest;
import dev.clearbox.analyzers.source.SourceAnalysisResult;
import dev.clearbox.analyzers.source.SourceAnalyzer;
import dev.clearbox.analyzers.source.SourceAnalysisLimits;
import dev.clearbox.core.compare.CompareOptions;
import dev.clearbox.reports.model.Session;
import dev.clearbox.reports.model.SessionRun;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.io.InputFiles;
import dev.clearbox.core.checkout.Checkout;
import dev.clearbox.core.checkout.CheckoutRequest;
import dev.clearbox.core.checkout.CheckoutResult;
import dev.clearbox.core.compare.ArtifactComparator;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.rebuild.BuildSpec;
import dev.clearbox.core.rebuild.JdkLocator;
import dev.clearbox.core.rebuild.RebuildLimits;
import dev.clearbox.core.rebuild.RebuildRequest;
import dev.clearbox.core.rebuild.RebuildResult;
import dev.clearbox.core.rebuild.Rebuilder;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.SignatureFindings;
import dev.clearbox.core.unpack.UnpackRequest;
import dev.clearbox.core.unpack.Unpacker;
import dev.clearbox.core.workspace.Workspace;
import dev.clearbox.reports.delta.ReleaseDiff;
import dev.clearbox.reports.html.ReportHtml;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.BinaryAnalysis;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.Auditor;
import dev.clearbox.reports.model.Summary;
import dev.clearbox.reports.review.ReviewFile;
import dev.clearbox.reports.review.Reviews;
import dev.clearbox.reports.sarif.ReportSarif;
import dev.clearbox.reports.sbom.PackageSbom;
import dev.clearbox.reports.sign.Attestations;
import dev.clearbox.reports.sign.EnvelopeVerifier;
import dev.clearbox.reports.sign.Envelope;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.reports.sign.ReportAttestation;
import dev.clearbox.reports.sign.Statement;
import dev.clearbox.reports.sign.VerificationSummaries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a whole audit: unpack → checkout → analyze → analyze-binary → rebuild → compare → report → sign, each
 * stage writing what it produced into its directory of the workspace. Any error stops the audit before a report
 * is written, so a report on disk is always a complete one.
 */
public final class AuditPipeline {
    static final String DEMO_KEY = "demo-signing";

    private final String toolVersion;

    public AuditPipeline(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    /**
     * Runs every stage of the session described by {@code manifest}.
     *
     * @throws dev.clearbox.core.ClearboxException for any input refused or stage that could not run (including an
     *                                             output that could not be written); no report is left behind
     */
    public AuditOutcome run(SessionManifest manifest, AuditOptions options, ProgressListener listener) {
        Instant startedAt = Instant.now(options.clock());
        StageTimes times = new StageTimes(System::nanoTime);
        checkPackages(manifest);
        Path keyring = options.keyring() != null ? options.keyring() : manifest.source().keyring();
        if (keyring != null && !Files.isRegularFile(keyring)) {
            throw new InvalidInputException(Stage.CHECKOUT, keyring.toString(), "keyring not found");
        }
        Path allowedSigners = options.allowedSigners() != null ? options.allowedSigners()
                : manifest.source().allowedSigners();
        if (allowedSigners != null && !Files.isRegularFile(allowedSigners)) {
            throw new InvalidInputException(Stage.CHECKOUT, allowedSigners.toString(), "allowed-signers file not found");
        }
        if (options.seedRepository() != null && !Files.isDirectory(options.seedRepository())) {
            throw new InvalidInputException(Stage.REBUILD, options.seedRepository().toString(),
                    "the seed repository is not a directory (--seed-repository)");
        }
        BuildSpec buildSpec = BuildSpec.fromManifest(manifest.build()).withIsolation(options.isolation());
        Keys given = givenKeys(options);
        // The review file is read and checked before anything is written: a malformed one stops the audit here.
        ReviewFile.Loaded review = options.review() == null ? null : ReviewFile.read(options.review());
        Workspace ws = SessionWorkspace.prepare(options.workspace()); // nothing is written before the workspace is accepted

        List<Statement.Subject> sideFiles = new ArrayList<>(); // every side file the Statement covers, hashed when written
        // The packages first: each is hashed once, by the unpacker, against the manifest's sha256 before it is parsed,
        // so a package that is not the declared one is refused before any other stage has run.
        List<PackageInventory> inventories = new ArrayList<>();
        List<Finding> packageFindings = new ArrayList<>();
        Path unpackDir = StageFiles.dir(ws, AuditStage.UNPACK);
        begin(listener, AuditStage.UNPACK.stage());
        times.start();
        for (SessionManifest.UpdatePackage p : manifest.packages()) {
            PackageInventory inv = new Unpacker().unpack(new UnpackRequest(p.path(), unpackDir.resolve(p.name()),
                    options.limits(), p.sha256()), listener);
            StageFiles.writeJson(AuditStage.UNPACK, unpackDir.resolve(p.name() + ".inventory.json"), inv);
            PackageSbom.write(inv, toolVersion, unpackDir.resolve(p.name() + ".cdx.json"));
            sideFiles.add(ReportAttestation.sideFile(ReportAttestation.sbom(p.name()), unpackDir.resolve(p.name() + ".cdx.json")));
            inventories.add(inv);
            packageFindings.addAll(SignatureFindings.of(inv));
        }
        times.end(AuditStage.UNPACK, inventories.size() + " package" + (inventories.size() == 1 ? "" : "s") + ", "
                + inventories.stream().mapToInt(i -> i.entries().size()).sum() + " entries");
        ShippedArtifacts shipped = ShippedArtifacts.join(manifest.build().artifacts(), inventories, unpackDir);

        Path checkoutDir = StageFiles.dir(ws, AuditStage.CHECKOUT);
        begin(listener, AuditStage.CHECKOUT.stage());
        times.start();
        CheckoutRequest checkoutRequest = new CheckoutRequest(manifest.source().describe(),
                manifest.source().ref(), manifest.source().commit(), checkoutDir.resolve("tree"),
                keyring, allowedSigners, CheckoutRequest.DEFAULT_MAX_BLOB_BYTES);
        CheckoutResult source = new Checkout().checkout(checkoutRequest, listener);
        StageFiles.writeJson(AuditStage.CHECKOUT, checkoutDir.resolve("checkout.json"), source);
        times.end(AuditStage.CHECKOUT, "commit " + source.commitId() + ", " + source.fileCount() + " files");

        begin(listener, AuditStage.ANALYZE.stage());
        times.start();
        // The shipped packages' jars are the sources' natural classpath: with them, a call on a type of a shipped
        // library resolves instead of being matched by name only (unresolved-supertypes). Implicit flows are the
        // auditor's choice (--implicit-flows); the result says which mode ran, and the report records it from there.
        SourceAnalysisResult analysis = new SourceAnalyzer().analyze(
                new SourceAnalysisRequest(source.tree(), options.model(), shippedJars(unpackDir, inventories),
                        options.implicitFlows()), listener);
        Path findingsFile = StageFiles.dir(ws, AuditStage.ANALYZE).resolve("findings.json");
        StageFiles.writeJson(AuditStage.ANALYZE, findingsFile, analysis);
        sideFiles.add(ReportAttestation.sideFile(ReportAttestation.FINDINGS, findingsFile));
        times.end(AuditStage.ANALYZE, analysis.coverage().filesParsed() + " files parsed, " + analysis.findings().size()
                + " findings");

        begin(listener, AuditStage.ANALYZE_BINARY.stage());
        times.start();
        List<BinaryInput> binaries = new ArrayList<>();
        for (PackageInventory inv : inventories) {
            binaries.add(BinaryInput.ofPackage(inv, unpackDir.resolve(inv.packageName())));
        }
        BinaryAnalysisResult binaryResult = new BinaryAnalyzer().analyze(
                new BinaryAnalysisRequest(binaries, options.model(), true, List.of()), listener);
        Correspondence correspondence = SourceCorrespondence.compare(binaryResult, analysis.findings(), source.tree());
        BinaryAnalysis binary = BinaryAnalysis.of(binaryResult, correspondence);
        StageFiles.writeJson(AuditStage.ANALYZE_BINARY,
                StageFiles.dir(ws, AuditStage.ANALYZE_BINARY).resolve("binary.json"), binary);
        times.end(AuditStage.ANALYZE_BINARY, binary.coverage().classesAnalyzed() + " classes analysed, "
                + binary.findings().size() + " findings");

        if (buildSpec.git() == null && manifest.source().url() != null) {
            buildSpec = buildSpec.withGit(new BuildSpec.GitState(manifest.source().url(),
                    source.tag() == null ? "" : source.tag().name(), ""));
        }
        Path rebuildDir = StageFiles.dir(ws, AuditStage.REBUILD);
        begin(listener, AuditStage.REBUILD.stage());
        times.start();
        RebuildResult rebuild = new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(source.tree(),
                buildSpec, source.commitTime(), rebuildDir, shipped.references(manifest.build().artifacts()),
                REBUILD_LIMITS, options.unsandboxedBuild()).withSeedRepository(options.seedRepository()), listener);
        StageFiles.writeJson(AuditStage.REBUILD, rebuildDir.resolve("rebuild.json"), rebuild);
        times.end(AuditStage.REBUILD, rebuild.status() + ", " + rebuild.runs().size() + " run"
                + (rebuild.runs().size() == 1 ? "" : "s") + ", " + rebuild.artifacts().size() + " artifacts");
        ShippedEvidence.verifyUnchanged(manifest, inventories, unpackDir);

        begin(listener, AuditStage.COMPARE.stage());
        times.start();
        List<ArtifactComparison> verdicts = compare(shipped, rebuild, COMPARE_OPTIONS, listener);
        Path verdictsFile = StageFiles.dir(ws, AuditStage.COMPARE).resolve("verdicts.json");
        StageFiles.writeJson(AuditStage.COMPARE, verdictsFile, verdicts);
        sideFiles.add(ReportAttestation.sideFile(ReportAttestation.VERDICTS, verdictsFile));
        times.end(AuditStage.COMPARE, verdicts.size() + " artifacts");

        Keys keys = given != null ? given : demoKeys(ws.root()); // a demo key only for an audit that got this far

        begin(listener, Stage.REPORT);
        listener.stageStarted(Stage.REPORT, "JSON, HTML and SARIF");
        String endedAt = iso(Instant.now(options.clock()));
        AuditReport.Tool tool = new AuditReport.Tool("clearbox", toolVersion, options.model().version(), options.model().digest());
        SessionRun run = new SessionRun(options.auditor().isEmpty() ? List.of() : List.of(options.auditor()),
                iso(startedAt), endedAt, times.runs(), new Session.FileDigest(manifest.fileName(), manifest.sha256()),
                manifest.source().bundle() == null ? "" : digestOf(manifest.source().bundle(), Stage.CHECKOUT),
                keyring == null ? null : new Session.FileDigest(keyring.getFileName().toString(),
                        digestOf(keyring, Stage.CHECKOUT)),
                allowedSigners == null ? null : new Session.FileDigest(allowedSigners.getFileName().toString(),
                        digestOf(allowedSigners, Stage.CHECKOUT)),
                ToolVersions.of(toolVersion), options.limits(), checkoutRequest, buildSpec, REBUILD_LIMITS,
                SourceAnalysisLimits.inForce(), COMPARE_OPTIONS, options.isolation(), options.unsandboxedBuild());
        AuditReport audited = new AuditReport(AuditReport.SCHEMA, endedAt, tool,
                new Auditor(options.auditor(), keys.keyId, given == null),
                new Product(manifest.vendor(), manifest.product(), manifest.version()),
                source, inventories, analysis, rebuild, verdicts,
                Summary.of(allFindings(analysis.findings(), binary.findings(), packageFindings), verdicts, rebuild.status(),
                        analysis.coverage().problems().size() + binary.coverage().problems().size(),
                        analysis.coverage().unresolvedCallCount(), caveats(rebuild)), binary, packageFindings, run);
        // With a baseline, the report carries what changed since it (the baseline was verified when it was given),
        // and the baseline's decisions carry over to the findings that still have their fingerprint.
        AuditReport unreviewed = options.baseline() == null ? audited
                : audited.withDelta(ReleaseDiff.between(options.baseline(), audited));
        ReviewFile decisions = review == null ? null : review.review();
        if (options.baseline() != null) {
            AuditReport old = options.baseline().report();
            List<ReviewFile.Decision> carried = Reviews.carryOver(old.review(),
                    Reviews.describe(old, options.baseline().reportSha256()), Reviews.fingerprints(unreviewed));
            if (!carried.isEmpty()) {
                decisions = (decisions == null ? ReviewFile.empty() : decisions).withCarriedOver(carried);
            }
        }
        // The decisions join the report before it is rendered and signed: the signature covers who decided what.
        AuditReport report = decisions == null ? unreviewed : unreviewed.withReview(Reviews.apply(unreviewed, decisions,
                review == null ? "" : review.fileName(), review == null ? "" : review.sha256()));
        // The report is made in a directory whose name says it is unfinished, signed, checked, and only then moved
        // into place: an audit killed at any point never leaves something that looks like a finished report.
        Path reportDir = ws.root().resolve(AuditStage.REPORT.directory());
        Path partial = ws.root().resolve(SessionWorkspace.INCOMPLETE_REPORT);
        createEmpty(partial);
        Path json = partial.resolve(REPORT_JSON);
        StageFiles.write(AuditStage.REPORT, json, () -> ReportJson.write(report, json));
        Path html = partial.resolve(REPORT_HTML);
        StageFiles.write(AuditStage.REPORT, html, () -> ReportHtml.write(report, html));
        Path sarif = partial.resolve(REPORT_SARIF);
        StageFiles.write(AuditStage.REPORT, sarif, () -> ReportSarif.write(report, sarif));
        listener.stageFinished(Stage.REPORT, "report.json, report.html, report.sarif");

        begin(listener, SIGN);
        listener.stageStarted(SIGN, "DSSE envelope over an in-toto Statement, key " + keys.keyId);
        sideFiles.add(ReportAttestation.sideFile(ReportAttestation.REPORT_JSON, json));
        sideFiles.add(ReportAttestation.sideFile(ReportAttestation.REPORT_HTML, html));
        sideFiles.add(ReportAttestation.sideFile(ReportAttestation.REPORT_SARIF, sarif));
        Envelope envelope = Attestations.sign(ReportAttestation.statement(report, sideFiles), keys.privateKey, keys.publicKey);
        Path signed = partial.resolve(ENVELOPE);
        StageFiles.write(AuditStage.REPORT, signed, () -> Attestations.write(envelope, signed));
        new EnvelopeVerifier().verify(signed, keys.publicKey, List.of()); // the key pair must match
        // One SLSA Verification Summary per package (PKG.vsa.dsse.json), citing the envelope just written by its sha256.
        StageFiles.write(AuditStage.REPORT, partial, () -> VerificationSummaries.write(report, signed, keys.privateKey, keys.publicKey));
        moveIntoPlace(partial, reportDir);
        Path envelopeFile = reportDir.resolve(ENVELOPE);
        listener.stageFinished(SIGN, envelopeFile.toString());
        return new AuditOutcome(report, reportDir.resolve(REPORT_JSON), reportDir.resolve(REPORT_HTML), envelopeFile,
                keys.publicFile, keys.keyId, keys.created);
    }

    private static final Stage SIGN = Stage.SIGN;
    /** The audit's stages in the order they run, as its progress counts them: those that write a directory, then the signing. */
    private static final List<Stage> STEPS = Stream.concat(Arrays.stream(AuditStage.values()).map(AuditStage::stage),
            Stream.of(SIGN)).toList();

    /** Tells the listener that {@code stage} begins, as a phase of the audit: {@code stage 3/8: analyze}. */
    private static void begin(ProgressListener listener, Stage stage) {
        listener.phaseStarted(Stage.AUDIT, "stage " + (STEPS.indexOf(stage) + 1) + "/" + STEPS.size() + ": " + stage.id(), -1);
    }
    /** The rebuild's resource limits (the time limit and runs are the build recipe's). */
    private static final RebuildLimits REBUILD_LIMITS = RebuildLimits.DEFAULT;
    /** How shipped artifacts are compared with the rebuilt ones. */
    private static final CompareOptions COMPARE_OPTIONS = CompareOptions.defaults();

    /** Every jar the unpacked packages hold (nested ones too, as unpacked), in a stable order. */
    static List<Path> shippedJars(Path unpackDir, List<PackageInventory> inventories) {
        List<Path> jars = new ArrayList<>();
        for (PackageInventory inv : inventories) {
            Path dir = unpackDir.resolve(inv.packageName());
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar")
                                && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                        .sorted().forEach(jars::add);
            } catch (IOException | UncheckedIOException e) {
                throw new StageFailedException(Stage.ANALYZE, dir.toString(), "cannot list the unpacked package's jars: "
                        + e.getMessage(), e);
            }
        }
        return jars;
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The sha256 of an input the checkout read (bundle, keyring, allowed-signers file), for the session's inputs; hashed
     * after the checkout, which has read and checked it.
     */
    private static String digestOf(Path file, Stage stage) {
        try (var in = Files.newInputStream(file)) {
            return dev.clearbox.core.Sha256.hex(in);
        } catch (IOException e) {
            throw new InvalidInputException(stage, file.toString(), "cannot read it to record its sha256: "
                    + e.getClass().getSimpleName());
        }
    }
    private static final String REPORT_JSON = "report.json";
    private static final String REPORT_HTML = "report.html";
    private static final String REPORT_SARIF = "report.sarif";
    private static final String ENVELOPE = "report.dsse.json";

    private static void createEmpty(Path dir) {
        try {
            Workspace.deleteTree(dir, false);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw StageFiles.failed(AuditStage.REPORT, dir, "cannot create the report directory", e);
        }
    }

    /** Replaces {@code target} with {@code partial} in one rename (both are in the workspace, on one file system). */
    private static void moveIntoPlace(Path partial, Path target) {
        try {
            Workspace.deleteTree(target, false);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw StageFiles.failed(AuditStage.REPORT, target, "cannot move the signed report into place", e);
        }
    }

    /**
     * One verdict per shipped copy of a build output (in the join's order), after a {@code NOT_VERIFIED} one for
     * each build output that no package ships.
     */
    private static List<ArtifactComparison> compare(ShippedArtifacts shipped, RebuildResult rebuild,
                                                    CompareOptions options, ProgressListener listener) {
        Stage stage = Stage.COMPARE;
        listener.stageStarted(stage, "shipped artifacts against the rebuild");
        List<ArtifactComparison> verdicts = new ArrayList<>();
        for (SessionManifest.Artifact artifact : shipped.missing()) {
            verdicts.add(ArtifactComparison.notVerified(artifact.shippedAs(), "", artifact.path(),
                    "reference missing: no update package contains " + artifact.shippedAs()));
        }
        ArtifactComparator comparator = new ArtifactComparator(options);
        for (ShippedArtifacts.Copy copy : shipped.copies()) {
            var rebuilt = rebuild.artifacts().stream()
                    .filter(a -> a.shippedAs().equals(copy.artifact().shippedAs())).findFirst();
            verdicts.add(rebuilt.isEmpty()
                    ? ArtifactComparison.notRebuilt(copy.name(), copy.entry().sha256(), "rebuild " + rebuild.status()
                    + (rebuild.reason().isEmpty() ? "" : ": " + rebuild.reason()))
                    : comparator.compare(copy.name(), copy.file(), rebuilt.get().path(), rebuilt.get().file()));
        }
        listener.stageFinished(stage, verdicts.size() + " artifacts");
        return verdicts;
    }

    /** What weakens the report: a vendor build that ran without a sandbox, because the auditor allowed it. */
    private static List<String> caveats(RebuildResult rebuild) {
        boolean ran = !rebuild.runs().isEmpty();
        return ran && !rebuild.isolation().sandboxed()
                ? List.of("UNSANDBOXED BUILD: the vendor's build ran without a sandbox (--unsandboxed-build): "
                + rebuild.isolation().detail())
                : List.of();
    }

    @SafeVarargs
    private static List<Finding> allFindings(List<Finding>... parts) {
        List<Finding> all = new ArrayList<>();
        for (List<Finding> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /**
     * Every package must exist and have a distinct name; checked before the workspace is touched. Its sha256 is
     * checked by the unpack stage, which hashes the package once, before parsing it (see {@link UnpackRequest#expectedSha256()}).
     */
    private static void checkPackages(SessionManifest manifest) {
        Set<String> names = new HashSet<>();
        for (SessionManifest.UpdatePackage p : manifest.packages()) {
            InputFiles.requireRegularFile(p.path(), Long.MAX_VALUE, Stage.MANIFEST, "update package");
            if (!names.add(p.name())) {
                throw new InvalidInputException(Stage.MANIFEST, p.path().toString(),
                        "two update packages share the file name " + p.name());
            }
        }
    }

    private record Keys(PrivateKey privateKey, PublicKey publicKey, Path publicFile, String keyId, boolean created) {
    }

    /** The auditor's signing key, read before anything is written; null when none was given. */
    private static Keys givenKeys(AuditOptions options) {
        Path priv = options.privateKey();
        if (priv == null) {
            return null;
        }
        Path pub = options.publicKey();
        if (pub == null) {
            String name = priv.getFileName().toString();
            String base = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
            pub = priv.resolveSibling(base + ".pub.pem");
        }
        return read(priv, pub, false);
    }

    /** The workspace's demo key pair, created on first use (only once the workspace has been accepted). */
    private static Keys demoKeys(Path workspace) {
        Path dir = workspace.resolve(SessionWorkspace.KEYS);
        Path priv = dir.resolve(DEMO_KEY + ".pem");
        Path pub = dir.resolve(DEMO_KEY + ".pub.pem");
        boolean created = false;
        if (!Files.exists(priv)) {
            KeyFiles.write(KeyFiles.generateEd25519(), priv, pub);
            created = true;
        }
        return read(priv, pub, created);
    }

    private static Keys read(Path priv, Path pub, boolean created) {
        PrivateKey privateKey = KeyFiles.readPrivateKey(priv);
        PublicKey publicKey = KeyFiles.readPublicKey(pub);
        return new Keys(privateKey, publicKey, pub, KeyFiles.keyId(publicKey), created);
    }
}
