package dev.clearbox.core.checkout;

import dev.clearbox.core.IntegrityException;
import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.Stage;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.BundleWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckoutTest {
    @TempDir
    Path tmp;

    Path origin;
    RevCommit first;
    RevCommit second;

    @BeforeEach
    void createRepository() throws Exception {
        origin = tmp.resolve("origin");
        try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
            Files.writeString(origin.resolve("A.java"), "class A {}\n");
            git.add().addFilepattern(".").call();
            first = git.commit().setMessage("first").setAuthor(ident()).setCommitter(ident()).setSign(false).call();
            Files.createDirectories(origin.resolve("src"));
            Files.writeString(origin.resolve("src/B.java"), "class B {}\n");
            git.add().addFilepattern(".").call();
            second = git.commit().setMessage("second\n\nbody").setAuthor(ident()).setCommitter(ident())
                    .setSign(false).call();
            git.tag().setName("v1.0").setAnnotated(true).setMessage("release").setTagger(ident())
                    .setSigned(false).setObjectId(second).call();
            git.tag().setName("v0.9").setAnnotated(false).setObjectId(first).call();
        }
    }

    private static PersonIdent ident() {
        return new PersonIdent("Vendor Build", "build@vendor.example", Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);
    }

    private CheckoutResult run(String location, String ref, String expected) {
        return new Checkout().checkout(new CheckoutRequest(location, ref, expected, tmp.resolve("ws/checkout")),
                ProgressListener.NONE);
    }

    @Test
    void checksOutAnnotatedTagFromLocalRepository() throws Exception {
        CheckoutResult r = run(origin.toString(), "v1.0", second.name());
        assertEquals(second.name(), r.commitId());
        assertEquals(second.getTree().name(), r.treeId());
        assertEquals("refs/tags/v1.0", r.resolvedRef());
        assertNotNull(r.tag());
        assertEquals("v1.0", r.tag().name());
        assertEquals("Vendor Build <build@vendor.example>", r.author());
        assertEquals(Instant.parse("2024-03-01T10:00:00Z").getEpochSecond(), r.commitTime());
        assertEquals("second", r.subject());
        assertEquals(2, r.fileCount());
        assertEquals("class B {}\n", Files.readString(r.tree().resolve("src/B.java")));
    }

    @Test
    void checksOutFromGitBundle() throws Exception {
        Path bundle = tmp.resolve("product.bundle");
        try (Repository repo = Git.open(origin.toFile()).getRepository(); OutputStream out = Files.newOutputStream(bundle)) {
            BundleWriter w = new BundleWriter(repo);
            w.include(repo.exactRef("refs/heads/main"));
            w.include(repo.exactRef("refs/tags/v1.0"));
            w.writeBundle(NullProgressMonitor.INSTANCE, out);
        }
        CheckoutResult r = run(bundle.toString(), "refs/tags/v1.0", second.name());
        assertEquals(second.name(), r.commitId());
        assertTrue(Files.isRegularFile(r.tree().resolve("A.java")));
    }

    @Test
    void lightweightTagAndBranchAndCommitIdResolve() {
        assertEquals(first.name(), run(origin.toString(), "v0.9", null).commitId());
        assertNull(new Checkout().checkout(new CheckoutRequest(origin.toString(), "main", null, tmp.resolve("b")),
                ProgressListener.NONE).tag());
        CheckoutResult byId = new Checkout().checkout(new CheckoutRequest(origin.toString(), first.name(), first.name(),
                tmp.resolve("c")), ProgressListener.NONE);
        assertEquals(first.name(), byId.commitId());
        assertFalse(Files.exists(byId.tree().resolve("src/B.java")), "the first commit has no src/B.java");
    }

    @Test
    void refusesRefThatResolvesToAnotherCommit() {
        IntegrityException e = assertThrows(IntegrityException.class, () -> run(origin.toString(), "v1.0", first.name()));
        assertEquals(Stage.CHECKOUT, e.stage());
        assertTrue(e.problem().contains("resolves to commit " + second.name()), e.oneLine());
        assertTrue(e.problem().contains("expects " + first.name()), e.oneLine());
    }

    @Test
    void refusesUnknownRef() {
        IntegrityException e = assertThrows(IntegrityException.class, () -> run(origin.toString(), "v9.9", null));
        assertEquals("ref 'v9.9' not found", e.problem());
    }

    @Test
    void missingAndMalformedRepositoriesAreOneLineErrors() throws Exception {
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> run(tmp.resolve("nope.bundle").toString(), "v1.0", null));
        assertEquals("no such file or directory", missing.problem());

        Path garbage = tmp.resolve("garbage.bundle");
        Files.write(garbage, new byte[]{'#', ' ', 'v', '2', ' ', 'g', 'i', 't', 0, 1, 2, 3});
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> run(garbage.toString(), "v1.0", null));
        assertEquals(garbage.toString(), bad.input());
        assertTrue(bad.problem().startsWith("not a readable git repository or bundle"), bad.oneLine());
        assertFalse(bad.oneLine().contains("\n"));
    }

    @Test
    void refusesNonEmptyDestination() throws Exception {
        Path dest = tmp.resolve("ws/checkout");
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("left-over"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(origin.toString(), "v1.0", null));
        assertTrue(e.problem().contains("not empty"));
    }
}
