package dev.clearbox.core.workspace;

import dev.clearbox.core.Stage;
import dev.clearbox.core.UnsafeInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The session's workspace: one directory per stage under a root. Everything a stage writes goes here,
 * and {@link #resolveInside} is the one place that decides whether a name taken from untrusted input
 * (an archive entry, a repository path) may become a file under a given directory.
 */
public final class Workspace {
    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    public static Workspace at(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create workspace " + abs, e);
        }
        return new Workspace(abs);
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves an untrusted relative name under {@code base}, refusing absolute paths, drive letters,
     * {@code ..} segments and anything whose normalised form leaves {@code base}.
     *
     * @param stage the stage asking (for the error)
     * @param input what the name came from, for example {@code update.zip!/../../etc/passwd}
     */
    public static Path resolveInside(Path base, String name, Stage stage, String input) {
        if (name == null || name.isEmpty()) {
            throw new UnsafeInputException(stage, input, "empty-name", "entry has an empty name");
        }
        if (name.indexOf('\0') >= 0) {
            throw new UnsafeInputException(stage, input, "nul-in-name", "entry name contains a NUL character");
        }
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            throw new UnsafeInputException(stage, input, "absolute-path", "entry has an absolute path");
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeInputException(stage, input, "path-traversal", "entry path contains '..'");
            }
        }
        Path normBase = base.toAbsolutePath().normalize();
        Path target = normBase.resolve(n).normalize();
        if (!target.startsWith(normBase) || target.equals(normBase)) {
            throw new UnsafeInputException(stage, input, "path-traversal", "entry would land outside " + normBase);
        }
        return target;
    }

    /**
     * Deletes a tree without following symbolic links (a link is removed, never its target). A missing
     * {@code root}, and files that disappear while it runs (a tool's lock file), are fine. With
     * {@code keepRoot} the directory itself stays, emptied.
     */
    public static void deleteTree(Path root, boolean keepRoot) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                if (!(keepRoot && dir.equals(root))) {
                    Files.deleteIfExists(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
