package dev.clearbox.core.checkout;

import dev.clearbox.core.ProgressListener;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.checkout.SubmoduleCheckout.Status;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.BundleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.clearbox.core.checkout.RawRepo.dir;
import static dev.clearbox.core.checkout.RawRepo.file;
import static dev.clearbox.core.checkout.RawRepo.gitlink;
import static dev.clearbox.core.checkout.RawRepo.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckoutSubmoduleTest {
    static final String LFS_OID = "sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";

    @TempDir
    Path tmp;

    private CheckoutResult checkout(Path location) {
        return new Checkout().checkout(new CheckoutRequest(location.toString(), "main", null,
                tmp.resolve("ws/checkout/tree")), ProgressListener.NONE);
    }

    @Test
    void submoduleBesideTheSuperprojectIsCheckedOutAndAbsoluteUrlsAreNotFetched() throws Exception {
        ObjectId libCommit;
        try (RawRepo lib = RawRepo.create(tmp.resolve("lib.git"))) {
            libCommit = lib.commit(lib.tree(file("Lib.java", lib.blob("class Lib {}\n")),
                    link("escape", lib.blob("../../../etc/hosts"))), "lib");
        }
        ObjectId elsewhere = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");
        Path product = tmp.resolve("product.git");
        try (RawRepo raw = RawRepo.create(product)) {
            raw.commit(raw.tree(
                    file(".gitmodules", raw.blob("""
                            [submodule "lib"]
                            \tpath = lib
                            \turl = ../lib.git
                            [submodule "vendored"]
                            \tpath = third_party/vendored
                            \turl = https://git.vendor.example/vendored.git
                            """)),
                    file("A.java", raw.blob("class A {}\n")),
                    gitlink("lib", libCommit),
                    dir("third_party", raw.tree(gitlink("vendored", elsewhere))),
                    gitlink("undeclared", elsewhere)), "product");
        }
        CheckoutResult r = checkout(product);
        assertEquals(List.of(
                new SubmoduleCheckout("lib", "../lib.git", libCommit.name(), Status.CHECKED_OUT,
                        tmp.resolve("lib.git").toString(), ""),
                new SubmoduleCheckout("third_party/vendored", "https://git.vendor.example/vendored.git",
                        elsewhere.name(), Status.NOT_FETCHED, "", "URL https://git.vendor.example/vendored.git is not"
                        + " relative to the superproject's source; the audit does not fetch from elsewhere"
                        + " (ship the submodule's commits in the same bundle)"),
                new SubmoduleCheckout("undeclared", "", elsewhere.name(), Status.NOT_FETCHED, "",
                        "no .gitmodules entry for this path")), r.submodules());
        assertEquals("class Lib {}\n", Files.readString(r.tree().resolve("lib/Lib.java")));
        assertTrue(Files.isDirectory(r.tree().resolve("third_party/vendored")));
        assertEquals(List.of(new SymlinkEntry("lib/escape", "../../../etc/hosts", true)), r.symlinks(),
                "the submodule's tree is scanned like the superproject's");
        assertFalse(Files.isSymbolicLink(r.tree().resolve("lib/escape")));
    }

    @Test
    void submoduleCommitShippedInTheSameBundleIsCheckedOutFromIt() throws Exception {
        Path product = tmp.resolve("product.git");
        Path bundle = tmp.resolve("product.bundle");
        ObjectId libCommit;
        try (RawRepo raw = RawRepo.create(product)) {
            libCommit = raw.commit(raw.tree(file("Lib.java", raw.blob("class Lib {}\n"))), "lib",
                    "refs/heads/lib-history");
            raw.commit(raw.tree(
                    file(".gitmodules", raw.blob("[submodule \"lib\"]\n\tpath = lib\n\turl = https://unreachable.example/lib.git\n")),
                    gitlink("lib", libCommit)), "product");
            try (OutputStream out = Files.newOutputStream(bundle)) {
                BundleWriter w = new BundleWriter(raw.repo);
                w.include(raw.repo.exactRef("refs/heads/main"));
                w.include(raw.repo.exactRef("refs/heads/lib-history"));
                w.writeBundle(NullProgressMonitor.INSTANCE, out);
            }
        }
        CheckoutResult r = checkout(bundle);
        assertEquals(1, r.submodules().size());
        SubmoduleCheckout s = r.submodules().get(0);
        assertEquals(Status.CHECKED_OUT, s.status(), s.reason());
        assertEquals(bundle.toString(), s.source());
        assertEquals("class Lib {}\n", Files.readString(r.tree().resolve("lib/Lib.java")));
    }

    @Test
    void hostilePathInsideASubmoduleIsRefusedWithItsFullPath() throws Exception {
        ObjectId libCommit;
        try (RawRepo lib = RawRepo.create(tmp.resolve("lib.git"))) {
            libCommit = lib.commit(lib.tree(dir("..", lib.tree(file("x", lib.blob("x\n"))))), "lib");
        }
        Path product = tmp.resolve("product.git");
        try (RawRepo raw = RawRepo.create(product)) {
            raw.commit(raw.tree(file(".gitmodules", raw.blob("[submodule \"lib\"]\n\tpath = vendor/lib\n\turl = ../lib.git\n")),
                    dir("vendor", raw.tree(gitlink("lib", libCommit)))), "product");
        }
        UnsafeInputException e = assertThrows(UnsafeInputException.class, () -> checkout(product));
        assertEquals("checkout: " + product + "!/vendor/lib/..: path contains '..' [path-traversal]", e.oneLine());
        assertFalse(Files.exists(tmp.resolve("ws/checkout/tree/vendor/x")));
        assertFalse(Files.exists(tmp.resolve("ws/checkout/x")));
    }

    @Test
    void lfsPointersAreListedWithOidAndSize() throws Exception {
        Path product = tmp.resolve("product.git");
        try (RawRepo raw = RawRepo.create(product)) {
            raw.commit(raw.tree(
                    file(".gitattributes", raw.blob("*.bin filter=lfs diff=lfs merge=lfs -text\n")),
                    dir("assets", raw.tree(file("model.bin", raw.blob(
                            "version https://git-lfs.github.com/spec/v1\noid " + LFS_OID + "\nsize 123456789\n")))),
                    file("notes.txt", raw.blob("version https://git-lfs.github.com/spec/v1 is mentioned here\n")),
                    file("README", raw.blob("version 2\n"))), "lfs");
        }
        CheckoutResult r = checkout(product);
        assertEquals(List.of(new LfsPointer("assets/model.bin", LFS_OID, 123456789)), r.lfsPointers(),
                "a file that only mentions the spec is not a pointer");
        assertTrue(Files.readString(r.tree().resolve("assets/model.bin")).startsWith("version "),
                "the pointer itself is checked out, as it is in the repository");
    }
}
