package dev.clearbox.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clearbox.core.Sha256;
import dev.clearbox.samples.AcmeUpdaterSample;
import dev.clearbox.samples.Submission;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to an audit: each case gets one error line naming the input and the problem, exit code 2,
 * no report, and nothing written outside the workspace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditRefusalsTest {
    @TempDir
    static Path tmp;

    Submission submission;
    final ObjectMapper mapper = new ObjectMapper();
    int cases;

    @BeforeAll
    void createSubmission() {
        submission = AcmeUpdaterSample.create(AcmeUpdaterSample.locateSampleDir(), tmp.resolve("submission"));
    }

    /**
     * A copy of the sample manifest changed by {@code edit}, beside it in the submission directory (paths a
     * manifest names must stay inside its directory), so its relative paths still name the sample's files.
     */
    private Path manifest(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode m = (ObjectNode) mapper.readTree(submission.manifest().toFile());
        edit.accept(m);
        Path file = submissionDir().resolve("case-" + (++cases) + ".json");
        mapper.writeValue(file.toFile(), m);
        return file;
    }

    private Path submissionDir() {
        return submission.manifest().getParent();
    }

    private Set<String> filesOutside(Path workspace) throws Exception {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            s.filter(p -> !p.startsWith(workspace)).forEach(p -> files.add(tmp.relativize(p).toString()));
        }
        try (Stream<Path> s = Files.list(tmp.getRoot().resolve("tmp"))) {
            s.filter(p -> p.getFileName().toString().startsWith("clearbox-escaped")).forEach(p -> files.add(p.toString()));
        }
        return files;
    }

    /** Runs the audit and checks the common contract; returns the one error line. */
    private String refused(Object session, Object... extra) throws Exception {
        Path workspace = tmp.resolve("ws-" + (++cases));
        Set<String> before = filesOutside(workspace);
        Object[] args = Stream.concat(Stream.of("audit", session, "--workspace", workspace), Stream.of(extra)).toArray();
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errorLines().size(), "exactly one error line: " + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(r.errorLines().get(0), lines.get(lines.size() - 1), "the error is the last thing said");
        assertFalse(Files.exists(workspace.resolve("report/report.json")), "no report after an error");
        assertFalse(Files.exists(workspace.resolve("report/report.dsse.json")), "no signed report after an error");
        assertEquals(before, filesOutside(workspace), "nothing written outside the workspace");
        return r.errorLines().get(0);
    }

    @Test
    void reviewFileThatIsMissingOrMalformed() throws Exception {
        Path absent = tmp.resolve("absent-review.json");
        assertEquals("clearbox: review: " + absent + ": no such file", refused(submissionDir(), "--review", absent));
        Path bad = Files.writeString(tmp.resolve("bad-review.json"), "{\"schema\":\"https://clearbox.dev/schemas/review/v1\","
                + "\"decisions\":[{\"fingerprint\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"status\":\"accepted\","
                + "\"justification\":\"\",\"reviewer\":\"r\",\"date\":\"2026-01-01\"}]}");
        assertEquals("clearbox: review: " + bad + ": 'decisions[0].justification' is blank",
                refused(submissionDir(), "--review", bad));
    }

    @Test
    void missingManifest() throws Exception {
        Path absent = tmp.resolve("absent/session.json");
        assertEquals("clearbox: manifest: " + absent + ": no such file", refused(absent));
    }

    @Test
    void malformedManifest() throws Exception {
        Path bad = Files.writeString(Files.createDirectories(tmp.resolve("bad")).resolve("session.json"), "{\"vendor\": ");
        String line = refused(bad);
        assertTrue(line.startsWith("clearbox: manifest: " + bad + ": not valid JSON"), line);
    }

    @Test
    void wrongExpectedCommit() throws Exception {
        String other = "0".repeat(40);
        Path m = manifest(n -> ((ObjectNode) n.get("source")).put("commit", other));
        String line = refused(m);
        assertTrue(line.startsWith("clearbox: checkout: "), line);
        assertTrue(line.endsWith("ref 'refs/tags/v1.4.0' resolves to commit " + AcmeUpdaterSample.RELEASE_COMMIT
                + ", but the manifest expects " + other), line);
    }

    @Test
    void keyringThatIsMissingOrNotAKeyring() throws Exception {
        Path absent = submissionDir().resolve("absent-keys.asc");
        Path m = manifest(n -> ((ObjectNode) n.get("source")).put("keyring", absent.getFileName().toString()));
        assertEquals("clearbox: checkout: " + absent + ": keyring not found", refused(m));
        Path garbage = Files.writeString(tmp.resolve("garbage-keys.asc"), "not a keyring\n");
        String line = refused(submission.manifest().getParent(), "--keyring", garbage);
        assertTrue(line.startsWith("clearbox: checkout: " + garbage + ": not an OpenPGP public keyring"), line);
    }

    @Test
    void allowedSignersThatIsMissingOrMalformed() throws Exception {
        Path absent = submissionDir().resolve("absent_allowed_signers");
        Path m = manifest(n -> ((ObjectNode) n.get("source")).put("allowedSigners", absent.getFileName().toString()));
        assertEquals("clearbox: checkout: " + absent + ": allowed-signers file not found", refused(m));
        Path garbage = Files.writeString(tmp.resolve("garbage_allowed_signers"), "release@vendor.example\n");
        String line = refused(submission.manifest().getParent(), "--allowed-signers", garbage);
        assertTrue(line.startsWith("clearbox: checkout: " + garbage
                + ": not a valid allowed-signers file: line 1: Invalid line format"), line);
    }

    @Test
    void seedRepositoryThatIsNotADirectory() throws Exception {
        Path absent = tmp.resolve("absent-m2");
        assertEquals("clearbox: rebuild: " + absent + ": the seed repository is not a directory (--seed-repository)",
                refused(submissionDir(), "--seed-repository", absent));
        Path file = Files.writeString(tmp.resolve("m2-as-a-file"), "not a repository\n");
        assertEquals("clearbox: rebuild: " + file + ": the seed repository is not a directory (--seed-repository)",
                refused(submissionDir(), "--seed-repository", file));
    }

    @Test
    void packageWhoseSha256DiffersFromTheManifest() throws Exception {
        Path m = manifest(n -> ((ObjectNode) n.get("packages").get(0)).put("sha256", "ab".repeat(32)));
        String line = refused(m);
        assertEquals("clearbox: unpack: " + submission.faithfulPackage() + ": sha256 is "
                + Sha256.hex(submission.faithfulPackage()) + ", but the manifest expects " + "ab".repeat(32), line);
    }

    @Test
    void aWorkspaceThatCannotBeWrittenIsAnErrorNotAnInternalError() throws Exception {
        // A file where a directory must go (a read-only directory would not stop root, who runs these tests here).
        Path file = Files.writeString(tmp.resolve("plain-file-" + (++cases)), "not a directory\n");
        Path workspace = file.resolve("ws");
        CliRun r = CliRun.of("audit", submission.manifest(), "--workspace", workspace);
        assertEquals(2, r.exit(), r.err());
        assertEquals(List.of("clearbox: workspace: " + workspace + ": cannot prepare the workspace: Not a directory"),
                r.errorLines());
        assertEquals("not a directory\n", Files.readString(file));
    }

    private Path hostileZip(String entryName) throws Exception {
        Path zip = submissionDir().resolve("hostile-" + (++cases) + ".zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            ZipArchiveEntry ok = new ZipArchiveEntry("lib/readme.txt");
            out.putArchiveEntry(ok);
            out.write("fine".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
            out.putArchiveEntry(new ZipArchiveEntry(entryName));
            out.write("escaped".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        return zip;
    }

    private Path manifestWithPackage(Path zip) throws Exception {
        return manifest(n -> {
            ObjectNode p = (ObjectNode) n.get("packages").get(0);
            p.put("path", zip.getFileName().toString());
            p.put("sha256", Sha256.hex(zip));
        });
    }

    @Test
    void archiveEntryWithDotDot() throws Exception {
        Path zip = hostileZip("../../clearbox-escaped-dotdot.txt");
        String line = refused(manifestWithPackage(zip));
        assertTrue(line.startsWith("clearbox: unpack: " + zip.getFileName() + "!/../../clearbox-escaped-dotdot.txt: "), line);
        assertTrue(line.contains("[path-traversal]"), line);
    }

    @Test
    void archiveEntryWithAbsolutePath() throws Exception {
        Path zip = hostileZip("/tmp/clearbox-escaped-absolute.txt");
        String line = refused(manifestWithPackage(zip));
        assertTrue(line.contains(zip.getFileName() + "!//tmp/clearbox-escaped-absolute.txt"), line);
        assertTrue(line.contains("[absolute-path]"), line);
        assertFalse(Files.exists(Path.of("/tmp/clearbox-escaped-absolute.txt")));
    }

    @Test
    void unpackLimitFlagsApplyToTheAudit() throws Exception {
        String line = refused(submission.manifest(), "--max-entries", "2");
        assertEquals("clearbox: unpack: " + AcmeUpdaterSample.FAITHFUL_PACKAGE_FILE
                + ": the archive declares 3 entries, more than the limit of 2 allows [too-many-entries]", line);
    }

    @Test
    void missingKeyFile() throws Exception {
        Path key = tmp.resolve("keys/absent.pem");
        assertEquals("clearbox: keys: " + key + ": no such file", refused(submission.manifest(), "--key", key));
    }

    @Test
    void usageErrorsAreExitCodeTwoAndHelpListsExitCodes() {
        CliRun r = CliRun.of("audit");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("clearbox: Missing required parameter: 'SESSION'"), r.err());
        CliRun help = CliRun.of("audit", "--help");
        assertEquals(0, help.exit());
        for (ExitCode c : ExitCode.values()) {
            assertTrue(help.out().replaceAll("\\s+", " ").contains(c.code() + " " + c.meaning()), "help lists exit code " + c);
        }
    }

    @Test
    void keygenWritesAnOwnerOnlyPrivateKeyAndRefusesToOverwrite() throws Exception {
        Path dir = tmp.resolve("kg");
        assertEquals(0, CliRun.of("keygen", "--out", dir).exit());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("clearbox-signing.pem"))));
        CliRun again = CliRun.of("keygen", "--out", dir);
        assertEquals(2, again.exit());
        assertEquals(List.of("clearbox: keys: " + dir.resolve("clearbox-signing.pem")
                + ": already exists; refusing to overwrite a key"), again.errorLines());
    }

    @Test
    void aManifestWithTwoCommitKeysIsRefusedNotLastOneWins() throws Exception {
        Path m = manifest(n -> { });
        String json = Files.readString(m);
        String other = "0".repeat(40);
        Files.writeString(m, json.replace("\"commit\":", "\"commit\":\"" + other + "\",\"commit\":"));
        assertEquals("clearbox: manifest: " + m + ": duplicate key 'source.commit' at line 1", refused(m));
    }

    @Test
    void aManifestWithTwoBundleKeysIsRefused() throws Exception {
        Path m = manifest(n -> { });
        String json = Files.readString(m);
        Files.writeString(m, json.replace("\"bundle\":", "\"bundle\":\"elsewhere.bundle\",\"bundle\":"));
        assertEquals("clearbox: manifest: " + m + ": duplicate key 'source.bundle' at line 1", refused(m));
    }

    /** A file outside the submission directory that a vendor would like Clearbox to read. */
    private Path secretOutside() throws Exception {
        return Files.writeString(tmp.resolve("secret-" + (++cases) + ".txt"), "SECRET-LINE=not a buildspec at all\n");
    }

    @Test
    void aBuildspecOutsideTheSubmissionDirectoryIsRefusedWithoutReadingIt() throws Exception {
        Path secret = secretOutside();
        String up = submissionDir().relativize(secret).toString();
        Path m = manifest(n -> ((ObjectNode) n.get("build")).put("buildspec", up));
        String line = refused(m);
        assertEquals("clearbox: manifest: " + m + ": 'build.buildspec' names a path outside the submission directory "
                + submissionDir() + " [path-traversal]", line);
        assertFalse(line.contains("SECRET"), line);
        Path absolute = manifest(n -> ((ObjectNode) n.get("build")).put("buildspec", secret.toString()));
        assertEquals("clearbox: manifest: " + absolute + ": 'build.buildspec' names a path outside the submission directory "
                + submissionDir() + " [path-traversal]", refused(absolute));
    }

    @Test
    void aBuildspecThatIsASymbolicLinkOutOfTheSubmissionIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(submissionDir().resolve("vendor-" + (++cases) + ".buildspec"), secretOutside());
        Path m = manifest(n -> ((ObjectNode) n.get("build")).put("buildspec", link.getFileName().toString()));
        String line = refused(m);
        assertEquals("clearbox: manifest: " + m + ": 'build.buildspec' leads out of the submission directory "
                + submissionDir() + " through a symbolic link [symlink-escape]", line);
        assertFalse(line.contains("SECRET"), line);
    }

    @Test
    void aBuildspecErrorNamesTheLineButNotItsText() throws Exception {
        Path spec = Files.writeString(submissionDir().resolve("bad-" + (++cases) + ".buildspec"),
                "tool=mvn\nSECRET-LINE is not an assignment\n");
        Path m = manifest(n -> {
            ObjectNode b = (ObjectNode) n.get("build");
            b.remove("command");
            b.remove("jdk");
            b.put("buildspec", spec.getFileName().toString());
        });
        String line = refused(m);
        assertEquals("clearbox: rebuild: " + spec + ":2: not a variable assignment (a .buildspec is read as data, never run)", line);
    }

    private Path keyPair(String permissions) throws Exception {
        Path dir = tmp.resolve("keys-" + (++cases));
        assertEquals(0, CliRun.of("keygen", "--out", dir).exit());
        Path key = dir.resolve("clearbox-signing.pem");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        return key;
    }

    @Test
    void aWorldReadablePrivateKeyGetsAWarningAndTheAuditGoesOn() throws Exception {
        Path key = keyPair("rw-r--r--");
        Path wrongCommit = manifest(n -> ((ObjectNode) n.get("source")).put("commit", "0".repeat(40)));
        CliRun r = CliRun.of("audit", wrongCommit, "--workspace", tmp.resolve("ws-" + (++cases)), "--key", key, "-q");
        assertEquals(List.of("clearbox: warning: keys: " + key + ": private key is readable by group and others (rw-r--r--);"
                + " make it owner-only: chmod 600; --strict refuses it"),
                r.err().lines().filter(l -> l.startsWith("clearbox: warning: ")).toList());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.errorLines().get(0).startsWith("clearbox: checkout: "), "the audit went on past the key: " + r.err());
    }

    @Test
    void aWorldReadablePrivateKeyIsRefusedUnderStrict() throws Exception {
        Path key = keyPair("rw-r--r--");
        String line = refused(submission.manifest(), "--key", key, "--strict");
        assertEquals("clearbox: keys: " + key + ": private key is readable by group and others (rw-r--r--);"
                + " make it owner-only: chmod 600 [key-exposed]", line);
    }

    @Test
    void anOwnerOnlyPrivateKeyIsAcceptedUnderStrict() throws Exception {
        Path key = keyPair("rw-------");
        Path wrongCommit = manifest(n -> ((ObjectNode) n.get("source")).put("commit", "0".repeat(40)));
        String line = refused(wrongCommit, "--key", key, "--strict");
        assertTrue(line.startsWith("clearbox: checkout: "), "past the key check: " + line);
    }

    @Test
    void keygenRefusesANameThatLeavesTheOutDirectory() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("kg-names/a/b"));
        for (String name : List.of("../../escaped", "sub/escaped", "/tmp/clearbox-escaped-key", "..")) {
            CliRun r = CliRun.of("keygen", "--out", out, "--name", name);
            assertEquals(2, r.exit(), r.err());
            assertEquals(List.of("clearbox: keys: " + name + ": a key name must be a plain file name, without '/', '\\' or '..':"
                    + " the files go into --out"), r.errorLines());
        }
        try (Stream<Path> s = Files.walk(tmp.resolve("kg-names"))) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).toList(), "no key written anywhere");
        }
        assertFalse(Files.exists(Path.of("/tmp/clearbox-escaped-key.pem")));
    }
}
