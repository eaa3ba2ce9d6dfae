package dev.clearbox.core.rebuild;

import dev.clearbox.core.InvalidInputException;
import dev.clearbox.core.Stage;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that a source tree is what a recipe says it builds: a git work tree whose HEAD is the commit of the
 * recipe's tag, with no uncommitted change and no untracked file. A tree that is not can only build something
 * else, so it is refused with one line saying what is wrong and how to fix it.
 */
public final class RecipeCheckout {
    private static final Stage STAGE = Stage.REBUILD;

    /**
     * The commit a tree is at.
     *
     * @param commit     its id
     * @param commitTime its committer time, seconds since the epoch (SOURCE_DATE_EPOCH)
     */
    public record Commit(String commit, long commitTime) {
    }

    private RecipeCheckout() {
    }

    /** The HEAD commit of a git work tree, or empty when {@code tree} has no {@code .git}. */
    public static Optional<Commit> head(Path tree) {
        if (!Files.exists(tree.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (Repository repo = open(tree); RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                throw new InvalidInputException(STAGE, tree.toString(), "the git repository has no HEAD commit");
            }
            RevCommit c = walk.parseCommit(head);
            return Optional.of(new Commit(head.name(), c.getCommitTime()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException ie) {
                throw ie;
            }
            throw new InvalidInputException(STAGE, tree.toString(), "not a readable git repository: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a tree that is not a clean checkout of {@code tag}'s commit.
     *
     * @param what where the tag comes from, for the message ({@code the .buildspec's gitTag})
     * @return the commit
     */
    public static Commit requireAtTag(Path tree, String tag, String what) {
        Optional<Commit> head = head(tree);
        if (head.isEmpty()) {
            throw new InvalidInputException(STAGE, tree.toString(), "not a git work tree, so it cannot be checked against "
                    + what + " " + tag + "; clone the repository, or give --no-tag-check for a tree without history (a source-release archive)");
        }
        try (Repository repo = open(tree); Git git = new Git(repo)) {
            ObjectId tagged = repo.resolve(Constants.R_TAGS + tag + "^{commit}");
            if (tagged == null) {
                throw new InvalidInputException(STAGE, tree.toString(), "the repository has no tag " + tag + " (" + what
                        + "); fetch it (git fetch origin tag " + tag + ") and check it out");
            }
            if (!tagged.name().equals(head.get().commit())) {
                throw new InvalidInputException(STAGE, tree.toString(), "HEAD is commit " + head.get().commit()
                        + ", but tag " + tag + " (" + what + ") is commit " + tagged.name() + "; check out the tag (git checkout " + tag + ")");
            }
            Status status = git.status().call();
            Set<String> changed = new TreeSet<>();
            for (Set<String> s : List.of(status.getModified(), status.getChanged(), status.getAdded(), status.getRemoved(),
                    status.getMissing(), status.getConflicting(), status.getUntracked())) {
                changed.addAll(s);
            }
            if (!changed.isEmpty()) {
                List<String> first = new ArrayList<>(changed).subList(0, Math.min(3, changed.size()));
                throw new InvalidInputException(STAGE, tree.toString(), "the work tree differs from tag " + tag + ": "
                        + changed.size() + " changed or untracked file" + (changed.size() == 1 ? "" : "s") + " ("
                        + String.join(", ", first) + (changed.size() > 3 ? ", ..." : "") + "); build from a clean checkout of the tag");
            }
            return head.get();
        } catch (IOException | GitAPIException | RuntimeException e) {
            if (e instanceof InvalidInputException ie) {
                throw ie;
            }
            throw new InvalidInputException(STAGE, tree.toString(), "not a readable git repository: " + e.getMessage(), e);
        }
    }

    private static Repository open(Path tree) throws IOException {
        return new FileRepositoryBuilder().setWorkTree(tree.toFile()).setMustExist(true).build();
    }
}
