package dev.clearbox.reports;

import dev.clearbox.reports.model.Product;
import dev.clearbox.analyzers.Rules;
import dev.clearbox.analyzers.bytecode.BinaryAnalysisResult;
import dev.clearbox.analyzers.bytecode.BinaryCoverage;
import dev.clearbox.analyzers.bytecode.BinaryRule;
import dev.clearbox.analyzers.bytecode.ClassSource;
import dev.clearbox.analyzers.bytecode.Correspondence;
import dev.clearbox.analyzers.bytecode.NativeLibrary;
import dev.clearbox.analyzers.bytecode.ShippedClass;
import dev.clearbox.analyzers.source.SourceAnalysisResult;
import dev.clearbox.analyzers.source.SourceCoverage;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Capability;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;
import dev.clearbox.core.PathStep;
import dev.clearbox.core.Rule;
import dev.clearbox.core.Severity;
import dev.clearbox.core.Verdict;
import dev.clearbox.core.checkout.CheckoutResult;
import dev.clearbox.core.checkout.LfsPointer;
import dev.clearbox.core.checkout.SignatureCheck;
import dev.clearbox.core.checkout.SubmoduleCheckout;
import dev.clearbox.core.checkout.SymlinkEntry;
import dev.clearbox.core.checkout.TreeDigest;
import dev.clearbox.core.compare.ArtifactComparison;
import dev.clearbox.core.compare.Difference;
import dev.clearbox.core.compare.DifferenceClass;
import dev.clearbox.core.rebuild.BuildTool;
import dev.clearbox.core.rebuild.Isolation;
import dev.clearbox.core.rebuild.Jdk;
import dev.clearbox.core.rebuild.NetworkPolicy;
import dev.clearbox.core.rebuild.Newline;
import dev.clearbox.core.rebuild.RebuildNote;
import dev.clearbox.core.rebuild.RebuildResult;
import dev.clearbox.core.rebuild.ReferenceFacts;
import dev.clearbox.core.unpack.EntryType;
import dev.clearbox.core.unpack.InventoryEntry;
import dev.clearbox.core.unpack.JarInfo;
import dev.clearbox.core.unpack.JarSignature;
import dev.clearbox.core.unpack.MavenCoordinates;
import dev.clearbox.core.unpack.PackageInventory;
import dev.clearbox.core.unpack.SignatureFindings;
import dev.clearbox.core.unpack.UnpackLimits;
import dev.clearbox.reports.model.AuditReport;
import dev.clearbox.reports.model.Auditor;
import dev.clearbox.reports.sign.ReportAttestation;
import dev.clearbox.reports.sign.Statement;
import dev.clearbox.reports.model.BinaryAnalysis;
import dev.clearbox.reports.model.Review;
import dev.clearbox.reports.model.Summary;
import dev.clearbox.reports.review.ReviewFile;
import dev.clearbox.reports.review.ReviewStatus;
import dev.clearbox.reports.review.Reviews;
import dev.clearbox.reports.model.Session;
import dev.clearbox.reports.model.SessionRun;
import dev.clearbox.analyzers.source.SourceAnalysisLimits;
import dev.clearbox.core.checkout.CheckoutRequest;
import dev.clearbox.core.compare.CompareOptions;
import dev.clearbox.core.rebuild.BuildSpec;
import dev.clearbox.core.rebuild.JdkRequirement;
import dev.clearbox.core.rebuild.RebuildLimits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fixed audit report, built from the stage results the pipeline hands to the report (the same constructor), with
 * every section and field filled: a tagged, signed source with submodules, LFS pointers, links and case collisions;
 * two packages (one a jar) with every entry type; source findings with endpoints and an exfiltration path; coverage
 * problems; binary findings, correspondence and a native library; a rebuild with runs, references and notes; a
 * verdict of each kind; package findings; a summary with a caveat. Nothing depends on the machine or the clock, so
 * its renderings can be golden files. Vendor text carries markup and a bidi override, to pin the escaping.
 */
public final class ReportFixture {
    /** When the fixed report says it was made. */
    public static final String GENERATED_AT = "2026-01-02T03:04:05Z";

    /** The key id the fixed report names as its signer's. */
    public static final String KEY_ID = "0f".repeat(32);
    /** The capability model digest the fixture names (not the built-in model's: the goldens do not follow its edits). */
    public static final String MODEL_DIGEST = "c4".repeat(32);

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String TREE = "89abcdef0123456789abcdef0123456789abcdef";

    private ReportFixture() {
    }

    /** The report. */
    public static AuditReport report() {
        return report(sessionRun());
    }

    /** The report of the fixed stage results with another session run (made at its {@code endedAt}). */
    public static AuditReport report(SessionRun run) {
        return report(run, rebuild());
    }

    /** The report of the fixed stage results with another session run and rebuild. */
    public static AuditReport report(SessionRun run, RebuildResult rebuild) {
        return report(run, rebuild, analysis());
    }

    /** The report of the fixed stage results whose source analysis followed implicit flows too (or not). */
    public static AuditReport report(boolean implicitFlows) {
        SourceAnalysisResult a = analysis();
        return report(sessionRun(), rebuild(), new SourceAnalysisResult(a.findings(), a.coverage(), implicitFlows));
    }

    private static AuditReport report(SessionRun run, RebuildResult rebuild, SourceAnalysisResult analysis) {
        CheckoutResult source = source();
        List<PackageInventory> packages = List.of(updateZip(), agentJar());
        BinaryAnalysis binary = BinaryAnalysis.of(binaryResult(), correspondence());
        List<ArtifactComparison> verdicts = verdicts();
        List<Finding> packageFindings = new ArrayList<>();
        packages.forEach(p -> packageFindings.addAll(SignatureFindings.of(p)));
        List<Finding> all = new ArrayList<>(analysis.findings());
        all.addAll(binary.findings());
        all.addAll(packageFindings);
        Summary summary = Summary.of(all, verdicts, rebuild.status(),
                analysis.coverage().problems().size() + binary.coverage().problems().size(),
                analysis.coverage().unresolvedCallCount(),
                List.of("UNSANDBOXED BUILD: the vendor's build ran as a plain process with the auditor's consent"));
        AuditReport report = new AuditReport(AuditReport.SCHEMA, run.endedAt(), new AuditReport.Tool("clearbox", "0.1.0-golden", "2026.1", MODEL_DIGEST),
                new Auditor("Example Audit Lab <audit@lab.example>", KEY_ID, false),
                new Product("Acme <Corp>", "Updater", "1.4.0"), source, packages, analysis, rebuild,
                verdicts, summary, binary, packageFindings, run);
        return report.withReview(Reviews.apply(report, review(report), "review.json", "ab".repeat(32)));
    }

    /**
     * The fixture's review: the first source finding confirmed, the first binary finding a question for the vendor
     * (one carried over from an earlier report), and a stale decision whose finding is gone. None accepted or called
     * a false positive, so the {@code --fail-on} conditions see every finding of the fixture.
     */
    public static ReviewFile review(AuditReport report) {
        return new ReviewFile(ReviewFile.SCHEMA, List.of(
                new ReviewFile.Decision(report.analysis().findings().get(0).fingerprint(), ReviewStatus.CONFIRMED,
                        "Reads the <config> and sends it \u202e home; not documented.", "Example Reviewer <r@lab.example>",
                        "2026-01-02", null),
                new ReviewFile.Decision(report.binaryAnalysis().findings().get(0).fingerprint(), ReviewStatus.QUESTION,
                        "Asked the vendor why the shipped class does this.", "Example Reviewer <r@lab.example>",
                        "2026-01-01T10:00:00Z", new Review.Origin(true, "Acme Updater 1.3.9 (report.json sha256 "
                        + "cd".repeat(32) + ")")),
                new ReviewFile.Decision("0123456789abcdef0123456789abcdef", ReviewStatus.ACCEPTED,
                        "The update check, documented in the product's manual, section 4.", "Example Reviewer <r@lab.example>",
                        "2025-12-20", null)));
    }

    /** When the fixed session started; it ended at {@link #GENERATED_AT}. */
    public static final String STARTED_AT = "2026-01-02T02:58:41Z";

    /**
     * What the pipeline knows of the fixed session: fixed times and durations, an auditor, a bundle and both trust
     * files, limits that differ from the defaults where a limit can be set, and a model the goldens do not follow.
     */
    public static SessionRun sessionRun() {
        return new SessionRun(List.of("Example Audit Lab <audit@lab.example>"), STARTED_AT, GENERATED_AT,
                List.of(new Session.StageRun("unpack", 1_250, "2 packages, 7 entries"),
                        new Session.StageRun("checkout", 830, "commit " + COMMIT + ", 42 files"),
                        new Session.StageRun("analyze", 41_200, "12 files parsed, 3 findings"),
                        new Session.StageRun("analyze-binary", 18_900, "17 classes analysed, 5 findings"),
                        new Session.StageRun("rebuild", 12_345, "SUCCEEDED, 3 runs, 1 artifacts"),
                        new Session.StageRun("compare", 310, "5 artifacts")),
                new Session.FileDigest("session.json", sha('8')), sha('9'),
                new Session.FileDigest("vendor-keys.asc", "a1".repeat(32)), new Session.FileDigest("allowed_signers", "a2".repeat(32)),
                List.of(new Session.ToolVersion("clearbox", "0.1.0-golden"), new Session.ToolVersion("java", "17.0.15+6 (Eclipse Adoptium)"),
                        new Session.ToolVersion("javaparser", "3.28.2"), new Session.ToolVersion("spotbugs", "4.10.4")),
                limits(), new CheckoutRequest("acme-updater.bundle", "v1.4.0", COMMIT, Path.of("checkout", "tree"))
                        .withLimits(128, 1L << 32).withTimeout(java.time.Duration.ofSeconds(30)),
                BuildSpec.of(BuildTool.MAVEN, List.of("mvn", "-B", "-o", "package", "-DskipTests"), JdkRequirement.feature(17),
                        java.time.Duration.ofSeconds(1800), List.of()).withRuns(2),
                RebuildLimits.DEFAULT, SourceAnalysisLimits.inForce(),
                CompareOptions.defaults().withAccepted(java.util.Set.of(DifferenceClass.KNOWN_COMPILER_CHANGE)),
                Isolation.Level.BUBBLEWRAP, true);
    }

    /** Side files as the pipeline passes them to the Statement, with fixed digests. */
    public static List<Statement.Subject> sideFiles() {
        return List.of(
                new Statement.Subject(ReportAttestation.REPORT_JSON, Map.of("sha256", "01".repeat(32))),
                new Statement.Subject(ReportAttestation.REPORT_HTML, Map.of("sha256", "02".repeat(32))),
                new Statement.Subject(ReportAttestation.REPORT_SARIF, Map.of("sha256", "03".repeat(32))),
                new Statement.Subject(ReportAttestation.sbom("update.zip"), Map.of("sha256", "04".repeat(32))),
                new Statement.Subject(ReportAttestation.sbom("agent.jar"), Map.of("sha256", "05".repeat(32))),
                new Statement.Subject(ReportAttestation.FINDINGS, Map.of("sha256", "06".repeat(32))),
                new Statement.Subject(ReportAttestation.VERDICTS, Map.of("sha256", "07".repeat(32))));
    }

    /**
     * The stages' findings in the report's order: source findings, binary findings (joined and sorted as
     * {@link BinaryAnalysis#of} does), package findings.
     */
    public static List<Finding> findings() {
        List<Finding> all = new ArrayList<>(analysis().findings());
        all.addAll(BinaryAnalysis.of(binaryResult(), correspondence()).findings());
        all.addAll(SignatureFindings.of(updateZip()));
        all.addAll(SignatureFindings.of(agentJar()));
        return all;
    }

    private static String sha(char c) {
        return String.valueOf(c).repeat(64);
    }

    static CheckoutResult source() {
        SignatureCheck tagSignature = new SignatureCheck(SignatureCheck.Status.GOOD, "openpgp",
                "Acme Release <release@acme.example>", "0123456789ABCDEF", "FEDCBA98765432100123456789ABCDEF01234567",
                "good signature by a key in the keyring");
        SignatureCheck commitSignature = new SignatureCheck(SignatureCheck.Status.UNKNOWN_KEY, "ssh", "",
                "SHA256:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ", "SHA256:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
                "the key is not in the allowed-signers file");
        return new CheckoutResult(Path.of("checkout", "tree"), "/home/auditor/submission/acme-updater.bundle", "v1.4.0", "refs/tags/v1.4.0",
                COMMIT, TREE, new CheckoutResult.TagInfo("v1.4.0", "fedcba9876543210fedcba9876543210fedcba98",
                "Acme Release <release@acme.example>"), "Dev One <dev1@acme.example>", "Dev Two <dev2@acme.example>",
                1_767_225_600L, "Release 1.4.0 <script>alert(1)</script>", 42, tagSignature, commitSignature,
                List.of(new SubmoduleCheckout("lib/proto", "https://git.acme.example/proto.git",
                                "1111111111111111111111111111111111111111", SubmoduleCheckout.Status.CHECKED_OUT,
                                "https://git.acme.example/proto.git", ""),
                        new SubmoduleCheckout("vendor/blob", "", "2222222222222222222222222222222222222222",
                                SubmoduleCheckout.Status.NOT_FETCHED, "", "not in .gitmodules")),
                List.of(new LfsPointer("assets/logo.png", "sha256:" + sha('4'), 2048), new LfsPointer("assets/raw.bin",
                        "sha256:" + sha('5'), -1)),
                List.of(new SymlinkEntry("docs/latest", "v1.4.0", false), new SymlinkEntry("etc/passwd", "../../../etc/passwd",
                        true)),
                List.of(List.of("README.md", "readme.md")),
                new TreeDigest(TreeDigest.RECIPE, sha('7'), 42));
    }

    private static UnpackLimits limits() {
        return new UnpackLimits(1L << 30, 1L << 20, 500, 50.0, 2);
    }

    static PackageInventory updateZip() {
        JarSignature verified = new JarSignature(JarSignature.Status.VERIFIED, List.of(new JarSignature.Signer(
                "CN=Acme Release,O=Acme", "CN=Acme CA,O=Acme", sha('c'), "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z")),
                "", List.of(), 0, "");
        JarInfo agent = new JarInfo(List.of(new MavenCoordinates("com.acme", "agent", "1.4.0",
                "META-INF/maven/com.acme/agent/pom.properties")), "", "", "", "", "", verified);
        JarSignature partial = new JarSignature(JarSignature.Status.PARTIALLY_SIGNED, List.of(new JarSignature.Signer(
                "CN=Acme Release,O=Acme", "CN=Acme CA,O=Acme", sha('c'), "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z")),
                "", List.of("com/acme/extra/Hook.class"), 1, "1 entry is not covered by the signature");
        JarInfo plugin = new JarInfo(List.of(), "Acme Plugin", "2.0", "Acme", "com.acme.plugin", "2.0.0", partial);
        return new PackageInventory("update.zip", 4096, sha('a'), "zip", List.of(
                new InventoryEntry("README.txt", 12, sha('1'), EntryType.DATA, "text"),
                new InventoryEntry("bin/run.sh", 30, sha('2'), EntryType.SCRIPT, "script: /bin/sh"),
                new InventoryEntry("lib/agent.jar", 2048, sha('3'), EntryType.JAR, "zip, unpacked under lib/agent.jar!/",
                        agent),
                new InventoryEntry("lib/agent.jar!/com/acme/agent/AgentMain.class", 900, sha('6'), EntryType.CLASS,
                        "class com.acme.agent.AgentMain, version 61"),
                new InventoryEntry("lib/libnative.so", 700, sha('8'), EntryType.NATIVE_LIBRARY, "ELF 64-bit"),
                new InventoryEntry("lib/link", 0, null, EntryType.LINK, "symbolic link to ../etc/passwd"),
                new InventoryEntry("lib/nested.tar.gz", 100, sha('9'), EntryType.ARCHIVE, "tar.gz, not descended into"),
                new InventoryEntry("lib/plugin.jar", 300, sha('b'), EntryType.JAR, "zip, unpacked under lib/plugin.jar!/",
                        plugin),
                new InventoryEntry("lib/pipe", 0, null, EntryType.SPECIAL, "fifo")),
                limits());
    }

    static PackageInventory agentJar() {
        JarSignature invalid = new JarSignature(JarSignature.Status.INVALID, List.of(), "com/acme/Beacon.class",
                List.of(), 0, "SHA-256 digest error for com/acme/Beacon.class");
        JarInfo jar = new JarInfo(List.of(new MavenCoordinates("com.acme", "agent", "1.4.0",
                "META-INF/maven/com.acme/agent/pom.properties")), "Acme Agent", "1.4.0", "Acme", "", "", invalid);
        return new PackageInventory("agent.jar", 2048, sha('d'), "zip", List.of(
                new InventoryEntry("META-INF/MANIFEST.MF", 80, sha('e'), EntryType.DATA, "text"),
                new InventoryEntry("com/acme/Beacon.class", 400, sha('f'), EntryType.CLASS, "class com.acme.Beacon, version 61")),
                limits(), jar);
    }

    /** A declared rule by its id (the FindSecBugs-carried ones are declared by data). */
    static Rule rule(String id) {
        return Rules.all().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + id));
    }

    static SourceAnalysisResult analysis() {
        Location send = new Location("src/main/java/com/acme/agent/Uploader.java", 42,
                "conn.getOutputStream().write(data);");
        Finding network = new Finding(SourceRule.NETWORK, Capability.NETWORK, Severity.HIGH, "Opens a connection to https://telemetry.acme.example",
                send, "java.net.URL#openConnection", "symbol-solver",
                List.of("https://telemetry.acme.example/v1", "10.0.0.7"), List.of());
        Finding env = new Finding(SourceRule.ENV, Capability.ENV, Severity.MEDIUM, "Reads the environment \u202eevil",
                new Location("src/main/java/com/acme/agent/Config.java", 7, "System.getenv(\"HOME\"); // \u202eenod"),
                "java.lang.System#getenv", "imports", List.of(), List.of());
        Finding exfil = new Finding(SourceRule.EXFIL, Capability.NETWORK, Severity.CRITICAL,
                "The environment reaches the network", send, "java.io.OutputStream#write", "symbol-solver",
                List.of("https://telemetry.acme.example/v1"), List.of(
                new PathStep(new Location("src/main/java/com/acme/agent/Config.java", 7, "System.getenv(\"HOME\")"),
                        "com.acme.agent.Config#home()", "source: environment"),
                new PathStep(new Location("src/main/java/com/acme/agent/Uploader.java", 30, "byte[] data = home.getBytes();"),
                        "com.acme.agent.Uploader#send(String)", ""),
                new PathStep(send, "com.acme.agent.Uploader#send(String)", "sink: network")),
                "com.acme.agent.Uploader#send(String)",
                new dev.clearbox.core.FlowFacts("java.lang.System#getenv", "environment variable",
                        new Location("src/main/java/com/acme/agent/Config.java", 7, "System.getenv(\"HOME\")"), "HOME",
                        dev.clearbox.core.Sensitivity.ENVIRONMENT, "model", dev.clearbox.core.Channel.NETWORK_PAYLOAD,
                        List.of("as text or bytes"), 2,
                        List.of(new Location("src/main/java/com/acme/agent/Config.java", 9, "System.getenv(\"PATH\")"))));
        SourceCoverage coverage = new SourceCoverage(12, List.of(
                new SourceCoverage.FileProblem("src/main/java/com/acme/Broken.java", "parse error at line 3")), 3,
                List.of(new SourceCoverage.UnresolvedCall("src/main/java/com/acme/agent/Plugin.java", 19, "loader.open(url)"),
                        new SourceCoverage.UnresolvedCall("src/main/java/com/acme/agent/Relay.java", 8, "channel.send(frame)",
                                List.of("org.vendorlib.Channel"))),
                1234, List.of("operation bound reached in com.acme.agent.Plugin#load"),
                List.of(new SourceCoverage.MissingType("org.vendorlib.Channel", 1, List.of("lib/vendorlib-2.1.jar"))));
        return new SourceAnalysisResult(List.of(env, network, exfil), coverage);
    }

    static BinaryAnalysisResult binaryResult() {
        String main = "update.zip!/lib/agent.jar!/com/acme/agent/AgentMain.class";
        Finding call = new Finding(BinaryRule.NETWORK, Capability.NETWORK, Severity.HIGH, "Calls java.net.URL#openConnection",
                new Location(main, 40, "invokevirtual java/net/URL.openConnection"), "java.net.URL#openConnection",
                "bytecode", List.of("https://telemetry.acme.example/v1"), List.of());
        Finding fsb = new Finding(rule("FSB-COMMAND_INJECTION"), Capability.PROCESS_EXEC, Severity.MEDIUM, "Possible command injection",
                new Location(main, 55, ""), "java.lang.Runtime#exec", "findsecbugs", List.of(), List.of());
        Finding nativeLib = new Finding(BinaryRule.NATIVE_LIBRARY, Capability.NATIVE, Severity.LOW, "Ships a native library",
                new Location("update.zip!/lib/libnative.so", 0, ""), "", "inventory", List.of(), List.of());
        return new BinaryAnalysisResult(List.of(call, fsb, nativeLib),
                List.of(new ShippedClass(main, "update.zip!/lib/agent.jar", "com.acme.agent.AgentMain", "AgentMain.java", 61, true)),
                List.of(new NativeLibrary("update.zip!/lib/libnative.so", "ELF 64-bit", List.of("Java_com_acme_Native_run",
                        "helper"), 1, ""), new NativeLibrary("update.zip!/lib/broken.dll", "PE", List.of(), 0,
                        "cannot read the export table")),
                new BinaryCoverage(2, 17, 3, List.of(new BinaryCoverage.Problem("agent.jar!/com/acme/Bad.class",
                        "class file truncated")), 4));
    }

    static Correspondence correspondence() {
        String beacon = "agent.jar!/com/acme/Beacon.class";
        Finding only = new Finding(BinaryRule.ONLY, Capability.NETWORK, Severity.CRITICAL,
                "The shipped binary opens a connection the source does not", new Location(beacon, 12,
                "invokevirtual java/net/Socket.connect"), "java.net.Socket#connect", "correspondence",
                List.of("203.0.113.9:443"), List.of(new PathStep(new Location(beacon, 10, "ldc \"203.0.113.9\""),
                "com.acme.Beacon#start()", "constant address"), new PathStep(new Location(beacon, 12,
                "invokevirtual java/net/Socket.connect"), "com.acme.Beacon#start()", "sink: network")));
        Finding noSource = new Finding(BinaryRule.NO_SOURCE, Capability.NO_SOURCE, Severity.HIGH, "A shipped class has no source file",
                new Location(beacon, 0, ""), "", "correspondence", List.of(), List.of());
        return new Correspondence(List.of(
                new ClassSource("update.zip!/lib/agent.jar!/com/acme/agent/AgentMain.class", "com.acme.agent.AgentMain",
                        "src/main/java/com/acme/agent/AgentMain.java"),
                new ClassSource(beacon, "com.acme.Beacon", "")),
                List.of(beacon), List.of("src/main/java/com/acme/agent/Unused.java"), List.of(only, noSource), 3);
    }

    static RebuildResult rebuild() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TZ", "UTC");
        environment.put("LANG", "C.UTF-8");
        environment.put("SOURCE_DATE_EPOCH", "1767225600");
        environment.put("HOME", "/home/build");
        environment.put("JAVA_HOME", "/opt/jdk-17");
        environment.put("PATH", "/home/build/.local/bin:/opt/jdk-17/bin:/opt/maven/bin:/usr/bin:/bin");
        environment.put("MAVEN_OPTS", "-Dmaven.repo.local=/home/build/.m2/repository -Djava.home=/opt/jdk-17");
        return new RebuildResult(RebuildResult.Status.SUCCEEDED, "", new Jdk(Path.of("/opt/jdk-17"), "17.0.15", "Eclipse Adoptium",
                "17.0.15+6"), List.of("mvn", "-B", "-o", "package", "-DskipTests"), environment, "022", 0, 12_345,
                "rebuild/build.log", List.of(new RebuildResult.RebuiltArtifact("target/agent.jar", "lib/agent.jar",
                Path.of("rebuild", "artifacts", "agent.jar"), sha('3'), 2048)), BuildTool.MAVEN,
                "Apache Maven 3.9.9", Newline.LF, NetworkPolicy.FETCH_FIRST,
                new Isolation(Isolation.Level.NONE, "not a sandbox: a plain child process"),
                List.of(new RebuildResult.BuildRun("fetch", true, 0, "rebuild/fetch.log", Map.of()),
                        new RebuildResult.BuildRun("build-1", false, 0, "rebuild/build.log",
                                Map.of("target/agent.jar", sha('3'), "target/agent-sources.jar", sha('4'))),
                        new RebuildResult.BuildRun("build-2", false, 0, "rebuild/build-2.log",
                                Map.of("target/agent.jar", sha('3'), "target/agent-sources.jar", sha('5')))),
                List.of(new RebuildResult.UnstableArtifact("target/agent-sources.jar", 2, sha('4'), sha('5'),
                        List.of("CONTAINER_METADATA entry timestamps"))),
                List.of(new ReferenceFacts("lib/agent.jar", 17, "17.0.14", "Eclipse Adoptium", "Apache Maven 3.9.6", 61,
                        ReferenceFacts.Tristate.NO, List.of("MANIFEST.MF Build-Jdk-Spec: 17", "pom.properties has LF"))),
                List.of(new RebuildNote(RebuildNote.Kind.JDK, "The reference was built with 17.0.14, the rebuild used 17.0.15"),
                        new RebuildNote(RebuildNote.Kind.ISOLATION, "The build ran without a sandbox"),
                        new RebuildNote(RebuildNote.Kind.NON_DETERMINISM, "target/agent-sources.jar differs between runs")));
    }

    /** The fixed rebuild as if no build had run (the JDK was missing): no runs, no artifacts. */
    public static RebuildResult rebuildNotRun() {
        RebuildResult r = rebuild();
        return new RebuildResult(RebuildResult.Status.JDK_NOT_FOUND, "no JDK 17 found", null, r.command(), Map.of(),
                r.umask(), -1, 0, "", List.of(), r.tool(), "", r.newline(), r.network(), r.isolation(), List.of(),
                List.of(), List.of(), List.of());
    }

    static List<ArtifactComparison> verdicts() {
        Difference timestamps = new Difference("", DifferenceClass.CONTAINER_METADATA, true,
                "entry timestamps differ", "", "", List.of("com/acme/agent/AgentMain.class"));
        Difference lineEndings = new Difference("config/agent.xml", DifferenceClass.LINE_ENDINGS, "CRLF in shipped, LF in rebuilt");
        Difference code = new Difference("com/acme/agent/AgentMain.class", DifferenceClass.METHOD_CODE_CHANGED, false,
                "main([Ljava/lang/String;)V: instructions differ", "com/acme/agent/AgentMain.java",
                "main([Ljava/lang/String;)V", List.of("-    RETURN", "+    INVOKESTATIC com/acme/Beacon.start ()V", "+    RETURN"));
        Difference added = new Difference("com/acme/Beacon.class", DifferenceClass.ONLY_IN_SHIPPED, "only in the shipped jar");
        Difference concat = new Difference("com/acme/agent/Log.class", DifferenceClass.KNOWN_COMPILER_CHANGE, true,
                "string concatenation compiled differently", "com/acme/agent/Log.java", "line(Ljava/lang/String;)V",
                List.of("- INVOKEDYNAMIC makeConcatWithConstants", "+ NEW java/lang/StringBuilder"));
        return List.of(
                new ArtifactComparison("update.zip!/lib/agent.jar", "target/agent.jar", Verdict.REPRODUCIBLE, true, true,
                        sha('3'), sha('3'), List.of(), ""),
                new ArtifactComparison("update.zip!/lib/plugin.jar", "target/plugin.jar", Verdict.EQUIVALENT, false, true,
                        sha('b'), sha('6'), List.of(timestamps, lineEndings, concat), ""),
                new ArtifactComparison("agent.jar", "target/agent.jar", Verdict.NOT_REPRODUCIBLE, false, false, sha('d'),
                        sha('3'), List.of(timestamps, code, added), ""),
                ArtifactComparison.notRebuilt("update.zip!/lib/extra.jar", sha('9'), "build output target/extra.jar missing"),
                ArtifactComparison.notVerified("update.zip!/lib/gone.jar", "", "target/gone.jar", "reference missing"));
    }
}
