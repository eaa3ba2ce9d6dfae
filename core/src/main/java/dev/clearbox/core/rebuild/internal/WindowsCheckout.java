package dev.clearbox.core.rebuild.internal;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a build copy that has a {@code .git} look like upstream's checkout on Windows, the way git itself makes it:
 * {@code core.autocrlf=true} and {@code core.filemode=false} in the copy's repository, then every tracked file
 * written again from the index by JGit, which applies the CRLF conversion as git for Windows would (respecting
 * {@code .gitattributes}: {@code binary}, {@code -text}, {@code eol=lf}...) and records the new sizes and times
 * in the index, so that {@code git status} in the copy is clean. Tracked files lose their exec bits (a Windows
 * checkout has none), except the file the build command runs ({@code ./mvnw}), so that the build can start.
 * Untracked files (there are none in a checked clean tree) and {@code .git} are left alone.
 */
public final class WindowsCheckout {
    private static final Set<PosixFilePermission> EXEC = EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private WindowsCheckout() {
    }

    /**
     * @param rewritten    tracked files written again by git's conversion
     * @param execCleared  tracked files whose exec bits were removed
     * @param keptExec     the command's file, left executable, or empty
     * @param notClean     what {@code git status} (JGit, after the conversion) still shows as changed: empty when clean
     */
    public record Result(int rewritten, int execCleared, String keptExec, List<String> notClean) {
        public Result {
            notClean = List.copyOf(notClean);
        }
    }

    /** True when {@code tree} has a git repository of its own (a directory {@code .git}). */
    public static boolean applies(Path tree) {
        return Files.isDirectory(tree.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * @param tree    the build copy
     * @param command the build command (its first word, when it names a file of the tree, stays executable)
     */
    public static Result apply(Path tree, List<String> command) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(tree.resolve(".git").toFile()).setWorkTree(tree.toFile())
                .setMustExist(true).build(); Git git = new Git(repo)) {
            StoredConfig config = repo.getConfig();
            config.setBoolean("core", null, "autocrlf", true);
            config.setBoolean("core", null, "filemode", false);
            config.save();
            List<Path> files = new ArrayList<>();
            DirCache index = repo.readDirCache();
            for (int i = 0; i < index.getEntryCount(); i++) {
                DirCacheEntry e = index.getEntry(i);
                if (e.getStage() != 0) {
                    continue;
                }
                FileMode mode = e.getFileMode();
                if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    Path f = tree.resolve(e.getPathString()).normalize();
                    if (f.startsWith(tree) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(f);
                        files.add(f);
                    }
                }
            }
            git.checkout().setAllPaths(true).call();
            String first = command.isEmpty() ? "" : command.get(0);
            Path commandFile = first.contains("/") && !first.startsWith("/") ? tree.resolve(first).normalize() : null;
            int cleared = 0;
            String kept = "";
            for (Path f : files) {
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS);
                if (f.equals(commandFile)) {
                    kept = tree.relativize(f).toString();
                    p.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE));
                    Files.setPosixFilePermissions(f, p);
                } else if (p.removeAll(EXEC)) {
                    Files.setPosixFilePermissions(f, p);
                    cleared++;
                }
            }
            var status = git.status().call();
            java.util.TreeSet<String> changed = new java.util.TreeSet<>();
            changed.addAll(status.getModified());
            changed.addAll(status.getChanged());
            changed.addAll(status.getMissing());
            return new Result(files.size(), cleared, kept, List.copyOf(changed));
        } catch (GitAPIException e) {
            throw new IOException("cannot check the build copy out with CRLF line endings: " + e.getMessage(), e);
        }
    }
}
