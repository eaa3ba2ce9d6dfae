package dev.clearbox.core.checkout;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.checkout.SignatureCheck.Status;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckoutSignatureTest {
    static PgpTestKey vendor;
    static PgpTestKey stranger;

    @TempDir
    Path tmp;

    Path origin;
    Path keyring;
    RevCommit signed;

    @BeforeAll
    static void keys() throws Exception {
        vendor = PgpTestKey.generate("Vendor Release <release@vendor.example>");
        stranger = PgpTestKey.generate("Someone Else <else@elsewhere.example>");
    }

    @BeforeEach
    void createRepository() throws Exception {
        origin = tmp.resolve("origin");
        keyring = vendor.writeKeyring(tmp.resolve("vendor.asc"), true);
        try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
            Files.writeString(origin.resolve("A.java"), "class A {}\n");
            git.add().addFilepattern(".").call();
            signed = git.commit().setMessage("signed release").setAuthor(ident()).setCommitter(ident())
                    .setSign(true).setSigner(vendor.signer()).setSigningKey(vendor.keyId()).call();
            git.tag().setName("v1.0").setAnnotated(true).setMessage("release 1.0").setTagger(ident())
                    .setSigned(true).setSigner(vendor.signer()).setSigningKey(vendor.keyId()).setObjectId(signed).call();
            git.tag().setName("v1.0-unsigned").setAnnotated(true).setMessage("release").setTagger(ident())
                    .setSigned(false).setObjectId(signed).call();
            git.tag().setName("v1.0-stranger").setAnnotated(true).setMessage("release").setTagger(ident())
                    .setSigned(true).setSigner(stranger.signer()).setSigningKey(stranger.keyId()).setObjectId(signed).call();
        }
    }

    private static PersonIdent ident() {
        return new PersonIdent("Vendor Build", "build@vendor.example", Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);
    }

    private CheckoutResult run(String ref, Path keys) {
        return new Checkout().checkout(new CheckoutRequest(origin.toString(), ref, null,
                tmp.resolve("ws-" + ref.replace('/', '_') + "/tree"), keys, CheckoutRequest.DEFAULT_MAX_BLOB_BYTES),
                ProgressListener.NONE);
    }

    @Test
    void goodTagAndCommitSignaturesNameSignerAndKey() {
        CheckoutResult r = run("v1.0", keyring);
        assertEquals(Status.GOOD, r.tagSignature().status(), r.tagSignature().detail());
        assertEquals("openpgp", r.tagSignature().format());
        assertEquals("Vendor Release <release@vendor.example>", r.tagSignature().signer());
        assertEquals(vendor.keyId(), r.tagSignature().keyId());
        assertTrue(r.tagSignature().fingerprint().endsWith(vendor.keyId()), r.tagSignature().fingerprint());
        assertEquals(Status.GOOD, r.commitSignature().status(), r.commitSignature().detail());
        assertEquals(vendor.keyId(), r.commitSignature().keyId());
    }

    @Test
    void binaryKeyringWithSeveralKeysWorksToo() throws Exception {
        Path binary = stranger.writeKeyring(tmp.resolve("both.gpg"), false, vendor);
        CheckoutResult r = run("v1.0-stranger", binary);
        assertEquals(Status.GOOD, r.tagSignature().status(), r.tagSignature().detail());
        assertEquals("Someone Else <else@elsewhere.example>", r.tagSignature().signer());
    }

    @Test
    void keyOutsideTheKeyringIsUnknownKey() {
        CheckoutResult r = run("v1.0-stranger", keyring);
        assertEquals(Status.UNKNOWN_KEY, r.tagSignature().status());
        assertEquals(stranger.keyId(), r.tagSignature().keyId());
        assertEquals("", r.tagSignature().signer());
        assertEquals("key " + stranger.keyId() + " is not in the keyring", r.tagSignature().detail());
        assertEquals(Status.GOOD, r.commitSignature().status(), "the commit itself is signed by the vendor");
    }

    @Test
    void withoutKeyringSignedObjectsAreUnknownKey() {
        CheckoutResult r = run("v1.0", null);
        assertEquals(Status.UNKNOWN_KEY, r.tagSignature().status());
        assertEquals(vendor.keyId(), r.tagSignature().keyId());
        assertEquals("no keyring given: the signature cannot be checked", r.tagSignature().detail());
    }

    @Test
    void unsignedTagAndCommitAreUnsigned() throws Exception {
        try (Git git = Git.open(origin.toFile())) {
            Files.writeString(origin.resolve("B.java"), "class B {}\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("unsigned").setAuthor(ident()).setCommitter(ident()).setSign(false).call();
        }
        CheckoutResult tag = run("v1.0-unsigned", keyring);
        assertEquals(Status.UNSIGNED, tag.tagSignature().status());
        CheckoutResult branch = run("main", keyring);
        assertNull(branch.tagSignature(), "a branch has no tag");
        assertEquals(Status.UNSIGNED, branch.commitSignature().status());
        assertEquals("", branch.commitSignature().format());
    }

    @Test
    void tamperedCommitAndTagAreBad() throws Exception {
        ObjectId tamperedCommit;
        try (Repository repo = Git.open(origin.toFile()).getRepository(); ObjectInserter ins = repo.newObjectInserter();
             RevWalk walk = new RevWalk(repo)) {
            byte[] raw = walk.parseCommit(signed).getRawBuffer();
            String text = new String(raw, StandardCharsets.UTF_8);
            assertTrue(text.contains("gpgsig -----BEGIN PGP SIGNATURE-----"), text);
            tamperedCommit = ins.insert(Constants.OBJ_COMMIT,
                    text.replace("signed release", "signed rElease").getBytes(StandardCharsets.UTF_8));
            byte[] tagRaw = walk.parseTag(repo.exactRef("refs/tags/v1.0").getObjectId()).getRawBuffer();
            String tagText = new String(tagRaw, StandardCharsets.UTF_8).replace("release 1.0", "release 1.1");
            ObjectId tamperedTag = ins.insert(Constants.OBJ_TAG, tagText.getBytes(StandardCharsets.UTF_8));
            ins.flush();
            point(repo, "refs/heads/tampered", tamperedCommit);
            point(repo, "refs/tags/v1.1", tamperedTag);
        }
        CheckoutResult commit = run("tampered", keyring);
        assertEquals(tamperedCommit.name(), commit.commitId());
        assertEquals(Status.BAD, commit.commitSignature().status());
        assertEquals("signature does not match the signed content", commit.commitSignature().detail());
        assertEquals("Vendor Release <release@vendor.example>", commit.commitSignature().signer());
        CheckoutResult tag = run("v1.1", keyring);
        assertEquals(Status.BAD, tag.tagSignature().status());
        assertEquals(Status.GOOD, tag.commitSignature().status());
    }

    @Test
    void badKeyringIsOneLineErrorBeforeAnythingIsWritten() throws Exception {
        Path notKeys = Files.writeString(tmp.resolve("keys.asc"), "this is not a keyring\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run("v1.0", notKeys));
        assertEquals(notKeys.toString(), e.input());
        assertTrue(e.problem().startsWith("not an OpenPGP public keyring"), e.oneLine());
        assertTrue(!e.oneLine().contains("\n"));
        assertTrue(Files.notExists(tmp.resolve("ws-v1.0")), "nothing written");
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> run("v1.0", tmp.resolve("absent.asc")));
        assertEquals("keyring not found", missing.problem());
    }

    private static void point(Repository repo, String ref, ObjectId id) throws Exception {
        RefUpdate u = repo.updateRef(ref);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        RefUpdate.Result result = u.update();
        assertTrue(result == RefUpdate.Result.NEW || result == RefUpdate.Result.FORCED, result.toString());
    }
}
