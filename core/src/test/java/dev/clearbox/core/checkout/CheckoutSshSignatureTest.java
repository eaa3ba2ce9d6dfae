package dev.clearbox.core.checkout;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;
import dev.clearbox.core.checkout.SignatureCheck.Status;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** SSH signatures on tags and commits, made with JGit's own SSH signer, checked against an allowed-signers file. */
class CheckoutSshSignatureTest {
    @TempDir
    static Path keys;

    static SshTestKey build;     // Ed25519: signs the commits
    static SshTestKey release;   // ECDSA P-256: signs the release tag
    static SshTestKey stranger;  // Ed25519, in no allowed-signers file

    @TempDir
    Path tmp;

    Path origin;
    RevCommit signed;

    @BeforeAll
    static void generateKeys() throws Exception {
        build = SshTestKey.generate("ssh-ed25519", 256, keys, "build");
        release = SshTestKey.generate("ecdsa-sha2-nistp256", 256, keys, "release");
        stranger = SshTestKey.generate("ssh-ed25519", 256, keys, "stranger");
    }

    @BeforeEach
    void createRepository() throws Exception {
        origin = tmp.resolve("origin");
        try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
            Files.writeString(origin.resolve("A.java"), "class A {}\n");
            git.add().addFilepattern(".").call();
            signed = git.commit().setMessage("signed release").setAuthor(ident()).setCommitter(ident())
                    .setSign(true).setSigner(SshTestKey.signer()).setSigningKey(build.signingKey()).call();
            git.tag().setName("v1.0").setAnnotated(true).setMessage("release 1.0").setTagger(ident())
                    .setSigned(true).setSigner(SshTestKey.signer()).setSigningKey(release.signingKey())
                    .setObjectId(signed).call();
            git.tag().setName("v1.0-stranger").setAnnotated(true).setMessage("release").setTagger(ident())
                    .setSigned(true).setSigner(SshTestKey.signer()).setSigningKey(stranger.signingKey())
                    .setObjectId(signed).call();
        }
    }

    private static PersonIdent ident() {
        return new PersonIdent("Vendor Build", "build@vendor.example", Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);
    }

    private Path allowed(String... lines) throws Exception {
        return Files.write(tmp.resolve("allowed_signers-" + System.nanoTime()), List.of(lines), StandardCharsets.UTF_8);
    }

    private Path vendorSigners() throws Exception {
        return allowed("# the vendor's release keys",
                "build@vendor.example " + build.publicKeyText(),
                "release@vendor.example,releases@vendor.example namespaces=\"git\" " + release.publicKeyText());
    }

    private CheckoutResult run(String ref, Path allowedSigners) {
        return new Checkout().checkout(new CheckoutRequest(origin.toString(), ref, null,
                tmp.resolve("ws-" + ref.replace('/', '_') + "-" + System.nanoTime() + "/tree")).withAllowedSigners(allowedSigners),
                ProgressListener.NONE);
    }

    @Test
    void goodTagAndCommitNameThePrincipalAndTheKeyFingerprint() throws Exception {
        CheckoutResult r = run("v1.0", vendorSigners());
        SignatureCheck tag = r.tagSignature();
        assertEquals(Status.GOOD, tag.status(), tag.detail());
        assertEquals("ssh", tag.format());
        assertEquals("release@vendor.example,releases@vendor.example", tag.signer());
        assertTrue(release.fingerprint().startsWith("SHA256:"), release.fingerprint());
        assertEquals(release.fingerprint(), tag.fingerprint());
        assertEquals(release.fingerprint(), tag.keyId());
        assertEquals("good signature", tag.detail());
        SignatureCheck commit = r.commitSignature();
        assertEquals(Status.GOOD, commit.status(), commit.detail());
        assertEquals("build@vendor.example", commit.signer());
        assertEquals(build.fingerprint(), commit.fingerprint());
    }

    @Test
    void tamperedCommitAndTagAreBad() throws Exception {
        ObjectId tamperedCommit;
        try (Repository repo = Git.open(origin.toFile()).getRepository(); ObjectInserter ins = repo.newObjectInserter();
             RevWalk walk = new RevWalk(repo)) {
            String text = new String(walk.parseCommit(signed).getRawBuffer(), StandardCharsets.UTF_8);
            assertTrue(text.contains("gpgsig -----BEGIN SSH SIGNATURE-----"), text);
            tamperedCommit = ins.insert(Constants.OBJ_COMMIT,
                    text.replace("signed release", "signed rElease").getBytes(StandardCharsets.UTF_8));
            String tagText = new String(walk.parseTag(repo.exactRef("refs/tags/v1.0").getObjectId()).getRawBuffer(),
                    StandardCharsets.UTF_8);
            ObjectId tamperedTag = ins.insert(Constants.OBJ_TAG,
                    tagText.replace("release 1.0", "release 1.1").getBytes(StandardCharsets.UTF_8));
            ins.flush();
            point(repo, "refs/heads/tampered", tamperedCommit);
            point(repo, "refs/tags/v1.1", tamperedTag);
        }
        CheckoutResult commit = run("tampered", vendorSigners());
        assertEquals(tamperedCommit.name(), commit.commitId());
        assertEquals(Status.BAD, commit.commitSignature().status());
        assertEquals("signature does not match the signed content", commit.commitSignature().detail());
        assertEquals(build.fingerprint(), commit.commitSignature().fingerprint(), "the key is named even so");
        assertEquals("", commit.commitSignature().signer());
        CheckoutResult tag = run("v1.1", vendorSigners());
        assertEquals(Status.BAD, tag.tagSignature().status());
        assertEquals(Status.GOOD, tag.commitSignature().status(), "the commit itself is untouched");
        CheckoutResult withoutFile = run("tampered", null);
        assertEquals(Status.BAD, withoutFile.commitSignature().status(), "tampering shows without an allowed-signers file too");
    }

    @Test
    void keyOutsideTheAllowedSignersFileIsUnknownKey() throws Exception {
        CheckoutResult r = run("v1.0-stranger", vendorSigners());
        assertEquals(Status.UNKNOWN_KEY, r.tagSignature().status());
        assertEquals("", r.tagSignature().signer());
        assertEquals(stranger.fingerprint(), r.tagSignature().keyId());
        assertEquals("key " + stranger.fingerprint() + " is not in the allowed-signers file", r.tagSignature().detail());
        assertEquals(Status.GOOD, r.commitSignature().status(), "the commit itself is signed by the vendor");
    }

    @Test
    void withoutAllowedSignersFileSignedObjectsAreUnknownKey() {
        CheckoutResult r = run("v1.0", null);
        assertEquals(Status.UNKNOWN_KEY, r.tagSignature().status());
        assertEquals(release.fingerprint(), r.tagSignature().fingerprint());
        assertEquals("no allowed-signers file given: the signature cannot be checked", r.tagSignature().detail());
        assertEquals(Status.UNKNOWN_KEY, r.commitSignature().status());
    }

    @Test
    void keyAllowedOnlyForAnotherNamespaceIsUnknownKey() throws Exception {
        // The signature itself is fine; the auditor's file lets this key sign files, not git objects.
        Path restricted = allowed("build@vendor.example namespaces=\"file\" " + build.publicKeyText());
        SignatureCheck c = run("main", restricted).commitSignature();
        assertEquals(Status.UNKNOWN_KEY, c.status(), c.detail());
        assertEquals("key " + build.fingerprint() + " is in the allowed-signers file, but not for git objects"
                + " (its namespaces= does not include \"git\")", c.detail());
        Path both = allowed("build@vendor.example namespaces=\"file,git\" " + build.publicKeyText());
        assertEquals(Status.GOOD, run("main", both).commitSignature().status());
    }

    @Test
    void validityWindowIsJudgedAtTheCommitterDate() throws Exception {
        // The commit says 2024-03-01. JGit reads several options only when spaces separate them (see the next test).
        Path inWindow = allowed("build@vendor.example valid-after=\"20240101Z\" valid-before=\"20250101Z\" "
                + build.publicKeyText());
        assertEquals(Status.GOOD, run("main", inWindow).commitSignature().status());
        Path expired = allowed("build@vendor.example valid-before=\"20240201Z\" " + build.publicKeyText());
        SignatureCheck c = run("main", expired).commitSignature();
        assertEquals(Status.UNKNOWN_KEY, c.status(), c.detail());
        assertEquals("key " + build.fingerprint() + " is in the allowed-signers file, but not at the object's date"
                + " (its valid-after/valid-before)", c.detail());
        Path notYet = allowed("build@vendor.example valid-after=\"20240401Z\" " + build.publicKeyText());
        assertEquals(Status.UNKNOWN_KEY, run("main", notYet).commitSignature().status());
    }

    @Test
    void commaSeparatedOptionsAreRefusedWithAHint() throws Exception {
        // OpenSSH separates options with commas; JGit 7.8.1 does not read that form. Refused, not misread.
        Path comma = allowed("build@vendor.example namespaces=\"git\",valid-after=\"20240101Z\" " + build.publicKeyText());
        String problem = refused(comma).problem();
        assertTrue(problem.startsWith("not a valid allowed-signers file: line 1: "), problem);
        assertTrue(problem.endsWith("JGit 7.8 reads options separated by spaces, not by the commas OpenSSH writes,"
                + " so put at most one option on a line, or separate options with spaces"), problem);
    }

    @Test
    void garbageAndTruncatedSignaturesAreBadOnOneLine() throws Exception {
        String realSignature = new String(signed.getRawGpgSignature(), StandardCharsets.US_ASCII);
        String body = realSignature.replace("-----BEGIN SSH SIGNATURE-----\n", "").replace("-----END SSH SIGNATURE-----\n", "");
        List<String> forged = List.of(
                "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQ==\n-----END SSH SIGNATURE-----\n",   // magic and version only
                "-----BEGIN SSH SIGNATURE-----\n!!not base64!!\n-----END SSH SIGNATURE-----\n",
                "-----BEGIN SSH SIGNATURE-----\n" + body.substring(0, body.length() / 2) + "\n-----END SSH SIGNATURE-----\n",
                "-----BEGIN SSH SIGNATURE-----\nAAAAAAAAAAAA\n-----END SSH SIGNATURE-----\n",       // no magic
                "-----BEGIN SSH SIGNATURE-----\n");
        int i = 0;
        for (String sig : forged) {
            String ref = "forged-" + (i++);
            commitWithSignature(ref, sig.getBytes(StandardCharsets.US_ASCII));
            SignatureCheck c = run(ref, vendorSigners()).commitSignature();
            assertEquals(Status.BAD, c.status(), ref + ": " + c.detail());
            assertEquals("ssh", c.format());
            assertFalse(c.detail().isBlank(), ref);
            assertFalse(c.detail().contains("\n"), ref + ": " + c.detail());
        }
    }

    @Test
    void signatureMadeBySshKeygenIsGoodAndOneInAnotherNamespaceIsBad() throws Exception {
        assumeTrue(sshKeygenAvailable(), "ssh-keygen is not installed");
        ObjectId good = commitSignedBySshKeygen("keygen-git", "git");
        ObjectId otherNamespace = commitSignedBySshKeygen("keygen-file", "file");
        assertNotEquals(good, otherNamespace);
        SignatureCheck g = run("keygen-git", vendorSigners()).commitSignature();
        assertEquals(Status.GOOD, g.status(), "git's own signing tool, read by JGit: " + g.detail());
        assertEquals("build@vendor.example", g.signer());
        // A signature in another namespace (say, for a file) must not pass for a git object: JGit refuses it
        // before looking at the key, so it is BAD whatever the allowed-signers file says.
        SignatureCheck f = run("keygen-file", vendorSigners()).commitSignature();
        assertEquals(Status.BAD, f.status(), f.detail());
        assertEquals("invalid SSH signature: Namespace of SSH signature should be 'git' but is 'file'",
                f.detail());
        assertEquals(build.fingerprint(), f.fingerprint());
    }

    @Test
    void malformedAllowedSignersFileIsOneLineErrorBeforeAnythingIsWritten() throws Exception {
        Path noKey = allowed("build@vendor.example");
        InvalidInputException e = refused(noKey);
        assertEquals(Stage.CHECKOUT, e.stage());
        assertEquals(noKey.toString(), e.input());
        assertEquals("not a valid allowed-signers file: line 1: Invalid line format", e.problem());
        assertFalse(e.oneLine().contains("\n"), e.oneLine());

        Path keyFirst = allowed("# comment", build.publicKeyText());
        // JGit takes the key type for the principals, and then finds no key
        String keyFirstProblem = refused(keyFirst).problem();
        assertTrue(keyFirstProblem.startsWith("not a valid allowed-signers file: line 2: Cannot parse public key"),
                "a line must start with the principals: " + keyFirstProblem);
        assertFalse(keyFirstProblem.contains(build.publicKeyText().split(" ")[1].substring(0, 20)), "the key text is not repeated");
        Path badDate = allowed("build@vendor.example valid-before=\"tomorrow\" " + build.publicKeyText());
        assertEquals("not a valid allowed-signers file: line 1: a valid-before or valid-after date could not be parsed",
                refused(badDate).problem());

        assertEquals("allowed-signers file not found", refused(tmp.resolve("absent")).problem());
        assertEquals("allowed-signers file not found", refused(Files.createDirectories(tmp.resolve("a-directory"))).problem());
        assertTrue(refused(allowed("# only a comment", "")).problem().startsWith("no signers in the allowed-signers file"));
        Path notUtf8 = Files.write(tmp.resolve("latin1"), new byte[] {'b', (byte) 0xe9, ' ', 's', 's', 'h', '\n'});
        assertTrue(refused(notUtf8).problem().startsWith("cannot read the allowed-signers file: "), refused(notUtf8).problem());
    }

    private InvalidInputException refused(Path allowedSigners) {
        Path ws = tmp.resolve("ws-refused");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Checkout().checkout(
                new CheckoutRequest(origin.toString(), "v1.0", null, ws.resolve("tree")).withAllowedSigners(allowedSigners),
                ProgressListener.NONE));
        assertTrue(Files.notExists(ws), "nothing written");
        return e;
    }

    private ObjectId commitWithSignature(String branch, byte[] signature) throws Exception {
        try (Repository repo = Git.open(origin.toFile()).getRepository(); ObjectInserter ins = repo.newObjectInserter()) {
            CommitBuilder c = unsignedCommit(branch);
            c.setGpgSignature(new GpgSignature(signature));
            ObjectId id = ins.insert(c);
            ins.flush();
            point(repo, "refs/heads/" + branch, id);
            return id;
        }
    }

    private CommitBuilder unsignedCommit(String message) {
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(signed.getTree());
        c.setParentId(signed);
        c.setAuthor(ident());
        c.setCommitter(ident());
        c.setMessage(message + "\n");
        return c;
    }

    private ObjectId commitSignedBySshKeygen(String branch, String namespace) throws Exception {
        Path payload = Files.write(tmp.resolve(branch + ".payload"), unsignedCommit(branch).build());
        Process p = new ProcessBuilder("ssh-keygen", "-Y", "sign", "-f", build.privateKey.toString(), "-n", namespace,
                payload.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve(branch + ".log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ssh-keygen finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(branch + ".log")));
        return commitWithSignature(branch, Files.readAllBytes(Path.of(payload + ".sig")));
    }

    private static boolean sshKeygenAvailable() {
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-?").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    private static void point(Repository repo, String ref, ObjectId id) throws Exception {
        RefUpdate u = repo.updateRef(ref);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        RefUpdate.Result result = u.update();
        assertTrue(result == RefUpdate.Result.NEW || result == RefUpdate.Result.FORCED, result.toString());
    }
}
