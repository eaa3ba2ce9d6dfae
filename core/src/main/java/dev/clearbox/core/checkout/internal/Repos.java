package dev.clearbox.core.checkout.internal;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.SubmoduleConfig.FetchRecurseSubmodulesMode;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/** Fresh repositories in the workspace whose settings the vendor and the auditor's own git config cannot change. */
public final class Repos {
    /**
     * Highest-precedence attributes: no end-of-line conversion, no filters, no ident expansion, so every checked-out
     * file holds exactly its blob's bytes, whatever the repository's own .gitattributes say.
     */
    static final String INFO_ATTRIBUTES = "* -text -eol -filter -ident -working-tree-encoding\n";

    private Repos() {
    }

    /**
     * Creates a repository with its work tree at {@code workTree} and its git directory at {@code gitDir} (or
     * {@code workTree/.git}), whose fetches are held to {@code limits} ({@link GuardedRepository}). Closing the
     * returned {@code Git} closes the repository.
     */
    public static Git init(Path workTree, Path gitDir, FetchLimits limits) throws GitAPIException, IOException {
        var init = Git.init().setDirectory(workTree.toFile()).setInitialBranch("clearbox-audit");
        if (gitDir != null) {
            init.setGitDir(gitDir.toFile());
        }
        File dir;
        try (Git created = init.call()) {
            neutralise(created.getRepository());
            dir = created.getRepository().getDirectory();
        }
        Repository repo = new GuardedRepository(
                new FileRepositoryBuilder().setGitDir(dir).setWorkTree(workTree.toFile()).setup(), limits);
        return new Git(repo, true);
    }

    /** The user's and the system's git settings, and the vendor's attributes, must not change what is checked out. */
    private static void neutralise(Repository repo) throws IOException {
        StoredConfig config = repo.getConfig();
        config.setString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, "false");
        config.setString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_EOL, "lf");
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_FILEMODE, true);
        // Symbolic links are checked out as plain files holding the target text: nothing can follow one out.
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_SYMLINKS, false);
        config.save();
        Path info = repo.getDirectory().toPath().resolve("info");
        Files.createDirectories(info);
        Files.writeString(info.resolve("attributes"), INFO_ATTRIBUTES, StandardCharsets.UTF_8);
    }

    /** Lets {@code repo} read the objects of {@code other} (git's alternates). */
    public static void borrowObjects(Repository repo, Repository other) throws IOException {
        Path alternates = repo.getDirectory().toPath().resolve("objects/info/alternates");
        Files.createDirectories(alternates.getParent());
        File objects = new File(other.getDirectory(), "objects").getAbsoluteFile();
        Files.writeString(alternates, objects.getPath() + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Fetches every branch (to refs/remotes/origin/*) and tag of {@code location}. Objects are checked, but
     * bad names in trees are let through: the tree scan refuses them with the path and a rule id, and only
     * for the commit that is checked out. A URL source must accept the connection, and then send each next
     * bytes, within the limits' timeout (JGit's connect and read timeouts, in whole seconds); the sizes the packs
     * declare were held to the limits the repository was made with ({@link #init}).
     */
    public static void fetch(Git git, String location, FetchLimits limits) throws GitAPIException {
        git.fetch()
                .setRemote(location)
                .setTimeout(limits.timeoutSeconds())
                .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"),
                        new RefSpec("+refs/tags/*:refs/tags/*"))
                .setTagOpt(TagOpt.NO_TAGS)
                .setRecurseSubmodules(FetchRecurseSubmodulesMode.NO)
                .setCheckFetchedObjects(false)
                .setTransportConfigCallback(transport -> transport.setObjectChecker(checker()))
                .call();
    }

    private static ObjectChecker checker() {
        return new ObjectChecker().setIgnore(EnumSet.of(
                ObjectChecker.ErrorType.EMPTY_NAME,
                ObjectChecker.ErrorType.FULL_PATHNAME,
                ObjectChecker.ErrorType.HAS_DOT,
                ObjectChecker.ErrorType.HAS_DOTDOT,
                ObjectChecker.ErrorType.HAS_DOTGIT,
                ObjectChecker.ErrorType.BAD_UTF8,
                ObjectChecker.ErrorType.GITMODULES_NAME,
                ObjectChecker.ErrorType.GITMODULES_PATH,
                ObjectChecker.ErrorType.GITMODULES_URL));
    }
}
