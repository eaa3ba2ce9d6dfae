package dev.clearbox.core.checkout.internal;

import dev.clearbox.core.Sha256;
import dev.clearbox.core.Stage;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.checkout.TreeDigest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@value TreeDigest#RECIPE} digest of a checked-out tree: sha256 over the lines
 * {@code "<sha256 of file>  <path>\n"} of every regular file, sorted by the path's UTF-8 bytes, paths relative
 * to the tree with '/' separators, every file or directory named {@code .git} left out. It is what
 * {@code find . -name .git -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 -r sha256sum -- | sha256sum}
 * prints (docs/checkout.md).
 */
public final class TreeDigests {
    private TreeDigests() {
    }

    public static TreeDigest compute(Path root, Stage stage, String location) {
        List<byte[]> paths = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && dir.getFileName().toString().equals(".git")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().equals(".git")) {
                        return FileVisitResult.CONTINUE;
                    }
                    String rel = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    if (attrs.isSymbolicLink()) { // the checkout never makes one; refuse rather than follow
                        throw new UnsafeInputException(stage, TreeScan.input(location, rel), "symlink-in-tree",
                                "a symbolic link appeared in the checked-out tree");
                    }
                    if (attrs.isRegularFile()) {
                        paths.add(rel.getBytes(StandardCharsets.UTF_8));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checked-out tree " + root, e);
        }
        paths.sort(Arrays::compareUnsigned);
        MessageDigest all = Sha256.newDigest();
        for (byte[] p : paths) {
            String rel = new String(p, StandardCharsets.UTF_8);
            String line = Sha256.hex(root.resolve(rel)) + "  " + rel + "\n";
            all.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return new TreeDigest(TreeDigest.RECIPE, HexFormat.of().formatHex(all.digest()), paths.size());
    }
}
