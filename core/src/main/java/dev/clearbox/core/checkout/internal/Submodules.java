package dev.clearbox.core.checkout.internal;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import dev.clearbox.core.UnsafeInputException;
import dev.clearbox.core.checkout.SubmoduleCheckout;
import dev.clearbox.core.checkout.SubmoduleCheckout.Status;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.BlobBasedConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Submodules: reads {@code .gitmodules} (refusing paths that leave the tree), and checks out each gitlink at
 * its recorded commit when the commit can be had without leaving the audit's sources: from the superproject's
 * own objects (a vendor may ship submodule history in the same bundle), or from the submodule's URL when it
 * is relative to the superproject's location (a repository delivered beside it). Anything else is
 * {@code NOT_FETCHED} with the reason; it is never an error.
 */
public final class Submodules {
    private static final int MAX_GITMODULES_BYTES = 1 << 20;

    /** A {@code .gitmodules} entry. */
    public record Declared(String name, String path, String url) {
    }

    private Submodules() {
    }

    /** The entries of the tree's {@code .gitmodules}, by path; empty when it has none. */
    public static Map<String, Declared> read(ObjectReader reader, RevTree tree, String prefix, String location,
                                             Stage stage) throws IOException {
        Map<String, Declared> byPath = new TreeMap<>();
        String input = TreeScan.input(location, prefix + Constants.DOT_GIT_MODULES);
        try (TreeWalk tw = TreeWalk.forPath(reader, Constants.DOT_GIT_MODULES, tree)) {
            if (tw == null || tw.getFileMode(0) != FileMode.REGULAR_FILE && tw.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
                return byPath;
            }
            byte[] bytes = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(MAX_GITMODULES_BYTES);
            BlobBasedConfig config = new BlobBasedConfig(null, bytes);
            for (String name : config.getSubsections("submodule")) {
                String path = config.getString("submodule", name, "path");
                String url = config.getString("submodule", name, "url");
                if (path == null) {
                    continue;
                }
                if (leavesTree(path)) {
                    throw new UnsafeInputException(stage, input, "submodule-path-escape",
                            "submodule '" + Problems.clean(name) + "' has path '" + Problems.clean(path)
                                    + "', which leaves the tree");
                }
                byPath.put(path, new Declared(name, path, url == null ? "" : url));
            }
        } catch (ConfigInvalidException e) {
            throw new InvalidInputException(stage, input, "not a valid .gitmodules file: " + Problems.oneLine(e), e);
        } catch (org.eclipse.jgit.errors.LargeObjectException e) {
            throw new UnsafeInputException(stage, input, "blob-too-large",
                    ".gitmodules is larger than " + MAX_GITMODULES_BYTES + " bytes");
        }
        return byPath;
    }

    static boolean leavesTree(String path) {
        String p = path.replace('\\', '/');
        if (p.isEmpty() || p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..") || segment.equalsIgnoreCase(".git")) {
                return true;
            }
        }
        return false;
    }

    /** Where a submodule's commit may be looked for, or why it is not looked for. */
    record Source(String location, String reason) {
    }

    /**
     * Resolves a submodule URL against the superproject's location. Relative URLs ({@code ./x}, {@code ../x}) are
     * followed; absolute ones are not (the audit is offline and only reads the sources it was given).
     */
    static Source source(String superLocation, String url) {
        if (url.isEmpty()) {
            return new Source(null, "no .gitmodules entry for this path");
        }
        if (!(url.startsWith("./") || url.startsWith("../"))) {
            return new Source(null, "URL " + Problems.clean(url) + " is not relative to the superproject's source;"
                    + " the audit does not fetch from elsewhere (ship the submodule's commits in the same bundle)");
        }
        boolean superIsUrl = superLocation.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
        if (superIsUrl) {
            String base = superLocation.endsWith("/") ? superLocation : superLocation + "/";
            return new Source(URI.create(base).resolve(url).normalize().toString(), null);
        }
        return new Source(Path.of(superLocation).toAbsolutePath().resolve(url).normalize().toString(), null);
    }

    /**
     * Checks out one gitlink; the caller has scanned nothing of it yet, so {@code scanner} runs before the write.
     * A fetch is held to {@code limits}; a pack they refuse is an {@link UnsafeInputException} naming the source
     * (as it is for the superproject), any other failure to fetch makes the submodule {@code NOT_FETCHED}.
     */
    public static SubmoduleCheckout checkout(Repository superRepo, String superLocation, Path workTree, Path gitDir,
                                             TreeScan.Gitlink link, Declared declared, FetchLimits limits,
                                             Stage stage, Scanner scanner)
            throws IOException, GitAPIException {
        String url = declared == null ? "" : declared.url();
        ObjectId commitId = ObjectId.fromString(link.commit());
        boolean inSuperproject = superRepo.getObjectDatabase().has(commitId);
        String source = superLocation;
        if (!inSuperproject) {
            Source s = source(superLocation, url);
            if (s.location() == null) {
                return notFetched(link, url, s.reason());
            }
            source = s.location();
            boolean local = !source.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
            if (local && !Files.exists(Path.of(source))) {
                return notFetched(link, url, "not found: " + Problems.clean(source));
            }
        }
        try (Git git = Repos.init(workTree, gitDir, limits)) {
            Repository repo = git.getRepository();
            if (inSuperproject) {
                Repos.borrowObjects(repo, superRepo);
            } else {
                try {
                    Repos.fetch(git, source, limits);
                } catch (GitAPIException | RuntimeException e) {
                    var refused = FetchFailures.refusal(e);
                    if (refused.isPresent()) {
                        throw new UnsafeInputException(stage, Problems.clean(source), refused.get().rule(),
                                refused.get().problem());
                    }
                    return notFetched(link, url, "cannot fetch " + Problems.clean(source) + ": " + Problems.oneLine(e));
                }
                if (!repo.getObjectDatabase().has(commitId)) {
                    return notFetched(link, url, "commit " + link.commit() + " not found in " + Problems.clean(source));
                }
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(commitId);
                scanner.scan(repo, commit);
                git.checkout().setName(commit.name()).setForced(true).call();
            }
            return new SubmoduleCheckout(link.path(), url, link.commit(), Status.CHECKED_OUT, Problems.clean(source), "");
        }
    }

    private static SubmoduleCheckout notFetched(TreeScan.Gitlink link, String url, String reason) {
        return new SubmoduleCheckout(link.path(), url, link.commit(), Status.NOT_FETCHED, "", reason);
    }

    /** Scans a submodule's commit before it is written (and collects what the scan found). */
    @FunctionalInterface
    public interface Scanner {
        void scan(Repository repo, RevCommit commit) throws IOException;
    }

    /** Sorted by path. */
    public static List<SubmoduleCheckout> sorted(List<SubmoduleCheckout> list) {
        return list.stream().sorted(java.util.Comparator.comparing(SubmoduleCheckout::path)).toList();
    }
}
