package dev.clearbox.cli;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.signing.ssh.SshSignerFactory;
import org.eclipse.jgit.transport.BundleWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckoutCommandTest {
    @TempDir
    Path tmp;

    Path origin;
    RevCommit commit;

    @BeforeEach
    void createRepository() throws Exception {
        origin = tmp.resolve("origin");
        try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
            Files.writeString(origin.resolve("A.java"), "class A {}\n");
            Files.writeString(origin.resolve("model.bin"),
                    "version https://git-lfs.github.com/spec/v1\noid sha256:" + "ab".repeat(32) + "\nsize 42\n");
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("release").setAuthor(ident()).setCommitter(ident()).setSign(false).call();
        }
    }

    private static PersonIdent ident() {
        return new PersonIdent("Vendor Build", "build@vendor.example", Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);
    }

    @Test
    void printsSignatureDigestAndLfsPointers() {
        CliRun run = CliRun.of("checkout", origin, "--ref", "main", "--commit", commit.name(), "--out", tmp.resolve("out"), "-q");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("commit sig UNSIGNED (no signature)"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("digest     clearbox-dirhash-v1 [0-9a-f]{64} \\(2 files\\)")),
                run.out());
        assertTrue(run.out().contains("lfs        model.bin sha256:" + "ab".repeat(32) + " (42 bytes, content not in the repository)"),
                run.out());
    }

    @Test
    void badSignatureExitsWithOne() throws Exception {
        try (Repository repo = Git.open(origin.toFile()).getRepository(); ObjectInserter ins = repo.newObjectInserter()) {
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(commit.getTree());
            c.setAuthor(ident());
            c.setCommitter(ident());
            c.setMessage("forged\n");
            c.setGpgSignature(new GpgSignature("-----BEGIN PGP SIGNATURE-----\n\nnot a signature\n-----END PGP SIGNATURE-----\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ObjectId id = ins.insert(c);
            ins.flush();
            RefUpdate u = repo.updateRef("refs/heads/forged");
            u.setNewObjectId(id);
            u.update();
        }
        CliRun run = CliRun.of("checkout", origin, "--ref", "forged", "--out", tmp.resolve("out"), "-q");
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().contains("commit sig BAD (unreadable OpenPGP signature"), run.out());
    }

    @Test
    void sshSignatureIsCheckedAgainstTheAllowedSignersFile() throws Exception {
        KeyPair key = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        Path priv = Files.createDirectories(tmp.resolve("keys")).resolve("build");
        try (var out = Files.newOutputStream(priv)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "build", null, out);
        }
        Path pub = Files.writeString(tmp.resolve("keys/build.pub"), PublicKeyEntry.toString(key.getPublic()) + " build\n");
        try (Git git = Git.open(origin.toFile())) {
            Files.writeString(origin.resolve("B.java"), "class B {}\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("ssh signed").setAuthor(ident()).setCommitter(ident())
                    .setSign(true).setSigner(new SshSignerFactory().create()).setSigningKey(pub.toString()).call();
        }
        String fingerprint = KeyUtils.getFingerPrint(key.getPublic());
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"),
                "build@vendor.example namespaces=\"git\" " + PublicKeyEntry.toString(key.getPublic()) + "\n");

        CliRun good = CliRun.of("checkout", origin, "--ref", "main", "--allowed-signers", allowed, "--out", tmp.resolve("out"), "-q");
        assertEquals(0, good.exit(), good.err());
        assertTrue(good.out().contains("commit sig GOOD by build@vendor.example key " + fingerprint + " (good signature)"),
                good.out());

        CliRun unknown = CliRun.of("checkout", origin, "--ref", "main", "--out", tmp.resolve("out2"), "-q");
        assertEquals(0, unknown.exit(), unknown.err());
        assertTrue(unknown.out().contains("commit sig UNKNOWN_KEY key " + fingerprint
                + " (no allowed-signers file given: the signature cannot be checked)"), unknown.out());

        Path malformed = Files.writeString(tmp.resolve("bad_allowed_signers"), PublicKeyEntry.toString(key.getPublic()) + "\n");
        CliRun bad = CliRun.of("checkout", origin, "--ref", "main", "--allowed-signers", malformed, "--out", tmp.resolve("out3"), "-q");
        assertEquals(2, bad.exit(), bad.err());
        assertEquals(1, bad.errorLines().size(), bad.err());
        assertTrue(bad.errorLines().get(0).startsWith("clearbox: checkout: " + malformed
                + ": not a valid allowed-signers file: line 1: "), bad.err());
        assertFalse(Files.exists(tmp.resolve("out3")), "nothing left behind");
    }

    @Test
    void helpTeachesTheAllowedSignersFile() {
        CliRun help = CliRun.of("checkout", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--allowed-signers=FILE"), help.out());
        assertTrue(help.out().contains("release@vendor.example namespaces=\"git\" ssh-ed25519 "), help.out());
    }

    @Test
    void missingKeyringAndTooLargeBlobAreOneLineErrors() {
        CliRun noKeys = CliRun.of("checkout", origin, "--ref", "main", "--out", tmp.resolve("out"),
                "--keyring", tmp.resolve("absent.asc"), "-q");
        assertEquals(2, noKeys.exit());
        assertEquals(List.of("clearbox: checkout: " + tmp.resolve("absent.asc") + ": keyring not found"), noKeys.errorLines());

        CliRun big = CliRun.of("checkout", origin, "--ref", "main", "--out", tmp.resolve("out2"), "--max-blob-bytes", "20", "-q");
        assertEquals(2, big.exit());
        assertEquals(1, big.errorLines().size(), big.err());
        assertTrue(big.errorLines().get(0).endsWith("[blob-too-large]"), big.err());
        assertFalse(Files.exists(tmp.resolve("out2")), "nothing left behind");
    }

    @Test
    void treeNestedTooDeepIsOneLineAndExitTwo() throws Exception {
        Path bundle = tmp.resolve("deep.bundle");
        try (Repository repo = new InMemoryRepository(new DfsRepositoryDescription("deep"))) {
            try (ObjectInserter ins = repo.newObjectInserter()) {
                TreeFormatter leaf = new TreeFormatter();
                leaf.append("x.txt", FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, "x\n".getBytes(StandardCharsets.UTF_8)));
                ObjectId tree = ins.insert(leaf);
                for (int i = 0; i < 10_000; i++) {
                    TreeFormatter t = new TreeFormatter();
                    t.append("d", FileMode.TREE, tree);
                    tree = ins.insert(t);
                }
                CommitBuilder c = new CommitBuilder();
                c.setTreeId(tree);
                c.setAuthor(ident());
                c.setCommitter(ident());
                c.setMessage("deep\n");
                ObjectId id = ins.insert(c);
                ins.flush();
                RefUpdate u = repo.updateRef("refs/heads/main");
                u.setNewObjectId(id);
                u.update();
            }
            try (var out = Files.newOutputStream(bundle)) {
                BundleWriter w = new BundleWriter(repo);
                w.include(repo.exactRef("refs/heads/main"));
                w.writeBundle(NullProgressMonitor.INSTANCE, out);
            }
        }
        CliRun run = CliRun.of("checkout", bundle, "--ref", "main", "--out", tmp.resolve("out"), "-q");
        assertEquals(2, run.exit(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("clearbox: checkout: " + bundle + "!/d/d/d/"), run.err());
        assertTrue(run.err().strip().endsWith(": directory nested 257 levels deep, over the limit of 256 [tree-too-deep]"),
                run.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing left behind");

        CliRun shallow = CliRun.of("checkout", bundle, "--ref", "main", "--out", tmp.resolve("out2"), "-q",
                "--max-tree-depth", "3");
        assertEquals(2, shallow.exit(), shallow.err());
        assertEquals(List.of("clearbox: checkout: " + bundle + "!/d/d/d/d: directory nested 4 levels deep, over the"
                + " limit of 3 [tree-too-deep]"), shallow.err().lines().toList());
    }
}
