package dev.clearbox.reports.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clearbox.analyzers.bytecode.BinaryAnalysisRequest;
import dev.clearbox.analyzers.bytecode.BinaryAnalysisResult;
import dev.clearbox.analyzers.bytecode.BinaryAnalyzer;
import dev.clearbox.analyzers.bytecode.BinaryInput;
import dev.clearbox.analyzers.bytecode.Correspondence;
import dev.clearbox.analyzers.bytecode.SourceCorrespondence;
import dev.clearbox.analyzers.source.SourceAnalysisRequest;
import dev.clearbox.analyzers.source.SourceAnalysisResult;
import dev.clearbox.analyzers.source.SourceAnalyzer;
import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Sha256;
import dev.clearbox.core.StageFailedException;
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
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.Finding;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.SignatureFindings;
import dev.clearbox.core.unpack.UnpackRequest;
import dev.clearbox.core.unpack.Unpacker;
import dev.clearbox.core.workspace.Workspace;
import dev.clearbox.reports.html.ReportHtml;
import dev.clearbox.reports.json.ReportJson;
import dev.clearbox.reports.model.BinaryAnalysis;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.Auditor;
import dev.clearbox.reports.model.Summary;
import dev.clearbox.reports.sarif.ReportSarif;
import dev.clearbox.reports.sbom.PackageSbom;
import dev.clearbox.reports.sign.Attestations;
import dev.clearbox.reports.sign.EnvelopeVerifier;
import dev.clearbox.reports.sign.Envelope;
import dev.clearbox.reports.sign.KeyFiles;
import dev.clearbox.reports.sign.ReportAttestation;
import dev.clearbox.reports.sign.Statement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a whole audit: checkout → unpack → analyze → rebuild → compare → report → sign, each stage writing
 * what it produced into its directory of the workspace. Any error stops the audit before a report is
 * written, so a report on disk is always a complete one.
 */
public final class AuditPipeline {
    static final String DEMO_KEY = "demo-signing";
    private static final ObjectMapper STAGE_JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final String toolVersion;

    public AuditPipeline(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    public AuditOutcome run(SessionManifest manifest, AuditOptions options, ProgressListener listener) {
        checkPackages(manifest);
        Path keyring = options.keyring() != null ? options.keyring() : manifest.source().keyring();
        if (keyring != null && !Files.isRegularFile(keyring)) {
            throw new InvalidInputException("checkout", keyring.toString(), "keyring not found");
        }
        Path allowedSigners = options.allowedSigners() != null ? options.allowedSigners()
                : manifest.source().allowedSigners();
        if (allowedSigners != null && !Files.isRegularFile(allowedSigners)) {
            throw new InvalidInputException("checkout", allowedSigners.toString(), "allowed-signers file not found");
        }
        BuildSpec buildSpec = BuildSpec.fromManifest(manifest.build()).withIsolation(options.isolation());
        Keys given = givenKeys(options);
        Workspace ws = SessionWorkspace.prepare(options.workspace()); // nothing is written before the workspace is accepted
        Keys keys = given != null ? given : demoKeys(ws.root());

        CheckoutResult source = new Checkout().checkout(new CheckoutRequest(manifest.source().describe(),
                manifest.source().ref(), manifest.source().commit(), ws.stageDir("checkout").resolve("tree"),
                keyring, allowedSigners, CheckoutRequest.DEFAULT_MAX_BLOB_BYTES), listener);
        writeStageJson(ws.stageDir("checkout").resolve("checkout.json"), source);

        List<Statement.Subject> sideFiles = new ArrayList<>(); // issue 13: every side file, hashed when written
        List<PackageInventory> inventories = new ArrayList<>();
        List<Finding> packageFindings = new ArrayList<>();
        Path unpackDir = ws.stageDir("unpack");
        for (SessionManifest.UpdatePackage p : manifest.packages()) {
            PackageInventory inv = new Unpacker().unpack(
                    new UnpackRequest(p.path(), unpackDir.resolve(p.name()), options.limits()), listener);
            writeStageJson(unpackDir.resolve(p.name() + ".inventory.json"), inv);
            PackageSbom.write(inv, toolVersion, unpackDir.resolve(p.name() + ".cdx.json"));
            sideFiles.add(ReportAttestation.sideFile(ReportAttestation.sbom(p.name()), unpackDir.resolve(p.name() + ".cdx.json"))); // issue 13
            inventories.add(inv);
            packageFindings.addAll(SignatureFindings.of(inv));
        }

        SourceAnalysisResult analysis = new SourceAnalyzer().analyze(
                new SourceAnalysisRequest(source.tree(), options.model(), List.of()), listener);
        writeStageJson(ws.stageDir("analyze").resolve("findings.json"), analysis);
        sideFiles.add(ReportAttestation.sideFile(ReportAttestation.FINDINGS, ws.stageDir("analyze").resolve("findings.json"))); // issue 13

        List<BinaryInput> binaries = new ArrayList<>();
        for (PackageInventory inv : inventories) {
            binaries.add(BinaryInput.ofPackage(inv, unpackDir.resolve(inv.packageName())));
        }
        BinaryAnalysisResult binaryResult = new BinaryAnalyzer().analyze(
                new BinaryAnalysisRequest(binaries, options.model(), true, List.of()), listener);
        Correspondence correspondence = SourceCorrespondence.compare(binaryResult, analysis.findings(), source.tree());
        BinaryAnalysis binary = BinaryAnalysis.of(binaryResult, correspondence);
        writeStageJson(ws.stageDir("analyze-binary").resolve("binary.json"), binary);

        if (buildSpec.git() == null && manifest.source().url() != null) {
            buildSpec = buildSpec.withGit(new BuildSpec.GitState(manifest.source().url(),
                    source.tag() == null ? "" : source.tag().name(), ""));
        }
        RebuildResult rebuild = new Rebuilder(JdkLocator.system()).rebuild(new RebuildRequest(source.tree(),
                buildSpec, source.commitTime(), ws.stageDir("rebuild"), references(manifest, inventories, unpackDir),
                RebuildLimits.DEFAULT, options.unsandboxedBuild()), listener);
        writeStageJson(ws.stageDir("rebuild").resolve("rebuild.json"), rebuild);
        ShippedEvidence.verifyUnchanged(manifest, inventories, unpackDir);

        List<ArtifactComparison> verdicts = compare(manifest, inventories, unpackDir, rebuild, listener);
        writeStageJson(ws.stageDir("compare").resolve("verdicts.json"), verdicts);
        sideFiles.add(ReportAttestation.sideFile(ReportAttestation.VERDICTS, ws.stageDir("compare").resolve("verdicts.json"))); // issue 13

        listener.stageStarted("report", "JSON, HTML and SARIF");
        AuditReport report = new AuditReport(AuditReport.SCHEMA,
                DateTimeFormatter.ISO_INSTANT.format(Instant.now(options.clock()).truncatedTo(ChronoUnit.SECONDS)),
                new AuditReport.Tool("clearbox", toolVersion, options.model().version()),
                new Auditor(options.auditor(), keys.keyId, given == null), // issue 13
                new AuditReport.Product(manifest.vendor(), manifest.product(), manifest.version()),
                source, inventories, analysis, rebuild, verdicts,
                Summary.of(allFindings(analysis.findings(), binary.findings(), packageFindings), verdicts, rebuild.status(), // issue 13
                        analysis.coverage().problems().size() + binary.coverage().problems().size(),
                        analysis.coverage().unresolvedCallCount(), caveats(rebuild)), binary, packageFindings);
        // The report is made in a directory whose name says it is unfinished, signed, checked, and only then moved
        // into place: an audit killed at any point never leaves something that looks like a finished report.
        Path reportDir = ws.root().resolve(REPORT);
        Path partial = ws.root().resolve(SessionWorkspace.INCOMPLETE_REPORT);
        createEmpty(partial);
        ReportJson.write(report, partial.resolve(REPORT_JSON));
        ReportHtml.write(report, partial.resolve(REPORT_HTML));
        ReportSarif.write(report, partial.resolve("report.sarif"));
        listener.stageFinished("report", "report.json, report.html, report.sarif");

        listener.stageStarted("sign", "DSSE envelope over an in-toto Statement, key " + keys.keyId);
        sideFiles.add(ReportAttestation.sideFile(ReportAttestation.REPORT_JSON, partial.resolve(REPORT_JSON))); // issue 13
        sideFiles.add(ReportAttestation.sideFile(ReportAttestation.REPORT_HTML, partial.resolve(REPORT_HTML))); // issue 13
        sideFiles.add(ReportAttestation.sideFile(ReportAttestation.REPORT_SARIF, partial.resolve("report.sarif"))); // issue 13
        Envelope envelope = Attestations.sign(ReportAttestation.statement(report, sideFiles), keys.privateKey, keys.publicKey);
        Attestations.write(envelope, partial.resolve(ENVELOPE));
        new EnvelopeVerifier().verify(partial.resolve(ENVELOPE), keys.publicKey, List.of()); // the key pair must match
        moveIntoPlace(partial, reportDir);
        Path envelopeFile = reportDir.resolve(ENVELOPE);
        listener.stageFinished("sign", envelopeFile.toString());
        return new AuditOutcome(report, reportDir.resolve(REPORT_JSON), reportDir.resolve(REPORT_HTML), envelopeFile,
                keys.publicFile, keys.keyId, keys.created);
    }

    private static final String REPORT = "report";
    private static final String REPORT_JSON = "report.json";
    private static final String REPORT_HTML = "report.html";
    private static final String ENVELOPE = "report.dsse.json";

    private static void createEmpty(Path dir) {
        try {
            Workspace.deleteTree(dir, false);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StageFailedException("report", dir.toString(), "cannot create the report directory: " + e.getMessage(), e);
        }
    }

    /** Replaces {@code target} with {@code partial} in one rename (both are in the workspace, on one file system). */
    private static void moveIntoPlace(Path partial, Path target) {
        try {
            Workspace.deleteTree(target, false);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StageFailedException("report", target.toString(), "cannot move the signed report into place: "
                    + e.getMessage(), e);
        }
    }

    /** The shipped counterpart of each build output (the first package holding it), read before rebuilding. */
    private static List<Path> references(SessionManifest manifest, List<PackageInventory> inventories, Path unpackDir) {
        List<Path> refs = new ArrayList<>();
        for (SessionManifest.Artifact artifact : manifest.build().artifacts()) {
            inventories.stream().flatMap(inv -> inv.entries().stream()
                            .filter(e -> e.path().equals(artifact.shippedAs()))
                            .map(e -> Workspace.resolveInside(unpackDir.resolve(inv.packageName()), e.path(), "rebuild",
                                    inv.packageName() + "!/" + e.path())))
                    .filter(Files::isRegularFile)
                    .findFirst().ifPresent(refs::add);
        }
        return refs;
    }

    private static List<ArtifactComparison> compare(SessionManifest manifest, List<PackageInventory> inventories,
                                                    Path unpackDir, RebuildResult rebuild, ProgressListener listener) {
        listener.stageStarted("compare", "shipped artifacts against the rebuild");
        List<ArtifactComparison> verdicts = new ArrayList<>();
        ArtifactComparator comparator = new ArtifactComparator();
        for (SessionManifest.Artifact artifact : manifest.build().artifacts()) {
            boolean shippedSomewhere = inventories.stream()
                    .anyMatch(inv -> inv.entries().stream().anyMatch(e -> e.path().equals(artifact.shippedAs())));
            if (!shippedSomewhere) {
                verdicts.add(ArtifactComparison.notVerified(artifact.shippedAs(), "", artifact.path(),
                        "reference missing: no update package contains " + artifact.shippedAs()));
            }
        }
        for (PackageInventory inv : inventories) {
            for (SessionManifest.Artifact artifact : manifest.build().artifacts()) {
                for (InventoryEntry entry : inv.entries()) {
                    if (!entry.path().equals(artifact.shippedAs())) {
                        continue;
                    }
                    String name = inv.packageName() + "!/" + entry.path();
                    Path shipped = Workspace.resolveInside(unpackDir.resolve(inv.packageName()), entry.path(),
                            "compare", name);
                    var rebuilt = rebuild.artifacts().stream()
                            .filter(a -> a.shippedAs().equals(artifact.shippedAs())).findFirst();
                    verdicts.add(rebuilt.isEmpty()
                            ? ArtifactComparison.notRebuilt(name, entry.sha256(), "rebuild " + rebuild.status()
                            + (rebuild.reason().isEmpty() ? "" : ": " + rebuild.reason()))
                            : comparator.compare(name, shipped, rebuilt.get().path(), rebuilt.get().file()));
                }
            }
        }
        listener.stageFinished("compare", verdicts.size() + " artifacts");
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

    /** Every package must exist, have a distinct name, and have the sha256 the manifest declares. */
    private static void checkPackages(SessionManifest manifest) {
        Set<String> names = new HashSet<>();
        for (SessionManifest.UpdatePackage p : manifest.packages()) {
            InputFiles.requireRegularFile(p.path(), Long.MAX_VALUE, "manifest", "update package");
            if (!names.add(p.name())) {
                throw new InvalidInputException("manifest", p.path().toString(),
                        "two update packages share the file name " + p.name());
            }
            String actual = Sha256.hex(p.path());
            if (!actual.equals(p.sha256())) {
                throw new IntegrityException("unpack", p.path().toString(),
                        "sha256 is " + actual + ", but the manifest expects " + p.sha256());
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
        Path dir = workspace.resolve("keys");
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

    private static void writeStageJson(Path file, Object value) {
        try {
            STAGE_JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
