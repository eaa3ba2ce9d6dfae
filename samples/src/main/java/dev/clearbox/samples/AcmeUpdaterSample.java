package dev.clearbox.samples;

import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import dev.clearbox.core.session.SessionManifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The "Acme Endpoint Agent" sample: a small antivirus-style agent whose vendor submission holds a
 * git bundle with a three-commit history tagged {@value #RELEASE_TAG}, a faithful update package
 * built from that tag, a tampered one ("hotfix1") whose jar carries code that is not in the source,
 * and the session manifest. The product source contains legitimate network calls and one concealed
 * exfiltration path; {@code samples/acme-updater/README.md} is the answer key.
 *
 * <p>Everything is generated deterministically from the files under {@code samples/acme-updater}:
 * the commit ids never change, and the packages only depend on the JDK that builds them.
 */
public final class AcmeUpdaterSample {

    /** The commit {@value #RELEASE_TAG} points to. Changes only when the sample's files or history change. */
    public static final String RELEASE_COMMIT = "778a2905762248ff452187ff10316205334e697e";

    /** The release tag (annotated). */
    public static final String RELEASE_TAG = "v1.4.0";

    /** The release tag as a full ref, as the session manifest names it. */
    public static final String RELEASE_REF = "refs/tags/" + RELEASE_TAG;

    /** The sample's directory, relative to the repository root. */
    public static final String SAMPLE_PATH = "samples/acme-updater";

    /** The class that only the tampered package's jar contains. */
    public static final String TAMPER_CLASS = "com.acme.agent.net.HealthBeacon";

    /** The product class the tampered jar replaces with a variant that starts the {@link #TAMPER_CLASS}. */
    public static final String PATCHED_CLASS = "com.acme.agent.AgentMain";

    /** File names in the submission directory. */
    public static final String BUNDLE_FILE = "acme-updater.bundle";
    public static final String FAITHFUL_PACKAGE_FILE = "acme-updater-1.4.0.zip";
    public static final String TAMPERED_PACKAGE_FILE = "acme-updater-1.4.0-hotfix1.zip";

    /** The build output and the entry it is shipped as in both packages. */
    public static final String BUILT_JAR = "build/acme-agent.jar";
    public static final String SHIPPED_JAR = "lib/acme-agent.jar";

    static final String VENDOR = "Acme Security Ltd.";
    static final String PRODUCT = "acme-updater";
    static final String VERSION = "1.4.0";

    private static final String AUTHOR = "Acme Build";
    private static final String AUTHOR_EMAIL = "build@acme-security.example";
    private static final String JAVA = "src/main/java/com/acme/agent/";

    /** The scripted history; the last commit holds every product file. */
    static final List<PlannedCommit> HISTORY = List.of(
            new PlannedCommit("Initial agent skeleton", Instant.parse("2024-03-01T09:00:00Z"), List.of(
                    ".gitignore", "README.md", "build.sh",
                    JAVA + "AgentMain.java", JAVA + "AgentScheduler.java",
                    JAVA + "config/AgentConfig.java", JAVA + "config/Endpoints.java",
                    JAVA + "scan/FileScanner.java", JAVA + "scan/Signature.java",
                    JAVA + "scan/SignatureDatabase.java")),
            new PlannedCommit("Add signature database updater", Instant.parse("2024-03-04T11:15:00Z"), List.of(
                    JAVA + "update/SignatureDownloader.java", JAVA + "update/UpdateChecker.java")),
            new PlannedCommit("Add telemetry and CDN mirror selection", Instant.parse("2024-03-08T14:30:00Z"), List.of(
                    JAVA + "device/DeviceFingerprint.java",
                    JAVA + "net/MirrorSelector.java", JAVA + "net/ProbeLabels.java",
                    JAVA + "telemetry/TelemetryClient.java", JAVA + "telemetry/TelemetryEvent.java")));

    private static final HistoryWriter.Tag TAG = new HistoryWriter.Tag(
            RELEASE_TAG, Instant.parse("2024-03-08T16:00:00Z"), "Acme Endpoint Agent 1.4.0");

    static final SessionManifest.Build BUILD = new SessionManifest.Build(
            List.of("sh", "build.sh"),
            String.valueOf(Runtime.version().feature()),
            300,
            List.of(new SessionManifest.Artifact(BUILT_JAR, SHIPPED_JAR)));

    /** How the tampered jar's {@link #PATCHED_CLASS} differs from the source. */
    static final TamperedJar.SourcePatch TAMPER_PATCH = new TamperedJar.SourcePatch(
            JAVA + "AgentMain.java",
            "        agent.loadInstalledDatabase();",
            "        com.acme.agent.net.HealthBeacon.start();\n");

    private AcmeUpdaterSample() {
    }

    /**
     * The answer key's network call sites in the product source, legitimate and concealed. A test checks
     * that each line really calls the method, and that no other line calls one of these methods.
     */
    public static List<ExpectedCallSite> expectedNetworkCallSites() {
        return List.of(
                new ExpectedCallSite(JAVA + "update/UpdateChecker.java", 48, "java.net.http.HttpClient#send", false),
                new ExpectedCallSite(JAVA + "update/SignatureDownloader.java", 30, "java.net.URL#openConnection", false),
                new ExpectedCallSite(JAVA + "telemetry/TelemetryClient.java", 40, "java.net.http.HttpClient#sendAsync", false),
                new ExpectedCallSite(JAVA + "net/MirrorSelector.java", 42, "java.net.InetAddress#getByName", true));
    }

    /**
     * The answer key's source calls at the start of the concealed path in the product source: the user's
     * home named, the SSH key read, and the {@code HOSTNAME} fallback. A test checks that each line calls
     * the method.
     */
    public static List<ExpectedCallSite> concealedPathSourceCalls() {
        String fingerprint = JAVA + "device/DeviceFingerprint.java";
        return List.of(
                new ExpectedCallSite(fingerprint, 23, "java.lang.System#getProperty", true),
                new ExpectedCallSite(fingerprint, 25, "java.nio.file.Files#readAllBytes", true),
                new ExpectedCallSite(fingerprint, 27, "java.lang.System#getenv", true));
    }

    /**
     * Steps of the concealed exfiltration path ({@code file:line}, relative to the product root) that a source
     * analysis must report in this order, from the key read to the DNS lookup: a subsequence of the answer key's
     * path table in the sample's README (a test keeps the two in agreement).
     */
    public static List<String> concealedPathSteps() {
        return List.of(JAVA + "device/DeviceFingerprint.java:25", JAVA + "device/DeviceFingerprint.java:19",
                JAVA + "AgentMain.java:44", JAVA + "net/MirrorSelector.java:19", JAVA + "net/ProbeLabels.java:20",
                JAVA + "net/MirrorSelector.java:42");
    }

    /**
     * The socket the {@link #TAMPER_CLASS} opens, with its file relative to the sample's {@code tamper/} directory
     * (the line is the one compiled into the tampered jar); a test checks that the line opens it.
     */
    public static ExpectedCallSite tamperedSocket() {
        return new ExpectedCallSite(TAMPER_CLASS.replace('.', '/') + ".java", 27, "java.net.Socket#<init>", true);
    }

    /** The code only the tampered package contains, inside the sample directory. */
    public static Path tamperDir(Path sampleDir) {
        return sampleDir.resolve("tamper");
    }

    /** Every file of the release commit, relative to the product root, in history order. */
    public static List<String> releaseFiles() {
        return HISTORY.stream().flatMap(c -> c.addedFiles().stream()).toList();
    }

    /** Finds {@value #SAMPLE_PATH} by walking up from the working directory. */
    public static Path locateSampleDir() {
        return locateSampleDir(Path.of("").toAbsolutePath());
    }

    /**
     * Finds {@value #SAMPLE_PATH} in {@code start} or one of its parents (so it works from the repository
     * root and from the {@code samples} module).
     */
    public static Path locateSampleDir(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SAMPLE_PATH);
            if (Files.isDirectory(productDir(candidate))) {
                return candidate;
            }
        }
        throw new StageFailedException(Stage.SAMPLE, start.toString(), "no " + SAMPLE_PATH + "/product here or above");
    }

    /** The product source tree (the vendor's repository content) inside the sample directory. */
    public static Path productDir(Path sampleDir) {
        return sampleDir.resolve("product");
    }

    /** Creates the submission in {@code outputDir} from the sample found above the working directory. */
    public static Submission create(Path outputDir) {
        return create(locateSampleDir(), outputDir);
    }

    /**
     * Creates the submission in {@code outputDir} (created when missing; existing files are replaced):
     * {@value #BUNDLE_FILE}, {@value #FAITHFUL_PACKAGE_FILE}, {@value #TAMPERED_PACKAGE_FILE} and
     * {@code session.json}. Runs the vendor's {@code build.sh} with this JDK.
     */
    public static Submission create(Path sampleDir, Path outputDir) {
        try (ScratchDir scratch = new ScratchDir("clearbox-acme-")) {
            Files.createDirectories(outputDir);
            Path bundle = outputDir.resolve(BUNDLE_FILE);
            HistoryWriter history = new HistoryWriter(productDir(sampleDir), sampleDir.resolve("history"),
                    AUTHOR, AUTHOR_EMAIL, Set.of("build.sh"));
            String commit = history.writeBundle(HISTORY, TAG, bundle, scratch.path());

            TreeExport.Exported release = TreeExport.export(bundle, RELEASE_REF,
                    scratch.path().resolve("clone.git"), scratch.path().resolve("tree"));
            new VendorBuild(BUILD.command(), Duration.ofSeconds(BUILD.timeoutSeconds()))
                    .run(release.tree(), release.commitTime());
            Path jar = release.tree().resolve(BUILT_JAR);

            Path tamperedJar = scratch.path().resolve("tampered.jar");
            TamperedJar.write(jar, release.tree().resolve("build/classes"), release.tree(),
                    tamperDir(sampleDir), List.of(TAMPER_PATCH),
                    Files.createDirectories(scratch.path().resolve("tamper")), tamperedJar);

            Path faithful = outputDir.resolve(FAITHFUL_PACKAGE_FILE);
            Path tampered = outputDir.resolve(TAMPERED_PACKAGE_FILE);
            writePackage(sampleDir, faithful, jar, release.commitTime());
            writePackage(sampleDir, tampered, tamperedJar, release.commitTime());

            Path manifest = outputDir.resolve("session.json");
            ManifestWriter.write(manifest, new ManifestWriter.Content(VENDOR, PRODUCT, VERSION,
                    bundle, RELEASE_REF, commit, List.of(faithful, tampered), BUILD));
            return new Submission(manifest, bundle, faithful, tampered, commit);
        } catch (IOException e) {
            throw new StageFailedException(Stage.SAMPLE, outputDir.toString(), "cannot create the submission: " + e.getMessage(), e);
        }
    }

    private static void writePackage(Path sampleDir, Path zip, Path jar, Instant time) throws IOException {
        Path data = sampleDir.resolve("package");
        PackageWriter.write(zip, List.of(
                new PackageWriter.Entry("README.txt", Files.readAllBytes(data.resolve("README.txt"))),
                new PackageWriter.Entry(SHIPPED_JAR, Files.readAllBytes(jar)),
                new PackageWriter.Entry("data/signatures.db", Files.readAllBytes(data.resolve("signatures.db")))),
                time);
    }

    /** Reads one entry of an update package (or any zip); for tests and the quick start. */
    public static byte[] readEntry(Path zip, String name) throws IOException {
        try (org.apache.commons.compress.archivers.zip.ZipFile file =
                     org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(zip).get()) {
            var entry = file.getEntry(name);
            if (entry == null) {
                throw new IOException(zip + " has no entry " + name);
            }
            try (InputStream in = file.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    /** {@code <sampleDir> <outputDir>}: writes the submission; used by the build. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: AcmeUpdaterSample <sampleDir> <outputDir>");
            System.exit(2);
        }
        Submission s = create(Path.of(args[0]), Path.of(args[1]));
        System.out.println("acme-updater submission: " + s.manifest() + " (release commit " + s.commitId() + ")");
    }
}
