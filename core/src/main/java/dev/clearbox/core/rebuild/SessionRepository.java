package dev.clearbox.core.rebuild;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.workspace.Workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The Maven dependency cache of one rebuild: a local repository inside the rebuild's directory
 * ({@code WORK/repository}), made empty for every rebuild, never the auditor's {@code ~/.m2/repository}. Maven gets it
 * as {@code -Dmaven.repo.local=../repository} (relative to the run's tree, {@code WORK/tree…}, so that the command as
 * recorded names no directory of the auditor's machine; Maven makes it absolute when it starts), and inside the sandbox it is also the private home's {@code ~/.m2/repository}, so a
 * Maven started any other way (a shell command, a nested build) uses it too. The fetch run may write it; build runs
 * only read it.
 *
 * <p>For an offline audit room it can be <em>seeded</em> from a prepared repository: the seed is copied into it
 * (directories and regular files; symbolic links are left out and counted). The seed itself is never shown to the
 * build, so no build can change the auditor's prepared cache: a copy, not hard links (a build may change a file's
 * mode and contents through a link to the same inode) nor a bind of the seed (an unsandboxed build would write it).
 *
 * @param path         the session repository
 * @param seed         the prepared repository it was seeded from, or null
 * @param files        regular files copied from the seed
 * @param bytes        their size
 * @param skippedLinks symbolic links of the seed that were not copied
 * @param millis       how long seeding took
 */
public record SessionRepository(Path path, Path seed, long files, long bytes, long skippedLinks, long millis) {
    /** The session repository's directory name inside the rebuild's directory. */
    public static final String DIR = "repository";
    /** How a build run, started in its tree {@code WORK/tree…}, names the session repository. */
    public static final String FROM_TREE = "../" + DIR;
    private static final Stage STAGE = Stage.REBUILD;

    /** Whether it was seeded. */
    public boolean seeded() {
        return seed != null;
    }

    /**
     * Makes {@code work/repository} empty and, with a seed, copies the seed into it.
     *
     * @throws InvalidInputException the seed is not a directory, or it contains or lies inside the session repository
     */
    public static SessionRepository prepare(Path work, Path seed) throws IOException {
        Path repo = work.resolve(DIR).toAbsolutePath().normalize();
        Path from = null;
        if (seed != null) {
            if (!Files.isDirectory(seed)) {
                throw new InvalidInputException(STAGE, seed.toString(), "the seed repository is not a directory");
            }
            from = seed.toRealPath();
            Path workReal = Files.createDirectories(work).toRealPath();
            if (workReal.resolve(DIR).startsWith(from) || from.startsWith(workReal.resolve(DIR))) {
                throw new InvalidInputException(STAGE, seed.toString(), "the seed repository must lie outside the rebuild's "
                        + "session repository " + repo + " (which is emptied for every rebuild), and not contain it");
            }
        }
        Workspace.deleteTree(repo, false);
        Files.createDirectories(repo);
        if (from == null) {
            return new SessionRepository(repo, null, 0, 0, 0, 0);
        }
        long start = System.nanoTime();
        long[] counts = new long[3];
        Path source = from;
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(repo.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, repo.resolve(source.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
                    counts[0]++;
                    counts[1] += attrs.size();
                } else {
                    counts[2]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new SessionRepository(repo, seed.toAbsolutePath().normalize(), counts[0], counts[1], counts[2],
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * What the record says: which repository the build used, and whether and from where it was seeded; nothing that
     * varies between two rebuilds of the same inputs (the workspace is named by {@code shown}, no time).
     *
     * @param shown how the record names the session repository ({@code rebuild/repository}, relative to the workspace)
     */
    public RebuildNote note(String shown) {
        String what = "the build's Maven repository (maven.repo.local) is the session's own, " + shown
                + (seeded() ? ", seeded from " + seed + " (" + files + " files, " + bytes + " bytes copied"
                + (skippedLinks == 0 ? "" : ", " + skippedLinks + " symbolic links left out") + "; the seed itself is not visible to the build)"
                : ", not seeded (it started empty)")
                + "; the auditor's ~/.m2/repository is not used";
        return new RebuildNote(RebuildNote.Kind.DEPENDENCIES, what);
    }
}
