package dev.clearbox.samples;

import dev.clearbox.core.Sha256;
import dev.clearbox.core.session.SessionManifest;
import dev.clearbox.core.session.SessionManifests;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated submission: history, packages and manifest. One submission is shared by the tests. */
class AcmeUpdaterSampleTest {

    private static final String BEACON_ENTRY = "com/acme/agent/net/HealthBeacon.class";
    private static final String PATCHED_ENTRY = "com/acme/agent/AgentMain.class";

    @TempDir
    static Path shared;

    private static Submission submission;

    @BeforeAll
    static void createSubmission() {
        submission = AcmeUpdaterSample.create(shared.resolve("submission"));
    }

    @Test
    void commitIdIsTheConstantAndPackagesAreIdenticalAcrossRunsAndTimeZones(@TempDir Path dir) {
        assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, submission.commitId());
        TimeZone original = TimeZone.getDefault();
        Submission second;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            second = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), dir.resolve("again"));
        } finally {
            TimeZone.setDefault(original);
        }
        assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, second.commitId());
        assertEquals(AcmeUpdaterSample.UPDATE_COMMIT, submission.update().commitId());
        assertEquals(AcmeUpdaterSample.UPDATE_COMMIT, second.update().commitId());
        assertEquals(Sha256.hex(submission.update().updatePackage()), Sha256.hex(second.update().updatePackage()));
        assertEquals(Sha256.hex(submission.faithfulPackage()), Sha256.hex(second.faithfulPackage()));
        assertEquals(Sha256.hex(submission.tamperedPackage()), Sha256.hex(second.tamperedPackage()));
    }

    @Test
    void bundleHoldsTheAnnotatedReleaseTagOnAHistoryOfThreeCommits(@TempDir Path dir) throws Exception {
        try (Git git = Git.cloneRepository().setURI(submission.bundle().toUri().toString())
                .setDirectory(dir.toFile()).setBare(true).call()) {
            git.fetch().setRefSpecs("+refs/tags/*:refs/tags/*").call();
            Repository repo = git.getRepository();
            Ref tag = repo.exactRef(AcmeUpdaterSample.RELEASE_REF);
            assertNotNull(tag, "no " + AcmeUpdaterSample.RELEASE_REF);
            assertNotNull(repo.exactRef("refs/heads/main"));
            try (RevWalk walk = new RevWalk(repo)) {
                RevTag annotated = assertInstanceOf(RevTag.class, walk.parseAny(tag.getObjectId()));
                assertEquals(AcmeUpdaterSample.RELEASE_TAG, annotated.getTagName());
                assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, annotated.getObject().name());
                assertEquals(AcmeUpdaterSample.UPDATE_COMMIT, repo.resolve("refs/heads/main").name(),
                        "main is at the latest release, 1.4.1");

                List<String> messages = new ArrayList<>();
                walk.markStart(walk.parseCommit(ObjectId.fromString(AcmeUpdaterSample.RELEASE_COMMIT)));
                for (RevCommit c : walk) {
                    messages.add(c.getShortMessage());
                    PersonIdent author = c.getAuthorIdent();
                    assertEquals("build@acme-security.example", author.getEmailAddress());
                    assertEquals(author.getWhenAsInstant(), c.getCommitterIdent().getWhenAsInstant());
                }
                Collections.reverse(messages);
                assertEquals(List.of("Initial agent skeleton", "Add signature database updater",
                        "Add telemetry and CDN mirror selection"), messages);
            }
        }
    }

    @Test
    void releaseOneFourOneIsOneCommitOnTopOfTheReleaseAddingOnlyTheUpdateFiles(@TempDir Path dir) throws Exception {
        Path sample = AcmeUpdaterSample.locateSampleDir();
        Path product = AcmeUpdaterSample.productDir(sample);
        Path update = AcmeUpdaterSample.updateDir(sample);
        try (Git git = Git.cloneRepository().setURI(submission.bundle().toUri().toString())
                .setDirectory(dir.toFile()).setBare(true).call()) {
            git.fetch().setRefSpecs("+refs/tags/*:refs/tags/*").call();
            Repository repo = git.getRepository();
            try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
                RevTag tag = assertInstanceOf(RevTag.class, walk.parseAny(repo.exactRef(AcmeUpdaterSample.UPDATE_REF).getObjectId()));
                assertEquals(AcmeUpdaterSample.UPDATE_COMMIT, tag.getObject().name());
                RevCommit commit = walk.parseCommit(tag.getObject());
                assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, commit.getParent(0).name());
                assertEquals("Send compatibility hints with the update check", commit.getShortMessage());
                tree.addTree(commit.getTree());
                tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
                tree.setRecursive(true);
                List<String> changed = new ArrayList<>();
                while (tree.next()) {
                    if (!tree.getObjectId(0).equals(tree.getObjectId(1))) {
                        changed.add(tree.getPathString());
                        byte[] stored = repo.open(tree.getObjectId(0)).getBytes();
                        assertArrayEquals(Files.readAllBytes(update.resolve(tree.getPathString())), stored);
                    } else {
                        assertTrue(Files.isRegularFile(product.resolve(tree.getPathString())), tree.getPathString());
                    }
                }
                assertEquals(new TreeMap<>(filesUnder(update)).keySet(), new java.util.TreeSet<>(changed),
                        "1.4.1 changes exactly the files under update-1.4.1/");
            }
        }
        String manifest = Files.readString(submission.update().manifest());
        assertTrue(manifest.contains("\"ref\" : \"" + AcmeUpdaterSample.UPDATE_REF + "\""), manifest);
        assertTrue(manifest.contains(AcmeUpdaterSample.UPDATE_PACKAGE_FILE), manifest);
        assertFalse(manifest.contains("hotfix1"), manifest);
    }

    @Test
    void releaseTreeIsTheProductTreeByteForByteWithOnlyBuildShExecutable(@TempDir Path dir) throws Exception {
        Path product = AcmeUpdaterSample.productDir(AcmeUpdaterSample.locateSampleDir());
        Map<String, FileMode> modes = new TreeMap<>();
        try (Git git = Git.cloneRepository().setURI(submission.bundle().toUri().toString())
                .setDirectory(dir.toFile()).setBare(true).call();
             RevWalk walk = new RevWalk(git.getRepository());
             TreeWalk tree = new TreeWalk(git.getRepository())) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(AcmeUpdaterSample.RELEASE_COMMIT)).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                modes.put(tree.getPathString(), tree.getFileMode(0));
                byte[] stored = git.getRepository().open(tree.getObjectId(0)).getBytes();
                assertArrayEquals(Files.readAllBytes(product.resolve(tree.getPathString())), stored, tree.getPathString());
            }
        }
        assertEquals(new TreeMap<>(filesUnder(product)).keySet(), modes.keySet(),
                "every product file (outside build/) must be in the release commit, and nothing else");
        modes.forEach((path, mode) -> assertEquals(
                path.equals("build.sh") ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE, mode, path));
    }

    @Test
    void faithfulJarIsWhatTheTaggedSourceBuilds(@TempDir Path dir) throws Exception {
        Path tree = dir.resolve("checkout");
        long commitTime;
        try (Git git = Git.cloneRepository().setURI(submission.bundle().toUri().toString())
                .setDirectory(tree.toFile()).setBranch(AcmeUpdaterSample.RELEASE_REF).setNoCheckout(true).call()) {
            git.fetch().setRefSpecs("+refs/tags/*:refs/tags/*").call();
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean("core", null, "autocrlf", false); // whatever this machine's git says
            config.save();
            git.checkout().setName(AcmeUpdaterSample.RELEASE_REF).setForced(true).call(); // main (1.4.1) is in the index
            ObjectId head = git.getRepository().resolve(Constants.HEAD);
            assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, head.name());
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                commitTime = walk.parseCommit(head).getCommitTime();
            }
        }
        String javaHome = System.getProperty("java.home");
        ProcessBuilder build = new ProcessBuilder("sh", "build.sh").directory(tree.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("build.log").toFile());
        build.environment().put("SOURCE_DATE_EPOCH", Long.toString(commitTime));
        build.environment().put("JAVA_HOME", javaHome);
        Process process = build.start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "build timed out");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("build.log")));

        byte[] rebuilt = Files.readAllBytes(tree.resolve(AcmeUpdaterSample.BUILT_JAR));
        byte[] shipped = AcmeUpdaterSample.readEntry(submission.faithfulPackage(), AcmeUpdaterSample.SHIPPED_JAR);
        assertArrayEquals(rebuilt, shipped);
        assertFalse(Arrays.equals(rebuilt,
                AcmeUpdaterSample.readEntry(submission.tamperedPackage(), AcmeUpdaterSample.SHIPPED_JAR)));
    }

    @Test
    void onlyTheTamperedJarHasTheBeaconAndAPatchedMain() throws IOException {
        Map<String, byte[]> faithful = jarEntries(submission.faithfulPackage());
        Map<String, byte[]> tampered = jarEntries(submission.tamperedPackage());
        assertFalse(faithful.containsKey(BEACON_ENTRY));
        assertTrue(tampered.containsKey(BEACON_ENTRY));
        String beacon = new String(tampered.get(BEACON_ENTRY), StandardCharsets.ISO_8859_1);
        assertTrue(beacon.contains("203.0.113.7") && beacon.contains("java/net/Socket"));
        assertTrue(new String(tampered.get(PATCHED_ENTRY), StandardCharsets.ISO_8859_1).contains("HealthBeacon"));
        assertFalse(new String(faithful.get(PATCHED_ENTRY), StandardCharsets.ISO_8859_1).contains("HealthBeacon"));

        Map<String, byte[]> same = new TreeMap<>(tampered);
        same.remove(BEACON_ENTRY);
        same.remove(PATCHED_ENTRY);
        assertEquals(faithful.size() - 1, same.size());
        same.forEach((name, bytes) -> assertArrayEquals(faithful.get(name), bytes, name));

        for (String entry : List.of("README.txt", "data/signatures.db")) {
            assertArrayEquals(AcmeUpdaterSample.readEntry(submission.faithfulPackage(), entry),
                    AcmeUpdaterSample.readEntry(submission.tamperedPackage(), entry), entry);
        }
    }

    @Test
    void manifestLoadsAndDeclaresTheFilesAsWritten() {
        SessionManifest m = SessionManifests.load(submission.manifest());
        assertEquals("Acme Security Ltd.", m.vendor());
        assertEquals("acme-updater", m.product());
        assertEquals("1.4.0", m.version());
        assertEquals(submission.bundle().toAbsolutePath().normalize(), m.source().bundle());
        assertEquals(AcmeUpdaterSample.RELEASE_REF, m.source().ref());
        assertEquals(AcmeUpdaterSample.RELEASE_COMMIT, m.source().commit());
        assertEquals(List.of(submission.faithfulPackage().toAbsolutePath().normalize(),
                submission.tamperedPackage().toAbsolutePath().normalize()),
                m.packages().stream().map(SessionManifest.UpdatePackage::path).toList());
        for (SessionManifest.UpdatePackage p : m.packages()) {
            assertEquals(Sha256.hex(p.path()), p.sha256(), p.name());
        }
        assertEquals(List.of("sh", "build.sh"), m.build().command());
        assertEquals(String.valueOf(Runtime.version().feature()), m.build().jdk());
        assertEquals(300, m.build().timeoutSeconds());
        assertEquals(List.of(new SessionManifest.Artifact("build/acme-agent.jar", "lib/acme-agent.jar")),
                m.build().artifacts());
    }

    @Test
    void sampleIsFoundFromTheRepositoryRootAndFromTheModule() {
        Path sample = AcmeUpdaterSample.locateSampleDir();
        Path root = sample.getParent().getParent();
        assertEquals(sample, AcmeUpdaterSample.locateSampleDir(root));
        assertEquals(sample, AcmeUpdaterSample.locateSampleDir(root.resolve("samples")));
    }

    private static Map<String, byte[]> jarEntries(Path pkg) throws IOException {
        byte[] jar = AcmeUpdaterSample.readEntry(pkg, AcmeUpdaterSample.SHIPPED_JAR);
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = ZipFile.builder()
                .setSeekableByteChannel(new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(jar)).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    assertTrue(entries.put(e.getName(), in.readAllBytes()) == null, "duplicate entry " + e.getName());
                }
            }
        }
        return entries;
    }

    private static Map<String, Path> filesUnder(Path product) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(product)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String rel = product.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith("build/")) {
                    files.put(rel, p);
                }
            });
        }
        return files;
    }
}
