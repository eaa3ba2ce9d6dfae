package dev.clearbox.analyzers.source.internal;

import dev.clearbox.analyzers.source.SourceCoverage.FileProblem;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds the {@code .java} files under a source root, in sorted order, without following links. */
public final class SourceFiles {
    /** Directory names never descended into. */
    public static final Set<String> SKIPPED_DIRECTORIES = Set.of("build", "target", ".git");
    /** Larger files are listed as problems instead of parsed (vendor input is untrusted). */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private SourceFiles() {
    }

    /** The files to parse, sorted by their '/'-separated path; problems found on the way go to {@code problems}. */
    public static List<Path> list(Path root, List<FileProblem> problems) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!file.getFileName().toString().endsWith(".java")) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    problems.add(new FileProblem(relative(root, file), "symbolic link, not followed"));
                } else if (!attrs.isRegularFile()) {
                    problems.add(new FileProblem(relative(root, file), "not a regular file"));
                } else if (attrs.size() > MAX_FILE_BYTES) {
                    problems.add(new FileProblem(relative(root, file),
                            "larger than " + MAX_FILE_BYTES + " bytes, not parsed"));
                } else {
                    out.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                problems.add(new FileProblem(relative(root, file), "cannot read: " + e.getClass().getSimpleName()));
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort((a, b) -> relative(root, a).compareTo(relative(root, b)));
        return out;
    }

    /** {@code file} relative to {@code root}, '/'-separated. */
    public static String relative(Path root, Path file) {
        String rel = root.relativize(file).toString();
        return rel.replace(file.getFileSystem().getSeparator(), "/");
    }
}
