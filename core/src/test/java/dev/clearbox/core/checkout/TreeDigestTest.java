package dev.clearbox.core.checkout;

import dev.clearbox.core.ProgressListener;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.clearbox.core.checkout.RawRepo.dir;
import static dev.clearbox.core.checkout.RawRepo.file;
import static dev.clearbox.core.checkout.RawRepo.gitlink;
import static dev.clearbox.core.checkout.RawRepo.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The tree digest: the one-liner documented in docs/checkout.md gives the value the Java code computes. */
class TreeDigestTest {
    @TempDir
    Path tmp;

    private Path product(String readme) throws IOException {
        ObjectId libCommit;
        try (RawRepo lib = RawRepo.create(tmp.resolve("lib.git"))) {
            libCommit = lib.commit(lib.tree(file("Lib.java", lib.blob("class Lib {}\n"))), "lib");
        }
        Path product = tmp.resolve("product.git");
        try (RawRepo raw = RawRepo.create(product)) {
            raw.commit(raw.tree(
                    file(".gitmodules", raw.blob("[submodule \"lib\"]\n\tpath = lib\n\turl = ../lib.git\n")),
                    file("README", raw.blob(readme)),
                    file("-starts-with-dash", raw.blob("")),
                    file("with space.txt", raw.blob("x y\n")),
                    file("crlf.txt", raw.blob("a\r\nb\r\n")),
                    file(".gitattributes", raw.blob("*.txt text eol=crlf\n")),
                    file("b", raw.blob("b\n")),
                    dir("a", raw.tree(file("z.txt", raw.blob("z\n")), dir("b", raw.tree(file("c", raw.blob("c\n")))))),
                    dir("a.b", raw.tree(file("x", raw.blob("x\n")))),
                    link("link", raw.blob("../outside")),
                    gitlink("lib", libCommit)), "product");
        }
        return product;
    }

    private CheckoutResult checkout(Path location, String ws) {
        return new Checkout().checkout(new CheckoutRequest(location.toString(), "main", null,
                tmp.resolve(ws + "/tree")), ProgressListener.NONE);
    }

    @Test
    void documentedShellLineGivesTheSameDigest() throws Exception {
        assumeTrue(onPath("sha256sum") && onPath("find") && onPath("xargs"), "needs GNU coreutils and findutils");
        CheckoutResult r = checkout(product("readme\n"), "ws");
        assertEquals(TreeDigest.RECIPE, r.treeDigest().recipe());
        assertEquals(12, r.treeDigest().files(), "every file, the submodule's included, .git left out");
        assertEquals("a\r\nb\r\n", Files.readString(r.tree().resolve("crlf.txt")), "blob bytes, no eol conversion");
        assertEquals(documentedLine(r.tree()), r.treeDigest().sha256());
    }

    @Test
    void digestFollowsContentAndNotTheRepositoryForm() throws Exception {
        Path product = product("readme\n");
        String fromPath = checkout(product, "ws1").treeDigest().sha256();
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.move(tmp.resolve("product.git"), other.resolve("product.git"));
        Files.move(tmp.resolve("lib.git"), other.resolve("lib.git"));
        assertEquals(fromPath, checkout(other.resolve("product.git"), "ws2").treeDigest().sha256(),
                "same content, same digest");
        for (String d : new String[]{"product.git", "lib.git"}) {
            try (var s = Files.walk(other.resolve(d))) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        assertNotEquals(fromPath, checkout(product("readme!\n"), "ws3").treeDigest().sha256(), "one byte changed");
    }

    /** Runs the line from docs/checkout.md in the tree. */
    private static String documentedLine(Path tree) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "checkout.md"), StandardCharsets.UTF_8);
        String line = doc.lines().filter(l -> l.startsWith("find . -name .git -prune")).findFirst().orElseThrow();
        Process p = new ProcessBuilder("bash", "-c", line).directory(tree.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
