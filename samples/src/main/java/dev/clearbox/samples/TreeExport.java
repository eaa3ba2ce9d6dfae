package dev.clearbox.samples;

import dev.clearbox.core.Stage;
import dev.clearbox.core.StageFailedException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * Exports the tree of a ref from a git bundle into a directory, byte for byte: blobs are written as
 * stored, without line-ending or attribute filters, so the machine's git configuration cannot change
 * what gets built.
 */
final class TreeExport {

    private TreeExport() {
    }

    /** The exported tree and the commit it came from. */
    record Exported(Path tree, String commitId, Instant commitTime) {
    }

    /** Clones {@code bundle} into {@code cloneDir} (objects only) and writes the tree of {@code ref} to {@code treeDir}. */
    static Exported export(Path bundle, String ref, Path cloneDir, Path treeDir) {
        try (Git git = Git.cloneRepository()
                .setURI(bundle.toUri().toString())
                .setDirectory(cloneDir.toFile())
                .setBare(true)
                .call()) {
            git.fetch().setRefSpecs(new RefSpec("+refs/tags/*:refs/tags/*")).call();
            Repository repo = git.getRepository();
            ObjectId id = repo.resolve(ref + "^{commit}");
            if (id == null) {
                throw new StageFailedException(Stage.SAMPLE, bundle + "@" + ref, "the bundle has no such ref");
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(id);
                writeTree(repo, commit, treeDir);
                return new Exported(treeDir, commit.name(), Instant.ofEpochSecond(commit.getCommitTime()));
            }
        } catch (GitAPIException | IOException e) {
            throw new StageFailedException(Stage.SAMPLE, bundle + "@" + ref, "cannot export the tree: " + e.getMessage(), e);
        }
    }

    private static void writeTree(Repository repo, RevCommit commit, Path treeDir) throws IOException {
        Path root = treeDir.toAbsolutePath().normalize();
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                Path target = root.resolve(walk.getPathString()).normalize();
                if (!target.startsWith(root) || (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE)) {
                    throw new IOException("refusing to export " + walk.getPathString() + " (mode " + mode + ")");
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    repo.open(walk.getObjectId(0)).copyTo(out);
                }
                if (mode == FileMode.EXECUTABLE_FILE) {
                    PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class);
                    if (posix != null) {
                        posix.setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }
}
